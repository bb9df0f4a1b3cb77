//! OCR invariance: extracting from the scan_sim.py OCR of a clean document (corpus/ocr/<profile>/,
//! same file name as in corpus/clean/) gives the same amounts — the multiset of (value_sek,
//! qualifier) — and the same deadline dates as extracting from the clean document.
//!
//! Prints the share of records that agree, per scan profile, and what differs where they do not:
//! `cargo test --release --test ocr_invariance -- --nocapture`. Fails when a profile falls below
//! its floor, set a little under the measured rate so that regressions show.

use kansli::ingest;
use kansli::pipeline::process;
use kansli::record::Record;
use kansli::repair::Repairer;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// (profile, lowest acceptable share of agreeing records).
const FLOORS: [(&str, f64); 3] = [("light", 0.90), ("poor", 0.90), ("swe", 0.75)];

/// What must survive the OCR: amounts as (value, qualifier) and deadline dates, each sorted.
type Signature = (Vec<(i64, Option<String>)>, Vec<Option<String>>);

fn signature(record: &Record) -> Signature {
    let mut amounts: Vec<_> = record
        .amounts
        .iter()
        .map(|a| (a.value_sek, a.qualifier.clone()))
        .collect();
    let mut dates: Vec<_> = record.deadlines.iter().map(|d| d.date.clone()).collect();
    amounts.sort();
    dates.sort();
    (amounts, dates)
}

fn extract(path: &Path, repairer: &Repairer) -> Signature {
    let doc = ingest::read_path(path, ingest::DEFAULT_MAX_BYTES).unwrap();
    signature(&process(doc, repairer))
}

#[test]
fn ocr_invariance() {
    let repairer = Repairer::default();
    let mut names: Vec<PathBuf> = std::fs::read_dir("corpus/clean")
        .expect("run from the repository root")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let clean: Vec<Signature> = names.par_iter().map(|p| extract(p, &repairer)).collect();
    let mut failures = Vec::new();
    println!("| profile | records agreeing | rate |\n| --- | --- | --- |");
    for (profile, floor) in FLOORS {
        let differing: Vec<(String, &Signature, Signature)> = names
            .par_iter()
            .zip(&clean)
            .filter_map(|(path, want)| {
                let name = path.file_name().unwrap();
                let got = extract(&Path::new("corpus/ocr").join(profile).join(name), &repairer);
                (got != *want).then(|| (name.to_string_lossy().into_owned(), want, got))
            })
            .collect();
        let agreeing = names.len() - differing.len();
        let rate = agreeing as f64 / names.len() as f64;
        println!(
            "| {profile} | {agreeing}/{} | {:.1} % |",
            names.len(),
            100.0 * rate
        );
        for (name, want, got) in &differing {
            eprintln!("  {profile} {name}:\n    clean {want:?}\n    ocr   {got:?}");
        }
        if rate < floor {
            failures.push(format!(
                "{profile}: {:.1} % < {:.0} %",
                100.0 * rate,
                100.0 * floor
            ));
        }
    }
    assert!(failures.is_empty(), "agreement below floor: {failures:?}");
}
