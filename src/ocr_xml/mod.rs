//! Archival OCR formats: ALTO XML (what libraries and archives keep) and hOCR (what Tesseract
//! writes), read into the plain text the pipeline works on, with every word's place on the page
//! and the OCR engine's confidence in it; and repaired ALTO written back.
//!
//! The plain text is laid out as Tesseract's own text output is (words separated by a space, lines
//! by a newline, paragraphs by a blank line, pages by a form feed), so a file gives the same
//! records whether it arrives as text, ALTO or hOCR. For these inputs every offset kansli reports
//! is a byte offset into that plain text; [`Word`] maps it back to the file's coordinates.
//!
//! The engine's word confidences (ALTO `WC`, hOCR `x_wconf`) go to the repair stage
//! ([`Repairer::repair_with_confidences`]): a word the engine was unsure of is more likely
//! misread, so a correction of it is likelier right, and the reverse for a word it was sure of.

mod alto;
mod hocr;

use crate::ingest::{Document, IngestError};
use crate::pipeline;
use crate::record::Record;
use crate::repair::{Edit, Repaired, Repairer};
use quick_xml::events::BytesStart;
use std::fmt;

/// A recognised OCR file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Alto,
    Hocr,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Alto => "ALTO",
            Format::Hocr => "hOCR",
        }
    }
}

/// A rectangle on the page image, in the file's unit ([`OcrXml::unit`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// The page's `ID` (ALTO) or `id` (hOCR), when it has one.
    pub id: Option<String>,
    pub width: Option<f64>,
    pub height: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Index into [`OcrXml::pages`].
    pub page: usize,
    pub bbox: Option<BBox>,
    /// Byte range in the plain text, newline excluded.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Index into [`OcrXml::lines`].
    pub line: usize,
    /// Byte range in the plain text.
    pub start: usize,
    pub end: usize,
    pub bbox: Option<BBox>,
    /// The engine's confidence in the word, 0–1 (ALTO `WC`, hOCR `x_wconf` / 100).
    pub confidence: Option<f64>,
    /// 0-based position of the word's element among the file's word elements (ALTO `String`,
    /// hOCR `ocrx_word`), empty ones included: how the ALTO writer finds it again.
    pub element: usize,
}

/// An OCR file read: the plain text and what the file says about each word.
#[derive(Debug, Clone)]
pub struct OcrXml {
    pub format: Format,
    /// The file as decoded, kept for writing it back.
    pub xml: String,
    pub text: String,
    /// ALTO `MeasurementUnit` (`pixel`, `mm10`, `inch1200`); hOCR is always `pixel`.
    pub unit: String,
    pub pages: Vec<Page>,
    pub lines: Vec<Line>,
    pub words: Vec<Word>,
    alto: alto::Facts,
}

/// A file that is not well-formed XML. `Display` gives a sentence without the file name.
#[derive(Debug, Clone, PartialEq)]
pub struct XmlError {
    pub format: Format,
    /// 1-based line of the file where reading stopped.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the {} file is not well-formed XML (line {}: {})",
            self.format.name(),
            self.line,
            self.message
        )
    }
}

impl std::error::Error for XmlError {}

impl XmlError {
    fn at(format: Format, xml: &str, offset: u64, message: impl fmt::Display) -> XmlError {
        let offset = (offset as usize).min(xml.len());
        let before = xml.as_bytes()[..offset].iter().filter(|&&b| b == b'\n');
        XmlError {
            format,
            line: before.count() + 1,
            message: message.to_string(),
        }
    }
}

/// Which OCR format a decoded file is in, if any. Only a file that starts with markup is looked
/// at, so no plain text is ever taken for XML.
pub fn detect(text: &str) -> Option<Format> {
    if !text.trim_start().starts_with('<') {
        return None;
    }
    // the root element and hOCR's class names come early; a long <head> may push them back
    let mut head_end = text.len().min(64 * 1024);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &text[..head_end];
    if head.contains("<alto") || head.contains(":alto") && head.contains("standards/alto") {
        Some(Format::Alto)
    } else if ["ocr_page", "ocrx_word", "ocr_line", "ocr-capabilities"]
        .iter()
        .any(|class| head.contains(class))
    {
        Some(Format::Hocr)
    } else {
        None
    }
}

/// Reads an ALTO or hOCR file.
pub fn parse(format: Format, xml: String) -> Result<OcrXml, XmlError> {
    let mut builder = TextBuilder::default();
    let (alto, unit) = match format {
        Format::Alto => alto::read(&xml, &mut builder)?,
        Format::Hocr => (alto::Facts::default(), hocr::read(&xml, &mut builder)?),
    };
    builder.end_line();
    Ok(OcrXml {
        format,
        xml,
        text: builder.text,
        unit,
        pages: builder.pages,
        lines: builder.lines,
        words: builder.words,
        alto,
    })
}

