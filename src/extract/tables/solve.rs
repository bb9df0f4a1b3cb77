//! Choosing between the readings of lines whose digit groups can be cut into the columns in
//! several ways: the table's totals decide, and the columns' usual magnitudes break ties.

use super::cells::Reading;
use super::Column;
use std::ops::Range;

/// How many combinations of readings one total may try.
const MAX_COMBINATIONS: usize = 20_000;

/// How a line's reading was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Settled {
    /// Several readings remain: the columns' usual magnitudes chose.
    No,
    /// The line can be read one way only.
    OneWay,
    /// Only one reading makes inhabitants × kronor per inhabitant give the amount.
    ByRow,
    /// Only one reading makes the totals add up.
    ByTotals,
}

/// A line being read: its possible readings, the one taken, and how it was settled.
#[derive(Debug)]
pub(super) struct Entry {
    pub readings: Vec<Reading>,
    /// How many readings the digit groups allowed, before the row's own figures ruled some out.
    pub cuts: usize,
    pub choice: usize,
    pub settled: Settled,
}

impl Entry {
    /// A line with its readings, keeping those that `fits_row` accepts when any does.
    pub fn new(readings: Vec<Reading>, fits_row: &impl Fn(&Reading) -> bool) -> Entry {
        let cuts = readings.len();
        let fitting: Vec<Reading> = readings.iter().filter(|r| fits_row(r)).cloned().collect();
        let readings = if fitting.is_empty() {
            readings
        } else {
            fitting
        };
        let settled = match (cuts, readings.len()) {
            (1, _) => Settled::OneWay,
            (_, 1) => Settled::ByRow,
            _ => Settled::No,
        };
        Entry {
            readings,
            cuts,
            choice: 0,
            settled,
        }
    }

    pub fn reading(&self) -> &Reading {
        &self.readings[self.choice]
    }

    /// The chosen value of printed column `j` in whole kronor.
    pub fn money(&self, j: usize) -> Option<i64> {
        self.reading().values[j].map(|(v, _)| v.round() as i64)
    }
}

/// A total line being read, with the row ranges it might cover.
#[derive(Debug)]
pub(super) struct TotalEntry {
    pub entry: Entry,
    /// Candidate ranges, shortest first: the rows since the last heading or total, since the last
    /// heading, since the table began, and the whole table.
    pub scopes: Vec<Range<usize>>,
}

/// A line whose reading the solver chooses.
#[derive(Debug, Clone, Copy)]
enum Var {
    Row(usize),
    Total(usize),
}

/// A table's lines while their readings are chosen.
pub(super) struct Reader<'a> {
    pub columns: &'a [Column],
    /// Indexes of the money columns among the printed ones.
    pub money: Vec<usize>,
    pub rows: Vec<Entry>,
    pub totals: Vec<TotalEntry>,
}

