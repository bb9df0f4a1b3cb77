//! Measures the repair stage: character and word error rates before and after repair, side by side
//! with the spell-checker baselines, on seed 003 (against its hand transcription) and on the
//! development corpus (three scan profiles), plus how often repair changes clean text.
//!
//! Run from the repository root: `cargo run --release --example evaluate_repair`.

use kansli::metrics::{error_counts as errors, ErrorCounts};
use kansli::repair::Repairer;
use std::path::{Path, PathBuf};

fn rates(e: ErrorCounts) -> String {
    format!("CER {:.2} % WER {:.2} %", 100.0 * e.cer(), 100.0 * e.wer())
}

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// The paths in a directory, sorted.
fn listing(dir: impl AsRef<Path>) -> Vec<PathBuf> {
    let dir = dir.as_ref();
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    paths
}

fn main() {
    let repairer = Repairer::default();
    let seed = read(Path::new("fixtures/seeds/003_3f744fcd4400da0f.txt"))
        .expect("run from the repository root");
    let truth =
        read(Path::new("fixtures/truth/003_3f744fcd4400da0f.txt")).expect("seed 003 transcription");
    let repaired = repairer.repair(&seed);
    println!("## Seed 003 against its hand transcription\n");
    println!("| text | CER / WER |\n| --- | --- |");
    println!("| OCR as given | {} |", rates(errors(&truth, &seed)));
    println!(
        "| kansli repair | {} |",
        rates(errors(&truth, &repaired.text.text))
    );
    println!("\n## Development corpus (corpus/clean vs corpus/ocr/<profile>)\n");
    println!("| profile | OCR | hunspell | aspell | kansli | character errors removed by kansli |");
    println!("| --- | --- | --- | --- | --- | --- |");
    let clean_files = listing("corpus/clean");
    for profile in ["light", "poor", "swe"] {
        let mut totals = [ErrorCounts::default(); 4];
        for clean_path in &clean_files {
            let name = clean_path.file_name().unwrap();
            let clean = read(clean_path).unwrap();
            let Some(ocr) = read(&Path::new("corpus/ocr").join(profile).join(name)) else {
                continue;
            };
            totals[0] += errors(&clean, &ocr);
            for (k, tool) in ["hunspell", "aspell"].iter().enumerate() {
                let baseline = read(
                    &Path::new("corpus/baseline")
                        .join(tool)
                        .join(profile)
                        .join(name),
                )
                .unwrap_or(ocr.clone());
                totals[k + 1] += errors(&clean, &baseline);
            }
            totals[3] += errors(&clean, &repairer.repair(&ocr).text.text);
        }
        let removed = 100.0 * (1.0 - totals[3].char_errors as f64 / totals[0].char_errors as f64);
        println!(
            "| {profile} | {} | {} | {} | {} | {removed:.1} % |",
            rates(totals[0]),
            rates(totals[1]),
            rates(totals[2]),
            rates(totals[3])
        );
    }
    // the corpus the confusion model was learned from: not held out for the model, but for
    // the search's settings, a second check on other texts and profiles
    println!("\n## Training corpus (corpus/train_clean vs corpus/train_ocr/<profile>)\n");
    println!("| profile | OCR | kansli | character errors removed by kansli |");
    println!("| --- | --- | --- | --- |");
    for profile in listing("corpus/train_ocr") {
        let mut totals = [ErrorCounts::default(); 2];
        for ocr_path in listing(&profile) {
            let clean = Path::new("corpus/train_clean").join(ocr_path.file_name().unwrap());
            let (Some(clean), Some(ocr)) = (read(&clean), read(&ocr_path)) else {
                continue;
            };
            totals[0] += errors(&clean, &ocr);
            totals[1] += errors(&clean, &repairer.repair(&ocr).text.text);
        }
        let removed = 100.0 * (1.0 - totals[1].char_errors as f64 / totals[0].char_errors as f64);
        let name = profile.file_name().unwrap().to_string_lossy();
        println!(
            "| {name} | {} | {} | {removed:.1} % |",
            rates(totals[0]),
            rates(totals[1])
        );
    }
    let (mut changed, mut words) = (0, 0);
    let mut examples = Vec::new();
    for clean_path in &clean_files {
        let clean = read(clean_path).unwrap();
        let r = repairer.repair(&clean);
        words += clean.split_whitespace().count();
        changed += r.edits.len();
        examples.extend(r.edits.iter().map(|e| format!("{} → {}", e.old, e.new)));
    }
    println!("\n## Do no harm: repair of the clean originals\n");
    println!(
        "{changed} words changed in {words} ({:.2} per 2 000); {}",
        2000.0 * changed as f64 / words as f64,
        if examples.is_empty() {
            "none".to_string()
        } else {
            examples.join(", ")
        }
    );
}
