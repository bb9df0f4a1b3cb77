//! The `kansli` command line: `extract` and `repair`.

use clap::{Parser, Subcommand, ValueEnum};
use kansli::ingest::{self, DEFAULT_MAX_BYTES};
use kansli::output::{CsvSink, JsonSink, Sink};
use kansli::pipeline;
use kansli::repair::Repairer;
use rayon::prelude::*;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
struct ExtractArgs {
    /// Files, directories (walked recursively) or `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Indent JSON output.
    #[arg(long)]
    pretty: bool,
    /// Write to this file (atomically: a temporary file renamed when complete).
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

#[derive(clap::Args)]
struct RepairArgs {
    file: PathBuf,
    /// List the changes (JSON Lines) instead of printing the text.
    #[arg(long)]
    edits: bool,
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

fn read_input(path: &Path, max_bytes: u64) -> Result<ingest::Document, String> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        io::stdin()
            .take(max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("<stdin>: cannot read: {e}"))?;
        if bytes.len() as u64 > max_bytes {
            return Err(format!(
                "<stdin>: the input is over the limit of {max_bytes} bytes"
            ));
        }
        return ingest::decode("<stdin>", &bytes).map_err(|e| e.to_string());
    }
    ingest::read_path(path, max_bytes).map_err(|e| e.to_string())
}

/// Expands directories into the files under them, sorted, so that output order is stable.
fn expand_inputs(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk_dir(input, &mut found);
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    files
}

fn walk_dir(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        found.push(dir.to_path_buf()); // reported as unreadable when processed
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk_dir(&path, found);
        } else {
            found.push(path);
        }
    }
}

/// Runs extraction over all inputs in parallel, writing records in input order.
/// Returns how many inputs failed.
fn run_extract(args: &ExtractArgs, out: Box<dyn Write>) -> io::Result<usize> {
    let files = expand_inputs(&args.inputs);
    let several = files.len() > 1;
    let mut sink: Box<dyn Sink> = match args.format {
        Format::Csv => Box::new(CsvSink::new(out)?),
        Format::Json => Box::new(JsonSink::new(out, args.pretty && !several)),
        Format::Jsonl => Box::new(JsonSink::new(out, false)),
    };
    let repairer = Repairer::default();
    let mut failures = 0;
    // batches bound memory while keeping every core busy and the output in input order
    let batch = rayon::current_num_threads() * 8;
    for chunk in files.chunks(batch) {
        let results: Vec<_> = chunk
            .par_iter()
            .map(|path| {
                read_input(path, args.max_bytes).map(|doc| pipeline::process(doc, &repairer))
            })
            .collect();
        for (path, result) in chunk.iter().zip(results) {
            match result {
                Ok(record) => sink.record(&record)?,
                Err(message) => {
                    failures += 1;
                    eprintln!("kansli: {message}");
                    sink.error(&path.display().to_string(), &message)?;
                }
            }
        }
    }
    sink.finish()?;
    Ok(failures)
}

/// Writes through a temporary file beside `target`, renamed over it only when complete.
fn write_atomically(
    target: &Path,
    write: impl FnOnce(Box<dyn Write>) -> io::Result<usize>,
) -> io::Result<usize> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.kansli-tmp-{}",
        target
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    let file = std::fs::File::create(&tmp)?;
    let result = write(Box::new(io::BufWriter::new(file)));
    match result {
        Ok(failures) => {
            std::fs::rename(&tmp, target)?;
            Ok(failures)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

fn extract_command(args: ExtractArgs) -> ExitCode {
    let result = match &args.out {
        Some(target) => write_atomically(target, |out| run_extract(&args, out)),
        None => run_extract(&args, Box::new(io::BufWriter::new(io::stdout().lock()))),
    };
    match result {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kansli: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}

fn repair_command(args: RepairArgs) -> ExitCode {
    let doc = match read_input(&args.file, args.max_bytes) {
        Ok(doc) => doc,
        Err(message) => {
            eprintln!("kansli: {message}");
            return ExitCode::from(1);
        }
    };
    let repaired = Repairer::default().repair(&doc.text);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = if args.edits {
        repaired.edits.iter().try_for_each(|e| {
            writeln!(
                out,
                "{}",
                serde_json::to_string(e).expect("edits serialize")
            )
        })
    } else {
        out.write_all(repaired.text.text.as_bytes())
    };
    match written.and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kansli: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract_command(args),
        Command::Repair(args) => repair_command(args),
    }
}
