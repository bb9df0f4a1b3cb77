//! The review page: one self-contained HTML file for proof-reading a document (`kansli review`).
//!
//! Left, the repaired text page by page, every change shown old → new and coloured by the repair's
//! confidence (red unsure, green sure), words flagged for review marked, and for ALTO or hOCR
//! input the words the OCR engine was unsure of tinted by its confidence. Right, the extracted
//! record and the reconciliation table, with unmatched rows, missing register entries, sum
//! mismatches and every other disagreement in red.
//!
//! The page has no scripts and loads nothing: it can be mailed, archived or opened offline. All
//! text from the document is escaped.

use crate::ocr_xml::OcrXml;
use crate::record::Record;
use crate::repair::Edit;
use serde_json::Value;
use std::fmt::Write;

/// Words the engine read with less confidence than this are underlined in its colour; the rest
/// stay plain. Below it Tesseract misread most words of the development corpus.
const LOW_ENGINE_CONFIDENCE: f64 = 0.8;

/// Record keys shown elsewhere on the page (the text, the reconciliation table).
const SHOWN_ELSEWHERE: &[&str] = &["repairs", "review", "allocations", "reconciliation"];

/// Reconciliation keys whose non-empty value is a problem.
const PROBLEMS: &[&str] = &[
    "unmatched",
    "missing",
    "duplicates",
    "below_minimum",
    "missing_regions",
    "duplicate_regions",
    "discrepancies",
];