/// XML's entities and the few HTML ones that hOCR written by HTML tools may carry.
fn entity(name: &str) -> Option<&'static str> {
    quick_xml::escape::resolve_predefined_entity(name).or_else(|| {
        Some(match name {
            "nbsp" => "\u{a0}",
            "shy" => "\u{ad}",
            "ndash" => "–",
            "mdash" => "—",
            "hellip" => "…",
            "laquo" => "«",
            "raquo" => "»",
            "aring" => "å",
            "auml" => "ä",
            "ouml" => "ö",
            "Aring" => "Å",
            "Auml" => "Ä",
            "Ouml" => "Ö",
            "eacute" => "é",
            _ => return None,
        })
    })
}

/// The next event of `reader` and the byte position after it; an error says where in `xml` it
/// happened.
fn next_event<'x>(
    reader: &mut quick_xml::Reader<&'x [u8]>,
    format: Format,
    xml: &str,
) -> Result<(quick_xml::events::Event<'x>, u64), XmlError> {
    let event = reader
        .read_event()
        .map_err(|e| XmlError::at(format, xml, reader.error_position(), e))?;
    Ok((event, reader.buffer_position()))
}

/// An attribute's unescaped value.
fn attribute(e: &BytesStart, name: &str) -> Result<Option<String>, quick_xml::Error> {
    e.try_get_attribute(name)?
        .map(|a| a.unescape_value_with(entity).map(|v| v.into_owned()))
        .transpose()
}

/// A number from an attribute; anything unreadable counts as absent.
fn number(value: Option<String>) -> Option<f64> {
    value?.trim().parse().ok().filter(|n: &f64| n.is_finite())
}

/// Builds the plain text as Tesseract's text output lays it out (see the module documentation).
#[derive(Default)]
struct TextBuilder {
    text: String,
    pages: Vec<Page>,
    lines: Vec<Line>,
    words: Vec<Word>,
    /// A paragraph began: its first line is preceded by a blank line unless it starts the page.
    paragraph: bool,
    /// The box of a line begun in the file, made a [`Line`] when its first word comes.
    pending_line: Option<Option<BBox>>,
    /// Whether the last line in `lines` is still open.
    line_open: bool,
    /// Word elements seen so far, empty ones included.
    elements: usize,
}

impl TextBuilder {
    fn page(&mut self, page: Page) {
        self.end_line();
        if !self.pages.is_empty() {
            self.text.push('\x0c');
        }
        self.pages.push(page);
        self.paragraph = false;
    }

    fn paragraph(&mut self) {
        self.end_line();
        self.paragraph = true;
    }

    fn line(&mut self, bbox: Option<BBox>) {
        self.end_line();
        self.pending_line = Some(bbox);
    }

    fn word(&mut self, content: &str, bbox: Option<BBox>, confidence: Option<f64>) {
        let element = self.elements;
        self.elements += 1;
        // a word is one token of the text: no newline or form feed may come from inside it
        let content = content.split_whitespace().collect::<Vec<_>>().join(" ");
        if content.is_empty() {
            return;
        }
        self.open_line();
        let start = self.text.len();
        self.text.push_str(&content);
        self.words.push(Word {
            line: self.lines.len() - 1,
            start,
            end: self.text.len(),
            bbox,
            confidence: confidence
                .filter(|c| c.is_finite())
                .map(|c| c.clamp(0.0, 1.0)),
            element,
        });
    }

    /// A hyphen the file marks apart from the word (ALTO `HYP`): text, but no word of its own.
    fn hyphen(&mut self, content: &str) {
        if self.line_open {
            self.text.push_str(content.trim());
        }
    }

    /// Makes sure a line is open and ready for a word (a space is put after a previous word).
    fn open_line(&mut self) {
        if self.line_open {
            self.text.push(' ');
            return;
        }
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        if self.paragraph && !self.text.is_empty() && !self.text.ends_with('\x0c') {
            self.text.push('\n');
        }
        self.paragraph = false;
        let start = self.text.len();
        self.lines.push(Line {
            page: self.pages.len() - 1,
            bbox: self.pending_line.take().flatten(),
            start,
            end: start,
        });
        self.line_open = true;
    }

    fn end_line(&mut self) {
        self.pending_line = None;
        if std::mem::take(&mut self.line_open) {
            if let Some(line) = self.lines.last_mut() {
                line.end = self.text.len();
            }
            self.text.push('\n');
        }
    }
}

/// A decoded input ready for the pipeline: for ALTO and hOCR the document's text is the plain
/// text read from the file, and `ocr` keeps the file and its words.
#[derive(Debug, Clone)]
pub struct Input {
    pub doc: Document,
    pub ocr: Option<OcrXml>,
}

