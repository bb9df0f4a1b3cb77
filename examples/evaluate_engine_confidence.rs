//! Measures what the OCR engine's word confidences add to repair: character and word error rates
//! of Tesseract's hOCR of the development corpus, repaired without and with them.
//!
//! Data (developers only; about 10 minutes on 2 cores), from the repository root:
//!   for p in "poor --dpi 150 --noise 0.01" "light --dpi 200 --noise 0.001 --blur 0.4"; do
//!     set -- $p; mkdir -p /tmp/calib/$1
//!     for f in corpus/clean/*.txt; do
//!       python3 scripts/make_ocr_xml_fixtures.py $f /tmp/calib/$1/$(basename $f .txt) ${@:2}
//!     done
//!   done
//!   cargo run --release --example evaluate_engine_confidence /tmp/calib/poor /tmp/calib/light

use kansli::metrics::{error_counts, ErrorCounts};
use kansli::ocr_xml::{parse, Format};
use kansli::repair::Repairer;

fn rates(e: ErrorCounts) -> String {
    format!("CER {:.2} % WER {:.2} %", 100.0 * e.cer(), 100.0 * e.wer())
}

fn main() {
    let repairer = Repairer::default();
    println!("| scans | OCR | repair | repair with engine confidences |");
    println!("| --- | --- | --- | --- |");
    for dir in std::env::args().skip(1) {
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("a directory made by scripts/make_ocr_xml_fixtures.py")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "hocr"))
            .collect();
        paths.sort();
        let (mut ocr_e, mut plain_e, mut weighed_e) = Default::default();
        for path in paths {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let truth = std::fs::read_to_string(format!("corpus/clean/{stem}.txt"))
                .expect("run from the repository root");
            let ocr = parse(Format::Hocr, std::fs::read_to_string(&path).unwrap()).unwrap();
            let plain = repairer.repair(&ocr.text).text.text;
            let weighed = repairer
                .repair_with_confidences(&ocr.text, &ocr.confidences())
                .text
                .text;
            ocr_e += error_counts(&truth, &ocr.text);
            plain_e += error_counts(&truth, &plain);
            weighed_e += error_counts(&truth, &weighed);
        }
        println!(
            "| {dir} | {} | {} | {} |",
            rates(ocr_e),
            rates(plain_e),
            rates(weighed_e)
        );
    }
}
