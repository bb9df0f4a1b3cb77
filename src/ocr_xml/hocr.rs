//! hOCR (OCR results as HTML, as Tesseract writes them): elements are marked by class and carry
//! their properties in `title` ("bbox 51 62 279 106; x_wconf 91"): `ocr_page` → `ocr_carea` and
//! `ocr_par` (paragraphs) → `ocr_line` (or Tesseract's `ocr_header`, `ocr_caption`,
//! `ocr_textfloat`) → `ocrx_word`, whose text may sit inside `strong` or `em`.

use super::Format::Hocr;
use super::{attribute, entity, next_event, BBox, Page, TextBuilder, XmlError};
use quick_xml::events::Event;
use quick_xml::Reader;

/// What an open element is to the text.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Line,
    Word,
    Other,
}

/// HTML elements that never have an end tag: hOCR written as HTML rather than XHTML leaves them
/// unclosed.
const VOID: &[&[u8]] = &[
    b"meta", b"link", b"br", b"img", b"hr", b"input", b"col", b"area", b"base", b"wbr",
];

/// A word being read: its text so far, box and confidence.
type OpenWord = (String, Option<BBox>, Option<f64>);

/// Reads the words into `b`; returns the measurement unit (hOCR boxes are in pixels).
pub(super) fn read(xml: &str, b: &mut TextBuilder) -> Result<String, XmlError> {
    let mut reader = Reader::from_str(xml);
    // hOCR written as HTML may leave tags such as <p> unclosed
    reader.config_mut().check_end_names = false;
    let mut open: Vec<Kind> = Vec::new();
    let mut word: Option<OpenWord> = None;
    let close = |kind: Kind, word: &mut Option<OpenWord>, b: &mut TextBuilder| match kind {
        Kind::Word => {
            if let Some((text, bbox, confidence)) = word.take() {
                b.word(&text, bbox, confidence);
            }
        }
        Kind::Line => b.end_line(),
        Kind::Other => {}
    };
    loop {
        let (event, at) = next_event(&mut reader, Hocr, xml)?;
        let fail = |e: quick_xml::Error, at: u64| XmlError::at(Hocr, xml, at, e);
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let get = |name: &str| attribute(e, name).map_err(|err| fail(err, at));
                let void = VOID.contains(&e.local_name().as_ref());
                let (bbox, confidence) = properties(&get("title")?.unwrap_or_default());
                let mut kind = Kind::Other;
                for class in get("class")?.unwrap_or_default().split_whitespace() {
                    match class {
                        "ocr_page" => b.page(Page {
                            id: get("id")?,
                            width: bbox.map(|r| r.width),
                            height: bbox.map(|r| r.height),
                        }),
                        "ocr_carea" | "ocr_par" => b.paragraph(),
                        "ocr_line" | "ocr_header" | "ocr_caption" | "ocr_textfloat" => {
                            b.line(bbox);
                            kind = Kind::Line;
                        }
                        "ocrx_word" => {
                            word = Some((String::new(), bbox, confidence));
                            kind = Kind::Word;
                        }
                        _ => {}
                    }
                }
                if matches!(event, Event::Empty(_)) || void {
                    close(kind, &mut word, b);
                } else {
                    open.push(kind);
                }
            }
            Event::Text(t) => {
                if let Some((text, _, _)) = &mut word {
                    text.push_str(&t.unescape_with(entity).map_err(|e| fail(e, at))?);
                }
            }
            Event::CData(t) => {
                if let Some((text, _, _)) = &mut word {
                    text.push_str(&String::from_utf8_lossy(t));
                }
            }
            Event::End(_) => {
                if let Some(kind) = open.pop() {
                    close(kind, &mut word, b);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok("pixel".into())
}

/// The box and word confidence (0–1) in an hOCR `title`.
fn properties(title: &str) -> (Option<BBox>, Option<f64>) {
    let (mut bbox, mut confidence) = (None, None);
    for property in title.split(';') {
        let mut parts = property.split_whitespace();
        let key = parts.next();
        let values: Vec<f64> = parts.filter_map(|v| v.parse().ok()).collect();
        match (key, values.as_slice()) {
            (Some("bbox"), &[x0, y0, x1, y1]) => {
                bbox = Some(BBox {
                    x: x0,
                    y: y0,
                    width: x1 - x0,
                    height: y1 - y0,
                })
            }
            (Some("x_wconf"), &[c]) => confidence = Some(c / 100.0),
            _ => {}
        }
    }
    (bbox, confidence)
}
