//! Swedish amounts of money: "30 000 000 kronor", "30 miljoner kronor", "5,9 miljarder kronor",
//! "35 000 kr", "en miljard kronor", "tre miljoner kronor", "114 mnkr", "2 MSEK", "10–20 miljoner
//! kronor", and digit groups that the OCR merged or split ("71129 kr", "1168 969 kr").

use regex::Regex;
use std::sync::LazyLock;

/// An amount found in a text: byte range of the whole phrase and its value in kronor.
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyMatch {
    pub start: usize,
    pub end: usize,
    pub value_sek: i64,
    /// The upper value of a range ("10–20 miljoner kronor"); `value_sek` is the lower.
    pub upper_sek: Option<i64>,
}

const NUMBER_WORDS: &[(&str, i64)] = &[
    ("en", 1),
    ("ett", 1),
    ("två", 2),
    ("tre", 3),
    ("fyra", 4),
    ("fem", 5),
    ("sex", 6),
    ("sju", 7),
    ("åtta", 8),
    ("nio", 9),
    ("tio", 10),
    ("elva", 11),
    ("tolv", 12),
    ("femton", 15),
    ("tjugo", 20),
    ("trettio", 30),
    ("fyrtio", 40),
    ("femtio", 50),
    ("hundra", 100),
];

/// A number as written: digit groups ("30 000 000", "1.168.969"), a decimal ("5,9") or a number
/// word. The word alternatives are built from [`NUMBER_WORDS`].
const NUMBER: &str = r"\d{1,3}(?:[ \u{a0}.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?|(?i:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|tjugo|trettio|fyrtio|femtio|hundra)";

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<low>{NUMBER})(?:\s*(?:[–-]|till)\s*(?P<high>{NUMBER}))?\s*(?:(?P<scale>(?i:miljarder|miljard|miljoner|miljon|tusen|mdkr|mnkr|mkr|tkr|msek|mdr|mn))\b\.?\s*)?(?P<currency>kronor|kr\b\.?|(?i:sek)\b|:-)?"
    ))
    .unwrap()
});

/// Multiplier of a scale word, and whether the word itself means kronor ("mnkr").
fn scale(word: &str) -> (i64, bool) {
    match word.to_lowercase().as_str() {
        "tusen" => (1_000, false),
        "tkr" => (1_000, true),
        "miljon" | "miljoner" | "mn" => (1_000_000, false),
        "mnkr" | "mkr" | "msek" => (1_000_000, true),
        "miljard" | "miljarder" | "mdr" => (1_000_000_000, false),
        "mdkr" => (1_000_000_000, true),
        _ => (1, false),
    }
}

/// The value of a number as written, times `multiplier`, in whole kronor; `None` on overflow.
pub fn number_value(text: &str, multiplier: i64) -> Option<i64> {
    let lower = text.trim().to_lowercase();
    if let Some(&(_, v)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
        return v.checked_mul(multiplier);
    }
    let (int_part, frac_part) = lower.split_once(',').unwrap_or((&lower, ""));
    let digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let whole: i128 = digits.parse().ok()?;
    let frac_digits: String = frac_part
        .chars()
        .filter(char::is_ascii_digit)
        .take(9)
        .collect();
    let scale_down = 10i128.pow(frac_digits.len() as u32);
    let frac: i128 = if frac_digits.is_empty() {
        0
    } else {
        frac_digits.parse().ok()?
    };
    let value = (whole * scale_down + frac) * multiplier as i128 / scale_down;
    i64::try_from(value).ok()
}

/// The integer in a table amount cell, whatever the OCR did to its digit grouping: every digit
/// counts ("71129 kr" → 71129, "1168 969 kr" → 1168969, "61 199.629" → 61199629).
pub fn cell_value(cell: &str) -> Option<i64> {
    let digits: String = cell.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    digits.parse().ok()
}

/// Every amount of money in `text`, in order. A number counts as money only with a currency
/// ("kronor", "kr", "SEK", ":-") or a scale word that implies it ("mnkr").
pub fn find_money(text: &str) -> Vec<MoneyMatch> {
    MONEY
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let (multiplier, implies_currency) =
                caps.name("scale").map_or((1, false), |m| scale(m.as_str()));
            if caps.name("currency").is_none() && !implies_currency {
                return None;
            }
            let value_sek = number_value(caps.name("low")?.as_str(), multiplier)?;
            let upper_sek = match caps.name("high") {
                Some(high) => Some(number_value(high.as_str(), multiplier)?),
                None => None,
            };
            let end = whole.start() + whole.as_str().trim_end().len();
            Some(MoneyMatch {
                start: whole.start(),
                end,
                value_sek,
                upper_sek,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<i64> {
        find_money(text).iter().map(|m| m.value_sek).collect()
    }

    #[test]
    fn swedish_forms_parse_to_kronor() {
        assert_eq!(values("utbetala 30 000 000 kronor till"), vec![30_000_000]);
        assert_eq!(values("avsätter 30 miljoner kronor för"), vec![30_000_000]);
        assert_eq!(
            values("drygt 5,9 miljarder kronor för 2020"),
            vec![5_900_000_000]
        );
        assert_eq!(values("om 35 000 kronor."), vec![35_000]);
        assert_eq!(
            values("en miljard kronor och tre miljoner kronor"),
            vec![1_000_000_000, 3_000_000]
        );
        assert_eq!(
            values("114 mnkr, 2 mdkr och 5 MSEK"),
            vec![114_000_000, 2_000_000_000, 5_000_000]
        );
        assert_eq!(values("Bjuv 71129 kr"), vec![71_129]);
    }

    #[test]
    fn numbers_without_currency_are_not_money() {
        assert!(values("den 1 november 2019 och 290 kommuner").is_empty());
    }

    #[test]
    fn ranges_keep_both_ends() {
        let m = &find_money("10–20 miljoner kronor")[0];
        assert_eq!((m.value_sek, m.upper_sek), (10_000_000, Some(20_000_000)));
    }

    #[test]
    fn table_cells_ignore_ocr_grouping() {
        assert_eq!(cell_value("1168 969 kr"), Some(1_168_969));
        assert_eq!(cell_value("71129 kr"), Some(71_129));
        assert_eq!(cell_value("kr"), None);
    }
}
