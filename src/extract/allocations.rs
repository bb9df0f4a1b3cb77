//! Allocation tables and their footnotes, from the lines layout marked as table rows: the header
//! above the first row, the rows, and the group headings between them, read by
//! [`super::tables`].

use super::tables::{self, PrintedLine, PrintedRow, Table};
use crate::layout::{Layout, LineKind};
use crate::offsets::OffsetMap;
use crate::record::Footnote;

/// How many non-blank lines above the first row the header may stand (a caption, a group
/// heading between).
const HEADER_REACH: usize = 4;
/// A group heading is a short line: a county's name, "Kommuner", "Regioner".
const HEADING_MAX_WORDS: usize = 6;
/// Text lines that may stand between two rows of one table: a heading and a repeated header or
/// page header where the table turns a page.
const MAX_TEXT_BETWEEN_ROWS: usize = 3;

/// The document's allocation table, if it has table rows. Labels and headings are taken from the
/// original text (as printed); amounts and the header from `text`, the repaired text, whose
/// offsets `to_original` maps back to the original.
pub fn table(
    layout: &Layout,
    text: &str,
    original: &str,
    to_original: &OffsetMap,
) -> Option<Table> {
    let (first, last) = table_span(layout)?;
    let header = header_line(layout, text, first);
    let from = header.map_or(first, |h| h + 1);
    let as_printed = |start: usize, end: usize| {
        original[to_original.to_source(start)..to_original.to_source(end)]
            .trim()
            .to_string()
    };
    let lines: Vec<PrintedLine> = (from..=last)
        .filter_map(|n| {
            let line = &layout.lines[n];
            let content = &text[line.start..line.end];
            match line.kind {
                LineKind::TableRow => {
                    let cells = line.cells.as_ref()?;
                    let (first_cell, last_cell) = (cells.amounts.first()?, cells.amounts.last()?);
                    Some(PrintedLine::Row(PrintedRow {
                        label: as_printed(line.start + cells.label.0, line.start + cells.label.1),
                        footnote: cells.mark.is_some(),
                        amounts: content[first_cell.0..last_cell.1].to_string(),
                        line: n + 1,
                        start: to_original.to_source(line.start),
                        end: to_original.to_source(line.end),
                    }))
                }
                LineKind::Text if is_heading(layout, text, n) => {
                    Some(PrintedLine::Heading(as_printed(line.start, line.end)))
                }
                _ => None,
            }
        })
        .collect();
    let header_text = header.map(|h| text[layout.lines[h].start..layout.lines[h].end].trim());
    Some(tables::build(header_text, &lines))
}

/// The first and last line of the table: the longest run of table rows in which no more than
/// [`MAX_TEXT_BETWEEN_ROWS`] text lines (headings, page headers) stand between two rows. A
/// sentence that happens to end in an amount is a run of its own, and left out.
fn table_span(layout: &Layout) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None; // (rows, first, last)
    let mut current: Option<(usize, usize, usize)> = None;
    let mut text_since_row = 0;
    for (n, line) in layout.lines.iter().enumerate() {
        match line.kind {
            LineKind::TableRow => {
                let run = match current {
                    Some((rows, first, _)) if text_since_row <= MAX_TEXT_BETWEEN_ROWS => {
                        (rows + 1, first, n)
                    }
                    _ => (1, n, n),
                };
                current = Some(run);
                text_since_row = 0;
                if best.is_none_or(|b| run.0 > b.0) {
                    best = Some(run);
                }
            }
            LineKind::Text => text_since_row += 1,
            _ => {}
        }
    }
    best.map(|(_, first, last)| (first, last))
}

/// The header: the nearest line above the first row that names columns ("Kommun Belopp").
fn header_line(layout: &Layout, text: &str, first_row: usize) -> Option<usize> {
    (0..first_row)
        .rev()
        .filter(|&n| layout.lines[n].kind != LineKind::Blank)
        .take(HEADER_REACH)
        .take_while(|&n| layout.lines[n].kind == LineKind::Text)
        .find(|&n| tables::is_header(&text[layout.lines[n].start..layout.lines[n].end]))
}

