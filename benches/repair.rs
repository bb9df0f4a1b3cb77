//! Repair throughput on the OCR development corpus (corpus/ocr/*/*.txt), on one thread.
//!
//! `cargo bench --bench repair` prints MB/s for a cold pass (every document seen for the first
//! time: the honest figure for an archive of unique text) and for warm passes (the
//! cache of word readings filled, as in a long batch over similar documents), each also as a
//! ratio to a baseline measured in the same run: splitting the same text into words with the
//! tokenizer's regex, the least any word-level repair must do.
//!
//! Before the cold pass the process is warmed with a tiny document of words the corpus does not
//! have ([`WARM_UP`]), so that the cold figure is the repair of unseen documents and not process
//! start-up (compiling regexes, parsing the registers), which `benches/throughput.rs` measures.

use kansli::repair::Repairer;
use std::time::Instant;

fn corpus() -> Vec<String> {
    let mut paths: Vec<_> = ["light", "poor", "swe"]
        .iter()
        .flat_map(|p| {
            std::fs::read_dir(format!("corpus/ocr/{p}")).expect("run from the repository root")
        })
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Text with a dash outside Latin-1, a date, a table with an amount to regroup and a footnote:
/// every lazily built part of repair is built, and no word of the corpus is read.
const WARM_UP: &str = "Uppvärmning – provkörning 2019-02-03\n\n\
    Provby 12345 kr\nTestholm 2 000 kr\nExempelsta 3 000 kr\n\n1) Provtext.\n";

fn mb_per_s(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / 1e6 / seconds
}

fn main() {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let words = regex::Regex::new(r"[\p{L}\d£¢§|]+").unwrap();
    let start = Instant::now();
    let mut rounds = 0;
    let mut tokens = 0;
    while start.elapsed().as_secs_f64() < 1.0 {
        tokens += docs
            .iter()
            .map(|d| words.find_iter(d).count())
            .sum::<usize>();
        rounds += 1;
    }
    let baseline = mb_per_s(bytes * rounds, start.elapsed().as_secs_f64());
    std::hint::black_box(tokens);

    let repairer = Repairer::default();
    std::hint::black_box(repairer.repair(WARM_UP));
    let start = Instant::now();
    let mut edits = 0;
    for d in &docs {
        edits += repairer.repair(d).edits.len();
    }
    let cold = mb_per_s(bytes, start.elapsed().as_secs_f64());
    let start = Instant::now();
    let mut rounds = 0;
    while start.elapsed().as_secs_f64() < 3.0 {
        for d in &docs {
            std::hint::black_box(repairer.repair(d));
        }
        rounds += 1;
    }
    let warm = mb_per_s(bytes * rounds, start.elapsed().as_secs_f64());
    println!(
        "corpus: {} documents, {:.2} MB, {edits} repairs",
        docs.len(),
        bytes as f64 / 1e6
    );
    println!("baseline (word tokenizer): {baseline:.1} MB/s");
    println!(
        "repair, cold (first sight of every document): {cold:.2} MB/s ({:.4} of baseline)",
        cold / baseline
    );
    println!(
        "repair, warm (word readings cached): {warm:.2} MB/s ({:.4} of baseline)",
        warm / baseline
    );
}
