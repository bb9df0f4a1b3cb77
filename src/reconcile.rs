//! Stage 5, reconcile: match a table's recipients to the official registers and check the table
//! against every total stated for it.
//!
//! Names are matched by [`Register::match_recipients`] (municipalities and regions); a name that
//! fits nothing well enough is reported as unmatched, never forced onto an entry. Each money
//! column is checked against the table's own total row, each subtotal against the rows it covers,
//! and the total stated in the text against the table's total. A difference within the rounding
//! of the printed figures is reported as rounding; a larger one is a discrepancy that names both
//! figures, never resolved silently.

use crate::extract::tables::{Column, Table, TableRow, TotalRow};
use crate::record::{
    Allocation, CheckStatus, ColumnCheck, ColumnReconciliation, Discrepancy, DiscrepancyKind,
    Duplicate, Reconciliation, RegionDuplicate, RegionRef, RegisterRef, RowRef, Subtotal,
};
use crate::register::{Level, RecipientMatch, Register};

/// Matches a table's rows to the registers and checks it against its own totals, the total
/// stated in the text and the minimum amount.
pub fn reconcile(
    table: &Table,
    register: &Register,
    stated_total_sek: Option<i64>,
    minimum_sek: Option<i64>,
) -> (Vec<Allocation>, Reconciliation) {
    let names: Vec<&str> = table.rows.iter().map(|r| r.name_ocr.as_str()).collect();
    let matches = register.match_recipients(&names, table.level_hint);
    let allocations: Vec<Allocation> = table
        .rows
        .iter()
        .zip(&matches)
        .enumerate()
        .map(|(i, (row, found))| allocation(i + 1, row, found.as_ref(), register))
        .collect();
    let table_total = table_total(table);
    let columns = column_checks(table, table_total);
    let subtotals: Vec<Subtotal> = table
        .totals
        .iter()
        .filter(|t| !table_total.is_some_and(|total| std::ptr::eq(total, *t)))
        .map(|t| subtotal(table, t))
        .collect();
    let prose = stated_total_sek.map(|stated| prose_check(table, table_total, stated));
    let sum_sek = table.rows.iter().map(|r| r.amount_sek().unwrap_or(0)).sum();
    let mut reconciliation = Reconciliation {
        rows: table.rows.len(),
        sum_sek,
        stated_total_sek,
        sum_matches: stated_total_sek.map(|t| t == sum_sek),
        minimum_sek,
        below_minimum: below_minimum(table, minimum_sek),
        discrepancies: discrepancies(table, table_total, &columns, &subtotals, prose.clone()),
        columns,
        subtotals,
        splits: table.splits.clone(),
        ..Default::default()
    };
    register_checks(table, &matches, register, &mut reconciliation);
    let confirmed = prose.as_ref().is_some_and(Result::is_ok)
        || rows_confirmed(table.rows.len(), &reconciliation);
    reconciliation.ok = confirmed
        && !table.columns.is_empty()
        && reconciliation.unmatched.is_empty()
        && reconciliation.missing.is_empty()
        && reconciliation.missing_regions.is_empty()
        && reconciliation.duplicates.is_empty()
        && reconciliation.duplicate_regions.is_empty()
        && reconciliation.below_minimum.is_empty()
        && reconciliation.discrepancies.is_empty()
        && reconciliation.splits.iter().all(|s| s.decided)
        && table
            .rows
            .iter()
            .all(|r| r.amounts.iter().all(Option::is_some));
    (allocations, reconciliation)
}

/// One allocation: the row with the register entry it matched.
fn allocation(
    row_number: usize,
    row: &TableRow,
    found: Option<&RecipientMatch>,
    register: &Register,
) -> Allocation {
    let mut a = Allocation {
        row: row_number,
        name_ocr: row.name_ocr.clone(),
        name: None,
        municipality_code: None,
        county_code: None,
        county: None,
        amount_sek: row.amount_sek(),
        footnote: row.footnote,
        confidence: found.map_or(0.0, |m| m.found.confidence),
        line: row.line,
        start: row.start,
        end: row.end,
        region_code: None,
        amounts_by_column: row.amounts.clone(),
        per_inhabitant_sek: row.per_inhabitant,
        group: row.group.clone(),
    };
    match found.map(|m| (m.level, m.found.index)) {
        Some((Level::Municipality, i)) => {
            let m = &register.municipalities[i];
            a.name = Some(m.name.clone());
            a.municipality_code = Some(m.code.clone());
            a.county_code = Some(m.county_code.clone());
            a.county = Some(m.county.clone());
        }
        Some((Level::Region, i)) => {
            let r = &register.regions[i];
            a.name = Some(r.name.clone());
            a.region_code = Some(r.county_code.clone());
            a.county_code = Some(r.county_code.clone());
            a.county = Some(r.county.clone());
        }
        None => {}
    }
    a
}

