//! The numbers of a table row, and the ways to read them as the table's cells.

use super::Unit;
use std::ops::Range;

/// A whitespace-separated number in a row's amounts.
#[derive(Debug, Clone)]
pub(super) struct Token<'a> {
    text: &'a str,
    int_digits: String,
    decimals: String,
    /// A currency follows ("84 465 kr"): a cell ends here.
    closes: bool,
}

impl<'a> Token<'a> {
    /// "045" cannot begin a number.
    fn leading_zero(&self) -> bool {
        self.int_digits.len() > 1 && self.int_digits.starts_with('0')
    }

    /// Whether the token may be the end of one number and the start of the next, their digits
    /// run together by the OCR ("20 486 9735 695 439"): four or more bare digits.
    fn may_be_two(&self) -> bool {
        self.int_digits.len() >= 4 && self.text.bytes().all(|b| b.is_ascii_digit())
    }

    /// The token cut after `at` digits (only for [`Token::may_be_two`]).
    fn cut(&self, at: usize) -> (Token<'a>, Token<'a>) {
        let left = Token {
            text: &self.text[..at],
            int_digits: self.int_digits[..at].to_string(),
            decimals: String::new(),
            closes: false,
        };
        let right = Token {
            text: &self.text[at..],
            int_digits: self.int_digits[at..].to_string(),
            ..self.clone()
        };
        (left, right)
    }
}

/// Splits a number's integer part from its decimals: a comma (or the semicolon the OCR reads for
/// one) always starts decimals; a dot does when one or two digits end the number ("37.8"), and is
/// a thousands separator otherwise ("199.629").
fn parse_token(text: &str) -> Token<'_> {
    let number_end = text
        .find(|c: char| !(c.is_ascii_digit() || ".,;".contains(c)))
        .unwrap_or(text.len());
    let number = &text[..number_end];
    let decimal_at = number.rfind([',', ';']).or_else(|| {
        number
            .rfind('.')
            .filter(|&dot| (1..=2).contains(&(number.len() - dot - 1)))
    });
    let (int_part, dec_part) = match decimal_at {
        Some(at) => (&number[..at], &number[at + 1..]),
        None => (number, ""),
    };
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    Token {
        text: number,
        int_digits: digits(int_part),
        decimals: digits(dec_part),
        closes: number_end < text.len(),
    }
}

/// The numbers of a row's amounts, stray marks before them dropped; a currency marks where a
/// cell ends. A hyphen or colon between digits separates them as a space does ("7-477 038",
/// "11 484-2 178").
pub(super) fn tokens(amounts: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token> = Vec::new();
    for word in amounts
        .split([' ', '\t', '\u{a0}', '-', ':'])
        .filter(|w| !w.is_empty())
    {
        let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        if word.starts_with(|c: char| c.is_ascii_digit()) {
            out.push(parse_token(word));
        } else if let Some(last) = out.last_mut().filter(|_| !word.is_empty()) {
            last.closes = true;
        }
    }
    out
}

/// How many cells a row shows for certain: cells closed by a currency or a decimal, and the last.
pub(super) fn certain_cells(tokens: &[Token]) -> usize {
    let Some((_, init)) = tokens.split_last() else {
        return 0;
    };
    1 + init
        .iter()
        .filter(|t| t.closes || !t.decimals.is_empty())
        .count()
}

/// Whether tokens can be one printed number: no zero in front, every group after the first a
/// whole number of three-digit groups, decimals and currency only at the end.
fn well_formed(tokens: &[Token]) -> bool {
    let init = &tokens[..tokens.len() - 1];
    !tokens[0].leading_zero()
        && init.iter().all(|t| !t.closes && t.decimals.is_empty())
        && tokens[1..]
            .iter()
            .all(|t| !t.int_digits.is_empty() && t.int_digits.len().is_multiple_of(3))
}

