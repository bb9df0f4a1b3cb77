//! Stage 5, reconcile: match allocation rows to the official register and check the table.
//!
//! Matching tolerates OCR damage through the learned confusion model, and uses the table's order:
//! tables of all municipalities are printed in Swedish alphabetical order, so when a printed name
//! fits two entries equally well ("Habo" for Habo or Håbo) the one that keeps the order wins. A
//! name that fits nothing well enough is reported as unmatched, never forced onto an entry.

use crate::confusion::ConfusionModel;
use crate::record::{Allocation, Duplicate, Reconciliation, RegisterRef, RowRef};
use crate::register::{Municipality, Register};

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

/// The most distance a match may have: a quarter of the official name's length, at least one.
fn max_distance(official: &str) -> f32 {
    (official.chars().count() as f32 * 0.25).max(1.0)
}

/// Letters only, without diacritics: a cheap key to rule out far-off entries before the
/// weighted distance is computed.
fn skeleton(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphabetic())
        .map(crate::swedish::base_letter)
        .collect()
}

/// Candidates within a row's reach, best first: (register index, distance).
fn candidates(name: &str, register: &[Municipality], model: &ConfusionModel) -> Vec<(usize, f32)> {
    let key = skeleton(name);
    let mut found: Vec<(usize, f32)> = register
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            if strsim::levenshtein(&key, &skeleton(&m.name)) as f32 > max_distance(&m.name) + 2.0 {
                return None;
            }
            let d = model.distance(name, &m.name);
            (d <= max_distance(&m.name)).then_some((i, d))
        })
        .collect();
    found.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    found.truncate(4);
    found
}

/// Cost of leaving a row unmatched in the order-keeping alignment: above any accepted distance.
const UNMATCHED_COST: f32 = 10.0;

/// Chooses one candidate per row (or none) so that chosen register positions strictly increase
/// down the table and the summed distance is least: a weighted longest increasing subsequence.
fn align_in_order(cands: &[Vec<(usize, f32)>]) -> Vec<Option<(usize, f32)>> {
    // best[i][k]: least cost of rows 0..=i with row i taking candidate k; back-pointers to (row, k).
    let mut best: Vec<Vec<(f32, Option<(usize, usize)>)>> = Vec::with_capacity(cands.len());
    for (i, row) in cands.iter().enumerate() {
        let mut here = Vec::with_capacity(row.len());
        for &(pos, dist) in row {
            let mut choice = (i as f32 * UNMATCHED_COST + dist, None);
            for (j, prev) in best.iter().enumerate() {
                for (k, &(cost, _)) in prev.iter().enumerate() {
                    if cands[j][k].0 < pos {
                        let total = cost + (i - j - 1) as f32 * UNMATCHED_COST + dist;
                        if total < choice.0 {
                            choice = (total, Some((j, k)));
                        }
                    }
                }
            }
            here.push(choice);
        }
        best.push(here);
    }
    let n = cands.len();
    let mut end: Option<(usize, usize)> = None;
    let mut end_cost = n as f32 * UNMATCHED_COST;
    for (i, row) in best.iter().enumerate() {
        for (k, &(cost, _)) in row.iter().enumerate() {
            let total = cost + (n - i - 1) as f32 * UNMATCHED_COST;
            if total < end_cost {
                end_cost = total;
                end = Some((i, k));
            }
        }
    }
    let mut chosen = vec![None; n];
    while let Some((i, k)) = end {
        chosen[i] = Some(cands[i][k]);
        end = best[i][k].1;
    }
    chosen
}

/// Confidence of a match from its distance, lowered when another entry was as close.
fn confidence(dist: f32, runner_up: Option<f32>, official: &str) -> f64 {
    let base = 1.0 - (dist / (max_distance(official) * 2.0)) as f64;
    let contested = runner_up.is_some_and(|r| r - dist < 0.25);
    let c = if contested { base * 0.9 } else { base };
    (c.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

/// Matches rows to the register's municipalities and checks the table against the stated total
/// and minimum.
pub fn reconcile(
    rows: &[TableRow],
    register: &Register,
    stated_total_sek: Option<i64>,
    minimum_sek: Option<i64>,
) -> (Vec<Allocation>, Reconciliation) {
    let model = ConfusionModel::embedded();
    let entries = &register.municipalities;
    let cands: Vec<Vec<(usize, f32)>> = rows
        .iter()
        .map(|r| candidates(&r.name_ocr, entries, model))
        .collect();
    let best_positions: Vec<usize> = cands
        .iter()
        .filter_map(|c| c.first().map(|b| b.0))
        .collect();
    let ascending = best_positions.windows(2).filter(|w| w[0] < w[1]).count();
    let in_order = best_positions.len() >= 10 && ascending * 10 >= (best_positions.len() - 1) * 9;
    let mut chosen: Vec<Option<(usize, f32)>> = if in_order {
        align_in_order(&cands)
    } else {
        cands.iter().map(|c| c.first().copied()).collect()
    };
    // A row the ordered alignment left out, whose best entry another row holds, is a duplicate.
    for (i, choice) in chosen.iter_mut().enumerate() {
        if choice.is_none() {
            *choice = cands[i].first().copied();
        }
    }

    let mut allocations = Vec::with_capacity(rows.len());
    let mut rows_of_entry: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    let mut reconciliation = Reconciliation {
        rows: rows.len(),
        stated_total_sek,
        minimum_sek,
        ..Default::default()
    };
    for (i, row) in rows.iter().enumerate() {
        let entry = chosen[i].map(|(pos, dist)| {
            let runner_up = cands[i].iter().find(|c| c.0 != pos).map(|c| c.1);
            (
                &entries[pos],
                pos,
                confidence(dist, runner_up, &entries[pos].name),
            )
        });
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
