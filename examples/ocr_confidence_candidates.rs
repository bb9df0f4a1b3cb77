//! Dumps, for every hOCR file in a directory, the repair stage's candidate changes with the
//! engine's confidence in the printed word, as JSON lines: the data `ocr_xml::weigh` is fitted on.
//!
//! `cargo run --release --example ocr_confidence_candidates DIR > candidates.jsonl`

use kansli::ocr_xml::{parse, Format};
use kansli::repair::Repairer;

fn main() {
    let dir = std::env::args().nth(1).expect("a directory of .hocr files");
    let repairer = Repairer::default();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("a readable directory")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "hocr"))
        .collect();
    paths.sort();
    for path in paths {
        let xml = std::fs::read_to_string(&path).expect("a UTF-8 file");
        let ocr = parse(Format::Hocr, xml).expect("well-formed hOCR");
        let repaired = repairer.repair(&ocr.text);
        let candidates: Vec<_> = repaired
            .edits
            .iter()
            .map(|e| (e, true))
            .chain(repaired.review.iter().map(|e| (e, false)))
            .map(|(e, applied)| {
                serde_json::json!({
                    "start": e.start, "end": e.end, "new": e.new, "posterior": e.confidence,
                    "reason": e.reason, "applied": applied,
                    "engine": ocr.confidence_at(e.start, e.end),
                })
            })
            .collect();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        println!(
            "{}",
            serde_json::json!({"name": name, "text": ocr.text, "candidates": candidates})
        );
    }
}
