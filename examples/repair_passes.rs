//! One cold repair pass over the OCR corpus (`corpus/ocr/*/*.txt`), and with `--warm` a second
//! pass that finds every reading cached: the passes of `benches/repair.rs`, each in a function of
//! its own, so that an instruction count can be taken of one pass alone, which a shared machine
//! does not disturb:
//!
//! ```text
//! cargo build --release --example repair_passes
//! valgrind --tool=callgrind --toggle-collect='repair_passes::cold' \
//!     target/release/examples/repair_passes
//! valgrind --tool=callgrind --toggle-collect='repair_passes::warm' \
//!     target/release/examples/repair_passes --warm
//! ```
//!
//! Run from the repository root. It prints the repairs made and each pass's time.

use kansli::repair::Repairer;
use std::time::Instant;

/// The tiny document the bench warms the process with (see `benches/repair.rs`).
const WARM_UP: &str = "Uppvärmning – provkörning 2019-02-03\n\n\
    Provby 12345 kr\nTestholm 2 000 kr\nExempelsta 3 000 kr\n\n1) Provtext.\n";

fn main() {
    let mut paths: Vec<_> = ["light", "poor", "swe"]
        .iter()
        .flat_map(|p| {
            std::fs::read_dir(format!("corpus/ocr/{p}")).expect("run from the repository root")
        })
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let docs: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let repairer = Repairer::default();
    std::hint::black_box(repairer.repair(WARM_UP));
    let start = Instant::now();
    let repairs = cold(&repairer, &docs);
    println!("cold pass: {repairs} repairs, {:?}", start.elapsed());
    if std::env::args().any(|a| a == "--warm") {
        let start = Instant::now();
        let repairs = warm(&repairer, &docs);
        println!("warm pass: {repairs} repairs, {:?}", start.elapsed());
    }
}

/// Every document repaired for the first time.
#[inline(never)]
fn cold(repairer: &Repairer, docs: &[String]) -> usize {
    docs.iter().map(|d| repairer.repair(d).edits.len()).sum()
}

/// Every document again (a function of its own, which the linker does not fold into `cold`).
#[inline(never)]
fn warm(repairer: &Repairer, docs: &[String]) -> usize {
    docs.iter()
        .map(|d| repairer.repair(d).edits.len() + 1)
        .sum::<usize>()
        - docs.len()
}