impl Reader<'_> {
    /// Sum of printed column `j` over the rows of `scope`, as chosen.
    fn sum(&self, j: usize, scope: &Range<usize>) -> i64 {
        self.rows[scope.clone()]
            .iter()
            .map(|r| r.money(j).unwrap_or(0))
            .sum()
    }

    /// How many money columns of total `t` agree, within rounding, with the rows of `scope`.
    fn agreeing(&self, t: &Entry, scope: &Range<usize>) -> usize {
        self.money
            .iter()
            .filter(|&&j| {
                t.money(j).is_some_and(|stated| {
                    (stated - self.sum(j, scope)).abs() <= self.columns[j].tolerance(scope.len())
                })
            })
            .count()
    }

    /// The rows a total most likely covers: the candidate scope with the most agreeing columns,
    /// then the least difference, then the fewest rows.
    pub fn best_scope(&self, t: &TotalEntry) -> Range<usize> {
        let difference = |scope: &Range<usize>| -> i64 {
            self.money
                .iter()
                .map(|&j| (t.entry.money(j).unwrap_or(0) - self.sum(j, scope)).abs())
                .sum()
        };
        t.scopes
            .iter()
            .min_by_key(|s| {
                (
                    std::cmp::Reverse(self.agreeing(&t.entry, s)),
                    difference(s),
                    s.len(),
                )
            })
            .cloned()
            .unwrap_or(0..0)
    }

    /// Whether total `t` agrees in every money column with one of its scopes.
    fn adds_up(&self, t: usize) -> bool {
        let total = &self.totals[t];
        total
            .scopes
            .iter()
            .any(|s| self.agreeing(&total.entry, s) == self.money.len())
    }

    /// Orders each line's readings so that the first is the likeliest: one that keeps the
    /// printed tokens whole, then one whose values are closest in magnitude to the usual ones of
    /// their columns (among the lines that can be read one way only).
    pub fn rank_readings(&mut self) {
        let mut magnitudes: Vec<Vec<f64>> = vec![Vec::new(); self.columns.len()];
        for e in self.rows.iter().filter(|e| e.readings.len() == 1) {
            for (j, v) in e.readings[0].values.iter().enumerate() {
                if let Some((v, _)) = v {
                    magnitudes[j].push((v.abs() + 1.0).log10());
                }
            }
        }
        let medians: Vec<Option<f64>> = magnitudes
            .into_iter()
            .map(|mut m| {
                m.sort_by(f64::total_cmp);
                m.get(m.len() / 2).copied()
            })
            .collect();
        let misfit = |r: &Reading| -> f64 {
            r.values
                .iter()
                .zip(&medians)
                .filter_map(|(v, m)| Some(((v.as_ref()?.0.abs() + 1.0).log10() - (*m)?).abs()))
                .sum()
        };
        let entries = self
            .rows
            .iter_mut()
            .chain(self.totals.iter_mut().map(|t| &mut t.entry));
        for e in entries.filter(|e| e.readings.len() > 1) {
            e.readings.sort_by(|a, b| {
                (a.cuts_a_token, misfit(a))
                    .partial_cmp(&(b.cuts_a_token, misfit(b)))
                    .expect("misfits are finite")
            });
        }
    }

    /// Lets the totals choose between readings, the total over the fewest rows first. For each,
    /// every combination of readings of the unsettled lines it may cover (and of itself) is tried;
    /// the first combination that makes it add up is taken, and the lines on which all such
    /// combinations agree are settled.
    pub fn solve(&mut self) {
        let mut order: Vec<usize> = (0..self.totals.len()).collect();
        order.sort_by_key(|&t| self.totals[t].scopes.first().map_or(usize::MAX, Range::len));
        for t in order {
            let vars = self.unsettled(t);
            let sizes: Vec<usize> = vars.iter().map(|&v| self.entry(v).readings.len()).collect();
            let Some(combinations) = sizes
                .iter()
                .try_fold(1usize, |acc, &s| acc.checked_mul(s))
                .filter(|&c| c <= MAX_COMBINATIONS && !vars.is_empty())
            else {
                continue;
            };
            let before: Vec<usize> = vars.iter().map(|&v| self.entry(v).choice).collect();
            let winners: Vec<Vec<usize>> = (0..combinations)
                .map(|c| combination(c, &sizes))
                .filter(|choice| {
                    self.choose(&vars, choice);
                    self.adds_up(t)
                })
                .collect();
            let Some(first) = winners.first() else {
                self.choose(&vars, &before);
                continue;
            };
            self.choose(&vars, first);
            for (i, &v) in vars.iter().enumerate() {
                if winners.iter().all(|w| w[i] == first[i]) {
                    self.entry_mut(v).settled = Settled::ByTotals;
                }
            }
        }
    }

    /// The unsettled lines total `t` may cover, and the total itself when unsettled.
    fn unsettled(&self, t: usize) -> Vec<Var> {
        let scopes = &self.totals[t].scopes;
        let start = scopes.iter().map(|s| s.start).min().unwrap_or(0);
        let end = scopes.iter().map(|s| s.end).max().unwrap_or(0);
        let mut vars: Vec<Var> = (start..end)
            .filter(|&r| self.rows[r].settled == Settled::No)
            .map(Var::Row)
            .collect();
        if self.totals[t].entry.settled == Settled::No {
            vars.push(Var::Total(t));
        }
        vars
    }

    fn choose(&mut self, vars: &[Var], choice: &[usize]) {
        for (&v, &c) in vars.iter().zip(choice) {
            self.entry_mut(v).choice = c;
        }
    }

    fn entry(&self, v: Var) -> &Entry {
        match v {
            Var::Row(r) => &self.rows[r],
            Var::Total(t) => &self.totals[t].entry,
        }
    }

    fn entry_mut(&mut self, v: Var) -> &mut Entry {
        match v {
            Var::Row(r) => &mut self.rows[r],
            Var::Total(t) => &mut self.totals[t].entry,
        }
    }
}

/// The `c`-th combination of one reading per line, lines having `sizes` readings each.
fn combination(mut c: usize, sizes: &[usize]) -> Vec<usize> {
    sizes
        .iter()
        .map(|&s| {
            let pick = c % s;
            c /= s;
            pick
        })
        .collect()
}
