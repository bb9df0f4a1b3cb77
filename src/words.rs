//! Regexes with Unicode word boundaries (`\b`), searched at the speed of regexes without them.
//!
//! The regex crate's fast engine, its lazy DFA, cannot evaluate a Unicode `\b` next to a
//! non-ASCII character, and Swedish text always has å, ä and ö: a pattern with one is searched by
//! the PikeVM instead, many times slower, over the whole text. An ASCII boundary (`(?-u:\b)`) is
//! no substitute: it takes the bytes of "ä" for non-word characters, so it would find "ger" in
//! "säger".
//!
//! A [`WordRegex`] searches a copy of its pattern in which every Unicode `\b` is an empty capture
//! group instead, which the DFA can run, and then checks in Rust that the match passed through a
//! word boundary wherever the pattern asks for one. When it did, the copy's match is also the
//! pattern's: the copy accepts everything the pattern accepts, in the same order of preference,
//! and has no match that starts earlier. When it did not, the pattern itself looks for its next
//! match from where the copy's started, unless the failed boundary is the one every match starts
//! with: then no match starts there, and the copy searches on from the next character. Either
//! way, every search gives exactly what the pattern would give.

use regex::{Captures, Match, Regex};
use regex_syntax::ast::{self, AssertionKind, Ast, Flag, RepetitionKind, RepetitionRange};
use std::ops::Range;
use std::sync::OnceLock;

/// Names of the empty groups that stand for the boundaries in the copy of a pattern.
const BOUNDARY_GROUP: &str = "word_boundary_";

/// A regex whose Unicode word boundaries are checked apart (see the module documentation). Its
/// pattern must not match the empty string, and must not repeat a `\b` (a group records only the
/// last place it was passed through).
pub struct WordRegex {
    /// The pattern with each Unicode `\b` an empty group named [`BOUNDARY_GROUP`]`N`.
    fast: Regex,
    /// The indices of those groups in `fast`.
    boundaries: Vec<usize>,
    /// Whether every match of the pattern starts with a `\b`.
    starts_with_boundary: bool,
    /// The pattern as written.
    pattern: String,
    /// The pattern, compiled the first time a match of `fast` fails a boundary check.
    exact: OnceLock<Regex>,
}

impl WordRegex {
    /// Compiles `pattern`; panics if it is not valid (patterns are constants).
    pub fn new(pattern: &str) -> WordRegex {
        let ast = ast::parse::Parser::new()
            .parse(pattern)
            .expect("a valid pattern");
        let mut boundaries = Vec::new();
        unicode_word_boundaries(&ast, &mut true, false, &mut boundaries);
        let mut fast = String::new();
        let mut copied = 0;
        for (i, boundary) in boundaries.iter().enumerate() {
            fast.push_str(&pattern[copied..boundary.start]);
            fast.push_str(&format!("(?P<{BOUNDARY_GROUP}{i}>)"));
            copied = boundary.end;
        }
        fast.push_str(&pattern[copied..]);
        let fast = Regex::new(&fast).expect("a valid pattern with groups for boundaries");
        let boundaries = fast
            .capture_names()
            .enumerate()
            .filter(|(_, name)| name.is_some_and(|n| n.starts_with(BOUNDARY_GROUP)))
            .map(|(i, _)| i)
            .collect();
        WordRegex {
            fast,
            boundaries,
            starts_with_boundary: starts_with_unicode_word_boundary(&ast),
            pattern: pattern.to_string(),
            exact: OnceLock::new(),
        }
    }

