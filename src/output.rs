//! Stage 6, output: every format is a [`Sink`] that records are pushed into, in input order.
//!
//! [`ordered_parallel`] runs the pipeline over many documents on several threads and hands the
//! results to the sink in input order, whatever the thread count, so output is deterministic.
//! [`Summary`] counts what a batch run did.

use crate::record::{Kind, Record};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// Where records go. Callers push records in input order, then call `finish` once.
pub trait Sink {
    /// Writes one document's record. Must not reorder or buffer records across calls in a way
    /// that loses them on error: what was pushed before an error stays written.
    fn record(&mut self, record: &Record) -> io::Result<()>;
    /// Writes an error record for an input that could not be processed (`path`, a sentence).
    fn error(&mut self, path: &str, message: &str) -> io::Result<()>;
    /// Writes the record of an input that came with an id (`--stdin-jsonl`): the id comes first,
    /// so that the caller can join records to its inputs.
    fn keyed_record(&mut self, _id: &serde_json::Value, record: &Record) -> io::Result<()> {
        self.record(record)
    }
    /// Writes the error record of an input that came with an id.
    fn keyed_error(
        &mut self,
        _id: &serde_json::Value,
        path: &str,
        message: &str,
    ) -> io::Result<()> {
        self.error(path, message)
    }
    /// Pushes what was written so far to the operating system (streaming mode: after each record).
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// Flushes; called once after the last record.
    fn finish(&mut self) -> io::Result<()>;
}

/// One JSON value a document: an object per line (JSON Lines), or pretty-printed objects.
pub struct JsonSink<W: Write> {
    out: W,
    pretty: bool,
}

impl<W: Write> JsonSink<W> {
    pub fn new(out: W, pretty: bool) -> Self {
        JsonSink { out, pretty }
    }

    /// The writer, e.g. to sync a file after `finish`.
    pub fn into_inner(self) -> W {
        self.out
    }

    fn write_value<T: serde::Serialize>(&mut self, value: &T) -> io::Result<()> {
        // serialised whole before writing, so that a failing value never leaves half a line
        let bytes = if self.pretty {
            serde_json::to_vec_pretty(value)?
        } else {
            serde_json::to_vec(value)?
        };
        self.out.write_all(&bytes)?;
        self.out.write_all(b"\n")
    }
}

/// The record written for an input that failed: its path and what went wrong.
pub fn error_value(path: &str, message: &str) -> serde_json::Value {
    serde_json::json!({ "source": { "path": path }, "error": message })
}

#[derive(Serialize)]
struct Keyed<'a, T: Serialize> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    value: &'a T,
}

impl<W: Write> Sink for JsonSink<W> {
    fn record(&mut self, record: &Record) -> io::Result<()> {
        self.write_value(record)
    }

    fn error(&mut self, path: &str, message: &str) -> io::Result<()> {
        self.write_value(&error_value(path, message))
    }

    fn keyed_record(&mut self, id: &serde_json::Value, record: &Record) -> io::Result<()> {
        self.write_value(&Keyed { id, value: record })
    }

