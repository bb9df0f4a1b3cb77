//! The repair stage against its bars: seed 003 against its hand transcription, the words the
//! repair issue names, do-no-harm on clean text, and the properties (clean text unchanged,
//! repair idempotent) over the development corpus.

use kansli::metrics::error_counts;
use kansli::repair::{Reason, Repairer};
use proptest::prelude::*;
use std::sync::LazyLock;

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn files(dir: &str) -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths.iter().map(|p| read(p.to_str().unwrap())).collect()
}

static SEED: LazyLock<String> = LazyLock::new(|| read("fixtures/seeds/003_3f744fcd4400da0f.txt"));
static REPAIRED_SEED: LazyLock<String> =
    LazyLock::new(|| Repairer::default().repair(&SEED).text.text);

#[test]
fn seed_003_meets_the_error_rate_bars() {
    let truth = read("fixtures/truth/003_3f744fcd4400da0f.txt");
    let before = error_counts(&truth, &SEED);
    let after = error_counts(&truth, &REPAIRED_SEED);
    assert!(before.cer() > 0.03, "the fixture is the damaged OCR");
    assert!(after.cer() <= 0.0025, "CER {:.4}", after.cer());
    assert!(after.wer() <= 0.015, "WER {:.4}", after.wer());
}

#[test]
fn seed_003_keeps_its_lines() {
    assert_eq!(SEED.lines().count(), REPAIRED_SEED.lines().count());
}

#[test]
fn the_named_damage_in_seed_003_is_repaired() {
    let text = REPAIRED_SEED
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for phrase in [
        "stärka kommunernas",
        "Medlen ska användas",
        "hälso- och sjukvården",
        "Professionssatsningen för budgetåret 2020",
        "åtgärder för rehabilitering",
        "Kraven på personalens kompetens har ökat",
        "t.ex. om äldre",
        "även patienter",
        "En utmaning är att",
        "från utgiftsområde 9",
        "under november månad 2020",
        "utföras i den kommunalt",
        "Statsrådsberedningen/SAM",
        "Martina Bergström",
        "kompetensförsörj- ningsutmaningar",
        "Göteborg 960 934 kr",
        "Hammarö 66 922 kr",
        "Upplands Väsby 88 560 kr",
        "Värmdö* 87 372 kr",
        "Öckerö 58 746 kr",
        "Hudiksvall 103 122 kr",
        "Bjuv 71 129 kr",
        "Stockholm 1 168 969 kr",
    ] {
        assert!(text.contains(phrase), "missing: {phrase}");
    }
    for kept in [
        "Habo 54 941 kr",
        "Mark 99 921 kr",
        "Vara 64 905 kr",
        "Ale 84 465 kr",
        "Berg 50 652 kr",
        "S2020/06722/FS",
        "(SKR)",
        "bl.a.",
        "den 1 november 2019",
    ] {
        assert!(text.contains(kept), "damaged: {kept}");
    }
}

#[test]
fn every_edit_is_recorded_with_its_place_and_reason() {
    let repaired = Repairer::default().repair(&SEED);
    assert!(repaired.edits.len() > 150);
    for e in &repaired.edits {
        assert_eq!(SEED[e.start..e.end], e.old);
        assert_eq!(SEED[..e.start].matches('\n').count() + 1, e.line);
        assert!((0.0..=1.0).contains(&e.confidence));
    }
    let reason_of = |old: &str| {
        repaired
            .edits
            .iter()
            .find(|e| e.old == old)
            .map(|e| e.reason)
    };
    assert_eq!(reason_of("stirka"), Some(Reason::LostDiacritic));
    assert_eq!(reason_of("f6r"), Some(Reason::DigitForLetter));
    assert_eq!(reason_of("Goéteborg"), Some(Reason::RegisterName));
    assert_eq!(reason_of("71129"), Some(Reason::DigitGrouping));
}

#[test]
fn spurious_diacritics_of_a_swedish_ocr_model_are_removed() {
    let text = "Regeringen ger Kammarkollegiet i uppdrag att betala ut 30 miljoner krönor till \
                kommunerna inom den kommunält finansierade hälso- och sjukvården.";
    let repaired = Repairer::default().repair(text).text.text;
    assert!(repaired.contains("30 miljoner kronor"), "{repaired}");
    assert!(
        repaired.contains("den kommunalt finansierade"),
        "{repaired}"
    );
}

#[test]
fn words_run_together_at_a_function_word_are_parted() {
    let text = "Pengarna fördelas mellan kommuner ochlandsting efter antalet invånare.";
    let repaired = Repairer::default().repair(text);
    assert!(
        repaired.text.text.contains("kommuner och landsting"),
        "{}",
        repaired.text.text
    );
    assert_eq!(repaired.edits[0].reason, Reason::RunTogether);
}

#[test]
fn clean_text_is_not_harmed() {
    let repairer = Repairer::default();
    let (mut words, mut changed) = (0, 0);
    for doc in files("corpus/clean") {
        words += doc.split_whitespace().count();
        changed += repairer.repair(&doc).edits.len();
    }
    assert!(words > 5000);
    assert!(
        changed * 2000 <= words,
        "{changed} words changed in {words}"
    );
}

/// Words of the clean corpus, to build random clean texts from.
static CLEAN_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    files("corpus/clean")
        .iter()
        .flat_map(|d| d.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect()
});
static OCR_DOCS: LazyLock<Vec<String>> = LazyLock::new(|| {
    ["light", "poor", "swe"]
        .iter()
        .flat_map(|p| files(&format!("corpus/ocr/{p}")))
        .chain(std::iter::once(SEED.clone()))
        .collect()
});

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn repair_of_clean_text_changes_nothing(start in 0usize..5000, len in 20usize..300) {
        let words = &CLEAN_WORDS[start.min(CLEAN_WORDS.len() - 1)..];
        let text = words.iter().take(len).cloned().collect::<Vec<_>>().join(" ");
        let repaired = Repairer::default().repair(&text);
        prop_assert!(repaired.edits.is_empty(), "{:?}", repaired.edits);
    }

    #[test]
    fn repair_is_idempotent(doc in 0usize..73, from in 0.0f64..1.0, span in 0.1f64..1.0) {
        let doc = &OCR_DOCS[doc % OCR_DOCS.len()];
        let lines: Vec<&str> = doc.lines().collect();
        let a = (from * lines.len() as f64) as usize;
        let b = (a + (span * lines.len() as f64) as usize + 1).min(lines.len());
        let text = lines[a..b].join("\n");
        let once = Repairer::default().repair(&text).text.text;
        let twice = Repairer::default().repair(&once);
        prop_assert!(twice.edits.is_empty(), "second repair changed {:?}", twice.edits);
    }
}