/// Whether text line `n` heads a group of rows: a short capitalised line without digits or a
/// full stop, that is not a header, with a table row next.
fn is_heading(layout: &Layout, text: &str, n: usize) -> bool {
    let content = text[layout.lines[n].start..layout.lines[n].end].trim();
    let next_is_row = layout.lines[n + 1..]
        .iter()
        .find(|l| l.kind != LineKind::Blank)
        .is_some_and(|l| l.kind == LineKind::TableRow);
    next_is_row
        && content.starts_with(char::is_uppercase)
        && content.split_whitespace().count() <= HEADING_MAX_WORDS
        && !content.contains(|c: char| c.is_ascii_digit() || c == '.')
        && !tables::is_header(content)
}

/// Footnotes: a footnote line and the text lines that continue it, up to the next footnote,
/// table row or page break.
pub fn footnotes(layout: &Layout, text: &str) -> Vec<Footnote> {
    let mut notes: Vec<Footnote> = Vec::new();
    let mut open = false;
    let mut page = 0;
    for line in &layout.lines {
        let content = text[line.start..line.end].trim();
        match line.kind {
            LineKind::Footnote => {
                let mark = crate::layout::footnote_mark(content)
                    .unwrap_or("*")
                    .to_string();
                notes.push(Footnote {
                    text: content[mark.len()..].trim().to_string(),
                    mark,
                });
                open = true;
                page = line.page;
            }
            LineKind::Text if open && line.page == page => {
                let note = notes.last_mut().expect("open implies a note");
                note.text.push(' ');
                note.text.push_str(content);
            }
            LineKind::Blank => {}
            _ => open = false,
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::analyze;
    use crate::offsets::MappedText;

    #[test]
    fn rows_keep_the_printed_name_and_parse_the_amount() {
        let text = "Kommun Belopp\nStockholm 1168 969 kr\nVirmdo* 87 372 kr\n\n* Uppgift saknas för 2019.\n\nIstället har uppgift från 2018 använts.\n";
        let layout = analyze(text);
        let table = table(&layout, text, text, &MappedText::identity(text).map).unwrap();
        let rows = &table.rows;
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].name_ocr.as_str(), rows[0].amount_sek()),
            ("Stockholm", Some(1_168_969))
        );
        assert_eq!(
            (rows[1].name_ocr.as_str(), rows[1].footnote, rows[1].line),
            ("Virmdo", true, 3)
        );
        assert_eq!(table.columns[0].title, "Belopp");
        let notes = footnotes(&layout, text);
        assert_eq!(notes.len(), 1);
        assert_eq!(
            notes[0].text,
            "Uppgift saknas för 2019. Istället har uppgift från 2018 använts."
        );
    }

    #[test]
    fn a_sentence_ending_in_an_amount_is_not_part_of_the_table() {
        let text = "Regeringen ger Kammarkollegiet i uppdrag att utbetala 1 357 000 000 kronor\ntill regionerna enligt bilaga.\n\nMedlen ska utbetalas från anslaget.\nRekvisition behövs inte.\nBeslutet gäller i dag.\nKopia till SKR.\n\nLän Medel i kronor\nStockholm 317 989 729\nUppsala 52 402 037\n";
        let layout = analyze(text);
        let table = table(&layout, text, text, &MappedText::identity(text).map).unwrap();
        let names: Vec<_> = table.rows.iter().map(|r| r.name_ocr.as_str()).collect();
        assert_eq!(names, vec!["Stockholm", "Uppsala"]);
        assert_eq!(table.columns[0].title, "Medel i kronor");
    }

    #[test]
    fn headings_group_rows_and_totals_are_not_rows() {
        let text = "Tabell 2\n\nKommun Belopp, kronor\nBlekinge län\nKarlshamn 31 108 914\nSumma kommuner 31 108 914\n\nDalarnas län\nAvesta 45 453 904\nTotalt länet 45 453 904\n";
        let layout = analyze(text);
        let table = table(&layout, text, text, &MappedText::identity(text).map).unwrap();
        let groups: Vec<_> = table.rows.iter().map(|r| r.group.as_deref()).collect();
        assert_eq!(groups, vec![Some("Blekinge län"), Some("Dalarnas län")]);
        let labels: Vec<_> = table.totals.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, vec!["Summa kommuner", "Totalt länet"]);
        assert_eq!(table.totals[1].covers, 1..2);
    }
}
