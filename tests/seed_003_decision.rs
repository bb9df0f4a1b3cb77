//! Seed 003, a real OCR'd government decision with a 290-row allocation table, end to end:
//! the decision's fields, every allocation row against the hand-checked golden table
//! (tests/golden/003_allocations.tsv, verified by tests/golden/verify_003_allocations.py), and the
//! reconciliation.

use kansli::ingest;
use kansli::pipeline::process;
use kansli::record::{Kind, Record};
use kansli::repair::Repairer;

const SEED: &str = "fixtures/seeds/003_3f744fcd4400da0f.txt";

fn record() -> Record {
    let doc = ingest::read_path(SEED.as_ref(), ingest::DEFAULT_MAX_BYTES).unwrap();
    process(doc, &Repairer::default())
}

#[test]
fn decision_fields_are_extracted() {
    let r = record();
    assert_eq!(r.kind, Kind::Decision);
    assert_eq!(r.source.encoding, "UTF-8");
    assert_eq!(r.source.bytes, 10175);
    let d = r.decision.expect("a decision");
    assert_eq!(d.diarienummer.as_deref(), Some("S2020/06722/FS"));
    assert_eq!(d.ministry.as_deref(), Some("Socialdepartementet"));
    assert_eq!(d.recipient.as_deref(), Some("Kammarkollegiet"));
    assert_eq!(d.total_sek, Some(30_000_000));
    let b = d.budget.expect("a budget");
    let area = b.utgiftsomrade.unwrap();
    assert_eq!(
        (area.number, area.name.as_deref()),
        (9, Some("Hälsovård, sjukvård och social omsorg"))
    );
    let anslag = b.anslag.unwrap();
    assert_eq!(
        (anslag.code.as_str(), anslag.name.as_deref()),
        ("1:6", Some("Bidrag till folkhälsa och sjukvård"))
    );
    let post = b.anslagspost.unwrap();
    assert_eq!(
        (post.number, post.name.as_deref()),
        (1, Some("Professionssatsningen"))
    );
    assert_eq!(b.budget_year, Some(2020));
    assert_eq!(d.payment_period.as_deref(), Some("2020-11"));
    assert_eq!(d.signatories, vec!["Lena Hallengren", "Martina Bergström"]);
    assert_eq!(
        d.copies_to,
        vec![
            "Statsrådsberedningen/SAM",
            "Finansdepartementet/BA, K",
            "Socialstyrelsen",
            "Sveriges Kommuner och Regioner"
        ]
    );
}

#[test]
fn every_row_matches_the_golden_table() {
    let r = record();
    let golden = std::fs::read_to_string("tests/golden/003_allocations.tsv").unwrap();
    let rows: Vec<Vec<&str>> = golden
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 290);
    assert_eq!(r.allocations.len(), 290);
    for (got, want) in r.allocations.iter().zip(&rows) {
        let context = format!("row {}", want[0]);
        assert_eq!(got.row.to_string(), want[0], "{context}");
        assert_eq!(got.name_ocr, want[1], "{context}");
        assert_eq!(got.name.as_deref(), Some(want[2]), "{context}");
        assert_eq!(got.municipality_code.as_deref(), Some(want[3]), "{context}");
        assert_eq!(got.county.as_deref(), Some(want[4]), "{context}");
        assert_eq!(
            got.amount_sek.map(|a| a.to_string()).as_deref(),
            Some(want[5]),
            "{context}"
        );
        assert_eq!(got.footnote.to_string(), want[6], "{context}");
    }
}

#[test]
fn the_table_reconciles() {
    let r = record();
    let rec = r.reconciliation.expect("a reconciliation");
    assert_eq!((rec.rows, rec.matched), (290, 290));
    assert!(rec.unmatched.is_empty() && rec.missing.is_empty() && rec.duplicates.is_empty());
    assert_eq!(rec.sum_sek, 30_000_000);
    assert_eq!(rec.stated_total_sek, Some(30_000_000));
    assert_eq!(rec.sum_matches, Some(true));
    assert_eq!(rec.minimum_sek, Some(35_000));
    assert!(rec.below_minimum.is_empty());
    assert!(rec.ok);
    assert_eq!(r.footnotes.len(), 1);
    assert_eq!(r.footnotes[0].mark, "*");
    assert_eq!(
        r.footnotes[0].text,
        "Uppgift om antalet personer som fått insatser inom den kommunala hälso- och sjukvården saknas för 2019. Istället har uppgift från 2018 använts."
    );
}

#[test]
fn offsets_point_into_the_original() {
    let r = record();
    let original = std::fs::read_to_string(SEED).unwrap();
    for a in &r.allocations {
        assert!(
            original[a.start..a.end].starts_with(&a.name_ocr),
            "row {}",
            a.row
        );
    }
    for e in &r.repairs {
        assert_eq!(original[e.start..e.end], e.old, "repair at {}", e.start);
    }
}
