//! Facts about written Swedish that several stages need: alphabetical order and letter folding.

/// The months, lowercase, January first.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// Digits in groups of three from the right, as Swedish writes amounts: "1168969" → "1 168 969"
/// with `separator` ' ' (a no-break space for display).
pub fn group_thousands(digits: &str, separator: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len_utf8());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A key that sorts names in Swedish alphabetical order: a–z, then å, ä, ö; é sorts as e, ü as y;
/// case is ignored; a space sorts before any letter and a hyphen is ignored, as in the register
/// ("Upplands Väsby" before "Upplands-Bro").
pub fn collation_key(name: &str) -> Vec<u32> {
    name.chars()
        .flat_map(|c| c.to_lowercase())
        .filter(|&c| c != '-')
        .map(|c| match c {
            ' ' => 1,
            'a'..='z' => 10 + (c as u32 - 'a' as u32),
            'é' | 'è' => 10 + 4,
            'ü' => 10 + 24,
            'å' => 40,
            'ä' | 'æ' => 41,
            'ö' | 'ø' => 42,
            other => 100 + other as u32,
        })
        .collect()
}

/// The letter without its Swedish diacritic (å, ä → a; ö → o; é → e), lowercased.
pub fn base_letter(c: char) -> char {
    // Most characters are ASCII, and cheaper to lowercase as such.
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c.to_lowercase().next().unwrap_or(c) {
        'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
        'ö' | 'ø' | 'ô' | 'ó' | 'ò' => 'o',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'ü' | 'ú' => 'u',
        lower => lower,
    }
}

/// `text` with every letter as [`base_letter`] gives it: lowercase, diacritics folded.
pub fn folded(text: &str) -> String {
    lowered_by_runs(text, |c, out| out.push(base_letter(c)))
}

/// Writes `c` in lower case, as `char::to_lowercase` does, with the Latin-1 letters (Å, Ä, Ö, É,
/// …) lowered by range rather than by its tables, which it searches for every character beyond
/// ASCII.
pub fn push_lowercase(c: char, out: &mut String) {
    match c {
        'À'..='Þ' if c != '×' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        'ß'..='ÿ' => out.push(c),
        _ => out.extend(c.to_lowercase()),
    }
}

/// `text` with its runs of ASCII lowercased, and every other character as `other` writes it (in
/// lower case, if ASCII). ASCII, most of any Swedish text, is copied a run at a time and lowered
/// all at once at the end: the standard library's `to_lowercase` lowers it quickly only up to the
/// first other character, and Swedish has one every few words.
pub fn lowered_by_runs(text: &str, other: impl Fn(char, &mut String)) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = ascii_prefix(rest.as_bytes());
        out.push_str(&rest[..ascii]);
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            other(c, &mut out);
            rest = &rest[c.len_utf8()..];
        }
    }
    out.make_ascii_lowercase();
    out
}

/// How many bytes of ASCII `bytes` starts with, found eight at a time.
pub fn ascii_prefix(bytes: &[u8]) -> usize {
    let words = bytes.chunks_exact(8);
    let whole = (words.map(|w| u64::from_ne_bytes(w.try_into().unwrap_or_default())))
        .take_while(|w| w & 0x8080_8080_8080_8080 == 0)
        .count()
        * 8;
    let rest = &bytes[whole..];
    whole
        + rest
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_letters_sort_after_z() {
        let mut names = vec![
            "Öckerö",
            "Habo",
            "Åmål",
            "Hylte",
            "Håbo",
            "Hällefors",
            "Ystad",
        ];
        names.sort_by_key(|n| collation_key(n));
        assert_eq!(
            names,
            vec![
                "Habo",
                "Hylte",
                "Håbo",
                "Hällefors",
                "Ystad",
                "Åmål",
                "Öckerö"
            ]
        );
    }

    #[test]
    fn folding_a_text_folds_each_letter() {
        for text in ["", "På Regeringens VÄGNAR", "Åmål ÉÜØ ß İ ǅ ﬁ", "abc", "ÖÖ"] {
            let each: String = text.chars().map(base_letter).collect();
            assert_eq!(folded(text), each, "{text}");
        }
    }

    #[test]
    fn every_char_is_lowered_as_the_standard_library_lowers_it() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut lowered = String::new();
            push_lowercase(c, &mut lowered);
            assert_eq!(lowered, c.to_lowercase().to_string(), "{c:?}");
        }
    }

    #[test]
    fn ascii_prefixes_end_at_the_first_other_byte() {
        for text in [
            "",
            "abc",
            "abcdefgh",
            "abcdefghijklmnopå",
            "åbc",
            "Provtext för åtta",
            "1234567ä",
        ] {
            let first_other = text.find(|c: char| !c.is_ascii()).unwrap_or(text.len());
            assert_eq!(ascii_prefix(text.as_bytes()), first_other, "{text}");
        }
    }

    #[test]
    fn upplands_vasby_sorts_before_upplands_bro() {
        assert!(collation_key("Upplands Väsby") < collation_key("Upplands-Bro"));
        assert!(collation_key("Upplands-Bro") < collation_key("Uppsala"));
    }
}
