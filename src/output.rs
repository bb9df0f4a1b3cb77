//! Stage 6, output: every format is a [`Sink`] that records are pushed into, in input order.

use crate::record::Record;
use std::io::{self, Write};

/// Where records go. Callers push records in input order, then call `finish` once.
pub trait Sink {
    /// Writes one document's record. Must not reorder or buffer records across calls in a way
    /// that loses them on error: what was pushed before an error stays written.
    fn record(&mut self, record: &Record) -> io::Result<()>;
    /// Writes an error record for an input that could not be processed (`path`, a sentence).
    fn error(&mut self, path: &str, message: &str) -> io::Result<()>;
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

    fn write_value<T: serde::Serialize>(&mut self, value: &T) -> io::Result<()> {
        if self.pretty {
            serde_json::to_writer_pretty(&mut self.out, value)?;
        } else {
            serde_json::to_writer(&mut self.out, value)?;
        }
        self.out.write_all(b"\n")
    }
}

/// The record written for an input that failed: its path and what went wrong.
pub fn error_value(path: &str, message: &str) -> serde_json::Value {
    serde_json::json!({ "source": { "path": path }, "error": message })
}

impl<W: Write> Sink for JsonSink<W> {
    fn record(&mut self, record: &Record) -> io::Result<()> {
        self.write_value(record)
    }

    fn error(&mut self, path: &str, message: &str) -> io::Result<()> {
        self.write_value(&error_value(path, message))
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// One allocation row a line, with the register's columns, for spreadsheets. Documents without an
/// allocation table write nothing; failed inputs are reported on stderr only.
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
        ])?;
        Ok(CsvSink { out })
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn record(&mut self, record: &Record) -> io::Result<()> {
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        for a in &record.allocations {
            self.out.write_record([
                record.source.path.clone(),
                a.row.to_string(),
                a.name_ocr.clone(),
                opt(&a.name),
                opt(&a.municipality_code),
                opt(&a.county_code),
                opt(&a.county),
                a.amount_sek.map(|v| v.to_string()).unwrap_or_default(),
                a.footnote.to_string(),
                a.confidence.to_string(),
            ])?;
        }
        Ok(())
    }

    fn error(&mut self, _path: &str, _message: &str) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
