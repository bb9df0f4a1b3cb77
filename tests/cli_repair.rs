//! `kansli repair` against golden files: the repaired text of an excerpt of seed 003 is its hand
//! transcription (fixtures/truth/) line for line, but for "engangsvis", which repair lists for
//! review rather than changing (engångsvis is too rare a word to be sure); the edits were checked
//! one by one against the transcription.

use std::process::Command;

const EXCERPT: &str = "fixtures/excerpts/003_decision_prose.txt";

fn kansli(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_kansli"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn golden(name: &str) -> String {
    std::fs::read_to_string(format!("tests/golden/{name}")).unwrap()
}

#[test]
fn repair_prints_the_repaired_text_line_for_line() {
    let repaired = kansli(&["repair", EXCERPT]);
    assert_eq!(repaired, golden("003_decision_prose.repaired.txt"));
    let original = std::fs::read_to_string(EXCERPT).unwrap();
    assert_eq!(repaired.lines().count(), original.lines().count());
}

#[test]
fn repair_edits_lists_every_change() {
    assert_eq!(
        kansli(&["repair", "--edits", EXCERPT]),
        golden("003_decision_prose.edits.jsonl")
    );
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let out = Command::new(env!("CARGO_BIN_EXE_kansli"))
        .args(["repair", "no/such/file.txt"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no/such/file.txt"), "{stderr}");
}