fn row_ref(table: &Table, i: usize) -> RowRef {
    RowRef {
        row: i + 1,
        name_ocr: table.rows[i].name_ocr.clone(),
        amount_sek: table.rows[i].amount_sek(),
    }
}

fn below_minimum(table: &Table, minimum_sek: Option<i64>) -> Vec<RowRef> {
    let Some(min) = minimum_sek else {
        return Vec::new();
    };
    (0..table.rows.len())
        .filter(|&i| table.rows[i].amount_sek().is_some_and(|a| a < min))
        .map(|i| row_ref(table, i))
        .collect()
}

/// Unmatched rows, and the register entries matched twice or left out, for both registers.
/// Entries left out are listed only for a table meant to cover a whole register: one with rows
/// for more than half its entries.
fn register_checks(
    table: &Table,
    matches: &[Option<RecipientMatch>],
    register: &Register,
    rec: &mut Reconciliation,
) {
    let mut rows_of_municipality = vec![Vec::new(); register.municipalities.len()];
    let mut rows_of_region = vec![Vec::new(); register.regions.len()];
    for (i, found) in matches.iter().enumerate() {
        match found.as_ref().map(|m| (m.level, m.found.index)) {
            Some((Level::Municipality, e)) => rows_of_municipality[e].push(i + 1),
            Some((Level::Region, e)) => rows_of_region[e].push(i + 1),
            None => rec.unmatched.push(row_ref(table, i)),
        }
    }
    rec.matched = matches.iter().flatten().count();
    for (m, rows) in register.municipalities.iter().zip(&rows_of_municipality) {
        if rows.len() > 1 {
            rec.duplicates.push(Duplicate {
                name: m.name.clone(),
                municipality_code: m.code.clone(),
                rows: rows.clone(),
            });
        }
    }
    for (r, rows) in register.regions.iter().zip(&rows_of_region) {
        if rows.len() > 1 {
            rec.duplicate_regions.push(RegionDuplicate {
                name: r.name.clone(),
                region_code: r.county_code.clone(),
                rows: rows.clone(),
            });
        }
    }
    let region_rows: usize = rows_of_region.iter().map(Vec::len).sum();
    if (matches.len() - region_rows) * 2 > register.municipalities.len() {
        rec.missing = register
            .municipalities
            .iter()
            .zip(&rows_of_municipality)
            .filter(|(_, r)| r.is_empty())
            .map(|(m, _)| RegisterRef {
                name: m.name.clone(),
                municipality_code: m.code.clone(),
            })
            .collect();
    }
    if region_rows * 2 > register.regions.len() {
        rec.missing_regions = register
            .regions
            .iter()
            .zip(&rows_of_region)
            .filter(|(r, rows)| {
                rows.is_empty() && !covered_by_its_municipality(r, register, &rows_of_municipality)
            })
            .map(|(r, _)| RegionRef {
                name: r.name.clone(),
                region_code: r.county_code.clone(),
            })
            .collect();
    }
}

/// A county that is a single municipality (Gotland) has that municipality for its region.
fn covered_by_its_municipality(
    region: &crate::register::Region,
    register: &Register,
    rows_of_municipality: &[Vec<usize>],
) -> bool {
    let mut in_county = register
        .municipalities
        .iter()
        .enumerate()
        .filter(|(_, m)| m.county_code == region.county_code);
    match (in_county.next(), in_county.next()) {
        (Some((i, _)), None) => !rows_of_municipality[i].is_empty(),
        _ => false,
    }
}

/// The table's own total: the last total row that covers every row.
fn table_total(table: &Table) -> Option<&TotalRow> {
    table
        .totals
        .iter()
        .rev()
        .find(|t| !table.rows.is_empty() && t.covers == (0..table.rows.len()))
}