    fn keyed_error(&mut self, id: &serde_json::Value, path: &str, message: &str) -> io::Result<()> {
        self.write_value(&Keyed {
            id,
            value: &error_value(path, message),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// One allocation row a line, with the register's columns, for spreadsheets. Documents without an
/// allocation table write nothing; failed inputs are reported on stderr only. With ids
/// (`--stdin-jsonl`) the `source` column holds the id.
pub struct CsvSink<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> CsvSink<W> {
    pub fn new(out: W) -> io::Result<Self> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record([
            "source",
            "row",
            "name_ocr",
            "name",
            "municipality_code",
            "county_code",
            "county",
            "amount_sek",
            "footnote",
            "confidence",
            "region_code",
        ])?;
        Ok(CsvSink { out })
    }

    fn rows(&mut self, source: &str, record: &Record) -> io::Result<()> {
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        for a in &record.allocations {
            self.out.write_record([
                source.to_string(),
                a.row.to_string(),
                a.name_ocr.clone(),
                opt(&a.name),
                opt(&a.municipality_code),
                opt(&a.county_code),
                opt(&a.county),
                a.amount_sek.map(|v| v.to_string()).unwrap_or_default(),
                a.footnote.to_string(),
                a.confidence.to_string(),
                opt(&a.region_code),
            ])?;
        }
        Ok(())
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn record(&mut self, record: &Record) -> io::Result<()> {
        self.rows(&record.source.path.clone(), record)
    }

    fn error(&mut self, _path: &str, _message: &str) -> io::Result<()> {
        Ok(())
    }

    fn keyed_record(&mut self, id: &serde_json::Value, record: &Record) -> io::Result<()> {
        let source = match id {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => record.source.path.clone(),
            other => other.to_string(),
        };
        self.rows(&source, record)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Runs `work` over `items` on `jobs` threads and hands each result to `emit` in input order.
///
/// Items are pulled from the iterator one at a time (so it may read lazily, e.g. lines of
/// standard input) and at most a few per thread are in flight, so memory stays bounded however
/// many items there are. `emit` runs on the calling thread. When `emit` fails, no further item is
/// started, and the error is returned once the items in flight are done.
pub fn ordered_parallel<I, T, F, E>(items: I, jobs: usize, work: F, mut emit: E) -> io::Result<()>
where
    I: Iterator + Send,
    I::Item: Send,
    T: Send,
    F: Fn(I::Item) -> T + Sync,
    E: FnMut(T) -> io::Result<()>,
{
    let jobs = jobs.max(1);
    if jobs == 1 {
        for item in items {
            emit(work(item))?;
        }
        return Ok(());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("kansli-worker-{i}"))
        .build()
        .map_err(io::Error::other)?;
    // Items started but not yet emitted stay below this. Wide enough that one slow document (a
    // 290-row allocation table takes ten times a press release) does not leave the other threads
    // idle while it is done: with a window of 8 the speed-up on 2 cores was 1.3×, with 256 it is
    // 1.8× (`cargo bench --bench throughput`). What waits is finished records, a few kB each.
    let window = (jobs * 128).clamp(256, 4096);
    let source = Mutex::new((items, 0usize));
    let emitted = (Mutex::new(0usize), Condvar::new());
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    let mut result = Ok(());
    pool.in_place_scope(|scope| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (source, emitted, stop, work) = (&source, &emitted, &stop, &work);
            scope.spawn(move |_| loop {
                let (index, item) = {
                    let mut guard = source.lock().unwrap_or_else(|e| e.into_inner());
                    let index = guard.1;
                    {
                        let (lock, ready) = emitted;
                        let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
                        while index >= *done + window && !stop.load(Ordering::Relaxed) {
                            done = ready.wait(done).unwrap_or_else(|e| e.into_inner());
                        }
                    }
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let Some(item) = guard.0.next() else { return };
                    guard.1 += 1;
                    (index, item)
                };
                if tx.send((index, work(item))).is_err() {
                    return;
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, T> = BTreeMap::new();
        let mut next = 0;
        for (index, value) in rx.iter() {
            if result.is_err() {
                continue; // drain, so no worker blocks
            }
            pending.insert(index, value);
            while let Some(value) = pending.remove(&next) {
                next += 1;
                if let Err(e) = emit(value) {
                    result = Err(e);
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
            }
            let (lock, ready) = &emitted;
            *lock.lock().unwrap_or_else(|e| e.into_inner()) = next;
            ready.notify_all();
        }
    });
    result
}

/// What a batch run did, for the summary printed at its end.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub documents: usize,
    pub bytes: u64,
    pub decisions: usize,
    pub press_releases: usize,
    pub unknown: usize,
    pub with_warnings: usize,
    pub repairs: usize,
    pub review: usize,
    pub tables_reconciled: usize,
    pub tables_not_reconciled: usize,
    pub failed: usize,
}

impl Summary {
    pub fn add(&mut self, record: &Record) {
        self.documents += 1;
        self.bytes += record.source.bytes;
        match record.kind {
            Kind::Decision => self.decisions += 1,
            Kind::PressRelease => self.press_releases += 1,
            Kind::Unknown => self.unknown += 1,
        }
        self.with_warnings += usize::from(!record.warnings.is_empty());
        self.repairs += record.repairs.len();
        self.review += record.review.len();
        match &record.reconciliation {
            Some(r) if r.ok => self.tables_reconciled += 1,
            Some(_) => self.tables_not_reconciled += 1,
            None => {}
        }
    }

    pub fn add_failure(&mut self) {
        self.failed += 1;
    }
}

/// "950 B", "15.5 kB", "20.1 MB".
pub fn human_bytes(bytes: u64) -> String {
    match bytes {
        0..=999 => format!("{bytes} B"),
        1_000..=999_999 => format!("{:.1} kB", bytes as f64 / 1e3),
        1_000_000..=999_999_999 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.2} GB", bytes as f64 / 1e9),
    }
}

/// Two lines: documents and kinds, then repairs and tables.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "{} ({}): {}, {}, {} unknown",
            plural(self.documents, "document", "documents"),
            human_bytes(self.bytes),
            plural(self.decisions, "decision", "decisions"),
            plural(self.press_releases, "press release", "press releases"),
            self.unknown,
        )?;
        if self.with_warnings > 0 {
            write!(f, ", {} with warnings", self.with_warnings)?;
        }
        write!(f, "; {} failed", self.failed)?;
        write!(
            f,
            "\n{}, {} for review; allocation tables: {} reconciled, {} not reconciled",
            plural(self.repairs, "repair", "repairs"),
            self.review,
            self.tables_reconciled,
            self.tables_not_reconciled
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn ordered_parallel_keeps_input_order() {
        for jobs in [1, 2, 3, 8] {
            let mut out = Vec::new();
            ordered_parallel(
                0..500u64,
                jobs,
                |i| {
                    // uneven work, so that results arrive out of order
                    let spin = (i * 7919) % 13;
                    std::thread::sleep(std::time::Duration::from_micros(spin * 50));
                    i * 2
                },
                |v| {
                    out.push(v);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(out, (0..500u64).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn ordered_parallel_stops_on_emit_error() {
        let started = AtomicUsize::new(0);
        let mut emitted = 0;
        let err = ordered_parallel(
            0..10_000,
            2,
            |i| {
                started.fetch_add(1, Ordering::Relaxed);
                i
            },
            |_| {
                emitted += 1;
                if emitted == 10 {
                    Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
                } else {
                    Ok(())
                }
            },
        )
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        // only the window in flight (256 for 2 threads) was started, not all 10 000
        assert!(started.load(Ordering::Relaxed) < 600);
    }
}
