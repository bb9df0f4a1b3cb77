//! The `kansli` command line: `extract` and `repair`.
//!
//! Exit status: 0 when every input succeeded, 1 when some inputs failed (every other input was
//! still processed and written), 2 for a usage error or when the output cannot be written.

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kansli::ingest::{self, IngestError, DEFAULT_MAX_BYTES};
use kansli::ocr_xml;
use kansli::output::{ordered_parallel, CsvSink, JsonSink, Sink, Summary};
use kansli::pipeline;
use kansli::record::Record;
use kansli::repair::Repairer;
use regex::Regex;
use std::cell::RefCell;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "kansli",
    version,
    about = "Scanned Swedish government documents into trustworthy data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Repair, extract and reconcile documents; one record per document.
    Extract(ExtractArgs),
    /// Print the repaired text (same lines as the input), or with --edits the list of changes.
    Repair(RepairArgs),
    /// Write a self-contained HTML page for proof-reading a document: the repaired text with
    /// every change, the extracted record and the reconciliation table.
    Review(ReviewArgs),
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    /// One JSON object (one per line when there are several documents).
    Json,
    /// JSON Lines: one record per line.
    Jsonl,
    /// One allocation row per line with the register's columns.
    Csv,
}

#[derive(clap::Args)]
#[command(after_help = "\
Exit status: 0 all inputs succeeded; 1 some inputs failed (an error record and a line on stderr \
each; all others were written); 2 usage error, or the output could not be written.

Examples:
  kansli extract beslut.txt --pretty
  kansli extract archive/ --glob '*.txt' --out records.jsonl
  find archive -name '*.txt' -print0 | xargs -0 kansli extract --format jsonl
  kansli extract --stdin-jsonl < docs.jsonl > records.jsonl   # {\"id\": …, \"text\": …} per line")]
struct ExtractArgs {
    /// Files, directories (walked recursively, in sorted order; hidden entries are skipped) or `-`
    /// for standard input.
    inputs: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Indent JSON output (a single document only).
    #[arg(long)]
    pretty: bool,
    /// Write to this file, atomically: a temporary file beside it, renamed when complete.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Refuse inputs (files, standard input, lines of --stdin-jsonl) larger than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Only files whose name matches (or whose path below the directory, when the glob has a
    /// `/`); `!GLOB` excludes. Repeatable. Applies to files found in directories, not to files
    /// named on the command line. `*`, `?`, `[abc]`, `{a,b}`, `**/`.
    #[arg(long, short, value_name = "GLOB")]
    glob: Vec<String>,
    /// Worker threads (default: all cores). Output order does not depend on it.
    #[arg(long, short, value_name = "N")]
    jobs: Option<usize>,
    /// Streaming mode: read one JSON object a line from standard input ({"id": …, "text": …}) and
    /// write one record a line, its "id" first (for Spark RDD.pipe, Hadoop Streaming, GNU
    /// parallel --pipe). Blank lines are skipped.
    #[arg(long, conflicts_with_all = ["inputs", "glob", "pretty"])]
    stdin_jsonl: bool,
    /// No progress bar and no summary on stderr (errors are still reported).
    #[arg(long, short)]
    quiet: bool,
}

