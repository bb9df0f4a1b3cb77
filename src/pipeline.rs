//! The pipeline: ingest → layout → repair → extract → reconcile, one document at a time.
//! Output is the caller's business (see [`crate::output`]).

use crate::extract::texts::Texts;
use crate::extract::{
    self, agencies, allocations, amounts, assignments, deadlines, decision, document, people,
};
use crate::ingest::Document;
use crate::layout;
use crate::reconcile::reconcile;
use crate::record::{Kind, Record};
use crate::register::Register;
use crate::repair::{Repaired, Repairer};
use crate::words::WordRegex;
use std::sync::LazyLock;

static MINIMUM_ANCHOR: LazyLock<WordRegex> =
    LazyLock::new(|| WordRegex::new(r"(?i)\bminimibelopp"));

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
    let layout = &repaired.layout;
    let reading = layout.reading_text(text);
    let kind = extract::kind(text);
    let decision =
        (kind == Kind::Decision).then(|| decision::decision(text, layout, &reading.text));
    let texts = Texts::new(original, &repaired.text, &reading, layout);
    let published = document::published(&texts);
    let ministry = document::ministry(&texts, decision.as_ref());
    let signatories = decision.as_ref().map_or(&[][..], |d| &d.signatories[..]);
    let people = people::people(&texts, signatories);
    let year_context = deadlines::YearContext::new(decision.as_ref(), published);
    let table = allocations::table(layout, text, original, &repaired.text.map);
    let (allocations, reconciliation) = match &table {
        None => (Vec::new(), None),
        Some(table) => {
            let stated = decision.as_ref().and_then(|d| d.total_sek);
            let minimum = decision::money_after(&reading.text, &MINIMUM_ANCHOR);
            let (a, r) = reconcile(table, Register::embedded(), stated, minimum);
            (a, Some(r))
        }
    };
    Record {
        kind,
        title: document::title(&texts),
        ministry,
        published: published.and_then(|d| d.iso()),
        pages: layout.pages,
        decision,
        allocations,
        footnotes: allocations::footnotes(layout, text),
        reconciliation,
        amounts: amounts::amounts(&texts),
        people,
        agencies: agencies::agencies(&texts),
        assignments: assignments::assignments(&texts),
        deadlines: deadlines::deadlines(&texts, year_context),
        repairs: repaired.edits,
        review: repaired.review,
        warnings: doc.warnings,
        source: doc.source,
    }
}

/// Compiles the extract stage's patterns, the later stages' first, so that a caller can have it
/// done on another core while its own thread lists the inputs and takes the first document
/// through repair and the earlier stages: compiling patterns is most of start-up.
pub fn warm_up() {
    const SAMPLE: &str = "Socialdepartementet\nRegeringsbeslut 2020-11-05\nS2020/06722/FS\n\n\
        Regeringen ger Kammarkollegiet i uppdrag att senast den 30 november 2020 betala ut \
        30 000 000 kronor till kommunerna. Socialminister Lena Hallengren säger att regionerna \
        får 1 miljon kronor.\n\nAle 84 465 kr\n";
    let layout = layout::analyze(SAMPLE);
    let reading = layout.reading_text(SAMPLE);
    let text = crate::offsets::MappedText::identity(SAMPLE);
    let texts = Texts::new(SAMPLE, &text, &reading, &layout);
    agencies::agencies(&texts);
    deadlines::deadlines(&texts, deadlines::YearContext::new(None, None));
    assignments::assignments(&texts);
    amounts::amounts(&texts);
    people::people(&texts, &[]);
    document::title(&texts);
    document::published(&texts);
    decision::decision(SAMPLE, &layout, &reading.text);
}
