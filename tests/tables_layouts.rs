//! Allocation tables in the layouts Swedish government bodies publish, end to end, each as written
//! (fixtures/tables/NAME.txt) and as scanned and read by Tesseract (fixtures/tables/ocr/NAME.txt):
//! every allocation against the hand-checked golden table (tests/golden/tables/NAME.tsv, verified
//! against the fixtures and the registers by tests/golden/tables/verify_tables.py), and the
//! reconciliation against the figures worked out by hand there.

use kansli::ingest;
use kansli::pipeline::process;
use kansli::record::{CheckStatus, DiscrepancyKind, Reconciliation, Record};
use kansli::repair::Repairer;

/// The fixture as written and its scan.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Version {
    Written,
    Scanned,
}

const BOTH: [Version; 2] = [Version::Written, Version::Scanned];

fn record(name: &str, version: Version) -> Record {
    let path = match version {
        Version::Written => format!("fixtures/tables/{name}.txt"),
        Version::Scanned => format!("fixtures/tables/ocr/{name}.txt"),
    };
    let doc = ingest::read_path(path.as_ref(), ingest::DEFAULT_MAX_BYTES).unwrap();
    process(doc, &Repairer::default())
}

/// Checks every allocation against the golden table and returns the reconciliation.
fn reconciled(name: &str, version: Version) -> Reconciliation {
    let r = record(name, version);
    let golden = std::fs::read_to_string(format!("tests/golden/tables/{name}.tsv")).unwrap();
    let rows: Vec<Vec<&str>> = golden
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(r.allocations.len(), rows.len(), "{name} {version:?}: rows");
    let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
    for (got, want) in r.allocations.iter().zip(&rows) {
        let context = format!("{name} {version:?} row {}", want[0]);
        let printed = match version {
            Version::Written => want[1],
            Version::Scanned => want[2],
        };
        assert_eq!(got.row.to_string(), want[0], "{context}");
        assert_eq!(got.name_ocr, printed, "{context}");
        assert_eq!(got.name.as_deref(), Some(want[3]), "{context}");
        assert_eq!(got.municipality_code, text(want[4]), "{context}");
        assert_eq!(got.region_code, text(want[5]), "{context}");
        assert_eq!(got.county_code.as_deref(), Some(want[6]), "{context}");
        let amounts: Vec<Option<i64>> = want[7].split(';').map(|a| a.parse().ok()).collect();
        assert_eq!(got.amounts_by_column, amounts, "{context}");
        assert_eq!(got.amount_sek, amounts[0], "{context}");
        assert_eq!(
            got.per_inhabitant_sek,
            want[8].parse::<f64>().ok(),
            "{context}"
        );
        if version == Version::Written {
            assert_eq!(got.group, text(want[9]), "{context}");
        }
        assert!(got.confidence >= 0.75, "{context}: {}", got.confidence);
    }
    r.reconciliation.expect("a reconciliation")
}

/// (sum, total, status) of each money column.
fn columns(rec: &Reconciliation) -> Vec<(i64, Option<i64>, CheckStatus)> {
    rec.columns
        .iter()
        .map(|c| (c.sum_sek, c.total_sek, c.status))
        .collect()
}

/// (row, cells, decided) of each split.
fn splits(rec: &Reconciliation) -> Vec<(Option<usize>, Vec<&str>, bool)> {
    rec.splits
        .iter()
        .map(|s| {
            (
                s.row,
                s.cells.iter().map(String::as_str).collect(),
                s.decided,
            )
        })
        .collect()
}

fn clean(rec: &Reconciliation) -> bool {
    rec.unmatched.is_empty()
        && rec.missing.is_empty()
        && rec.missing_regions.is_empty()
        && rec.duplicates.is_empty()
        && rec.duplicate_regions.is_empty()
}

#[test]
fn regions_named_as_regions_reconcile_with_a_rounding_difference() {
    for version in BOTH {
        let rec = reconciled("01_regioner_vaccination_beslut", version);
        assert!(clean(&rec), "{version:?}");
        assert_eq!(rec.columns[0].title, "Belopp, kronor");
        assert_eq!(rec.columns[0].unit, "kronor");
        assert_eq!(
            columns(&rec),
            vec![(400_000_004, Some(400_000_000), CheckStatus::Rounding)]
        );
        assert_eq!(rec.columns[0].difference_sek, Some(-4));
        assert_eq!(rec.stated_total_sek, Some(400_000_000));
        assert_eq!(rec.sum_matches, Some(false));
        assert!(rec.discrepancies.is_empty() && rec.splits.is_empty());
        assert!(rec.ok, "{version:?}");
    }
}

