//! Repair throughput on the OCR development corpus (corpus/ocr/*/*.txt), on one thread.
//!
//! `cargo bench --bench repair` prints MB/s for a cold pass (every document seen for the first
//! time: the honest figure for an archive of unique text) and for warm passes (the
//! cache of word readings filled, as in a long batch over similar documents), each also as a
//! ratio to a baseline measured in the same run: splitting the same text into words with the
//! tokenizer's regex, the least any word-level repair must do.
//!
//! A process can see the corpus for the first time only once, and one cold pass takes some
//! 50 ms, which a busy machine easily disturbs: the cold pass is run in [`COLD_RUNS`] fresh
//! processes (this program again, with [`COLD_CHILD`] set), and their median and range are
//! given. Before its cold pass, each is warmed with a tiny document of words the corpus does not
//! have ([`WARM_UP`]), so that the cold figure is the repair of unseen documents and not process
//! start-up (compiling regexes, parsing the registers), which `benches/throughput.rs` measures.
//!
//! Instruction counts, which a shared machine does not disturb: run one such process under
//! callgrind, counting only the pass (`warm` also runs a warm pass after it):
//!
//! ```text
//! cargo bench --bench repair --no-run     # prints the program's path
//! KANSLI_REPAIR_BENCH_COLD=1 valgrind --tool=callgrind --toggle-collect='repair::cold_pass' PATH
//! KANSLI_REPAIR_BENCH_COLD=warm valgrind --tool=callgrind --toggle-collect='repair::warm_pass' PATH
//! ```

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

/// Text with a dash outside Latin-1, a date, a table with an amount to regroup, a table cell
/// that looks like a date until its word boundary is checked (which compiles the date pattern's
/// exact form) and a footnote: every lazily built part of repair is built, and no word of the
/// corpus is read.
const WARM_UP: &str = "Uppvärmning – provkörning 2019-02-03\n\n\
    Provby 12345 kr\nTestholm 2 000 kr\nExempelsta 3 000 kr\nProvsjö 2020-123 kr\n\n1) Provtext.\n";

fn mb_per_s(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / 1e6 / seconds
}

/// Fresh processes the cold pass is run in.
const COLD_RUNS: usize = 7;

/// Set in a child process: it runs one cold pass and prints its seconds (and, set to `warm`,
/// runs a warm pass after it).
const COLD_CHILD: &str = "KANSLI_REPAIR_BENCH_COLD";

/// Repairs every document once: the first time in a process, the cold pass; the seconds it took.
#[inline(never)]
fn cold_pass(repairer: &Repairer, docs: &[String]) -> f64 {
    let start = Instant::now();
    for d in docs {
        std::hint::black_box(repairer.repair(d));
    }
    start.elapsed().as_secs_f64()
}

/// Repairs every document once more (a function of its own, for the profiler to find).
#[inline(never)]
fn warm_pass(repairer: &Repairer, docs: &[String]) -> usize {
    docs.iter().map(|d| repairer.repair(d).edits.len()).sum()
}

/// The seconds of the cold pass in each of [`COLD_RUNS`] fresh processes, sorted.
fn cold_passes() -> Vec<f64> {
    let me = std::env::current_exe().expect("the bench's own path");
    let mut seconds: Vec<f64> = (0..COLD_RUNS)
        .map(|_| {
            let child = std::process::Command::new(&me)
                .env(COLD_CHILD, "1")
                .output()
                .expect("the bench runs itself");
            assert!(child.status.success(), "a cold pass failed");
            String::from_utf8_lossy(&child.stdout)
                .trim()
                .parse()
                .unwrap()
        })
        .collect();
    seconds.sort_by(f64::total_cmp);
    seconds
}

fn main() {
    let docs = corpus();
    let repairer = Repairer::default();
    std::hint::black_box(repairer.repair(WARM_UP));
    if let Some(child) = std::env::var_os(COLD_CHILD) {
        println!("{}", cold_pass(&repairer, &docs));
        if child == "warm" {
            std::hint::black_box(warm_pass(&repairer, &docs));
        }
        return;
    }
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

    let cold = cold_passes();
    let cold_mb_s = |seconds: f64| mb_per_s(bytes, seconds);
    let edits = warm_pass(&repairer, &docs);
    let start = Instant::now();
    let mut rounds = 0;
    while start.elapsed().as_secs_f64() < 3.0 {
        std::hint::black_box(warm_pass(&repairer, &docs));
        rounds += 1;
    }
    let warm = mb_per_s(bytes * rounds, start.elapsed().as_secs_f64());
    println!(
        "corpus: {} documents, {:.2} MB, {edits} repairs",
        docs.len(),
        bytes as f64 / 1e6
    );
    println!("baseline (word tokenizer): {baseline:.1} MB/s");
    let median = cold_mb_s(cold[COLD_RUNS / 2]);
    println!(
        "repair, cold (first sight of every document), median of {COLD_RUNS} processes: \
         {median:.2} MB/s ({:.4} of baseline; {:.2}–{:.2} MB/s)",
        median / baseline,
        cold_mb_s(cold[COLD_RUNS - 1]),
        cold_mb_s(cold[0]),
    );
    println!(
        "repair, warm (word readings cached): {warm:.2} MB/s ({:.4} of baseline)",
        warm / baseline
    );
}
