//! Stage 5, reconcile: match allocation rows to the official register and check the table.
//!
//! Names are matched by [`Register::match_municipalities`]; a name that fits nothing well enough
//! is reported as unmatched, never forced onto an entry.

use crate::record::{Allocation, Duplicate, Reconciliation, RegisterRef, RowRef};
use crate::register::Register;

/// A table row as extracted, before matching.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub name_ocr: String,
    pub amount_sek: Option<i64>,
    pub footnote: bool,
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// Matches rows to the register's municipalities and checks the table against the stated total
/// and minimum.
pub fn reconcile(
    rows: &[TableRow],
    register: &Register,
    stated_total_sek: Option<i64>,
    minimum_sek: Option<i64>,
) -> (Vec<Allocation>, Reconciliation) {
    let entries = &register.municipalities;
    let names: Vec<&str> = rows.iter().map(|r| r.name_ocr.as_str()).collect();
    let matches = register.match_municipalities(&names);
    let mut allocations = Vec::with_capacity(rows.len());
    let mut rows_of_entry: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    let mut reconciliation = Reconciliation {
        rows: rows.len(),
        stated_total_sek,
        minimum_sek,
        ..Default::default()
    };
    for (i, row) in rows.iter().enumerate() {
        let entry = matches[i]
            .as_ref()
            .map(|m| (&entries[m.index], m.index, m.confidence));
        let row_ref = || RowRef {
            row: i + 1,
            name_ocr: row.name_ocr.clone(),
            amount_sek: row.amount_sek,
        };
        match entry {
            Some((_, pos, _)) => rows_of_entry[pos].push(i + 1),
            None => reconciliation.unmatched.push(row_ref()),
        }
        reconciliation.sum_sek += row.amount_sek.unwrap_or(0);
        if let (Some(min), Some(amount)) = (minimum_sek, row.amount_sek) {
            if amount < min {
                reconciliation.below_minimum.push(row_ref());
            }
        }
        allocations.push(Allocation {
            row: i + 1,
            name_ocr: row.name_ocr.clone(),
            name: entry.map(|e| e.0.name.clone()),
            municipality_code: entry.map(|e| e.0.code.clone()),
            county_code: entry.map(|e| e.0.county_code.clone()),
            county: entry.map(|e| e.0.county.clone()),
            amount_sek: row.amount_sek,
            footnote: row.footnote,
            confidence: entry.map_or(0.0, |e| e.2),
            line: row.line,
            start: row.start,
            end: row.end,
        });
    }
    for (pos, matched_rows) in rows_of_entry.iter().enumerate() {
        let entry = &entries[pos];
        if matched_rows.len() > 1 {
            reconciliation.duplicates.push(Duplicate {
                name: entry.name.clone(),
                municipality_code: entry.code.clone(),
                rows: matched_rows.clone(),
            });
        }
    }
    reconciliation.matched = rows_of_entry.iter().map(Vec::len).sum();
    // Missing entries only make sense for a table meant to cover every municipality.
    if rows.len() * 2 > entries.len() {
        reconciliation.missing = entries
            .iter()
            .zip(&rows_of_entry)
            .filter(|(_, r)| r.is_empty())
            .map(|(e, _)| RegisterRef {
                name: e.name.clone(),
                municipality_code: e.code.clone(),
            })
            .collect();
    }
    reconciliation.sum_matches = stated_total_sek.map(|t| t == reconciliation.sum_sek);
    reconciliation.ok = reconciliation.unmatched.is_empty()
        && reconciliation.missing.is_empty()
        && reconciliation.duplicates.is_empty()
        && reconciliation.below_minimum.is_empty()
        && reconciliation.sum_matches == Some(true)
        && rows.iter().all(|r| r.amount_sek.is_some());
    (allocations, reconciliation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, amount: i64) -> TableRow {
        TableRow {
            name_ocr: name.into(),
            amount_sek: Some(amount),
            footnote: false,
            line: 1,
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn order_tells_habo_from_habo() {
        let names = [
            "Gotene",
            "Habo",
            "Hagfors",
            "Hallsberg",
            "Hallstahammar",
            "Halmstad",
            "Hammaro6",
            "Haninge",
            "Haparanda",
            "Heby",
            "Hedemora",
            "Helsingborg",
            "Herrljunga",
            "Hjo",
            "Hofors",
            "Huddinge",
            "Hudikswvall",
            "Hultsfred",
            "Hylte",
            "Habo",
            "Hallefors",
            "Hirjedalen",
        ];
        let rows: Vec<_> = names.iter().map(|n| row(n, 50_000)).collect();
        let (alloc, rec) = reconcile(&rows, Register::embedded(), None, None);
        assert_eq!(alloc[1].municipality_code.as_deref(), Some("0643"));
        assert_eq!(alloc[19].municipality_code.as_deref(), Some("0305"));
        assert_eq!(alloc[6].name.as_deref(), Some("Hammarö"));
        assert_eq!(alloc[16].name.as_deref(), Some("Hudiksvall"));
        assert!(rec.duplicates.is_empty() && rec.unmatched.is_empty());
    }

    #[test]
    fn a_name_that_fits_nothing_is_unmatched() {
        let rows = vec![row("Ale", 1), row("Atlantis", 2)];
        let (alloc, rec) = reconcile(&rows, Register::embedded(), Some(3), Some(2));
        assert_eq!(alloc[1].name, None);
        assert_eq!(rec.unmatched.len(), 1);
        assert_eq!(rec.below_minimum.len(), 1);
        assert_eq!(rec.sum_matches, Some(true));
        assert!(!rec.ok);
    }

    #[test]
    fn a_repeated_row_is_a_duplicate() {
        let rows = vec![row("Ale", 1), row("Ale", 1)];
        let (_, rec) = reconcile(&rows, Register::embedded(), None, None);
        assert_eq!(rec.duplicates.len(), 1);
        assert_eq!(rec.duplicates[0].rows, vec![1, 2]);
    }
}