const STYLE: &str = "
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#f4f4f2}
header{padding:12px 20px;background:#263238;color:#fff}
header h1{font-size:18px;margin:0 0 4px}
header p{margin:2px 0}
.legend span{margin-right:14px}
main{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px;padding:16px}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:0;overflow-x:auto}
h2{font-size:16px;margin:4px 0 8px}
.page{white-space:pre-wrap;font-family:Georgia,serif;border-bottom:2px dashed #bbb;padding:6px 0 12px}
.pageno{font:12px system-ui,sans-serif;color:#888}
.change{border-radius:3px;padding:0 1px}
.change del{color:#8a1c1c;text-decoration:line-through;background:#fde2e2}
.change .arrow{color:#888;font-size:80%}
.change ins{text-decoration:none;font-weight:600;border-radius:3px;padding:0 2px}
mark.review{background:none;outline:2px dotted #e67e00;outline-offset:1px}
mark.review::after{content:'?';color:#e67e00;font-size:70%;vertical-align:super}
.w{border-bottom:3px solid;padding-bottom:1px}
table{border-collapse:collapse;width:100%;font-size:13px;margin-bottom:8px}
th,td{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f0f0f0;white-space:nowrap}
td.num{text-align:right;white-space:nowrap}
.bad,.bad td,td.bad{color:#b00000;background:#ffe5e5;font-weight:600}
.good{color:#1b6e20;font-weight:600}
.null{color:#aaa}
";

/// Renders the review page of a processed document. `text` is the original text the record's
/// offsets refer to; `ocr` the file it was read from, when it was ALTO or hOCR.
pub fn render(title: &str, text: &str, record: &Record, ocr: Option<&OcrXml>) -> String {
    let mut out = String::with_capacity(text.len() * 4 + 16 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">\
         <meta name=\"generator\" content=\"kansli {}\"><title>kansli review: {}</title>\
         <style>{STYLE}</style></head><body>",
        env!("CARGO_PKG_VERSION"),
        escape(title)
    );
    header(&mut out, title, record, ocr);
    out.push_str("<main><section id=\"text\"><h2>Repaired text</h2>");
    repaired_text(&mut out, text, record, ocr);
    out.push_str("</section><section id=\"records\">");
    reconciliation(&mut out, record);
    out.push_str("<h2>Extracted record</h2>");
    let mut value = serde_json::to_value(record).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.retain(|k, _| !SHOWN_ELSEWHERE.contains(&k.as_str()));
    }
    json(&mut out, &value, "");
    out.push_str("</section></main></body></html>\n");
    out
}

/// Escapes text for HTML content and attribute values alike; control characters other than
/// newline and tab are dropped (they are not allowed in HTML).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A colour for a confidence: red at 0, through yellow, to green at 1.
fn colour(confidence: f64) -> String {
    format!("hsl({:.0},85%,70%)", confidence.clamp(0.0, 1.0) * 120.0)
}

fn header(out: &mut String, title: &str, record: &Record, ocr: Option<&OcrXml>) {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut facts = vec![
        plural(record.repairs.len(), "change", "changes"),
        format!("{} flagged for review", record.review.len()),
        plural(record.pages, "page", "pages"),
    ];
    if let Some(ocr) = ocr {
        let low = ocr
            .words
            .iter()
            .filter(|w| w.confidence.is_some_and(|c| c < LOW_ENGINE_CONFIDENCE))
            .count();
        facts.push(format!(
            "{} · {} of {} words read with OCR confidence below {LOW_ENGINE_CONFIDENCE}",
            ocr.format.name(),
            low,
            ocr.words.len()
        ));
    }
    let _ = write!(
        out,
        "<header><h1>{}</h1><p id=\"summary\">{}</p><p class=\"legend\">\
         <span class=\"change\"><del>old</del><span class=\"arrow\">→</span>\
         <ins style=\"background:{}\">new</ins></span> change (colour: repair confidence, \
         red unsure → green sure)</span><span><mark class=\"review\">word</mark> flagged for \
         review</span><span><span class=\"w\" style=\"border-color:{}\">word</span> OCR \
         confidence below {LOW_ENGINE_CONFIDENCE} (red lowest)</span></p></header>",
        escape(title),
        escape(&facts.join(" · ")),
        colour(0.9),
        colour(0.4),
    );
}

/// A change or a flag, placed in the text.
struct Mark<'a> {
    edit: &'a Edit,
    applied: bool,
}

fn repaired_text(out: &mut String, text: &str, record: &Record, ocr: Option<&OcrXml>) {
    let mut marks: Vec<Mark> = record
        .repairs
        .iter()
        .map(|edit| Mark {
            edit,
            applied: true,
        })
        .chain(record.review.iter().map(|edit| Mark {
            edit,
            applied: false,
        }))
        .filter(|m| m.edit.start <= m.edit.end && text.get(m.edit.start..m.edit.end).is_some())
        .collect();
    // a change wins over a flag on the same place
    marks.sort_by_key(|m| (m.edit.start, !m.applied));
    let mut page = Pages { page: 1 };
    page.open(out);
    let mut at = 0;
    for mark in marks {
        let e = mark.edit;
        if e.start < at {
            continue; // overlaps a mark already shown
        }
        plain(out, text, at, e.start, ocr, &mut page);
        let engine = ocr
            .and_then(|o| o.confidence_at(e.start, e.end))
            .map(|c| format!(" · OCR confidence {c:.2}"))
            .unwrap_or_default();
        let reason = serde_json::to_value(e.reason)
            .ok()
            .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
            .unwrap_or_default();
        let detail = format!(
            "{} → {} · {reason} · confidence {:.2} · line {}{engine}",
            e.old, e.new, e.confidence, e.line
        );
        if mark.applied {
            let _ = write!(
                out,
                "<span class=\"change\" data-confidence=\"{:.3}\" title=\"{}\"><del>{}</del>\
                 <span class=\"arrow\">→</span><ins style=\"background:{}\">{}</ins></span>",
                e.confidence,
                escape(&detail),
                escape(&text[e.start..e.end]),
                colour(e.confidence),
                escape(&e.new)
            );
        } else {
            let _ = write!(
                out,
                "<mark class=\"review\" data-suggestion=\"{}\" title=\"suggested: {}\">{}</mark>",
                escape(&e.new),
                escape(&detail),
                escape(&text[e.start..e.end])
            );
        }
        at = e.end;
    }
    plain(out, text, at, text.len(), ocr, &mut page);
    out.push_str("</div>");
}

/// Page divisions of the text: a form feed closes one page and opens the next.
struct Pages {
    page: usize,
}

impl Pages {
    fn open(&self, out: &mut String) {
        let _ = write!(
            out,
            "<div class=\"page\" data-page=\"{0}\"><div class=\"pageno\">page {0}</div>",
            self.page
        );
    }

    fn text(&mut self, out: &mut String, s: &str) {
        for (i, part) in s.split('\x0c').enumerate() {
            if i > 0 {
                out.push_str("</div>");
                self.page += 1;
                self.open(out);
            }
            out.push_str(&escape(part));
        }
    }
}

/// Unmarked text from `from` to `to`, with words the engine was unsure of tinted.
fn plain(
    out: &mut String,
    text: &str,
    from: usize,
    to: usize,
    ocr: Option<&OcrXml>,
    page: &mut Pages,
) {
    let mut at = from;
    if let Some(ocr) = ocr {
        let first = ocr.words.partition_point(|w| w.end <= from);
        for w in ocr.words[first..].iter().take_while(|w| w.start < to) {
            let Some(c) = w.confidence.filter(|&c| c < LOW_ENGINE_CONFIDENCE) else {
                continue;
            };
            let (s, e) = (w.start.max(at), w.end.min(to));
            if s >= e {
                continue;
            }
            page.text(out, &text[at..s]);
            let line = &ocr.lines[w.line];
            let place = w
                .bbox
                .map(|b| format!(" · x {:.0} y {:.0}", b.x, b.y))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<span class=\"w\" data-ocr-confidence=\"{c:.2}\" style=\"border-color:{}\" \
                 title=\"OCR confidence {c:.2} · page {}{place}\">{}</span>",
                colour(c),
                line.page + 1,
                escape(&text[s..e])
            );
            at = e;
        }
    }
    page.text(out, &text[at..to]);
}

/// The allocation rows against the register, with every problem in red.
fn reconciliation(out: &mut String, record: &Record) {
    let Some(rec) = &record.reconciliation else {
        out.push_str("<h2>Reconciliation</h2><p id=\"no-table\">No allocation table found.</p>");
        return;
    };
    let verdict = if rec.ok {
        "<span class=\"good\">ok</span>"
    } else {
        "<span class=\"bad\">problems found</span>"
    };
    let _ = write!(
        out,
        "<h2>Reconciliation: {verdict}</h2><table id=\"reconciliation\"><thead><tr><th>row</th>\
         <th>as printed</th><th>register name</th><th>code</th><th>county</th><th>amount</th>\
         <th>match</th></tr></thead><tbody>"
    );
    let below: Vec<usize> = rec.below_minimum.iter().map(|r| r.row).collect();
    let duplicated: Vec<usize> = rec.duplicates.iter().flat_map(|d| d.rows.clone()).collect();
    for a in &record.allocations {
        let mut problems = Vec::new();
        if a.name.is_none() {
            problems.push("unmatched");
        }
        if below.contains(&a.row) {
            problems.push("below-minimum");
        }
        if duplicated.contains(&a.row) {
            problems.push("duplicate");
        }
        let class = if problems.is_empty() {
            String::new()
        } else {
            format!(" class=\"bad {}\"", problems.join(" "))
        };
        let _ = write!(
            out,
            "<tr{class} data-row=\"{}\"><td class=\"num\">{}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.2}</td></tr>",
            a.row,
            a.row,
            escape(&a.name_ocr),
            escape(a.name.as_deref().unwrap_or("no match in the register")),
            optional(a.municipality_code.as_deref()),
            optional(a.county.as_deref()),
            a.amount_sek.map_or_else(|| "—".to_string(), money),
            a.confidence
        );
    }
    let sum_class = if rec.sum_matches == Some(false) {
        " class=\"bad sum-mismatch\""
    } else {
        ""
    };
    let stated = rec.stated_total_sek.map_or_else(
        || "no total stated".to_string(),
        |t| format!("stated {}", money(t)),
    );
    let _ = write!(
        out,
        "</tbody><tfoot><tr id=\"sum\"{sum_class}><td colspan=\"5\">sum of {} rows ({})</td>\
         <td class=\"num\">{}</td><td></td></tr></tfoot></table>",
        rec.rows,
        escape(&stated),
        money(rec.sum_sek)
    );
    if !rec.missing.is_empty() {
        let _ = write!(
            out,
            "<p class=\"bad\" id=\"missing\">Missing from the table ({}): {}</p>",
            rec.missing.len(),
            escape(
                &rec.missing
                    .iter()
                    .map(|m| format!("{} ({})", m.name, m.municipality_code))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        );
    }
    out.push_str("<h3>Checks</h3>");
    let mut value = serde_json::to_value(rec).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.retain(|k, v| !(k == "missing" || v.as_array().is_some_and(Vec::is_empty)));
    }
    json(out, &value, "reconciliation");
}

fn optional(s: Option<&str>) -> String {
    s.map_or_else(|| "<span class=\"null\">—</span>".to_string(), escape)
}

/// "30000000" → "30 000 000 kr" (no-break spaces).
fn money(sek: i64) -> String {
    let sign = if sek < 0 { "−" } else { "" };
    let digits = crate::swedish::group_thousands(&sek.unsigned_abs().to_string(), '\u{a0}');
    format!("{sign}{digits}\u{a0}kr")
}

/// Whether a value under `key` in `context` shows a problem.
fn is_problem(context: &str, key: &str, value: &Value) -> bool {
    let non_empty = value.as_array().is_some_and(|a| !a.is_empty());
    (context == "reconciliation" && PROBLEMS.contains(&key) && non_empty)
        || (matches!(key, "sum_matches" | "ok") && value == &Value::Bool(false))
        || (key == "status" && value == "mismatch")
}

/// Any JSON value as HTML: objects as key–value tables, lists of objects as tables, amounts in
/// kronor grouped. Problems (see [`is_problem`]) are red.
fn json(out: &mut String, value: &Value, context: &str) {
    match value {
        Value::Null => out.push_str("<span class=\"null\">—</span>"),
        Value::Object(map) => {
            out.push_str("<table class=\"kv\">");
            for (k, v) in map {
                let class = if is_problem(context, k, v) {
                    " class=\"bad\""
                } else {
                    ""
                };
                let _ = write!(
                    out,
                    "<tr{class} data-key=\"{}\"><th>{}</th><td>",
                    escape(k),
                    escape(k)
                );
                scalar_or(out, k, v, context);
                out.push_str("</td></tr>");
            }
            out.push_str("</table>");
        }
        Value::Array(items) if items.iter().all(Value::is_object) && !items.is_empty() => {
            let mut keys: Vec<&String> = Vec::new();
            for item in items.iter().filter_map(Value::as_object) {
                for k in item.keys() {
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
            out.push_str("<table><tr>");
            for k in &keys {
                let _ = write!(out, "<th>{}</th>", escape(k));
            }
            out.push_str("</tr>");
            for item in items.iter().filter_map(Value::as_object) {
                let bad = item.iter().any(|(k, v)| is_problem(context, k, v));
                out.push_str(if bad { "<tr class=\"bad\">" } else { "<tr>" });
                for k in &keys {
                    out.push_str("<td>");
                    scalar_or(out, k, item.get(*k).unwrap_or(&Value::Null), context);
                    out.push_str("</td>");
                }
                out.push_str("</tr>");
            }
            out.push_str("</table>");
        }
        Value::Array(items) if items.is_empty() => out.push_str("<span class=\"null\">—</span>"),
        Value::Array(items) => {
            out.push_str("<ul>");
            for item in items {
                out.push_str("<li>");
                json(out, item, context);
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        }
        Value::String(s) => out.push_str(&escape(s)),
        Value::Bool(b) => out.push_str(if *b { "yes" } else { "no" }),
        Value::Number(n) => out.push_str(&escape(&n.to_string())),
    }
}

/// A value under `key`: amounts in kronor formatted, anything else as [`json`].
fn scalar_or(out: &mut String, key: &str, value: &Value, context: &str) {
    match value.as_i64() {
        Some(sek) if key.ends_with("_sek") => out.push_str(&escape(&money(sek))),
        _ => json(out, value, if context.is_empty() { key } else { context }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_quotes_and_control_characters() {
        assert_eq!(
            escape("<b>\"Å\" & 'ö'\x0c\x07\n"),
            "&lt;b&gt;&quot;Å&quot; &amp; &#39;ö&#39;\n"
        );
    }

    #[test]
    fn money_is_grouped() {
        assert_eq!(money(30_000_000), "30\u{a0}000\u{a0}000\u{a0}kr");
        assert_eq!(money(-5), "−5\u{a0}kr");
    }
}