/// How a stated figure compares with a sum of `terms` figures of `column`.
fn status(column: &Column, stated: Option<i64>, sum: i64, terms: usize) -> CheckStatus {
    match stated.map(|s| (s - sum).abs()) {
        None => CheckStatus::Unchecked,
        Some(0) => CheckStatus::Ok,
        Some(d) if d <= column.tolerance(terms) => CheckStatus::Rounding,
        Some(_) => CheckStatus::Mismatch,
    }
}

/// The sum of column `c` over the rows a total covers.
fn column_sum(table: &Table, rows: std::ops::Range<usize>, c: usize) -> i64 {
    table.rows[rows]
        .iter()
        .map(|r| r.amounts.get(c).copied().flatten().unwrap_or(0))
        .sum()
}

/// Each money column summed and checked against the table's total row.
fn column_checks(table: &Table, table_total: Option<&TotalRow>) -> Vec<ColumnReconciliation> {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(c, column)| {
            let sum_sek = column_sum(table, 0..table.rows.len(), c);
            let total_sek = table_total.and_then(|t| t.amounts.get(c).copied().flatten());
            ColumnReconciliation {
                column: c + 1,
                title: column.title.clone(),
                unit: column.unit.name().to_string(),
                sum_sek,
                total_sek,
                difference_sek: total_sek.map(|t| t - sum_sek),
                status: status(column, total_sek, sum_sek, table.rows.len()),
            }
        })
        .collect()
}

/// A subtotal row checked, column by column, against the rows it covers.
fn subtotal(table: &Table, total: &TotalRow) -> Subtotal {
    let checks = table
        .columns
        .iter()
        .enumerate()
        .map(|(c, column)| {
            let sum_sek = column_sum(table, total.covers.clone(), c);
            let stated_sek = total.amounts.get(c).copied().flatten();
            ColumnCheck {
                column: c + 1,
                stated_sek,
                sum_sek,
                difference_sek: stated_sek.map(|s| s - sum_sek),
                status: status(column, stated_sek, sum_sek, total.covers.len()),
            }
        })
        .collect();
    Subtotal {
        label: total.label.clone(),
        group: total.group.clone(),
        first_row: total.covers.start + 1,
        last_row: total.covers.end,
        line: total.line,
        start: total.start,
        end: total.end,
        checks,
    }
}

/// The total stated in the text against the table's total of its first money column (its total
/// row, or without one the sum of its rows) or, with several money columns, of all of them. Ok
/// when it agrees within rounding; the discrepancy otherwise.
fn prose_check(
    table: &Table,
    table_total: Option<&TotalRow>,
    stated: i64,
) -> Result<(), Discrepancy> {
    let Some(first) = table.columns.first() else {
        return Ok(());
    };
    let figure = |c: usize| {
        table_total
            .and_then(|t| t.amounts.get(c).copied().flatten())
            .unwrap_or_else(|| column_sum(table, 0..table.rows.len(), c))
    };
    let terms = if table_total.is_some() {
        1
    } else {
        table.rows.len()
    };
    let found = figure(0);
    let all_columns: i64 = (0..table.columns.len()).map(figure).sum();
    if (stated - found).abs() <= first.tolerance(terms)
        || (stated - all_columns).abs() <= first.tolerance(terms * table.columns.len())
    {
        return Ok(());
    }
    let table_says = match table_total {
        Some(t) => format!(
            "the table's total row \"{}\" (line {}) says {}",
            t.label,
            t.line,
            kronor(found)
        ),
        None => format!(
            "the table's {} rows sum to {}",
            table.rows.len(),
            kronor(found)
        ),
    };
    Err(Discrepancy {
        kind: DiscrepancyKind::ProseTotal,
        column: 1,
        stated_sek: stated,
        found_sek: found,
        difference_sek: stated - found,
        message: format!("the text states {}; {table_says}", kronor(stated)),
    })
}