/// Every way to cut `n` tokens into `k` consecutive non-empty cells, as cell ranges.
fn all_cuts(n: usize, k: usize) -> Vec<Vec<Range<usize>>> {
    if k == 1 {
        return vec![vec![0..n]];
    }
    (1..=n.saturating_sub(k - 1))
        .flat_map(|first| {
            all_cuts(n - first, k - 1).into_iter().map(move |rest| {
                std::iter::once(0..first)
                    .chain(rest.into_iter().map(|r| r.start + first..r.end + first))
                    .collect()
            })
        })
        .collect()
}

/// The value of a cell in kronor (or kronor per inhabitant): all its integer digits, the last
/// token's decimals, times the unit. `None` when too long to be an amount.
fn cell_value(tokens: &[Token], unit: Unit) -> Option<f64> {
    let int: String = tokens.iter().map(|t| t.int_digits.as_str()).collect();
    let decimals = &tokens.last()?.decimals;
    if int.is_empty() || int.len() + decimals.len() > 18 {
        return None;
    }
    let value: f64 = format!("{int}.{decimals}0").parse().ok()?;
    Some(value * unit.scale() as f64)
}

/// One way to read a line's numbers as the table's cells.
#[derive(Debug, Clone)]
pub(super) struct Reading {
    /// The printed cells, in column order; trailing columns may be left empty.
    pub cells: Vec<String>,
    /// Per printed column: the value, and how many decimals it printed.
    pub values: Vec<Option<(f64, usize)>>,
    /// Whether the reading cuts a token in two: columns the OCR ran together.
    pub cuts_a_token: bool,
}

impl Reading {
    /// The reading of a cut of `tokens` under the columns' units.
    fn of(tokens: &[Token], cut: &[Range<usize>], units: &[Unit], cuts_a_token: bool) -> Reading {
        let (cells, mut values): (Vec<String>, Vec<_>) = cut
            .iter()
            .zip(units)
            .map(|(r, &unit)| {
                let t = &tokens[r.clone()];
                let text = t.iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
                let decimals = t.last().map_or(0, |l| l.decimals.len());
                (text, cell_value(t, unit).map(|v| (v, decimals)))
            })
            .unzip();
        values.resize(units.len(), None);
        Reading {
            cells,
            values,
            cuts_a_token,
        }
    }

    /// Whether each cell prints the decimals its column does (`None`: any).
    fn fits_decimals(&self, decimals: &[Option<usize>]) -> bool {
        self.values.iter().zip(decimals).all(|(v, d)| match (v, d) {
            (Some((_, printed)), Some(wanted)) => printed == wanted,
            _ => true,
        })
    }
}

/// The tokens of a row as printed, and with each token that [`Token::may_be_two`] cut in two at
/// each place: with the index at which a cell must then begin.
fn token_variants<'a>(tokens: &[Token<'a>]) -> Vec<(Vec<Token<'a>>, Option<usize>)> {
    let mut variants = vec![(tokens.to_vec(), None)];
    for (i, t) in tokens.iter().enumerate().filter(|(_, t)| t.may_be_two()) {
        for at in 1..t.int_digits.len() {
            let (left, right) = t.cut(at);
            let mut v = tokens[..i].to_vec();
            v.extend([left, right]);
            v.extend_from_slice(&tokens[i + 1..]);
            variants.push((v, Some(i + 1)));
        }
    }
    variants
}