    /// The first match that starts at or after byte `at` (the text before it still counts for a
    /// boundary), with its groups.
    pub fn captures_at<'t>(&self, text: &'t str, mut at: usize) -> Option<Captures<'t>> {
        let caps = loop {
            let caps = self.fast.captures_at(text, at)?;
            let start = caps.get(0)?.start();
            if !self.starts_with_boundary || is_word_boundary(text, start) {
                break caps;
            }
            at = start + text[start..].chars().next()?.len_utf8();
        };
        let passed = self
            .boundaries
            .iter()
            .filter_map(|&i| caps.get(i))
            .all(|b| is_word_boundary(text, b.start()));
        if passed {
            return Some(caps);
        }
        let exact = self
            .exact
            .get_or_init(|| Regex::new(&self.pattern).expect("a valid pattern"));
        exact.captures_at(text, caps.get(0)?.start())
    }

    /// The first match of the pattern's copy that starts at or after byte `at`, its word
    /// boundaries not checked: where the pattern's own next match starts or earlier, found without
    /// resolving groups. Its text is the pattern's match when every boundary in it holds.
    pub fn find_unchecked_at<'t>(&self, text: &'t str, at: usize) -> Option<Match<'t>> {
        self.fast.find_at(text, at)
    }

    /// The first match, with its groups.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        self.captures_at(text, 0)
    }

    /// Every match, in order, with its groups.
    pub fn captures_iter<'r, 't>(
        &'r self,
        text: &'t str,
    ) -> impl Iterator<Item = Captures<'t>> + use<'r, 't> {
        let mut at = 0;
        std::iter::from_fn(move || {
            let caps = self.captures_at(text, at)?;
            let whole = caps.get(0)?;
            debug_assert!(
                !whole.is_empty(),
                "{} matched the empty string",
                self.pattern
            );
            at = whole.end();
            Some(caps)
        })
    }

    /// The first match.
    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        self.captures(text)?.get(0)
    }

    /// Every match, in order.
    pub fn find_iter<'r, 't>(
        &'r self,
        text: &'t str,
    ) -> impl Iterator<Item = Match<'t>> + use<'r, 't> {
        self.captures_iter(text).filter_map(|caps| caps.get(0))
    }

    /// Whether the pattern matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        // The copy matching is necessary, and cheap to rule out.
        self.fast.is_match(text) && self.captures(text).is_some()
    }
}

/// Byte ranges in the pattern of the Unicode word boundaries in `ast`, in order, given whether the
/// Unicode flag is on where `ast` starts (a flag group such as `(?-u)` changes it for the rest of
/// its enclosing group) and whether `ast` is repeated.
fn unicode_word_boundaries(
    ast: &Ast,
    unicode: &mut bool,
    repeated: bool,
    out: &mut Vec<Range<usize>>,
) {
    match ast {
        Ast::Assertion(a) if a.kind == AssertionKind::WordBoundary && *unicode => {
            assert!(!repeated, "a WordRegex must not repeat a word boundary");
            out.push(a.span.start.offset..a.span.end.offset);
        }
        Ast::Flags(set) => {
            if let Some(on) = set.flags.flag_state(Flag::Unicode) {
                *unicode = on;
            }
        }
        Ast::Group(group) => {
            let mut inner = match group.flags().and_then(|f| f.flag_state(Flag::Unicode)) {
                Some(on) => on,
                None => *unicode,
            };
            unicode_word_boundaries(&group.ast, &mut inner, repeated, out);
        }
        Ast::Repetition(r) => {
            let at_most_once = matches!(
                r.op.kind,
                RepetitionKind::ZeroOrOne
                    | RepetitionKind::Range(
                        RepetitionRange::Exactly(0 | 1) | RepetitionRange::Bounded(_, 0 | 1)
                    )
            );
            unicode_word_boundaries(&r.ast, unicode, repeated || !at_most_once, out);
        }
        Ast::Alternation(alternation) => {
            for ast in &alternation.asts {
                unicode_word_boundaries(ast, unicode, repeated, out);
            }
        }
        Ast::Concat(concat) => {
            for ast in &concat.asts {
                unicode_word_boundaries(ast, unicode, repeated, out);
            }
        }
        _ => {}
    }
}