/// Every stated figure that disagrees by more than rounding: the table's total row per column,
/// each subtotal per column, and the text's total.
fn discrepancies(
    table: &Table,
    table_total: Option<&TotalRow>,
    columns: &[ColumnReconciliation],
    subtotals: &[Subtotal],
    prose: Option<Result<(), Discrepancy>>,
) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    if let Some(t) = table_total {
        for c in columns.iter().filter(|c| c.status == CheckStatus::Mismatch) {
            let stated = c.total_sek.expect("a mismatch has a total");
            out.push(Discrepancy {
                kind: DiscrepancyKind::TableTotal,
                column: c.column,
                stated_sek: stated,
                found_sek: c.sum_sek,
                difference_sek: stated - c.sum_sek,
                message: format!(
                    "the total row \"{}\" (line {}) states {}{}; its {} rows sum to {}",
                    t.label,
                    t.line,
                    kronor(stated),
                    column_name(table, c.column),
                    table.rows.len(),
                    kronor(c.sum_sek)
                ),
            });
        }
    }
    for s in subtotals {
        for c in s
            .checks
            .iter()
            .filter(|c| c.status == CheckStatus::Mismatch)
        {
            let stated = c.stated_sek.expect("a mismatch has a stated figure");
            let under = s
                .group
                .as_ref()
                .map_or(String::new(), |g| format!(" under \"{g}\""));
            out.push(Discrepancy {
                kind: DiscrepancyKind::Subtotal,
                column: c.column,
                stated_sek: stated,
                found_sek: c.sum_sek,
                difference_sek: stated - c.sum_sek,
                message: format!(
                    "the subtotal \"{}\"{under} (line {}) states {}{}; rows {}–{} sum to {}",
                    s.label,
                    s.line,
                    kronor(stated),
                    column_name(table, c.column),
                    s.first_row,
                    s.last_row,
                    kronor(c.sum_sek)
                ),
            });
        }
    }
    out.extend(prose.and_then(Result::err));
    out
}

/// " for column 2 (\"Landsbygdssatsning kronor\")" in a table of several money columns.
fn column_name(table: &Table, column: usize) -> String {
    if table.columns.len() < 2 {
        return String::new();
    }
    match table.columns[column - 1].title.as_str() {
        "" => format!(" for column {column}"),
        title => format!(" for column {column} (\"{title}\")"),
    }
}

/// Whether every row is covered by a total row that agrees with it in every column: the table's
/// own total, or the subtotals.
fn rows_confirmed(rows: usize, rec: &Reconciliation) -> bool {
    let agrees = |s: CheckStatus| matches!(s, CheckStatus::Ok | CheckStatus::Rounding);
    if !rec.columns.is_empty() && rec.columns.iter().all(|c| agrees(c.status)) {
        return true;
    }
    let mut covered = vec![false; rows];
    for s in rec
        .subtotals
        .iter()
        .filter(|s| s.checks.iter().all(|c| agrees(c.status)))
    {
        covered[s.first_row - 1..s.last_row].fill(true);
    }
    rows > 0 && covered.into_iter().all(|c| c)
}