/// The readings of a row under the columns' `units`. With one column every digit counts ("1168
/// 969 kr"). With several, the row is cut into one cell per column, keeping each number whole and
/// printing in each column the decimals of `decimals`; a token of bare digits may be cut too,
/// where the OCR ran two columns together. Without such a cut, the row is cut into fewer cells (a
/// total row without its per-inhabitant figure); failing that, every cut is a reading (the OCR
/// lost a digit).
pub(super) fn readings(
    tokens: &[Token],
    units: &[Unit],
    decimals: &[Option<usize>],
) -> Vec<Reading> {
    let n = tokens.len();
    let k = units.len().min(n);
    if units.len() <= 1 || n == 0 {
        return vec![Reading::of(
            tokens,
            std::slice::from_ref(&(0..n)),
            units,
            false,
        )];
    }
    let variants = token_variants(tokens);
    for cells in (1..=units.len()).rev() {
        let fitting: Vec<Reading> = variants
            .iter()
            .flat_map(|(toks, must_begin)| {
                all_cuts(toks.len(), cells)
                    .into_iter()
                    .filter(move |cut| must_begin.is_none_or(|b| cut.iter().any(|r| r.start == b)))
                    .filter(|cut| cut.iter().all(|r| well_formed(&toks[r.clone()])))
                    .map(|cut| Reading::of(toks, &cut, units, must_begin.is_some()))
            })
            .filter(|r| r.fits_decimals(decimals))
            .collect();
        if !fitting.is_empty() {
            return fitting;
        }
    }
    all_cuts(n, k)
        .into_iter()
        .map(|cut| Reading::of(tokens, &cut, units, false))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KRONOR: [Unit; 2] = [Unit::Kronor, Unit::Kronor];

    #[test]
    fn ocr_separators_keep_numbers_whole() {
        let t = tokens("61 199.629 7-477 038 42 045981 158:999");
        assert_eq!(t.len(), 9);
        assert_eq!(cell_value(&t[0..2], Unit::Kronor), Some(61_199_629.0));
        assert_eq!(cell_value(&t[2..5], Unit::Kronor), Some(7_477_038.0));
        assert_eq!(cell_value(&t[5..7], Unit::Kronor), Some(42_045_981.0));
        assert_eq!(cell_value(&t[7..9], Unit::Kronor), Some(158_999.0));
        assert_eq!(
            cell_value(&tokens("1 470,0"), Unit::Million),
            Some(1_470_000_000.0)
        );
        assert_eq!(
            cell_value(&tokens("37.8"), Unit::Million),
            Some(37_800_000.0)
        );
    }

    #[test]
    fn cuts_keep_digit_groups_whole() {
        let any = [None, None];
        let cells = |amounts: &str| -> Vec<Vec<String>> {
            readings(&tokens(amounts), &KRONOR, &any)
                .into_iter()
                .map(|r| r.cells)
                .collect()
        };
        assert_eq!(
            cells("317 989 729 3 823 518"),
            vec![vec!["317 989 729", "3 823 518"]]
        );
        assert_eq!(cells("36 379 118 809 901").len(), 4);
        assert_eq!(cells("1 367 000 000 150 000 000").len(), 2);
        assert_eq!(certain_cells(&tokens("37,8 238")), 2);
        assert_eq!(certain_cells(&tokens("84 465 kr")), 1);
    }

    #[test]
    fn columns_run_together_may_be_cut_apart() {
        let any = [None, None];
        let r = readings(&tokens("20 486 9735 695 439"), &KRONOR, &any);
        let cells: Vec<_> = r.iter().map(|r| r.cells.clone()).collect();
        assert_eq!(
            cells,
            vec![
                vec!["20 486", "9735 695 439"],
                vec!["20 486 973", "5 695 439"]
            ]
        );
        assert!(r[1].cuts_a_token);
    }

    #[test]
    fn stray_marks_and_semicolon_decimals_are_read() {
        let t = tokens(".7 983 458");
        assert_eq!(cell_value(&t, Unit::Kronor), Some(7_983_458.0));
        let t = tokens("36 728 '193");
        assert_eq!(cell_value(&t, Unit::Kronor), Some(36_728_193.0));
        assert_eq!(
            cell_value(&tokens("63;2"), Unit::Million),
            Some(63_200_000.0)
        );
    }

    #[test]
    fn a_missing_cell_is_told_by_the_decimals() {
        let units = [Unit::Million, Unit::PerInhabitant];
        let r = readings(&tokens("1 470,0"), &units, &[Some(1), Some(0)]);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].cells, vec!["1 470,0"]);
        assert_eq!(r[0].values[1], None);
    }

    #[test]
    fn one_column_counts_every_digit() {
        let r = readings(&tokens("1168 969 kr"), &[Unit::Kronor], &[None]);
        assert_eq!(r[0].values[0], Some((1_168_969.0, 0)));
    }
}