/// Reads an ALTO or hOCR document into its plain text; any other document passes unchanged. A
/// file that is not well-formed is refused with its name and the line where reading stopped.
pub fn read(mut doc: Document) -> Result<Input, IngestError> {
    let Some(format) = detect(&doc.text) else {
        return Ok(Input { doc, ocr: None });
    };
    let xml = std::mem::take(&mut doc.text);
    let ocr = parse(format, xml).map_err(|e| IngestError::Io {
        path: doc.source.path.clone(),
        message: e.to_string(),
    })?;
    doc.text = ocr.text.clone();
    if ocr.words.is_empty() {
        doc.warnings
            .push(format!("the {} file has no words", format.name()));
    }
    Ok(Input {
        doc,
        ocr: Some(ocr),
    })
}

impl Input {
    /// Repairs the text; for an OCR file, with the engine's word confidences.
    pub fn repair(&self, repairer: &Repairer) -> Repaired {
        match &self.ocr {
            Some(ocr) => repairer.repair_with_confidences(&self.doc.text, &ocr.confidences()),
            None => repairer.repair(&self.doc.text),
        }
    }
}

/// Runs every stage on a document that may be ALTO or hOCR (see [`read`]).
pub fn process(doc: Document, repairer: &Repairer) -> Result<Record, IngestError> {
    let input = read(doc)?;
    let repaired = input.repair(repairer);
    Ok(pipeline::process_repaired(input.doc, repaired))
}

impl OcrXml {
    /// The indices of the words that overlap a byte range (an empty range: the word it is in).
    fn words_at(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let first = self.words.partition_point(|w| w.end <= start);
        let end = end.max(start + 1);
        first..first + self.words[first..].partition_point(|w| w.start < end)
    }

    /// The engine's confidence in each word that has one, as the repair stage takes them:
    /// `(start, end, confidence)`.
    pub fn confidences(&self) -> Vec<(usize, usize, f64)> {
        self.words
            .iter()
            .filter_map(|w| Some((w.start, w.end, w.confidence?)))
            .collect()
    }

    /// The lowest engine confidence of the words that overlap a byte range, if any has one.
    pub fn confidence_at(&self, start: usize, end: usize) -> Option<f64> {
        self.words[self.words_at(start, end)]
            .iter()
            .filter_map(|w| w.confidence)
            .min_by(f64::total_cmp)
    }

    /// The new content of every word that edits change, by word element (words they leave as
    /// they were are not listed). An edit within one word changes that word; an edit over several
    /// words (a register name of two words) is shared out one whitespace-separated piece a word,
    /// the last word taking what is left over and words beyond the pieces becoming empty.
    pub fn changed_words(&self, edits: &[Edit]) -> Vec<(usize, String)> {
        let mut shares: Vec<(usize, &Edit, String)> = Vec::new();
        for edit in edits {
            let covered = self.words_at(edit.start, edit.end);
            let pieces: Vec<&str> = if covered.len() > 1 {
                edit.new.split_whitespace().collect()
            } else {
                vec![edit.new.as_str()]
            };
            let last = covered.len().saturating_sub(1);
            for (k, i) in covered.enumerate() {
                let share = match pieces.get(k..) {
                    Some(rest) if k == last => rest.join(" "),
                    Some(rest) => rest.first().map_or_else(String::new, |p| p.to_string()),
                    None => String::new(),
                };
                shares.push((i, edit, share));
            }
        }
        // stable: the edits within one word stay in text order
        shares.sort_by_key(|s| s.0);
        shares
            .chunk_by(|a, b| a.0 == b.0)
            .map(|group| {
                let word = &self.words[group[0].0];
                let mut new = String::new();
                let mut at = word.start;
                for (_, edit, share) in group {
                    let from = edit.start.clamp(at, word.end);
                    new.push_str(&self.text[at..from]);
                    new.push_str(share);
                    at = edit.end.clamp(from, word.end);
                }
                new.push_str(&self.text[at..word.end]);
                (word.element, new, &self.text[word.start..word.end])
            })
            .filter(|(_, new, old)| new != old)
            .map(|(element, new, _)| (element, new))
            .collect()
    }

    /// The file as ALTO with the repaired words' `CONTENT` (see [`alto`]'s `write`).
    pub fn to_alto(&self, repaired: &Repaired) -> Result<String, XmlError> {
        if self.format != Format::Alto {
            return Err(XmlError {
                format: self.format,
                line: 1,
                message: "only ALTO files can be written back as ALTO".into(),
            });
        }
        alto::write(self, &self.changed_words(&repaired.edits), repaired)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_never_taken_for_xml() {
        assert_eq!(detect("Regeringen beslutar <alto>"), None);
        assert_eq!(detect("<p>hej</p>"), None);
        assert_eq!(
            detect("\n<?xml version=\"1.0\"?><alto xmlns=\"x\">"),
            Some(Format::Alto)
        );
        assert_eq!(
            detect("<html><body><div class='ocr_page'>"),
            Some(Format::Hocr)
        );
    }
}