#[test]
fn two_columns_reconcile_each_against_its_own_total() {
    for version in BOTH {
        let rec = reconciled("02_skr_lan_tva_kolumner", version);
        assert!(clean(&rec), "{version:?}");
        let titles: Vec<_> = rec.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, vec!["Medel i kronor", "Landsbygdssatsning kronor"]);
        assert_eq!(
            columns(&rec),
            vec![
                (1_367_000_000, Some(1_367_000_000), CheckStatus::Ok),
                (150_000_000, Some(150_000_000), CheckStatus::Ok)
            ]
        );
        let want = match version {
            Version::Written => vec![
                (Some(15), vec!["36 379 118", "809 901"], true),
                (None, vec!["1 367 000 000", "150 000 000"], true),
            ],
            // The scan ran "20 486 973" and "5 695 439" together ("20 486 9735 695 439"), and
            // "36 062 282" and "5 769 300"; its "1.367 000 000" can only end after "000 000".
            Version::Scanned => vec![
                (Some(9), vec!["20 486 973", "5 695 439"], true),
                (Some(15), vec!["36 379 118", "809 901"], true),
                (Some(20), vec!["36 062 282", "5 769 300"], true),
            ],
        };
        assert_eq!(splits(&rec), want, "{version:?}");
        assert!(rec.ok, "{version:?}");
    }
}

#[test]
fn subtotals_of_a_table_grouped_by_county_are_checked_not_counted() {
    let written = [
        (
            "Summa kommuner",
            "Blekinge län",
            1,
            5,
            168_042_326,
            168_042_325,
        ),
        (
            "Totalt länet",
            "Blekinge län",
            1,
            6,
            215_684_043,
            215_684_041,
        ),
        (
            "Summa kommuner",
            "Dalarnas län",
            7,
            21,
            308_463_324,
            308_463_324,
        ),
        (
            "Totalt länet",
            "Dalarnas län",
            7,
            22,
            395_656_352,
            395_656_351,
        ),
        (
            "Totalt Gotlands län",
            "Gotlands län",
            23,
            24,
            46_069_202,
            46_069_203,
        ),
    ];
    for version in BOTH {
        let rec = reconciled("03_kommuner_per_lan_summor", version);
        assert!(clean(&rec), "{version:?}");
        assert_eq!(rec.subtotals.len(), written.len());
        for (got, want) in rec.subtotals.iter().zip(written) {
            let (label, group, first, last, stated, sum) = want;
            if version == Version::Written {
                assert_eq!(
                    (got.label.as_str(), got.group.as_deref()),
                    (label, Some(group))
                );
            }
            assert_eq!((got.first_row, got.last_row), (first, last), "{label}");
            let c = &got.checks[0];
            assert_eq!((c.stated_sek, c.sum_sek), (Some(stated), sum), "{label}");
            let status = if stated == sum {
                CheckStatus::Ok
            } else {
                CheckStatus::Rounding
            };
            assert_eq!(c.status, status, "{label}");
        }
        // the closing "Totalt" is the table's own total, 2 kr of rounding off its rows
        assert_eq!(
            columns(&rec),
            vec![(657_409_595, Some(657_409_597), CheckStatus::Rounding)]
        );
        assert!(rec.discrepancies.is_empty());
        assert!(rec.ok, "{version:?}");
    }
}

#[test]
fn mnkr_with_decimal_commas_and_kronor_per_inhabitant() {
    for version in BOTH {
        let rec = reconciled("04_landsting_mnkr_per_invanare", version);
        assert!(
            clean(&rec),
            "{version:?}: Gotland's municipality stands for its region"
        );
        assert_eq!(
            rec.columns.len(),
            1,
            "kronor per inhabitant is not a money column"
        );
        assert_eq!(rec.columns[0].unit, "mnkr");
        assert_eq!(rec.columns[0].title, "Belopp per landsting, mnkr");
        assert_eq!(
            columns(&rec),
            vec![(1_470_100_000, Some(1_470_000_000), CheckStatus::Rounding)]
        );
        assert!(rec.ok, "{version:?}");
    }
    let r = record("04_landsting_mnkr_per_invanare", Version::Written);
    assert_eq!(r.footnotes.len(), 1);
    assert_eq!(r.footnotes[0].text, "Befolkning den 30 juni 2015.");
}

#[test]
fn inhabitants_and_kronor_per_inhabitant_beside_the_amount() {
    for version in BOTH {
        let rec = reconciled("05_kommuner_kr_per_invanare", version);
        assert!(clean(&rec), "{version:?}");
        assert_eq!(
            columns(&rec),
            vec![(788_333_634, Some(788_333_634), CheckStatus::Ok)]
        );
        assert_eq!(
            splits(&rec),
            vec![
                (Some(6), vec!["141 081", "2 178", "307 274 418"], true),
                (None, vec!["361 953", "2 178", "788 333 634"], true)
            ],
            "{version:?}"
        );
        assert!(rec.ok, "{version:?}");
    }
}

#[test]
fn a_prose_total_that_disagrees_is_a_discrepancy_naming_both_figures() {
    for version in BOTH {
        let rec = reconciled("06_prosa_total_avviker", version);
        assert!(clean(&rec), "{version:?}");
        assert_eq!(
            columns(&rec),
            vec![(1_367_000_000, Some(1_367_000_000), CheckStatus::Ok)]
        );
        assert_eq!(rec.discrepancies.len(), 1);
        let d = &rec.discrepancies[0];
        assert_eq!(d.kind, DiscrepancyKind::ProseTotal);
        assert_eq!((d.stated_sek, d.found_sek), (1_357_000_000, 1_367_000_000));
        assert_eq!(d.difference_sek, -10_000_000);
        assert!(d.message.starts_with("the text states 1 357 000 000 kr;"));
        assert!(d.message.contains("says 1 367 000 000 kr"));
        assert!(!rec.ok, "{version:?}");
    }
}
