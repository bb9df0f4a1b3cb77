//! ALTO (Analyzed Layout and Text Object, versions 2–4): `Page` → `TextBlock` (a paragraph) →
//! `TextLine` → `String` (a word: `CONTENT`, `WC`, `HPOS`/`VPOS`/`WIDTH`/`HEIGHT`), `SP`, `HYP`.
//!
//! Writing back keeps the file as it was, event for event, except for three things: a changed
//! word's `CONTENT` is the repaired text, the engine's reading is kept in an `ALTERNATIVE`
//! (`PURPOSE="OCR"`) of that `String`, and a processing step names kansli and its version (an
//! ALTO 2/3 `postProcessingStep` in the last `OCRProcessing`, an ALTO 4 `Processing`), so the
//! result can go back into the archive's own systems.

use super::Format::Alto;
use super::{attribute, next_event, number, BBox, OcrXml, Page, TextBuilder, XmlError};
use crate::repair::Repaired;
use quick_xml::escape::partial_escape as escape;
use quick_xml::events::{BytesDecl, BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::{Reader, Writer};
use std::collections::HashMap;

/// What the writer needs to know about the file before it reaches the place to add its step.
#[derive(Debug, Clone, Default)]
pub(super) struct Facts {
    /// The root's namespace is ALTO 4, whose processing steps are `Processing` elements.
    v4: bool,
    description: bool,
    /// `OCRProcessing` elements: kansli's step goes at the end of the last.
    ocr_processing: usize,
    /// ALTO 4 `Processing` elements: kansli's step gets the next ID.
    processing: usize,
}

/// Reads the words into `b`; returns what the writer needs and the measurement unit.
pub(super) fn read(xml: &str, b: &mut TextBuilder) -> Result<(Facts, String), XmlError> {
    let mut reader = Reader::from_str(xml);
    let mut facts = Facts::default();
    let mut unit = String::from("pixel");
    let mut in_unit = false;
    loop {
        let (event, at) = next_event(&mut reader, Alto, xml)?;
        let fail = |e: quick_xml::Error, at: u64| XmlError::at(Alto, xml, at, e);
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let get = |name: &str| attribute(e, name).map_err(|err| fail(err, at));
                match e.local_name().as_ref() {
                    b"alto" => {
                        facts.v4 = e
                            .attributes()
                            .flatten()
                            .any(|a| a.value.windows(5).any(|w| w == b"ns-v4"))
                    }
                    b"Description" => facts.description = true,
                    b"OCRProcessing" => facts.ocr_processing += 1,
                    b"Processing" => facts.processing += 1,
                    b"MeasurementUnit" => in_unit = true,
                    b"Page" => b.page(Page {
                        id: get("ID")?,
                        width: number(get("WIDTH")?),
                        height: number(get("HEIGHT")?),
                    }),
                    b"TextBlock" => b.paragraph(),
                    b"TextLine" => b.line(alto_box(&get)?),
                    b"String" => b.word(
                        &get("CONTENT")?.unwrap_or_default(),
                        alto_box(&get)?,
                        number(get("WC")?),
                    ),
                    b"HYP" => b.hyphen(&get("CONTENT")?.unwrap_or_default()),
                    _ => {}
                }
                if matches!(event, Event::Empty(_)) && e.local_name().as_ref() == b"TextLine" {
                    b.end_line();
                }
            }
            Event::Text(t) if in_unit => {
                unit = t.unescape().map_err(|e| fail(e, at))?.trim().to_string();
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"TextLine" => b.end_line(),
                b"MeasurementUnit" => in_unit = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((facts, unit))
}

/// An element's `HPOS`, `VPOS`, `WIDTH`, `HEIGHT`, from its attribute getter.
fn alto_box(
    get: &dyn Fn(&str) -> Result<Option<String>, XmlError>,
) -> Result<Option<BBox>, XmlError> {
    let mut v = [0.0; 4];
    for (slot, name) in v.iter_mut().zip(["HPOS", "VPOS", "WIDTH", "HEIGHT"]) {
        match number(get(name)?) {
            Some(n) => *slot = n,
            None => return Ok(None),
        }
    }
    Ok(Some(BBox {
        x: v[0],
        y: v[1],
        width: v[2],
        height: v[3],
    }))
}

/// The namespace prefix of an element's name, with its colon ("alto:" or "").
fn prefix(name: QName) -> String {
    match name.prefix() {
        Some(p) => format!("{}:", String::from_utf8_lossy(p.as_ref())),
        None => String::new(),
    }
}

/// The file with `changed` words (by word element) given their new `CONTENT`.
pub(super) fn write(
    ocr: &OcrXml,
    changed: &[(usize, String)],
    repaired: &Repaired,
) -> Result<String, XmlError> {
    let xml = ocr.xml.as_str();
    let facts = &ocr.alto;
    let changed: HashMap<usize, &str> = changed.iter().map(|(i, s)| (*i, s.as_str())).collect();
    let step = |p: &str, tag: &str| {
        processing_step(
            p,
            tag,
            facts.processing + 1,
            changed.len(),
            repaired.review.len(),
        )
    };
    let mut reader = Reader::from_str(xml);
    let mut out = Writer::new(Vec::with_capacity(xml.len() + changed.len() * 80 + 1024));
    let mut element = 0;
    let mut ocr_processing = 0;
    // the ALTERNATIVE of a changed String that has children, and how deep inside it we are
    let mut pending: Option<(String, usize)> = None;
    loop {
        let (event, at) = next_event(&mut reader, Alto, xml)?;
        let write_err = |e: quick_xml::Error| XmlError::at(Alto, xml, at, e);
        // an ALTERNATIVE follows the String's Shape and ALTERNATIVE children, precedes the rest
        if let Some((alternative, depth)) = &mut pending {
            let before = match &event {
                Event::Start(e) | Event::Empty(e) => {
                    *depth > 1 || matches!(e.local_name().as_ref(), b"Shape" | b"ALTERNATIVE")
                }
                Event::End(_) => *depth > 1,
                _ => true,
            };
            if before {
                match &event {
                    Event::Start(_) => *depth += 1,
                    Event::End(_) => *depth -= 1,
                    _ => {}
                }
            } else {
                out.get_mut().extend_from_slice(alternative.as_bytes());
                pending = None;
            }
        }
        match &event {
            Event::Eof => break,
            Event::Decl(d) if d.encoding().is_some() => {
                // the output is UTF-8 whatever the input was
                let version = d.version().map_err(|e| XmlError::at(Alto, xml, 0, e))?;
                let standalone = d.standalone().and_then(Result::ok);
                let decl = BytesDecl::new(
                    &String::from_utf8_lossy(&version),
                    Some("UTF-8"),
                    standalone
                        .as_deref()
                        .map(|s| String::from_utf8_lossy(s).into_owned())
                        .as_deref(),
                );
                out.write_event(Event::Decl(decl)).map_err(write_err)?;
                continue;
            }
            Event::Start(e) if e.local_name().as_ref() == b"alto" && !facts.description => {
                out.write_event(event.borrow()).map_err(write_err)?;
                let p = prefix(e.name());
                let inner = step(
                    &p,
                    if facts.v4 {
                        "Processing"
                    } else {
                        "OCRProcessing"
                    },
                );
                let description = format!("<{p}Description>{inner}</{p}Description>");
                out.get_mut().extend_from_slice(description.as_bytes());
                continue;
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"String" => {
                let index = element;
                element += 1;
                if let Some(new) = changed.get(&index) {
                    let (start, original) =
                        with_content(e, new).map_err(|err| XmlError::at(Alto, xml, at, err))?;
                    let p = prefix(e.name());
                    let alternative = format!(
                        "<{p}ALTERNATIVE PURPOSE=\"OCR\">{}</{p}ALTERNATIVE>",
                        escape(&original)
                    );
                    let empty = matches!(event, Event::Empty(_));
                    let end = start.to_end().into_owned();
                    out.write_event(Event::Start(start)).map_err(write_err)?;
                    if empty {
                        out.get_mut().extend_from_slice(alternative.as_bytes());
                        out.write_event(Event::End(end)).map_err(write_err)?;
                    } else {
                        pending = Some((alternative, 1));
                    }
                    continue;
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"OCRProcessing" => {
                ocr_processing += 1;
                if !facts.v4 && ocr_processing == facts.ocr_processing {
                    let p = prefix(e.name());
                    out.get_mut()
                        .extend_from_slice(step(&p, "postProcessingStep").as_bytes());
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"Description" => {
                let p = prefix(e.name());
                if facts.v4 {
                    out.get_mut()
                        .extend_from_slice(step(&p, "Processing").as_bytes());
                } else if facts.ocr_processing == 0 {
                    out.get_mut()
                        .extend_from_slice(step(&p, "OCRProcessing").as_bytes());
                }
            }
            _ => {}
        }
        out.write_event(event).map_err(write_err)?;
    }
    String::from_utf8(out.into_inner()).map_err(|e| XmlError::at(Alto, xml, 0, e))
}

/// A copy of a `String` start tag with `CONTENT` set to `new`, and the old `CONTENT`.
fn with_content(
    e: &BytesStart,
    new: &str,
) -> Result<(BytesStart<'static>, String), quick_xml::Error> {
    let mut start = BytesStart::new(String::from_utf8_lossy(e.name().as_ref()).into_owned());
    let mut original = String::new();
    for a in e.attributes() {
        let a = a?;
        if a.key.as_ref() == b"CONTENT" {
            original = a.unescape_value()?.into_owned();
            start.push_attribute(("CONTENT", new));
        } else {
            start.push_attribute(a);
        }
    }
    Ok((start, original))
}

/// kansli's processing step as element `tag`: an ALTO 2/3 `postProcessingStep`, an ALTO 4
/// `Processing` (with an ID), or for an ALTO 2/3 file that records no OCR processing, an
/// `OCRProcessing` whose required OCR step says so.
fn processing_step(p: &str, tag: &str, id: usize, changed: usize, review: usize) -> String {
    let description = format!(
        "kansli repaired Swedish OCR damage: CONTENT replaced in {changed} word{}, each with the \
         engine's reading kept as ALTERNATIVE PURPOSE=\"OCR\"; {review} more word{} flagged for \
         human review and left as read",
        if changed == 1 { "" } else { "s" },
        if review == 1 { "" } else { "s" },
    );
    let body = format!(
        "<{p}processingDateTime>{}</{p}processingDateTime>\
         <{p}processingStepDescription>{}</{p}processingStepDescription>\
         <{p}processingSoftware><{p}softwareName>kansli</{p}softwareName>\
         <{p}softwareVersion>{}</{p}softwareVersion></{p}processingSoftware>",
        now_utc(),
        escape(&description),
        escape(env!("CARGO_PKG_VERSION")),
    );
    match tag {
        "Processing" => format!("<{p}Processing ID=\"kansli_{id}\">{body}</{p}Processing>"),
        "OCRProcessing" => format!(
            "<{p}OCRProcessing ID=\"kansli_{id}\"><{p}ocrProcessingStep>\
             <{p}processingStepDescription>OCR step not recorded in the input\
             </{p}processingStepDescription></{p}ocrProcessingStep>\
             <{p}postProcessingStep>{body}</{p}postProcessingStep></{p}OCRProcessing>"
        ),
        _ => format!("<{p}{tag}>{body}</{p}{tag}>"),
    }
}

/// The current time as an `xsd:dateTime` in UTC ("2024-05-01T12:00:00Z").
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // civil date from days since 1970-01-01 (Howard Hinnant's algorithm)
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}
