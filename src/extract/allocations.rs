//! Allocation tables and their footnotes, from the lines layout marked as table rows.

use super::money::cell_value;
use crate::layout::{row_cells, Layout, LineKind};
use crate::offsets::OffsetMap;
use crate::reconcile::TableRow;
use crate::record::Footnote;

/// The table rows of a document in order. Names are taken from the original text (as printed);
/// `to_original` maps offsets in `text` (the repaired text) back to it.
pub fn table_rows(
    layout: &Layout,
    text: &str,
    original: &str,
    to_original: &OffsetMap,
) -> Vec<TableRow> {
    layout
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.kind == LineKind::TableRow)
        .filter_map(|(n, line)| {
            let content = &text[line.start..line.end];
            let cells = row_cells(content)?;
            let (label_start, label_end) = (line.start + cells.label.0, line.start + cells.label.1);
            let name_ocr = original
                [to_original.to_source(label_start)..to_original.to_source(label_end)]
                .trim();
            let amount_sek = cells
                .amounts
                .first()
                .and_then(|&(s, e)| cell_value(&content[s..e]));
            Some(TableRow {
                name_ocr: name_ocr.to_string(),
                amount_sek,
                footnote: cells.mark.is_some(),
                line: n + 1,
                start: to_original.to_source(line.start),
                end: to_original.to_source(line.end),
            })
        })
        .collect()
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
        let rows = table_rows(&layout, text, text, &MappedText::identity(text).map);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].name_ocr.as_str(), rows[0].amount_sek),
            ("Stockholm", Some(1_168_969))
        );
        assert_eq!(
            (rows[1].name_ocr.as_str(), rows[1].footnote, rows[1].line),
            ("Virmdo", true, 3)
        );
        let notes = footnotes(&layout, text);
        assert_eq!(notes.len(), 1);
        assert_eq!(
            notes[0].text,
            "Uppgift saknas för 2019. Istället har uppgift från 2018 använts."
        );
    }
}