/// "1 367 000 000 kr".
fn kronor(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    format!("{}{out} kr", if value < 0 { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tables::Unit;

    fn row(name: &str, amount: i64) -> TableRow {
        TableRow {
            name_ocr: name.into(),
            amounts: vec![Some(amount)],
            per_inhabitant: None,
            footnote: false,
            group: None,
            line: 1,
            start: 0,
            end: 0,
        }
    }

    fn table(rows: Vec<TableRow>) -> Table {
        Table {
            columns: vec![Column {
                title: String::new(),
                unit: Unit::Kronor,
                precision_sek: 1,
            }],
            rows,
            totals: Vec::new(),
            splits: Vec::new(),
            level_hint: None,
        }
    }

    fn total(label: &str, amount: i64, covers: std::ops::Range<usize>) -> TotalRow {
        TotalRow {
            label: label.into(),
            group: None,
            amounts: vec![Some(amount)],
            covers,
            line: 9,
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
        let t = table(names.iter().map(|n| row(n, 50_000)).collect());
        let (alloc, rec) = reconcile(&t, Register::embedded(), None, None);
        assert_eq!(alloc[1].municipality_code.as_deref(), Some("0643"));
        assert_eq!(alloc[19].municipality_code.as_deref(), Some("0305"));
        assert_eq!(alloc[6].name.as_deref(), Some("Hammarö"));
        assert_eq!(alloc[16].name.as_deref(), Some("Hudiksvall"));
        assert!(rec.duplicates.is_empty() && rec.unmatched.is_empty());
    }

    #[test]
    fn a_name_that_fits_nothing_is_unmatched() {
        let t = table(vec![row("Ale", 1), row("Atlantis", 2)]);
        let (alloc, rec) = reconcile(&t, Register::embedded(), Some(3), Some(2));
        assert_eq!(alloc[1].name, None);
        assert_eq!(rec.unmatched.len(), 1);
        assert_eq!(rec.below_minimum.len(), 1);
        assert_eq!(rec.sum_matches, Some(true));
        assert!(!rec.ok);
    }

    #[test]
    fn a_repeated_row_is_a_duplicate() {
        let t = table(vec![row("Ale", 1), row("Ale", 1)]);
        let (_, rec) = reconcile(&t, Register::embedded(), None, None);
        assert_eq!(rec.duplicates.len(), 1);
        assert_eq!(rec.duplicates[0].rows, vec![1, 2]);
    }

    #[test]
    fn regions_are_matched_by_their_names_and_counties() {
        let t = table(vec![
            row("Region Sörmland", 1),
            row("Västra Götalandsregionen", 1),
            row("Jämtland/Härjedalen", 1),
            row("Gotland", 1),
            row("Stockholms län", 1),
        ]);
        let (alloc, rec) = reconcile(&t, Register::embedded(), None, None);
        let codes: Vec<_> = alloc.iter().map(|a| a.region_code.as_deref()).collect();
        assert_eq!(
            codes,
            vec![Some("04"), Some("14"), Some("23"), Some("09"), Some("01")]
        );
        assert!(alloc.iter().all(|a| a.municipality_code.is_none()));
        assert_eq!(alloc[1].name.as_deref(), Some("Västra Götalandsregionen"));
        assert!(rec.unmatched.is_empty());
    }

    #[test]
    fn municipality_forms_and_markers_are_read() {
        let t = table(vec![
            row("Malung-sälen", 1),
            row("Gotlands kommun", 1),
            row("Blekinge läns landsting", 1),
            row("Gotlands kommun (landstingsdel)", 1),
            row("Uppsala", 1),
            row("Borås stad", 1),
            row("Stockholms stad", 1),
        ]);
        let (alloc, _) = reconcile(&t, Register::embedded(), None, None);
        let codes: Vec<_> = alloc
            .iter()
            .map(|a| a.municipality_code.as_deref().or(a.region_code.as_deref()))
            .collect();
        assert_eq!(
            codes,
            vec![
                Some("2023"),
                Some("0980"),
                Some("10"),
                Some("09"),
                Some("0380"),
                Some("1490"),
                Some("0180")
            ]
        );
    }

    #[test]
    fn rounding_is_told_from_a_mismatch() {
        let mut t = table(vec![
            row("Ale", 100),
            row("Alvesta", 200),
            row("Aneby", 300),
        ]);
        t.totals = vec![total("Summa", 301, 0..2), total("Totalt", 600, 0..3)];
        let (_, rec) = reconcile(&t, Register::embedded(), None, None);
        assert_eq!(rec.columns[0].status, CheckStatus::Ok);
        assert_eq!(rec.subtotals[0].checks[0].status, CheckStatus::Rounding);
        assert!(rec.discrepancies.is_empty());
        assert!(rec.ok);
        t.totals = vec![total("Summa", 310, 0..2), total("Totalt", 700, 0..3)];
        let (_, rec) = reconcile(&t, Register::embedded(), None, None);
        assert_eq!(rec.subtotals[0].checks[0].status, CheckStatus::Mismatch);
        assert_eq!(rec.columns[0].status, CheckStatus::Mismatch);
        let kinds: Vec<_> = rec.discrepancies.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            vec![DiscrepancyKind::TableTotal, DiscrepancyKind::Subtotal]
        );
        assert_eq!(
            rec.discrepancies[0].message,
            "the total row \"Totalt\" (line 9) states 700 kr; its 3 rows sum to 600 kr"
        );
        assert_eq!(rec.discrepancies[1].difference_sek, 10);
        assert!(!rec.ok);
    }

    #[test]
    fn a_prose_total_that_disagrees_names_both_figures() {
        let mut t = table(vec![row("Ale", 1_000_000), row("Alvesta", 2_000_000)]);
        t.totals = vec![total("Totalt", 3_000_000, 0..2)];
        let (_, rec) = reconcile(&t, Register::embedded(), Some(3_500_000), None);
        assert_eq!(rec.discrepancies.len(), 1);
        let d = &rec.discrepancies[0];
        assert_eq!(d.kind, DiscrepancyKind::ProseTotal);
        assert_eq!((d.stated_sek, d.found_sek), (3_500_000, 3_000_000));
        assert_eq!(
            d.message,
            "the text states 3 500 000 kr; the table's total row \"Totalt\" (line 9) says 3 000 000 kr"
        );
        assert!(!rec.ok);
    }
}