/// Whether every match of the pattern `ast` starts with a Unicode word boundary: it is a sequence
/// whose first item, after any flags that keep Unicode on, is `\b`.
fn starts_with_unicode_word_boundary(ast: &Ast) -> bool {
    let Ast::Concat(concat) = ast else {
        return false;
    };
    let mut unicode = true;
    for item in &concat.asts {
        match item {
            Ast::Flags(set) => unicode = set.flags.flag_state(Flag::Unicode).unwrap_or(unicode),
            Ast::Assertion(a) => return a.kind == AssertionKind::WordBoundary && unicode,
            _ => return false,
        }
    }
    false
}

/// Whether a Unicode `\b` holds at byte `at` of `text`: a word character on one side of it and
/// not on the other, as the regex crate decides.
/// Whether a Unicode `\b` holds at byte `at` of `text`.
pub(crate) fn is_word_boundary(text: &str, at: usize) -> bool {
    let word_before = text[..at]
        .chars()
        .next_back()
        .is_some_and(regex_syntax::is_word_character);
    let word_after = text[at..]
        .chars()
        .next()
        .is_some_and(regex_syntax::is_word_character);
    word_before != word_after
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every match of `pattern` in `text` with its named groups, as found by the regex crate
    /// and by a [`WordRegex`].
    fn both(pattern: &str, text: &str) -> (Vec<String>, Vec<String>) {
        let exact = Regex::new(pattern).unwrap();
        let names: Vec<&str> = exact.capture_names().flatten().collect();
        let show = |c: Captures| {
            let groups = std::iter::once(c.get(0)).chain(names.iter().map(|n| c.name(n)));
            groups
                .map(|m| m.map_or("-".to_string(), |m| format!("{}@{}", m.as_str(), m.start())))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let expected = exact.captures_iter(text).map(show).collect();
        let found = WordRegex::new(pattern)
            .captures_iter(text)
            .map(show)
            .collect();
        (expected, found)
    }

    #[test]
    fn matches_are_those_of_the_pattern_in_swedish_text() {
        let cases = [
            (
                r"(?i)\b(?:för|i syfte|så)\s+",
                "därför inför Så för också så att i syfte  att",
            ),
            (
                r"\b(?:19|20)\d\d\b",
                "år 2020, 20201 och 12020 samt ä2019 och 2021ä 1999",
            ),
            (r"^(?:\d|(?:år|åren|året|budgetåret)\b)", "åren 2022"),
            (
                r"\b(?:ger|får)\s+(?P<who>\p{Lu}\p{L}*)",
                "säger Åsa, ger Öckerö och får Ale",
            ),
            (
                r"\s(?:avsatte|avsattes|som)\b|[,;]",
                "de avsattes, som sommar; avsatte ä",
            ),
            (
                r"(?P<n>\d{1,2})\b(?:\s+(?P<name>[^,]+))?",
                "område 123 x, 12 Hälsa, 9ä",
            ),
            (r"(?:a|b)(?-u:\b)c?\b", "ab ac bc a"),
            (r"(?-u)\bger|(?u)\bså\b", "säger ger också så"),
        ];
        for (pattern, text) in cases {
            let (expected, found) = both(pattern, text);
            assert_eq!(found, expected, "{pattern} in {text:?}");
        }
    }

    #[test]
    fn only_unicode_boundaries_become_groups_and_a_leading_one_is_seen() {
        let money = WordRegex::new(r"(?-u:\b)\d+(?:\.\d\b)?(?-u:\b)");
        assert_eq!(
            (money.boundaries.len(), money.starts_with_boundary),
            (1, false)
        );
        let mark = WordRegex::new(r"(?i)\b(?:för|så)\s+");
        assert_eq!(
            (mark.boundaries.len(), mark.starts_with_boundary),
            (1, true)
        );
        let either = WordRegex::new(r"\bger\b|får");
        assert_eq!(
            (either.boundaries.len(), either.starts_with_boundary),
            (2, false)
        );
    }

    #[test]
    fn boundaries_are_unicode_word_boundaries() {
        assert!(is_word_boundary("å ", 2));
        assert!(!is_word_boundary("så", 1));
        assert!(is_word_boundary("å", 0));
        assert!(!is_word_boundary(" - ", 1));
    }
}
