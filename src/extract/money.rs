//! Swedish amounts of money: "30 000 000 kronor", "30 miljoner kronor", "5,9 miljarder kronor",
//! "35 000 kr", "en miljard kronor", "tre miljoner kronor", "114 mnkr", "2 MSEK", "10–20 miljoner
//! kronor", and digit groups that the OCR merged or split ("71129 kr", "1168 969 kr").
//!
//! OCR damage that is cheap to see through is accepted: a damaged currency word ("krönor",
//! "Kroner", "krotior"), a damaged scale word ("miljöner", "tniljoner"), stray punctuation or a
//! blank line between the parts ("5,9-miljarder", "500'miljoner", "miljard‘kronor",
//! "26\n\nmiljarder") and a semicolon or full stop read for the decimal comma ("2;9 miljarder",
//! "5.9 miljarder").

use crate::words::{is_word_boundary, WordRegex};
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

/// A number as written: digit groups ("30 000 000", "1.168.969"), a decimal ("5,9"; OCR: "2;9",
/// "5.9") or a number word. The word alternatives are built from [`NUMBER_WORDS`].
const NUMBER: &str = r"\d{1,3}(?:[ \u{a0}\u{202f}.]\d{3})+(?:[,;]\d+)?|\d+(?:[,;]\d+|\.\d{1,2}\b)?|(?i:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|tjugo|trettio|fyrtio|femtio|hundra)";

/// What may stand between the parts of an amount: up to five characters that are neither
/// letters nor digits (spaces, and the punctuation, symbols and blank lines the OCR scatters:
/// "miljarder\n’ » kronor").
const GAP: &str = r"[^\p{L}\p{N}]{0,5}";

/// The "m" of "miljon"/"miljard" as the OCR reads it ("rniljoner", "tniljoner", "Thiljarder"),
/// never "b": a "biljon" is a million millions.
const M: &str = r"(?:m|rn|tn|th|n)?";

// Word boundaries around the numbers, scales and currencies are ASCII (`(?-u:\b)`): what they
// bound is ASCII. The one after a decimal ("5.9") is Unicode, checked apart (see `WordRegex`).
static MONEY: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(&format!(
        r"(?-u:\b)(?P<low>{NUMBER})(?:\s*(?:[–-]|till)\s*(?P<high>{NUMBER}))?(?:{GAP}(?P<scale>(?i:{M}ilj[aä]rd\p{{L}}{{0,2}}|{M}ilj[oöóé06]n\p{{L}}{{0,2}}|tusen|mdkr|mnkr|mkr|tkr|msek|mdr|mn))(?-u:\b))?(?:{GAP}(?P<currency>(?i:kr\p{{L}}{{2,6}}|kr|sek)(?-u:\b)|:-))?"
    ))
});

/// Multiplier of a scale word, and whether the word itself means kronor ("mnkr"). Any other word
/// the pattern lets through is "miljard…" or "miljon…", possibly damaged ("miljöner",
/// "tniljoner", "Thiljarder": the OCR reads m as rn, tn or th).
fn scale(word: &str) -> (i64, bool) {
    match word.to_lowercase().as_str() {
        "tusen" => (1_000, false),
        "tkr" => (1_000, true),
        "mn" => (1_000_000, false),
        "mnkr" | "mkr" | "msek" => (1_000_000, true),
        "mdr" => (1_000_000_000, false),
        "mdkr" => (1_000_000_000, true),
        w if w.contains("iljard") || w.contains("iljärd") => (1_000_000_000, false),
        _ => (1_000_000, false),
    }
}

/// Whether a word the pattern took for a currency is one: "kr", "SEK", ":-", or "kronor" as the
/// OCR may damage it (case, diacritics, up to two letters: "Krönor", "kroner", "krotior").
fn is_currency(word: &str) -> bool {
    let w = crate::swedish::folded(word);
    matches!(w.as_str(), "kr" | "sek" | ":-")
        || (w.ends_with('r') && strsim::levenshtein(&w, "kronor") <= 2)
}

/// The value of a number as written, times `multiplier`, in whole kronor; `None` on overflow.
pub fn number_value(text: &str, multiplier: i64) -> Option<i64> {
    let lower = text.trim().to_lowercase();
    if let Some(&(_, v)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
        return v.checked_mul(multiplier);
    }
    let (int_part, frac_part) = match lower.rsplit_once([',', ';']) {
        Some(parts) => parts,
        // A full stop is a decimal mark only before one or two digits ("5.9"; "1.168" is grouped).
        None => match lower.rsplit_once('.') {
            Some((int, frac)) if (1..=2).contains(&frac.len()) => (int, frac),
            _ => (lower.as_str(), ""),
        },
    };
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

/// Every amount of money in `text`, in order, found as they are asked for. A number counts as
/// money only with a currency ("kronor", "kr", "SEK", ":-") or a scale word that implies it
/// ("mnkr"). The match ends with the currency or scale word (stray punctuation around it is not
/// part of it).
pub fn find_money(text: &str) -> impl Iterator<Item = MoneyMatch> + '_ {
    find_money_where(text, |_| true)
}