#[derive(clap::Args)]
struct RepairArgs {
    /// A file, or `-` for standard input.
    file: PathBuf,
    /// List the changes (JSON Lines) instead of printing the text.
    #[arg(long)]
    edits: bool,
    /// `alto`: for ALTO input, the ALTO file with the repaired words (the engine's reading kept as
    /// an ALTERNATIVE, a processing step naming kansli).
    #[arg(long, value_enum, default_value = "text", conflicts_with = "edits")]
    format: RepairFormat,
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum RepairFormat {
    /// The repaired plain text.
    Text,
    /// Repaired ALTO XML (ALTO input only).
    Alto,
}

#[derive(clap::Args)]
#[command(after_help = "Example:\n  kansli review scan.alto.xml -o report.html")]
struct ReviewArgs {
    /// A text, ALTO or hOCR file, or `-` for standard input.
    file: PathBuf,
    /// Write the page to this file (atomically) instead of standard output.
    #[arg(long, short)]
    out: Option<PathBuf>,
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// Exit status for a usage error or an output that cannot be written.
const FATAL: u8 = 2;

/// One unit of work: a document to read and process, or an input already known to have failed.
enum Item {
    File(PathBuf),
    Stdin,
    /// A line of `--stdin-jsonl` input: its 1-based number and bytes.
    Line(usize, Vec<u8>),
    Failed {
        path: String,
        message: String,
    },
}

/// What became of one item.
struct Outcome {
    /// The input's id (`--stdin-jsonl` only).
    id: Option<serde_json::Value>,
    path: String,
    result: Result<Record, String>,
}

fn read_input(path: &Path, max_bytes: u64) -> Result<ingest::Document, IngestError> {
    if path == Path::new("-") {
        return ingest::read_reader("<stdin>", io::stdin().lock(), max_bytes);
    }
    ingest::read_path(path, max_bytes)
}

thread_local! {
    /// The message of the last panic on this thread, left by the panic hook.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Set while a document is processed: a panic there becomes that document's error.
    static IN_DOCUMENT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Panics are bugs. Inside a document they become that document's error record (the run goes
/// on); elsewhere one line on stderr. Never a backtrace.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let text = format!("{message}{at}");
        if IN_DOCUMENT.with(|d| d.get()) {
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(text));
        } else {
            eprintln!("kansli: internal error (please report it): {text}");
        }
    }));
}

/// Runs the pipeline on one document; a panic becomes an error sentence naming the file.
/// Runs `work` on one document; a panic becomes an error sentence naming the file and saying
/// what was being done, with the panic's message but no backtrace.
fn guarded<T>(path: &str, doing: &str, work: impl FnOnce() -> T) -> Result<T, String> {
    IN_DOCUMENT.with(|d| d.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    IN_DOCUMENT.with(|d| d.set(false));
    result.map_err(|_| {
        let what = LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_default();
        format!("{path}: internal error while {doing} the document, please report it ({what})")
    })
}

fn process_guarded(doc: ingest::Document, repairer: &Repairer) -> Result<Record, String> {
    let path = doc.source.path.clone();
    // ALTO and hOCR are read into their plain text here (a malformed file is this input's error)
    guarded(&path, "processing", || ocr_xml::process(doc, repairer))?.map_err(|e| e.to_string())
}

fn process_item(item: Item, max_bytes: u64, repairer: &Repairer) -> Outcome {
    let (id, path, doc) = match item {
        Item::File(p) => (None, p.display().to_string(), read_input(&p, max_bytes)),
        Item::Stdin => (
            None,
            "<stdin>".to_string(),
            read_input(Path::new("-"), max_bytes),
        ),
        Item::Line(n, bytes) => {
            let path = format!("<stdin>:{n}");
            let (id, doc) = ingest::parse_json_line(&path, &bytes);
            (Some(id), path, doc)
        }
        Item::Failed { path, message } => {
            return Outcome {
                id: None,
                path,
                result: Err(message),
            }
        }
    };
    let result = doc
        .map_err(|e| e.to_string())
        .and_then(|doc| process_guarded(doc, repairer));
    Outcome { id, path, result }
}

/// The lines of `--stdin-jsonl` input, read lazily. A line over the size limit is skipped (not
/// held in memory) and becomes an error item; blank lines are skipped.
struct JsonLines<R> {
    reader: R,
    line: usize,
    max_bytes: u64,
    done: bool,
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            self.line += 1;
            let mut buf = Vec::new();
            let mut too_long = false;
            loop {
                let available = match self.reader.fill_buf() {
                    Ok(b) => b,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        self.done = true;
                        return Some(Item::Failed {
                            path: format!("<stdin>:{}", self.line),
                            message: format!(
                                "<stdin>:{}: cannot read standard input: {}",
                                self.line,
                                ingest::describe_io_error(&e)
                            ),
                        });
                    }
                };
                if available.is_empty() {
                    self.done = true;
                    break;
                }
                let newline = available.iter().position(|&b| b == b'\n');
                let chunk = &available[..newline.unwrap_or(available.len())];
                if !too_long {
                    if (buf.len() + chunk.len()) as u64 > self.max_bytes {
                        too_long = true;
                        buf = Vec::new();
                    } else {
                        buf.extend_from_slice(chunk);
                    }
                }
                let consumed = chunk.len() + usize::from(newline.is_some());
                self.reader.consume(consumed);
                if newline.is_some() {
                    break;
                }
            }
            let path = format!("<stdin>:{}", self.line);
            if too_long {
                let error = IngestError::TooLarge {
                    path: path.clone(),
                    bytes: None,
                    limit: self.max_bytes,
                };
                return Some(Item::Failed {
                    path,
                    message: error.to_string(),
                });
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(Item::Line(self.line, buf));
        }
        None
    }
}

