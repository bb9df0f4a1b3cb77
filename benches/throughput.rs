//! Throughput benchmark: `cargo bench --bench throughput` (≈ 1 minute at most).
//!
//! Generates in memory, deterministically, an archive of decision and press-release OCR text
//! (≈ 20 MB by default) from `fixtures/seeds/*.txt` and `corpus/ocr/*/*.txt`, with the amounts
//! and the municipality names varied (and the names damaged the way the OCR damages them), then
//! measures:
//!
//! - throughput of the full extract (ingest → layout → repair → extract → reconcile → JSON) in
//!   MB/s and documents/s on 1 thread and on all threads, and the speed-up;
//! - two baselines on the same bytes in the same run, since the machine is noisy: reading +
//!   UTF-8 validation (+ copy), and a plain regex word scan (`\p{L}+`); figures are also given as
//!   ratios against them;
//! - peak RSS (VmHWM) of this process and of the `kansli` binary on a batch of files;
//! - start-up: time to the first record for a tiny document, in-process (dictionary loading)
//!   and as the release binary run as a subprocess (median of several runs, with the cost of
//!   spawning `/bin/true` as its baseline).
//!
//! When the full extract is too slow to get through the archive within the time budget, each
//! run processes the same prefix of the archive and says so. Environment variables:
//! `KANSLI_BENCH_MB` (archive size, default 20), `KANSLI_BENCH_SECONDS` (budget of the
//! single-thread run, default 12), `KANSLI_BENCH_JOBS` (threads of the parallel run, default all).

use kansli::ingest;
use kansli::output::ordered_parallel;
use kansli::pipeline;
use kansli::repair::Repairer;
use regex::Regex;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// splitmix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn env_f64(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn templates() -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut add_dir = |dir: &Path| {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "txt") {
                    files.push(p);
                }
            }
        }
    };
    add_dir(&root().join("fixtures/seeds"));
    if let Ok(profiles) = std::fs::read_dir(root().join("corpus/ocr")) {
        for p in profiles.flatten() {
            add_dir(&p.path());
        }
    }
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let name = p.strip_prefix(root()).unwrap_or(&p).display().to_string();
            Some((name, text))
        })
        .collect()
}

fn municipalities() -> Vec<String> {
    let tsv = std::fs::read_to_string(root().join("dictionaries/municipalities.tsv"))
        .expect("dictionaries/municipalities.tsv");
    tsv.lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(1).map(str::to_string))
        .collect()
}

