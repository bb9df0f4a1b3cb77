//! The five seeds end to end against hand-checked golden records (tests/golden/seed_NNN_extract.json):
//! title, ministry, published, amounts, deadlines, people, agencies and assignments.
//!
//! Golden keys ending in `_contains` hold a phrase the extracted text must contain (or null: the
//! field must be null); every other key must match exactly. Amounts and deadlines must also point
//! at their `text` in the original document.

use kansli::ingest;
use kansli::pipeline::process;
use kansli::record::Record;
use kansli::repair::Repairer;
use serde_json::{json, Value};

struct Seed {
    record: Record,
    original: String,
    golden: Value,
}

fn seed(number: &str) -> Seed {
    let golden_path = format!("tests/golden/seed_{number}_extract.json");
    let golden: Value =
        serde_json::from_str(&std::fs::read_to_string(&golden_path).unwrap()).unwrap();
    let path = golden["seed"].as_str().unwrap().to_string();
    let doc = ingest::read_path(path.as_ref(), ingest::DEFAULT_MAX_BYTES).unwrap();
    Seed {
        original: doc.text.clone(),
        record: process(doc, &Repairer::default()),
        golden,
    }
}

/// Checks a `*_contains` golden value against an extracted text.
fn contains(got: &Value, want: &Value, context: &str) {
    match want.as_str() {
        Some(phrase) => assert!(
            got.as_str().is_some_and(|g| g.contains(phrase)),
            "{context}: {got} does not contain {phrase:?}"
        ),
        None => assert!(got.is_null(), "{context}: expected null, got {got}"),
    }
}

/// Compares one list of the record with its golden list, key by key.
fn compare_list(record: &Value, golden: &Value, key: &str) {
    let got = record[key].as_array().unwrap();
    let want = golden[key].as_array().unwrap();
    let summary = |items: &[Value]| -> Vec<String> {
        items
            .iter()
            .map(|i| {
                i.get("text")
                    .or(i.get("name"))
                    .or(i.get("who"))
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(
        summary(got),
        summary(want),
        "{key}: the items differ (got vs golden)"
    );
    for (n, (g, w)) in got.iter().zip(want).enumerate() {
        for (field, expected) in w.as_object().unwrap() {
            let context = format!("{key}[{n}].{field}");
            match field.strip_suffix("_contains") {
                Some(real) => contains(&g[real], expected, &context),
                None => assert_eq!(&g[field], expected, "{context}"),
            }
        }
    }
}

/// Processes seed `number` and checks it against its golden record.
fn check(number: &str) -> Seed {
    let s = seed(number);
    let record = serde_json::to_value(&s.record).unwrap();
    for key in ["title", "ministry", "published"] {
        assert_eq!(record[key], s.golden[key], "{key}");
    }
    for key in ["amounts", "deadlines", "people", "agencies", "assignments"] {
        compare_list(&record, &s.golden, key);
    }
    // Offsets point into the original: at an amount or deadline, its text as printed.
    for a in &s.record.amounts {
        assert_eq!(s.original[a.start..a.end], a.text, "amount at {}", a.start);
    }
    for d in &s.record.deadlines {
        assert_eq!(
            s.original[d.start..d.end],
            d.text,
            "deadline at {}",
            d.start
        );
    }
    s
}

/// Seed 000 also pins the JSON shape of the new keys.
#[test]
fn seed_000_press_release_with_contact() {
    let s = check("000");
    let record = serde_json::to_value(&s.record).unwrap();
    let amount_keys: Vec<&str> = record["amounts"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        amount_keys,
        vec![
            "text",
            "value_sek",
            "upper_sek",
            "qualifier",
            "recipient",
            "year",
            "purpose",
            "start",
            "end"
        ]
    );
    assert_eq!(
        record["people"][1]["phones"][1],
        json!({"label": "Mobil", "number": "073-065 16 12"})
    );
    let person = &s.record.people[1];
    assert_eq!(s.original[person.start..person.end], person.name);
}

#[test]
fn seed_001_ten_amounts() {
    assert_eq!(check("001").record.amounts.len(), 10);
}

#[test]
fn seed_002_untitled_press_release() {
    check("002");
}

/// Seed 003 is OCR. Fields that depend on the repair stage restoring words (not on extraction):
/// the title ("for", "halso-", "sjukvarden"), the signatory "Martina Bergström" ("Bergstrom") and
/// the agency "Statsrådsberedningen" ("Statsridsberedningen"). They pass with today's repair; if a
/// repair change breaks them, the failure names that field.
#[test]
fn seed_003_decision_amounts_besides_the_table_and_an_inferred_year() {
    let s = check("003");
    // The 290 table rows stay in `allocations`.
    assert_eq!(s.record.allocations.len(), 290);
    assert_eq!(s.record.amounts.len(), 4);
    let deadline = &s.record.deadlines[0];
    assert_eq!(
        (deadline.date.as_deref(), deadline.year_inferred),
        (Some("2020-10-31"), true)
    );
}

#[test]
fn seed_004_two_deadlines_and_no_amount() {
    let s = check("004");
    assert!(s.record.amounts.is_empty());
    assert_eq!(s.record.deadlines.len(), 2);
}