/// A `--glob` pattern compiled to a regex.
struct Glob {
    regex: Regex,
    negated: bool,
    /// Matched against the path below the walked directory (else the file name).
    whole_path: bool,
}

fn compile_glob(pattern: &str) -> Result<Glob, String> {
    let (negated, body) = match pattern.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, pattern),
    };
    let mut re = String::from("^");
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    let mut braces = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '*' if chars.get(i + 1) == Some(&'*') => {
                if chars.get(i + 2) == Some(&'/') {
                    re.push_str("(?:.*/)?");
                    i += 2;
                } else {
                    re.push_str(".*");
                    i += 1;
                }
            }
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            '[' => {
                let close = chars[i + 1..]
                    .iter()
                    .skip(1)
                    .position(|&c| c == ']')
                    .map(|p| i + 2 + p)
                    .ok_or_else(|| format!("the glob '{pattern}' has an unclosed '['"))?;
                re.push('[');
                let mut class: String = chars[i + 1..close].iter().collect();
                if let Some(rest) = class.strip_prefix('!') {
                    class = format!("^{rest}");
                }
                re.push_str(&class.replace('\\', "\\\\").replace('[', "\\["));
                re.push(']');
                i = close;
            }
            '{' => {
                braces += 1;
                re.push_str("(?:");
            }
            '}' if braces > 0 => {
                braces -= 1;
                re.push(')');
            }
            ',' if braces > 0 => re.push('|'),
            c => re.push_str(&regex::escape(&c.to_string())),
        }
        i += 1;
    }
    if braces > 0 {
        return Err(format!("the glob '{pattern}' has an unclosed '{{'"));
    }
    re.push('$');
    let regex = Regex::new(&re).map_err(|_| format!("the glob '{pattern}' is not valid"))?;
    Ok(Glob {
        regex,
        negated,
        whole_path: body.contains('/'),
    })
}

/// Whether a file found below a directory passes the globs.
fn passes(globs: &[Glob], relative: &Path) -> bool {
    let path = relative.to_string_lossy().replace('\\', "/");
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let matches = |g: &Glob| g.regex.is_match(if g.whole_path { &path } else { &name });
    let positives: Vec<&Glob> = globs.iter().filter(|g| !g.negated).collect();
    (positives.is_empty() || positives.iter().any(|g| matches(g)))
        && !globs.iter().any(|g| g.negated && matches(g))
}

/// Expands directories into the files under them, sorted, so that output order is stable.
/// `skip` (the output file) is left out of directory walks.
fn expand_inputs(inputs: &[PathBuf], globs: &[Glob], skip: Option<&Path>) -> Vec<Item> {
    let mut items = Vec::new();
    for input in inputs {
        if input == Path::new("-") {
            items.push(Item::Stdin);
        } else if input.is_dir() {
            walk_dir(input, input, globs, skip, &mut items);
        } else {
            items.push(Item::File(input.clone()));
        }
    }
    items
}

