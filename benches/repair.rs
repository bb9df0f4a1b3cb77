//! Repair throughput on the OCR development corpus (corpus/ocr/*/*.txt), on one thread.
//!
//! `cargo bench --bench repair` prints MB/s for a cold pass (every document seen for the first
//! time: the honest figure for an archive of unique text), for the same pass in a process that
//! has first repaired the 105 documents of the training corpus (corpus/train_ocr: other texts of
//! the same kinds, as a batch job is part-way through an archive), and for warm passes (the
//! cache of word readings filled, as when documents repeat), each also as a ratio to a baseline
//! measured in the same run: splitting the same text into words with the tokenizer's regex, the
//! least any word-level repair must do.
//!
//! A process can see the corpus for the first time only once, and one cold pass takes some
//! 50 ms, which a busy machine easily disturbs: each cold pass is run in [`COLD_RUNS`] fresh
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

/// The documents of every profile of an OCR corpus (`corpus/ocr`, `corpus/train_ocr`), in order
/// of their paths.
fn documents(corpus: &str) -> Vec<String> {
    let profiles = std::fs::read_dir(corpus).expect("run from the repository root");
    let mut paths: Vec<_> = profiles
        .flatten()
        .flat_map(|profile| std::fs::read_dir(profile.path()).unwrap())
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Text with the shapes of a decision and none of the corpus's words: letterhead noise, a
/// diarienummer, a date, prose with a dash outside Latin-1, abbreviations, an e-mail and a web
/// address (protected spans: before session 9 none was, so the first document with one built
/// their pattern's caches inside the cold pass), a word broken at a line end, a table with an
/// amount to regroup, a footnote mark, a table cell that looks like a date until its word
/// boundary is checked (which compiles the date pattern's exact form), a footnote and a page
/// number: every lazily built part of repair is built, and no word of the corpus is read.
const WARM_UP: &str = "% Provverket\nPromemoria Pv2019/01234/XY\n2019-02-03\n\n\
    Uppvärmning – provkörning xv exempeltexten, t.ex. provx@exempelx.se ellx\n\
    https://www.exempelx.se/provsida; provord utx be-\n\
    tydelsx (sx provbilaga 1), bl.a. provstycken ox provrader.\n\n\
    Provby 12345 kr\nTestholm 2 000 kr\nExempelsta 3 000 kr\nProvsjö 2020-123 kr\n\
    Prövvik* 4 000 kr\n\n1) Provtext.\n- 2 -\n";

fn mb_per_s(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / 1e6 / seconds
}

/// Fresh processes the cold pass is run in.
const COLD_RUNS: usize = 7;

/// Set in a child process: it runs one cold pass and prints its seconds (set to `warm`, it runs
/// a warm pass after it; set to [`AFTER_TRAINING`], it repairs the training corpus before).
const COLD_CHILD: &str = "KANSLI_REPAIR_BENCH_COLD";

/// The child's mode in which the cold pass follows the repair of the training corpus.
const AFTER_TRAINING: &str = "after-training";

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

/// The seconds of the cold pass in each of [`COLD_RUNS`] fresh processes run in child `mode`,
/// sorted.
fn cold_passes(mode: &str) -> Vec<f64> {
    let me = std::env::current_exe().expect("the bench's own path");
    let mut seconds: Vec<f64> = (0..COLD_RUNS)
        .map(|_| {
            let child = std::process::Command::new(&me)
                .env(COLD_CHILD, mode)
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
    let docs = documents("corpus/ocr");
    let repairer = Repairer::default();
    std::hint::black_box(repairer.repair(WARM_UP));
    if let Some(child) = std::env::var_os(COLD_CHILD) {
        if child == AFTER_TRAINING {
            for d in documents("corpus/train_ocr") {
                std::hint::black_box(repairer.repair(&d));
            }
        }
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

    let cold = cold_passes("1");
    let after_training = cold_passes(AFTER_TRAINING);
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
    for (pass, seconds) in [
        ("cold (first sight of every document)", &cold),
        ("cold, after the training corpus", &after_training),
    ] {
        let median = cold_mb_s(seconds[COLD_RUNS / 2]);
        println!(
            "repair, {pass}, median of {COLD_RUNS} processes: \
             {median:.2} MB/s ({:.4} of baseline; {:.2}–{:.2} MB/s)",
            median / baseline,
            cold_mb_s(seconds[COLD_RUNS - 1]),
            cold_mb_s(seconds[0]),
        );
    }
    println!(
        "repair, warm (word readings cached): {warm:.2} MB/s ({:.4} of baseline)",
        warm / baseline
    );
}