/// Damages a name the way the scans do: lost diacritics, ö read as 6 or oé.
fn damage(name: &str, rng: &mut Rng) -> String {
    if !rng.chance(40) {
        return name.to_string();
    }
    name.chars()
        .map(|c| match c {
            'å' | 'ä' => "a".to_string(),
            'ö' if rng.chance(30) => "6".to_string(),
            'ö' if rng.chance(30) => "oé".to_string(),
            'ö' => "o".to_string(),
            'Ö' => "O".to_string(),
            'Å' | 'Ä' => "A".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// A random amount printed like the one it replaces (same number of digit groups).
fn amount_like(printed: &str, rng: &mut Rng) -> String {
    let groups = printed.split(' ').count();
    let mut out = format!("{}", 1 + rng.below(999));
    for _ in 1..groups {
        out.push_str(&format!(" {:03}", rng.below(1000)));
    }
    out
}

/// The archive: (name, bytes) documents totalling about `target` bytes.
fn generate(target: usize) -> Vec<(String, Vec<u8>)> {
    let templates = templates();
    assert!(!templates.is_empty(), "no fixtures found");
    let names = municipalities();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let alternation = sorted
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|");
    let name_re = Regex::new(&format!(r"\b(?:{alternation})\b")).unwrap();
    let amount_re = Regex::new(r"\b\d{1,3}(?: \d{3})+\b").unwrap();
    let mut rng = Rng(0x6b61_6e73_6c69);
    let mut docs = Vec::new();
    let mut total = 0;
    let mut i = 0;
    while total < target {
        let (name, text) = &templates[i % templates.len()];
        let text = name_re.replace_all(text, |_: &regex::Captures| {
            damage(&names[rng.below(names.len())], &mut rng)
        });
        let text = amount_re.replace_all(&text, |c: &regex::Captures| amount_like(&c[0], &mut rng));
        let bytes = text.into_owned().into_bytes();
        total += bytes.len();
        docs.push((format!("{i:06}-{}", name.replace('/', "_")), bytes));
        i += 1;
    }
    docs
}

fn vm_hwm_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Runs a command to completion, sampling its peak RSS (VmHWM, kB) every few milliseconds.
/// (getrusage's ru_maxrss is no use here: Linux counts the parent's memory shared before exec.)
fn run_measured(cmd: &mut Command) -> (Duration, std::process::ExitStatus, u64) {
    let t = Instant::now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_path) {
            if let Some(kb) = status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
            {
                peak = peak.max(kb);
            }
        }
        if let Some(status) = child.try_wait().expect("wait") {
            return (t.elapsed(), status, peak);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// CPU time (user + system) of this process so far.
fn cpu_time() -> Duration {
    // SAFETY: getrusage writes into the struct we pass.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 {
            return Duration::ZERO;
        }
        let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
        tv(usage.ru_utime) + tv(usage.ru_stime)
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// Full extract of one document, as the command line does it (output serialised).
fn extract(name: &str, bytes: &[u8], repairer: &Repairer) -> usize {
    match ingest::decode(name, bytes) {
        Ok(doc) => serde_json::to_vec(&pipeline::process(doc, repairer))
            .map(|v| v.len())
            .unwrap_or(0),
        Err(e) => e.to_string().len(),
    }
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is accepted
    let started = Instant::now();
    let repairer = Repairer::default();

    // 1. start-up in process: the first record pays for the dictionaries and regexes
    let tiny = "Regeringens beslut\n\nRegeringen ger Kammarkollegiet i uppdrag att utbetala 84 465 kronor till Ale kommun.\n\nAle 84 465 kr\n";
    let t = Instant::now();
    extract("tiny.txt", tiny.as_bytes(), &repairer);
    let cold_first = t.elapsed();
    let t = Instant::now();
    extract("tiny.txt", tiny.as_bytes(), &repairer);
    let warm_tiny = t.elapsed();

    // 2. the archive
    let target = (env_f64("KANSLI_BENCH_MB", 20.0) * 1e6) as usize;
    let t = Instant::now();
    let docs = generate(target);
    let total_bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    println!(
        "archive: {} documents, {:.1} MB generated in {:.1} s (seeded, from fixtures/seeds and corpus/ocr)",
        docs.len(),
        mb(total_bytes),
        t.elapsed().as_secs_f64()
    );

    // 3. baselines over the whole archive
    let t = Instant::now();
    let mut copied = 0usize;
    for (_, bytes) in &docs {
        let text = std::str::from_utf8(bytes)
            .map(str::to_string)
            .unwrap_or_default();
        copied += std::hint::black_box(text).len();
    }
    let utf8_secs = t.elapsed().as_secs_f64();
    let word = Regex::new(r"\p{L}+").unwrap();
    let t = Instant::now();
    let mut words = 0usize;
    for (_, bytes) in &docs {
        let text = std::str::from_utf8(bytes).unwrap_or_default();
        words += word.find_iter(text).count();
    }
    let scan_secs = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut decoded = 0usize;
    for (name, bytes) in &docs {
        decoded += ingest::decode(name, bytes)
            .map(|d| d.text.len())
            .unwrap_or(0);
    }
    let ingest_secs = t.elapsed().as_secs_f64();
    let utf8_mbs = mb(copied) / utf8_secs;
    let scan_mbs = mb(total_bytes) / scan_secs;
    let ingest_mbs = mb(decoded) / ingest_secs;

    // 4. full extract, 1 thread, within the time budget
    let budget = Duration::from_secs_f64(env_f64("KANSLI_BENCH_SECONDS", 12.0));
    let cpu = cpu_time();
    let t = Instant::now();
    let mut n1 = 0;
    let mut bytes1 = 0;
    let mut out_bytes = 0;
    for (name, bytes) in &docs {
        out_bytes += extract(name, bytes, &repairer);
        n1 += 1;
        bytes1 += bytes.len();
        if t.elapsed() >= budget {
            break;
        }
    }
    let secs1 = t.elapsed().as_secs_f64();
    let cpu1 = (cpu_time() - cpu).as_secs_f64();
    let prefix = &docs[..n1];
    // the same documents again on the same thread: what the caches save, and the run the
    // parallel one is compared with, since both find the caches (shared by the threads) as full
    let cpu = cpu_time();
    let t = Instant::now();
    for (name, bytes) in prefix {
        std::hint::black_box(extract(name, bytes, &repairer));
    }
    let secs_warm = t.elapsed().as_secs_f64();
    let cpu_warm = (cpu_time() - cpu).as_secs_f64();

    // 5. the same documents on all threads, through the command line's ordered runner
    let jobs = std::env::var("KANSLI_BENCH_JOBS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let cpu = cpu_time();
    let t = Instant::now();
    let mut out_bytes_n = 0;
    ordered_parallel(
        prefix.iter(),
        jobs,
        |(name, bytes)| extract(name, bytes, &repairer),
        |n| {
            out_bytes_n += n;
            Ok(())
        },
    )
    .unwrap();
    let secs_n = t.elapsed().as_secs_f64();
    let cpu_n = (cpu_time() - cpu).as_secs_f64();
    assert_eq!(
        out_bytes, out_bytes_n,
        "the parallel run wrote different output"
    );
    let hwm = vm_hwm_kb();

    // 6. the binary: start-up (median of runs) and a batch of files for its peak RSS
    let exe = env!("CARGO_BIN_EXE_kansli");
    let dir = std::env::temp_dir().join(format!("kansli-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let tiny_path = dir.join("tiny.txt");
    std::fs::write(&tiny_path, tiny).unwrap();
    let run = |cmd: &mut Command| {
        let t = Instant::now();
        let status = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run");
        (t.elapsed(), status)
    };
    let spawn_base = median((0..11).map(|_| run(&mut Command::new("true")).0).collect());
    let startup = median(
        (0..11)
            .map(|_| {
                let (d, status) = run(Command::new(exe).arg("extract").arg(&tiny_path));
                assert!(status.success(), "kansli failed on the tiny document");
                d
            })
            .collect(),
    );
    let (_, _, startup_rss) = run_measured(Command::new(exe).arg("extract").arg(&tiny_path));
    // a batch: the first documents of the archive, about 3 s of work on one thread
    let batch_dir = dir.join("archive");
    std::fs::create_dir_all(&batch_dir).unwrap();
    let per_sec1 = n1 as f64 / secs1;
    let batch_n = ((per_sec1 * 3.0) as usize).clamp(1, docs.len());
    let mut batch_bytes = 0;
    for (name, bytes) in &docs[..batch_n] {
        std::fs::write(batch_dir.join(format!("{name}.txt")), bytes).unwrap();
        batch_bytes += bytes.len();
    }
    let cli = |jobs: usize| {
        let mut cmd = Command::new(exe);
        cmd.args(["extract", "--quiet", "--format", "jsonl", "--jobs"])
            .arg(jobs.to_string())
            .arg(&batch_dir);
        cmd
    };
    let (cli_time1, status, cli_rss1) = run_measured(&mut cli(1));
    assert!(status.success(), "kansli failed on the batch");
    let (batch_time, status, cli_rss) = run_measured(&mut cli(jobs));
    assert!(status.success(), "kansli failed on the batch");
    // the machine's own ceiling: `jobs` independent single-threaded processes side by side
    let t = Instant::now();
    let children: Vec<_> = (0..jobs)
        .map(|_| {
            cli(1)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut c in children {
        c.wait().expect("wait");
    }
    let side_by_side = t.elapsed();
    let _ = std::fs::remove_dir_all(&dir);

    // 7. report
    let mbs1 = mb(bytes1) / secs1;
    let mbs_n = mb(bytes1) / secs_n;
    let speedup = secs_warm / secs_n;
    println!();
    if n1 < docs.len() {
        println!(
            "note: the 1-thread run reached its {:.0} s budget after {} of {} documents ({:.2} MB of {:.1} MB);\n      both runs measure that same prefix (set KANSLI_BENCH_SECONDS for more)",
            budget.as_secs_f64(),
            n1,
            docs.len(),
            mb(bytes1),
            mb(total_bytes)
        );
    }
    println!("baselines (whole archive, 1 thread):");
    println!("  read + UTF-8 check + copy   {utf8_mbs:>10.1} MB/s");
    println!("  regex word scan \\p{{L}}+      {scan_mbs:>10.1} MB/s   ({words} words)");
    println!("  kansli ingest (decode, sha256, line ends, NFC) {ingest_mbs:>8.1} MB/s");
    println!(
        "full extract (ingest → … → JSON), {} documents, {:.2} MB:",
        n1,
        mb(bytes1)
    );
    println!(
        "  1 thread    {mbs1:>8.3} MB/s  {:>8.1} documents/s  = 1/{:.0} of the word scan, 1/{:.0} of ingest",
        n1 as f64 / secs1,
        scan_mbs / mbs1,
        ingest_mbs / mbs1
    );
    println!(
        "  1 thread, same documents again (warm caches) {:.3} MB/s ({:.2}× the first pass)",
        mb(bytes1) / secs_warm,
        secs1 / secs_warm
    );
    println!(
        "  {jobs} threads   {mbs_n:>8.3} MB/s  {:>8.1} documents/s  speed-up {speedup:.2}× over the warm 1-thread pass (target ≥ 1.7× on 2 cores)",
        n1 as f64 / secs_n
    );
    println!(
        "  CPU time    {cpu_warm:.1} s on 1 thread (warm), {cpu_n:.1} s on {jobs} threads for the same documents ({:.2}×: above 1 is work the threads duplicate or wait for; {cpu1:.1} s on the first pass)",
        cpu_n / cpu_warm
    );
    println!(
        "  per core    {:>8.3} MB/s  (target ≥ 5 MB/s: {:.1}% of it)",
        mbs1,
        mbs1 / 5.0 * 100.0
    );
    println!("memory:");
    if let Some(hwm) = hwm {
        println!(
            "  peak RSS of this process (archive of {:.0} MB held in memory) {:.0} MB",
            mb(total_bytes),
            hwm as f64 / 1024.0
        );
    }
    println!(
        "  peak RSS of `kansli extract` on {batch_n} files ({:.2} MB): {:.0} MB with --jobs 1, {:.0} MB with --jobs {jobs} (target ≤ 300 MB)",
        mb(batch_bytes),
        cli_rss1 as f64 / 1024.0,
        cli_rss as f64 / 1024.0
    );
    println!("the command line on those files:");
    println!(
        "  --jobs 1: {:.2} s; --jobs {jobs}: {:.2} s: speed-up {:.2}×; {jobs} single-threaded processes side by side: {:.2} s, so this machine's ceiling is {:.2}×",
        cli_time1.as_secs_f64(),
        batch_time.as_secs_f64(),
        cli_time1.as_secs_f64() / batch_time.as_secs_f64(),
        side_by_side.as_secs_f64(),
        jobs as f64 * cli_time1.as_secs_f64() / side_by_side.as_secs_f64()
    );
    println!("start-up (tiny document, time to its record):");
    println!(
        "  in process, first document (dictionaries, registers, regexes): {:.1} ms; warm: {:.2} ms",
        cold_first.as_secs_f64() * 1e3,
        warm_tiny.as_secs_f64() * 1e3
    );
    println!(
        "  release binary, median of 11 runs: {:.1} ms (spawning /bin/true: {:.1} ms; ratio {:.1}×) (target ≤ 50 ms), peak RSS {:.0} MB",
        startup.as_secs_f64() * 1e3,
        spawn_base.as_secs_f64() * 1e3,
        startup.as_secs_f64() / spawn_base.as_secs_f64().max(1e-9),
        startup_rss as f64 / 1024.0
    );
    println!("total bench time {:.1} s", started.elapsed().as_secs_f64());
}