fn walk_dir(root: &Path, dir: &Path, globs: &[Glob], skip: Option<&Path>, items: &mut Vec<Item>) {
    let unreadable = |path: &Path, e: &io::Error| Item::Failed {
        path: path.display().to_string(),
        message: format!(
            "{}: cannot read the directory: {}",
            path.display(),
            ingest::describe_io_error(e)
        ),
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return items.push(unreadable(dir, &e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => found.push(entry),
            Err(e) => return items.push(unreadable(dir, &e)),
        }
    }
    found.sort_by_key(|e| e.file_name());
    for entry in found {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue; // hidden, and kansli's own temporary files
        }
        let path = entry.path();
        // symbolic links to directories are not followed (no loops); links to files are read
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            walk_dir(root, &path, globs, skip, items);
        } else if file_type.is_symlink() && path.is_dir() {
            continue;
        } else {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let is_output = skip.is_some_and(|s| same_file(s, &path));
            if !is_output && passes(globs, relative) {
                items.push(Item::File(path));
            }
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The output file, written through a temporary file beside it that is renamed over it only when
/// complete. If kansli is interrupted (Ctrl-C, SIGTERM, SIGHUP), the temporary file is removed.
struct AtomicOutput {
    target: PathBuf,
    tmp: PathBuf,
}

impl AtomicOutput {
    fn create(target: &Path) -> io::Result<(AtomicOutput, std::fs::File)> {
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let tmp = dir.join(format!(".{name}.kansli-{}.tmp", std::process::id()));
        // the handler first: a signal between creating the file and installing it would leave it
        signals::remove_on_signal(&tmp);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .inspect_err(|_| signals::forget())?;
        Ok((
            AtomicOutput {
                target: target.to_path_buf(),
                tmp,
            },
            file,
        ))
    }

    /// Makes the data durable, then renames it into place.
    fn commit(self) -> io::Result<()> {
        std::fs::File::open(&self.tmp)?.sync_all()?;
        std::fs::rename(&self.tmp, &self.target)?;
        signals::forget();
        Ok(())
    }

    fn abandon(self) {
        let _ = std::fs::remove_file(&self.tmp);
        signals::forget();
    }
}

/// Removal of the temporary output file when the process is killed by a signal.
mod signals {
    use std::ffi::CString;
    use std::path::Path;
    use std::sync::atomic::{AtomicPtr, Ordering};

    static TMP: AtomicPtr<libc::c_char> = AtomicPtr::new(std::ptr::null_mut());

    extern "C" fn on_signal(sig: libc::c_int) {
        let path = TMP.swap(std::ptr::null_mut(), Ordering::SeqCst);
        // SAFETY: unlink, signal and raise are async-signal-safe; the path is a leaked CString.
        unsafe {
            if !path.is_null() {
                libc::unlink(path);
            }
            libc::signal(sig, libc::SIG_DFL);
            libc::raise(sig);
        }
    }

    pub fn remove_on_signal(tmp: &Path) {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c) = CString::new(tmp.as_os_str().as_bytes()) else {
            return;
        };
        TMP.store(c.into_raw(), Ordering::SeqCst);
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            // SAFETY: installing a handler that only calls async-signal-safe functions.
            unsafe {
                libc::signal(sig, handler);
            }
        }
    }

    pub fn forget() {
        let path = TMP.swap(std::ptr::null_mut(), Ordering::SeqCst);
        if !path.is_null() {
            // SAFETY: the pointer came from CString::into_raw and was swapped out exactly once.
            drop(unsafe { CString::from_raw(path) });
        }
    }
}

fn usage_error(message: &str) -> ExitCode {
    let mut cmd = Cli::command();
    cmd.build();
    let mut err_cmd = cmd.find_subcommand("extract").cloned().unwrap_or(cmd);
    let _ = err_cmd
        .error(clap::error::ErrorKind::InvalidValue, message)
        .print();
    ExitCode::from(FATAL)
}

