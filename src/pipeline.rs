//! The pipeline: ingest → layout → repair → extract → reconcile, one document at a time.
//! Output is the caller's business (see [`crate::output`]).

use crate::extract::{self, allocations, decision};
use crate::ingest::Document;
use crate::layout;
use crate::reconcile::reconcile;
use crate::record::{Kind, Record};
use crate::register::Register;
use crate::repair::{Repaired, Repairer};
use regex::Regex;
use std::sync::LazyLock;

static MINIMUM_ANCHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bminimibelopp").unwrap());

/// Runs every stage on a decoded document.
pub fn process(doc: Document, repairer: &Repairer) -> Record {
    let repaired = repairer.repair(&doc.text);
    process_repaired(doc, repaired)
}

/// Runs the stages after repair, on a document repaired elsewhere (an OCR file's repair weighs
/// the engine's word confidences, see [`crate::ocr_xml`]).
pub fn process_repaired(doc: Document, repaired: Repaired) -> Record {
    let original = &doc.text;
    let text = &repaired.text.text;
    let layout = layout::analyze(text);
    let reading = layout.reading_text(text);
    let kind = extract::kind(text);
    let decision =
        (kind == Kind::Decision).then(|| decision::decision(text, &layout, &reading.text));
    let rows = allocations::table_rows(&layout, text, original, &repaired.text.map);
    let (allocations, reconciliation) = if rows.is_empty() {
        (Vec::new(), None)
    } else {
        let stated = decision.as_ref().and_then(|d| d.total_sek);
        let minimum = decision::money_after(&reading.text, &MINIMUM_ANCHOR);
        let (a, r) = reconcile(&rows, Register::embedded(), stated, minimum);
        (a, Some(r))
    };
    Record {
        kind,
        pages: layout.pages,
        decision,
        allocations,
        footnotes: allocations::footnotes(&layout, text),
        reconciliation,
        repairs: repaired.edits,
        review: repaired.review,
        warnings: doc.warnings,
        source: doc.source,
    }
}