/// The amounts of [`find_money`] that start where `wanted` says.
///
/// Most matches of [`MONEY`] are not wanted: bare numbers (years, dates, codes, the article
/// "en"), and in a decision the amounts of its table. Resolving a match's groups costs more than
/// finding it (the pattern's Unicode classes make the engine that resolves them clear kilobytes
/// for every match), so a match that is certainly the pattern's own (see [`is_own_match`]) and
/// a bare number or unwanted is passed over unresolved, with the same result.
pub fn find_money_where<'t>(
    text: &'t str,
    wanted: impl Fn(usize) -> bool + 't,
) -> impl Iterator<Item = MoneyMatch> + 't {
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let found = MONEY.find_unchecked_at(text, at)?;
        let number = found.as_str();
        // a number word alone passes no word boundary, and is bare
        let number_word = NUMBER_WORDS
            .iter()
            .any(|(word, _)| number.eq_ignore_ascii_case(word));
        // a scale or currency has a letter or a colon
        let bare = !number.contains(|c: char| c.is_alphabetic() || c == ':');
        if number_word || ((bare || !wanted(found.start())) && is_own_match(text, &found)) {
            at = found.end();
            continue;
        }
        let caps = MONEY.captures_at(text, found.start())?;
        at = caps.get(0)?.end();
        if let Some(money) = money(&caps).filter(|m| wanted(m.start)) {
            return Some(money);
        }
    })
}

/// Whether a match of [`MONEY`]'s copy (see [`WordRegex::find_unchecked_at`]) is certainly the
/// pattern's own: every word boundary it may have passed holds. The pattern's one Unicode `\b`
/// follows a decimal point and its one or two digits, as many as there are (what follows the
/// number is optional, so the digits are taken greedily).
fn is_own_match(text: &str, found: &regex::Match) -> bool {
    let number = found.as_str();
    number.match_indices('.').all(|(dot, _)| {
        let digits = number[dot + 1..]
            .bytes()
            .take(2)
            .take_while(u8::is_ascii_digit)
            .count();
        digits == 0 || is_word_boundary(text, found.start() + dot + 1 + digits)
    })
}

/// The amount of money a match of [`MONEY`] is, if it is one.
fn money(caps: &regex::Captures) -> Option<MoneyMatch> {
    let low = caps.name("low")?;
    let high = caps.name("high");
    let scale_word = caps.name("scale");
    let currency = caps.name("currency").filter(|m| is_currency(m.as_str()));
    let (multiplier, implies_currency) = scale_word.map_or((1, false), |m| scale(m.as_str()));
    if currency.is_none() && !implies_currency {
        return None;
    }
    let value_sek = number_value(low.as_str(), multiplier)?;
    let upper_sek = match high {
        Some(high) => Some(number_value(high.as_str(), multiplier)?),
        None => None,
    };
    let end = currency.or(scale_word)?.end();
    Some(MoneyMatch {
        start: low.start(),
        end,
        value_sek,
        upper_sek,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<i64> {
        find_money(text).map(|m| m.value_sek).collect()
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
    fn matches_passed_over_unresolved_change_nothing() {
        let texts = [
            "5.9a kr och 5.957 kr, 5.9till 7 kr,\n1.25 kr, 3.5mnkr, 12,5 miljoner kronor",
            "år 2019 5 miljoner kronor; 4–5 kr;\n4 - 5_ kr; 7.5\u{301} kr\n2019:- och 20:-",
            "Bjuv 71129 kr\nBoden 1 168 969 kr\n2.5 2.55 2.555 kr 10 till 20 miljoner kronor",
            "en, En kr, ett tusen kronor, tre miljoner, Tvåkr, två- tre kr, fem_ kr, sexkr",
        ];
        for text in texts {
            let all: Vec<_> = MONEY
                .captures_iter(text)
                .filter_map(|c| money(&c))
                .collect();
            // the first line, the third, …
            let odd = |at: usize| text[..at].matches('\n').count() % 2 == 0;
            let on_odd_lines: Vec<_> = all.iter().filter(|m| odd(m.start)).cloned().collect();
            assert_eq!(find_money(text).collect::<Vec<_>>(), all, "{text}");
            assert_eq!(
                find_money_where(text, odd).collect::<Vec<_>>(),
                on_odd_lines,
                "{text}"
            );
        }
    }

    #[test]
    fn numbers_without_currency_are_not_money() {
        assert!(values("den 1 november 2019 och 290 kommuner").is_empty());
        assert!(values("tre kriterier och 5 miljarder till 2022").is_empty());
    }

    #[test]
    fn ocr_damage_is_seen_through() {
        assert_eq!(
            values("totalt 2;9 miljarder kronor och 1,8:miljarder Kronor"),
            vec![2_900_000_000, 1_800_000_000]
        );
        assert_eq!(
            values("drygt '5;9 miljarder” krotior och 500'miljoner krönor"),
            vec![5_900_000_000, 500_000_000]
        );
        assert_eq!(
            values("5.9 miljarder kronor, 30- miljöner kroner, 1.168.969 kr, 7,2°miljoner kronor"),
            vec![5_900_000_000, 30_000_000, 1_168_969, 7_200_000]
        );
        assert_eq!(
            values("skjutit till 26 >\n\nmiljarder. kronor"),
            vec![26_000_000_000]
        );
        assert_eq!(
            values("51,8-tniljoner kronor, 1,85 Thiljarder kronor, 63,1 miljone¥.kronor"),
            vec![51_800_000, 1_850_000_000, 63_100_000]
        );
        assert!(values("2 biljoner kronor").is_empty());
        let m = find_money("om 35 000 kr. Nästa").next().unwrap();
        assert_eq!(&"om 35 000 kr. Nästa"[m.start..m.end], "35 000 kr");
    }

    #[test]
    fn ranges_keep_both_ends() {
        let m = find_money("10–20 miljoner kronor").next().unwrap();
        assert_eq!((m.value_sek, m.upper_sek), (10_000_000, Some(20_000_000)));
    }

    #[test]
    fn table_cells_ignore_ocr_grouping() {
        assert_eq!(cell_value("1168 969 kr"), Some(1_168_969));
        assert_eq!(cell_value("71129 kr"), Some(71_129));
        assert_eq!(cell_value("kr"), None);
    }
}