/// Progress on stderr when it is a terminal: a bar for a known number of inputs, a counter for a
/// stream; nothing otherwise.
fn progress(total: Option<usize>, quiet: bool) -> Option<ProgressBar> {
    if quiet || !io::stderr().is_terminal() {
        return None;
    }
    let bar = match total {
        Some(n) => ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr())
            .with_style(
                ProgressStyle::with_template(
                    "{elapsed_precise} [{bar:25}] {pos}/{len} documents, {msg}, eta {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed_precise} {pos} documents, {per_sec}, {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}

fn extract_command(args: ExtractArgs) -> ExitCode {
    let started = Instant::now();
    if !args.stdin_jsonl && args.inputs.is_empty() {
        return usage_error(
            "no input: give files, directories, or - for standard input (or use --stdin-jsonl)",
        );
    }
    if args.inputs.iter().filter(|p| *p == Path::new("-")).count() > 1 {
        return usage_error("standard input (-) can be read only once");
    }
    if args.jobs == Some(0) {
        return usage_error("--jobs must be at least 1");
    }
    let globs = match args
        .glob
        .iter()
        .map(|g| compile_glob(g))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(globs) => globs,
        Err(message) => return usage_error(&message),
    };
    if let Some(out) = &args.out {
        if out.is_dir() {
            return usage_error(&format!("--out {}: it is a directory", out.display()));
        }
        if args.inputs.iter().any(|i| same_file(i, out)) {
            return usage_error(&format!(
                "--out {} is also an input: kansli never overwrites its inputs",
                out.display()
            ));
        }
    }
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    // the largest pattern compiles on another core while the inputs are listed and the first
    // document goes through the earlier stages
    std::thread::spawn(pipeline::warm_up);

    // inputs are listed before the output file is created, so it can never be one of them
    let (items, total): (Box<dyn Iterator<Item = Item> + Send>, Option<usize>) = if args.stdin_jsonl
    {
        let lines = JsonLines {
            reader: io::BufReader::with_capacity(1 << 16, io::stdin()),
            line: 0,
            max_bytes: args.max_bytes,
            done: false,
        };
        (Box::new(lines), None)
    } else {
        let items = expand_inputs(&args.inputs, &globs, args.out.as_deref());
        if items.is_empty() {
            let filter = if args.glob.is_empty() {
                String::new()
            } else {
                format!(" matching --glob {}", args.glob.join(" --glob "))
            };
            eprintln!("kansli: no input files: the directories given contain no files{filter}");
            return ExitCode::from(FATAL);
        }
        let n = items.len();
        (Box::new(items.into_iter()), Some(n))
    };
    let several = total != Some(1);

    let (out, atomic): (Box<dyn Write + Send>, Option<AtomicOutput>) = match &args.out {
        Some(target) => match AtomicOutput::create(target) {
            Ok((atomic, file)) => (
                Box::new(io::BufWriter::with_capacity(1 << 16, file)),
                Some(atomic),
            ),
            Err(e) => {
                eprintln!(
                    "kansli: cannot create the output file {}: {}",
                    target.display(),
                    ingest::describe_io_error(&e)
                );
                return ExitCode::from(FATAL);
            }
        },
        None => (
            Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout())),
            None,
        ),
    };
    let sink: io::Result<Box<dyn Sink>> = match args.format {
        Format::Csv => CsvSink::new(out).map(|s| Box::new(s) as Box<dyn Sink>),
        Format::Json => Ok(Box::new(JsonSink::new(out, args.pretty && !several))),
        Format::Jsonl => Ok(Box::new(JsonSink::new(out, false))),
    };
    let bar = progress(total, args.quiet);
    let report = |line: &str| match &bar {
        Some(bar) => bar.suspend(|| eprintln!("kansli: {line}")),
        None => eprintln!("kansli: {line}"),
    };
    let mut summary = Summary::default();
    let repairer = Repairer::default();
    let streaming = args.stdin_jsonl;
    let run = sink.and_then(|mut sink| {
        ordered_parallel(
            items,
            jobs,
            |item| process_item(item, args.max_bytes, &repairer),
            |outcome: Outcome| {
                match (&outcome.result, &outcome.id) {
                    (Ok(record), None) => sink.record(record)?,
                    (Ok(record), Some(id)) => sink.keyed_record(id, record)?,
                    (Err(message), id) => {
                        report(message);
                        match id {
                            Some(id) => sink.keyed_error(id, &outcome.path, message)?,
                            None => sink.error(&outcome.path, message)?,
                        }
                    }
                }
                match &outcome.result {
                    Ok(record) => summary.add(record),
                    Err(_) => summary.add_failure(),
                }
                if streaming {
                    sink.flush()?; // the caller may be waiting for this record
                }
                if let Some(bar) = &bar {
                    bar.inc(1);
                    bar.set_message(kansli::output::human_bytes(summary.bytes));
                }
                Ok(())
            },
        )?;
        sink.finish()
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let run = match (run, atomic) {
        (Ok(()), Some(atomic)) => atomic.commit(),
        (Err(e), Some(atomic)) => {
            atomic.abandon();
            Err(e)
        }
        (run, None) => run,
    };
    match run {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe && args.out.is_none() => {}
        Err(e) => {
            let what = match &args.out {
                Some(out) => format!("the output file {}", out.display()),
                None => "the output".into(),
            };
            eprintln!(
                "kansli: cannot write {what}: {}",
                ingest::describe_io_error(&e)
            );
            return ExitCode::from(FATAL);
        }
    }
    let processed = summary.documents + summary.failed;
    if !args.quiet && (several || processed > 1) {
        let secs = started.elapsed().as_secs_f64();
        for (i, line) in summary.to_string().lines().enumerate() {
            if i == 0 {
                eprintln!("kansli: done in {secs:.1} s: {line}");
            } else {
                eprintln!("kansli: {line}");
            }
        }
    }
    if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads the one document of `repair` or `review` (text, ALTO or hOCR); on failure the error is
/// on stderr and the exit code is returned.
fn read_single(file: &Path, max_bytes: u64) -> Result<ocr_xml::Input, ExitCode> {
    read_input(file, max_bytes)
        .and_then(ocr_xml::read)
        .map_err(|e| {
            eprintln!("kansli: {e}");
            ExitCode::from(1)
        })
}

fn repair_command(args: RepairArgs) -> ExitCode {
    let input = match read_single(&args.file, args.max_bytes) {
        Ok(input) => input,
        Err(code) => return code,
    };
    let path = input.doc.source.path.clone();
    let alto = match (args.format, &input.ocr) {
        (RepairFormat::Alto, Some(ocr)) if ocr.format == ocr_xml::Format::Alto => Some(ocr),
        (RepairFormat::Alto, _) => {
            eprintln!("kansli: {path}: --format alto needs an ALTO file as input");
            return ExitCode::from(FATAL);
        }
        (RepairFormat::Text, _) => None,
    };
    let repaired = match guarded(&path, "repairing", || input.repair(&Repairer::default())) {
        Ok(repaired) => repaired,
        Err(message) => {
            eprintln!("kansli: {message}");
            return ExitCode::from(1);
        }
    };
    let alto = match alto.map(|ocr| ocr.to_alto(&repaired)).transpose() {
        Ok(alto) => alto,
        Err(e) => {
            eprintln!("kansli: {path}: {e}");
            return ExitCode::from(1);
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = if args.edits {
        repaired.edits.iter().try_for_each(|e| {
            serde_json::to_writer(&mut out, e)?;
            out.write_all(b"\n")
        })
    } else {
        out.write_all(alto.as_deref().unwrap_or(&repaired.text.text).as_bytes())
    };
    match written.and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "kansli: cannot write the output: {}",
                ingest::describe_io_error(&e)
            );
            ExitCode::from(FATAL)
        }
    }
}

fn main() -> ExitCode {
    install_panic_hook();
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract_command(args),
        Command::Repair(args) => repair_command(args),
        Command::Review(args) => review_command(args),
    }
}

/// `kansli review`: the document through the pipeline, rendered as one HTML page.
fn review_command(args: ReviewArgs) -> ExitCode {
    let input = match read_single(&args.file, args.max_bytes) {
        Ok(input) => input,
        Err(code) => return code,
    };
    let path = input.doc.source.path.clone();
    let page = match guarded(&path, "processing", || {
        let repaired = input.repair(&Repairer::default());
        let record = pipeline::process_repaired(input.doc.clone(), repaired);
        kansli::review::render(&path, &input.doc.text, &record, input.ocr.as_ref())
    }) {
        Ok(page) => page,
        Err(message) => {
            eprintln!("kansli: {message}");
            return ExitCode::from(1);
        }
    };
    let written = match &args.out {
        Some(target) => AtomicOutput::create(target).and_then(|(atomic, mut file)| {
            match file.write_all(page.as_bytes()) {
                Ok(()) => atomic.commit(),
                Err(e) => {
                    atomic.abandon();
                    Err(e)
                }
            }
        }),
        None => io::stdout().lock().write_all(page.as_bytes()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe && args.out.is_none() => ExitCode::SUCCESS,
        Err(e) => {
            let what = args.out.as_ref().map_or_else(
                || "the output".to_string(),
                |o| format!("the output file {}", o.display()),
            );
            eprintln!(
                "kansli: cannot write {what}: {}",
                ingest::describe_io_error(&e)
            );
            ExitCode::from(FATAL)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_names_and_paths() {
        let g = |p: &str| compile_glob(p).unwrap();
        let txt = [g("*.txt")];
        assert!(passes(&txt, Path::new("a/b/beslut.txt")));
        assert!(!passes(&txt, Path::new("a/b/beslut.pdf")));
        let both = [g("*.{txt,TXT}"), g("!utkast*")];
        assert!(passes(&both, Path::new("x/BESLUT.TXT")));
        assert!(!passes(&both, Path::new("x/utkast1.txt")));
        let path = [g("2020/**/*.txt")];
        assert!(passes(&path, Path::new("2020/s/a.txt")));
        assert!(passes(&path, Path::new("2020/a.txt")));
        assert!(!passes(&path, Path::new("2021/a.txt")));
        let class = [g("[0-9][!x]?.txt")];
        assert!(passes(&class, Path::new("00a.txt")));
        assert!(!passes(&class, Path::new("0xa.txt")));
        assert!(compile_glob("[abc").is_err());
        assert!(compile_glob("{a,b").is_err());
        assert!(passes(&[g("a+b(1).txt")], Path::new("a+b(1).txt")));
    }

    #[test]
    fn json_lines_skip_blank_lines_and_overlong_lines() {
        let input = b"{\"text\":\"a\"}\n\n   \r\n{\"text\":\"0123456789012345678901234567890\"}\n{\"text\":\"b\"}";
        let lines = JsonLines {
            reader: io::BufReader::with_capacity(4, &input[..]),
            line: 0,
            max_bytes: 20,
            done: false,
        };
        let got: Vec<String> = lines
            .map(|item| match item {
                Item::Line(n, b) => format!("{n}:{}", String::from_utf8_lossy(&b)),
                Item::Failed { message, .. } => message,
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            got,
            vec![
                "1:{\"text\":\"a\"}".to_string(),
                "<stdin>:4: the input is over the limit of 20 bytes (raise it with --max-bytes)"
                    .to_string(),
                "5:{\"text\":\"b\"}".to_string(),
            ]
        );
    }
}
