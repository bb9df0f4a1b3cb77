//! Stage 3, repair: restore Swedish letters that the OCR lost or mangled, conservatively and
//! audibly.
//!
//! A noisy-channel corrector. For each word, candidates are spelled by walking the lexicon's automaton
//! while reading the OCR'd letters through the learned confusion model (`i` may be `ä`, `6` may be
//! `ö`, `oé` may be `ö`, …); a word may also be read as a compound of lexicon words. Each reading
//! costs its channel cost (−ln P(truth | OCR) for every letter) plus its lexical cost (from the
//! word's frequency). The reading as printed competes on the same terms, so a word is changed only
//! when the correction is clearly more likely; a weaker correction is listed for review instead.
//!
//! Invariants: line structure is kept (no newline is ever added or removed); every change is an
//! [`Edit`] with its byte range in the original; repairing repaired text changes nothing.
//!
//! This module makes the passes over a document (its words, the channel it is read through,
//! the edits); `search` reads one word.

use crate::confusion::{Channel, ConfusionModel, Letters};
use crate::layout::{self, Layout};
use crate::lexicon::Lexicon;
use crate::memo::Memo;
use crate::offsets::{MappedText, OffsetMap};
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::borrow::Cow;
use std::hash::BuildHasher;
use std::rc::Rc;
use std::sync::{Arc, LazyLock};

mod confusables;
mod search;

use confusables::Confusables;
use search::Reading;

/// Why a word was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// å, ä or ö printed without its diacritic ("stirka" counts here too: a→i is how the OCR
    /// loses ä).
    LostDiacritic,
    /// A diacritic the page did not have ("krönor").
    SpuriousDiacritic,
    /// A digit or symbol read for a letter ("f6r", "£6r", "1 den").
    DigitForLetter,
    /// Other letter confusions ("firdighehandlade", "Hudikswvall").
    LetterConfusion,
    /// The printed word exists, but its neighbours or the document make another word far likelier
    /// ("ar" → "är").
    Context,
    /// A name in an allocation table, replaced by the official register's spelling
    /// ("Goéteborg" → "Göteborg").
    RegisterName,
    /// Digit groups of a table amount that the OCR merged or split ("71129" → "71 129").
    DigitGrouping,
    /// Two words printed without the space between them ("föratt" → "för att").
    RunTogether,
}

/// One change (or, in `review`, one suggested change) with its place in the original text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edit {
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    /// 1-based line number.
    pub line: usize,
    pub old: String,
    pub new: String,
    /// Posterior probability of the new reading against the printed one, 0–1.
    pub confidence: f64,
    pub reason: Reason,
}

/// The repaired text, mapped back to the original, with the audit trail.
#[derive(Debug, Clone)]
pub struct Repaired {
    pub text: MappedText,
    pub edits: Vec<Edit>,
    /// Suspect words left as printed because no correction was sure enough.
    pub review: Vec<Edit>,
    /// The layout of the repaired text, which repair reads its tables from and the extract
    /// stage reads everything from.
    pub layout: Layout,
}

/// What one pass of repair changed.
struct Pass {
    text: MappedText,
    edits: Vec<Edit>,
    review: Vec<Edit>,
}

/// A correction is applied at or above this posterior, listed for review below it.
const APPLY_CONFIDENCE: f64 = 0.75;
/// Below this posterior a correction is not even worth a reviewer's time.
const REVIEW_CONFIDENCE: f64 = 0.35;
/// Distinct words read to learn a document's confusion rates: enough to see its habits, few
/// enough to keep a long document's first reading cheap.
const OBSERVE_WORDS: usize = 400;
/// A confusion seen this often in a document's sure corrections counts as its habit.
const OBSERVE_MIN_COUNT: usize = 3;
/// A reading this sure teaches the document's confusion rates.
const OBSERVE_CONFIDENCE: f64 = 0.9;
/// In a text that lost its diacritics, every learned letter → å/ä/ö confusion is at least this
/// likely in the first reading: the training fonts lose diacritics in fewer ways than archives do.
const DIACRITIC_FLOOR: f64 = 0.02;
/// Share of letters that are å, ä or ö above which a text still has its diacritics, so real
/// words are left alone (Swedish prose has about 3.5 %).
const DIACRITICS_KEPT_RATE: f64 = 0.015;

/// Whether `word` is an English word whose presence next to a word marks it as English, not
/// Swedish OCR (in any case; one `match`, as it is asked twice for every word of a text).
fn is_english_marker(word: &str) -> bool {
    let mut lower = [0u8; 7];
    let Some(lower) = lower.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"the"
            | b"and"
            | b"of"
            | b"to"
            | b"in"
            | b"is"
            | b"this"
            | b"that"
            | b"with"
            | b"content"
            | b"report"
            | b"on"
            | b"by"
            | b"from"
            | b"be"
            | b"are"
    )
}

/// Words after which "1" is a number, not the preposition "i".
const NUMBER_CONTEXT_BEFORE: &[&str] = &[
    "den", "kapitel", "kap", "punkt", "nr", "avsnitt", "bilaga", "sidan", "sid", "steg", "och",
    "eller", "till", "med", "av", "om",
];
/// Words after which "1" is a number (besides the months).
const NUMBER_CONTEXT_AFTER: &[&str] = &[
    "kap", "procent", "kr", "kronor", "miljon", "miljard", "st", "år", "ar", "timme", "dag",
    "vecka", "månad",
];

/// Spans never touched: e-mail addresses, web addresses, diarienummer, abbreviations with dots.
/// (Without `\b`, which would keep the regex engine off its fast path; a span counts only where
/// it starts a word, see `protected_spans`.)
const PROTECTED_PATTERN: &str = r"(?x)
        [\w.+-]+@[\w-]+(?:\.[\w-]+)+        # e-mail
      | (?:https?://|www\.)\S+              # web address
      | \p{Lu}\p{Ll}?\d{4}/\d{3,6}(?:/\p{Lu}{1,4})?  # diarienummer
      | \p{L}{1,4}\.(?:\p{L}{1,4}\.)+    # abbreviations: t.ex. bl.a. m.m.
    ";

/// [`PROTECTED_PATTERN`] anchored where a search starts: a match then needs no search backwards
/// for its start, which the regex crate runs on a reverse automaton of `\w` and `\p{L}` whose
/// states are costly to build.
static PROTECTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^(?:{PROTECTED_PATTERN})")).unwrap());

/// The matches of [`PROTECTED_PATTERN`] in `text`, found by asking the regex only about the runs between
/// white space that hold the sign of a span: an "@", a "/", or a "." that does not end the run
/// (every e-mail address, web address, diarienummer and abbreviation has one). No span holds
/// white space, and the regex looks neither behind nor ahead, so a run alone has the matches it
/// has within the text; asking about the whole text costs some ten instructions a byte.
fn protected_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let is_space = |b: &u8| b.is_ascii_whitespace() || *b == b'\x0b';
    let signs = memchr::memchr3_iter(b'@', b'/', b'.', bytes)
        .filter(move |&at| bytes[at] != b'.' || bytes.get(at + 1).is_some_and(|b| !is_space(b)));
    let mut searched = 0;
    let runs = signs.filter_map(move |at| {
        if at < searched {
            return None;
        }
        let start = bytes[..at].iter().rposition(is_space).map_or(0, |i| i + 1);
        searched = (bytes[at..].iter().position(is_space)).map_or(bytes.len(), |i| at + i);
        Some(start..searched)
    });
    // the leftmost match in a run is the one anchored at the first place that has one; every
    // kind of span holds its sign at or after its start, so none starts after the run's last sign
    runs.flat_map(move |run| {
        let mut at = run.start;
        let last_sign = memchr::memrchr3(b'@', b'/', b'.', &bytes[run.clone()])
            .map_or(run.start, |i| run.start + i);
        let last_at = memchr::memrchr(b'@', &bytes[run.clone()]).map(|i| run.start + i);
        std::iter::from_fn(move || {
            while at <= last_sign {
                let here = at;
                let rest = &text[here..run.end];
                let email = last_at.is_some_and(|last_at| here < last_at);
                match may_start_span(rest, email)
                    .then(|| PROTECTED.find(rest))
                    .flatten()
                {
                    Some(m) => {
                        at = here + m.end();
                        return Some((here, at));
                    }
                    None => at += rest.chars().next().map_or(1, char::len_utf8),
                }
            }
            None
        })
    })
}

/// Whether a match of [`PROTECTED_PATTERN`] may start where `rest` of a run starts (`email`: an
/// "@" follows), as most places of a run with a sign cannot, and asking the regex costs some
/// hundred instructions: an e-mail address starts anywhere before its "@", a web address with
/// "http" or "www.", and a diarienummer (a capital, perhaps a small letter, then digits) or an
/// abbreviation (up to four letters, then a dot) with one to four letters before a character that
/// is not one (no digit is alphabetic, and every `\p{L}` is).
fn may_start_span(rest: &str, email: bool) -> bool {
    let letters = || {
        (rest.chars().take(5))
            .take_while(|&c| is_alphabetic(c))
            .count()
    };
    email || rest.starts_with("http") || rest.starts_with("www.") || (1..=4).contains(&letters())
}

/// A word of the text to read: its printed parts (two when broken across lines) and the whole.
#[derive(Debug)]
struct Word<'t> {
    /// Byte ranges in the text; the second is used only when `broken`.
    parts: [(usize, usize); 2],
    broken: bool,
    whole: Cow<'t, str>,
    /// `whole` in lower case: how the word is looked up.
    lower: Cow<'t, str>,
    /// Whether a known word may still be read as another (the text lost its diacritics, and the
    /// neighbours are not English).
    real_word_ok: bool,
}

impl Word<'_> {
    fn parts(&self) -> &[(usize, usize)] {
        &self.parts[..1 + usize::from(self.broken)]
    }
}

/// `word` in lower case, borrowed when it already is.
fn lowercase(word: Cow<'_, str>) -> Cow<'_, str> {
    let unchanged = |c: char| match c {
        'a'..='z' | 'å' | 'ä' | 'ö' | 'é' => true,
        'A'..='Z' => false,
        _ if c.is_ascii() => true,
        _ => {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        }
    };
    let ascii_lower = |b: &u8| b.is_ascii() && !b.is_ascii_uppercase();
    if word.bytes().all(|b| ascii_lower(&b)) || word.chars().all(unchanged) {
        word
    } else {
        Cow::Owned(to_lowercase(&word))
    }
}

/// `str::to_lowercase`, with every run of ASCII lowered as a whole (see
/// [`crate::swedish::lowered_by_runs`]).
fn to_lowercase(text: &str) -> String {
    // a final sigma lowers by its neighbours, which the runs would not see
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    crate::swedish::lowered_by_runs(text, crate::swedish::push_lowercase)
}

/// `text` in lower case when each of its characters lowers to as many bytes as it has, as every
/// character of Swedish text does: each word's lower case is then the same byte range of it, and
/// a pass lowers its text once instead of word by word, with a string for each. `None` when some
/// character does not, or the text has a capital sigma (which lowers by its neighbours).
///
/// Lowered in place, as the lengths are kept: the text is copied and its ASCII lowered at once,
/// and only the other characters (one every few words of Swedish) are lowered one by one, as
/// [`crate::swedish::push_lowercase`] lowers them.
fn lowered_alike(text: &str) -> Option<String> {
    if text.contains('Σ') {
        return None;
    }
    let mut lowered = text.to_owned();
    lowered.make_ascii_lowercase();
    let mut lower = String::new();
    let mut at = 0;
    loop {
        at += crate::swedish::ascii_prefix(&text.as_bytes()[at..]);
        // å, ä, ö, é and the other small Latin-1 letters (ß to ÿ), most of the rest, lower to
        // themselves
        if let [0xc3, 0x9f..=0xbf, ..] = text.as_bytes()[at..] {
            at += 2;
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        lower.clear();
        crate::swedish::push_lowercase(c, &mut lower);
        if lower.len() != len {
            return None;
        }
        if lower.as_bytes() != &text.as_bytes()[at..at + len] {
            lowered.replace_range(at..at + len, &lower);
        }
        at += len;
    }
    Some(lowered)
}

/// Whether `word` contains `part`, found by its first byte: a word is too short to repay building
/// a searcher (as `str::contains` does at every call).
fn word_contains(word: &[u8], part: &[u8]) -> bool {
    let Some(&first) = part.first() else {
        return true;
    };
    (word.iter().enumerate()).any(|(i, &b)| b == first && word[i..].starts_with(part))
}

/// Whether `c` is part of a word: `[\p{L}\d£¢§|]` (letters, digits, and the symbols the OCR reads
/// for letters), with the ASCII and Latin-1 letters decided without the regex.
fn is_word_char(c: char) -> bool {
    static OTHER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\p{L}\d]$").unwrap());
    match c {
        '\0'..='\u{7f}' => ASCII_CLASS[c as usize] & ASCII_WORD != 0,
        '£' | '¢' | '§' => true,
        'À'..='ÿ' => c != '×' && c != '÷',
        _ => OTHER.is_match(c.encode_utf8(&mut [0; 4])),
    }
}

/// `char::is_alphabetic`, with the Latin-1 letters (å, ä, ö, é, …) decided without its tables,
/// which it searches for every character beyond ASCII.
fn is_alphabetic(c: char) -> bool {
    match c {
        'À'..='ÿ' => c != '×' && c != '÷',
        _ => c.is_alphabetic(),
    }
}

/// What each ASCII character is, by table: the inner loop of [`Tokens::of`] asks it of every
/// byte of a text. [`ASCII_WORD`]: part of a word; [`ASCII_LETTER`]: a letter.
static ASCII_CLASS: [u8; 128] = {
    let mut class = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'|' {
            class[b] |= ASCII_WORD;
        }
        if c.is_ascii_alphabetic() {
            class[b] |= ASCII_LETTER;
        }
        b += 1;
    }
    class
};
const ASCII_WORD: u8 = 1;
const ASCII_LETTER: u8 = 2;

/// What [`Tokens::of`] asks of a character of a text.
struct CharClass {
    in_word: bool,
    len: usize,
    /// 1 for a letter, else 0.
    letter: usize,
    /// 1 for å, ä or ö, else 0.
    marked: usize,
}

impl CharClass {
    /// The character at byte `i` of `text` (ASCII, most of any text, without decoding).
    #[inline(always)]
    fn at(text: &str, i: usize) -> CharClass {
        let b = text.as_bytes()[i];
        if b < 0x80 {
            let class = ASCII_CLASS[usize::from(b)];
            return CharClass {
                in_word: class & ASCII_WORD != 0,
                len: 1,
                letter: usize::from(class & ASCII_LETTER != 0),
                marked: 0,
            };
        }
        // a Latin-1 letter (å, ä, ö, é, …: most characters of Swedish beyond ASCII), or × or ÷,
        // by its second byte; a Latin-1 letter is a word's character
        if let [0xc3, second @ 0x80..=0xbf, ..] = text.as_bytes()[i..] {
            let c = char::from(second + 0x40);
            let letter = is_alphabetic(c);
            return CharClass {
                in_word: letter,
                len: 2,
                letter: usize::from(letter),
                marked: usize::from(matches!(c, 'å' | 'ä' | 'ö' | 'Å' | 'Ä' | 'Ö')),
            };
        }
        // (no other character is å, ä or ö)
        let c = text[i..].chars().next().unwrap_or_default();
        CharClass {
            in_word: is_word_char(c),
            len: c.len_utf8(),
            letter: usize::from(is_alphabetic(c)),
            marked: 0,
        }
    }
}

/// The words of a text, and what its letters say of its diacritics: one pass over it.
struct Tokens {
    /// Byte ranges of the words: maximal runs of [`is_word_char`].
    spans: Vec<(usize, usize)>,
    letters: usize,
    /// Letters that are å, ä or ö.
    marked: usize,
}

impl Tokens {
    fn of(text: &str) -> Tokens {
        // Swedish words and their spaces average about seven bytes
        let mut spans = Vec::with_capacity(text.len() / 7 + 1);
        let (mut letters, mut marked) = (0, 0);
        let bytes = text.as_bytes();
        // a loop through the characters between words, and one through the rest of each word:
        // one loop that tracked whether it was in a word kept fewer of its values in registers
        let mut i = 0;
        'between: while i < bytes.len() {
            let start = i;
            let c = CharClass::at(text, i);
            (letters, marked) = (letters + c.letter, marked + c.marked);
            i += c.len;
            if !c.in_word {
                continue;
            }
            while i < bytes.len() {
                // the word's ASCII letters and digits, most of it, by the table alone
                let class = ASCII_CLASS.get(usize::from(bytes[i])).copied();
                if let Some(class) = class.filter(|class| class & ASCII_WORD != 0) {
                    letters += usize::from(class & ASCII_LETTER != 0);
                    i += 1;
                    continue;
                }
                let c = CharClass::at(text, i);
                (letters, marked) = (letters + c.letter, marked + c.marked);
                if !c.in_word {
                    spans.push((start, i));
                    i += c.len;
                    continue 'between;
                }
                i += c.len;
            }
            spans.push((start, i));
        }
        Tokens {
            spans,
            letters,
            marked,
        }
    }

    /// Whether the text has kept its diacritics (clean text or a Swedish OCR model) or lost them.
    fn keep_diacritics(&self) -> bool {
        self.letters < 200 || self.marked as f64 >= self.letters as f64 * DIACRITICS_KEPT_RATE
    }
}

pub struct Repairer {
    lexicon: &'static Lexicon,
    model: &'static ConfusionModel,
    /// The known words that may be read as another in a text that lost its diacritics, and
    /// how, when the lexicon and model are the embedded ones that they were listed with.
    confusables: Option<&'static Confusables>,
    /// The unadapted channels, for text that kept its diacritics and text that lost them.
    base: [Channel; 2],
}

/// Word readings of every document repaired in the process: by the channel read through (its
/// signature), whether the OCR engine's doubt may be added to them and whether real words are
/// questioned, then by the lowercase word. Shared, not
/// cloned: a reading's text and operations are allocated once, however many passes use it.
static READINGS: LazyLock<Memo<ReadingKey, Option<Arc<Reading>>>> =
    LazyLock::new(|| Memo::new(CACHE_LIMIT));
/// The channel's signature, whether the OCR engine's doubt may be added to the reading (see
/// [`useful_margin`]), and whether real words are questioned.
type ReadingKey = (u64, bool, bool);

thread_local! {
    /// Channels adapted to documents, by signature: documents from one archive tend to share
    /// their OCR's habits.
    static ADAPTED_CHANNELS: std::cell::RefCell<HashMap<u64, Rc<Channel>>> = Default::default();
    /// This thread's words and its copies of their readings, lent to one pass at a time.
    static NEAR_WORDS: std::cell::Cell<NearWords> = Default::default();
}

/// Words after which the cache of readings through one channel starts afresh, and adapted
/// channels after which a thread's channel cache does, bounding memory.
const CACHE_LIMIT: usize = 200_000;
/// Words, and readings, after which a thread's numbering of words and its copies of readings
/// start afresh.
const NEAR_CACHE_LIMIT: usize = 200_000;
const CHANNEL_CACHE_LIMIT: usize = 1_000;

/// A thread's words, numbered once for every document it repairs, and its copies of the
/// readings it has used, by word number and key: a word read again is hashed once a pass, as its
/// number, and touches no memory that another thread writes (the shared cache's locks would
/// move between the cores at every use).
#[derive(Default)]
struct NearWords {
    /// Each lowercase word's number.
    numbers: HashMap<Box<str>, u32>,
    /// Each numbered word's copies, by key: a word is read through a channel or two, so they
    /// are found by a short scan, not by hashing.
    readings: Vec<Vec<(ReadingKey, Option<Arc<Reading>>)>>,
    /// How many copies `readings` holds.
    copies: usize,
    /// Each numbered word's distinct-word id in the pass being numbered, [`u32::MAX`] when it
    /// has none (as between passes).
    ids: Vec<u32>,
}

/// The distinct words of a pass (by their lowercase), in the order they first appear, with their
/// numbers in the thread's [`NearWords`], which it holds for the pass: a word's reading is then
/// found by its number alone, without hashing the word again.
struct Vocabulary {
    /// Which distinct word each word of the text is.
    ids: Vec<usize>,
    /// Each distinct word's first occurrence in the text's words.
    first: Vec<usize>,
    /// Each distinct word's number in `near`.
    numbers: Vec<u32>,
    near: NearWords,
}

impl Vocabulary {
    fn of(words: &[Word]) -> Vocabulary {
        let mut near = NEAR_WORDS.take();
        if near.numbers.len() >= NEAR_CACHE_LIMIT {
            near = NearWords::default();
        }
        let mut first = Vec::with_capacity(words.len());
        let mut numbers = Vec::with_capacity(words.len());
        let ids = (words.iter().enumerate())
            .map(|(i, word)| {
                let number = match near.numbers.get(&*word.lower) {
                    Some(&number) => number,
                    None => {
                        let number = near.ids.len() as u32;
                        near.numbers.insert((*word.lower).into(), number);
                        near.ids.push(u32::MAX);
                        // room for its copies through a channel or two
                        near.readings.push(Vec::with_capacity(2));
                        number
                    }
                };
                let id = &mut near.ids[number as usize];
                if *id == u32::MAX {
                    *id = first.len() as u32;
                    first.push(i);
                    numbers.push(number);
                }
                *id as usize
            })
            .collect();
        for &number in &numbers {
            near.ids[number as usize] = u32::MAX;
        }
        Vocabulary {
            ids,
            first,
            numbers,
            near,
        }
    }

    /// The reading of `word`, distinct word `id`, through `channel`: from the thread's copies,
    /// else from the process-wide cache. (Inlined, as it is asked for every word of a pass and
    /// nearly always finds a copy.)
    #[inline(always)]
    fn reading(
        &mut self,
        repairer: &Repairer,
        channel: &PassChannel<'_>,
        id: usize,
        word: &Word,
    ) -> Option<Arc<Reading>> {
        let key = channel.key(word.real_word_ok);
        let number = self.numbers[id] as usize;
        match self.near.readings[number].iter().find(|(k, _)| *k == key) {
            Some((_, copy)) => copy.clone(),
            None => self.copy_reading(repairer, channel, key, number, word),
        }
    }

    /// The reading of `word`, word `number` in the thread's words, from the process-wide cache,
    /// which computes it once for all threads; the thread keeps a copy under `key`.
    #[inline(never)]
    fn copy_reading(
        &mut self,
        repairer: &Repairer,
        channel: &PassChannel<'_>,
        key: ReadingKey,
        number: usize,
        word: &Word,
    ) -> Option<Arc<Reading>> {
        let near = &mut self.near;
        let copy = repairer.reading(channel, word.real_word_ok, &word.lower);
        if near.copies >= NEAR_CACHE_LIMIT {
            near.readings.iter_mut().for_each(Vec::clear);
            near.copies = 0;
        }
        near.readings[number].push((key, copy.clone()));
        near.copies += 1;
        copy
    }
}

impl Drop for Vocabulary {
    /// The thread's words go back to the thread for its next pass.
    fn drop(&mut self) {
        NEAR_WORDS.set(std::mem::take(&mut self.near));
    }
}

/// The channel a pass reads a document's words through, and its signature in the cache.
struct PassChannel<'r> {
    channel: ChannelRef<'r>,
    signature: u64,
    /// The pass weighs the OCR engine's confidence in its words, which may lift a reading
    /// costlier than the printed word to review: such readings are looked for too.
    engine_doubt: bool,
    /// The channel is the one the real-word confusables were listed through.
    lists_confusables: bool,
}

enum ChannelRef<'r> {
    Base(&'r Channel),
    Adapted(Rc<Channel>),
}

impl PassChannel<'_> {
    /// The key of a word's reading through the channel in this pass.
    fn key(&self, real_word_ok: bool) -> ReadingKey {
        (self.signature, self.engine_doubt, real_word_ok)
    }

    fn channel(&self) -> &Channel {
        match &self.channel {
            ChannelRef::Base(c) => c,
            ChannelRef::Adapted(c) => c,
        }
    }
}

/// The signature of a channel: whether the text lost its diacritics and what it adapted to.
fn channel_signature(lost_diacritics: bool, observed: &HashMap<(String, String), f64>) -> u64 {
    let mut pairs: Vec<_> = observed.iter().map(|(k, p)| (k, p.to_bits())).collect();
    pairs.sort();
    rustc_hash::FxBuildHasher.hash_one((lost_diacritics, pairs))
}

impl Default for Repairer {
    fn default() -> Self {
        Repairer::new(Lexicon::embedded(), ConfusionModel::embedded())
    }
}

fn apply_case(pattern: &str, word: &str) -> String {
    let mut letters = pattern.chars().filter(|&c| is_alphabetic(c));
    if letters.clone().nth(1).is_some() && letters.all(char::is_uppercase) {
        return word.to_uppercase();
    }
    if pattern.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = word.chars();
        return chars
            .next()
            .map_or_else(String::new, |f| f.to_uppercase().chain(chars).collect());
    }
    word.to_string()
}

/// How many of `text`'s characters are å, ä or ö in either case (or the Ångström sign, whose
/// lower case is å): counted in its bytes (U+00C4, U+00C5, U+00D6 and their lower cases are two
/// bytes from 0xC3, U+212B three from 0xE2), as it is asked twice of every correction made.
fn marks(text: &str) -> usize {
    if text.is_ascii() {
        return 0;
    }
    let mut count = 0;
    let mut rest = text.as_bytes();
    while let [first, after @ ..] = rest {
        count += usize::from(matches!(
            (first, after),
            (0xc3, [0x84 | 0x85 | 0x96 | 0xa4 | 0xa5 | 0xb6, ..]) | (0xe2, [0x84, 0xab, ..])
        ));
        rest = after;
    }
    count
}

fn classify(old: &str, new: &str, printed_is_word: bool) -> Reason {
    let same_base = || {
        old.chars().count() == new.chars().count()
            && old
                .chars()
                .zip(new.chars())
                .all(|(o, n)| crate::swedish::base_letter(o) == crate::swedish::base_letter(n))
    };
    let (marks_old, marks_new) = (marks(old), marks(new));
    if new.contains(' ') && !old.contains(' ') {
        Reason::RunTogether
    } else if !old.bytes().all(|b| b.is_ascii_alphabetic()) && !old.chars().all(is_alphabetic) {
        Reason::DigitForLetter
    } else if marks_new > marks_old && (!printed_is_word || same_base()) {
        Reason::LostDiacritic
    } else if marks_new < marks_old {
        Reason::SpuriousDiacritic
    } else if printed_is_word {
        Reason::Context
    } else {
        Reason::LetterConfusion
    }
}

impl Repairer {
    pub fn new(lexicon: &'static Lexicon, model: &'static ConfusionModel) -> Repairer {
        // compiled with the repairer, not in the first document that shows a sign of a span
        // (its Unicode classes cost some 25 M instructions)
        LazyLock::force(&PROTECTED);
        let none = HashMap::default();
        // the list holds for the data it was made from (an empty list, for none: being made)
        let listed_with = std::ptr::eq(lexicon, Lexicon::embedded())
            && std::ptr::eq(model, ConfusionModel::embedded());
        let confusables = Confusables::embedded().filter(|_| listed_with);
        Repairer {
            lexicon,
            model,
            confusables,
            base: [
                Channel::new(model, &none, 0.0),
                Channel::new(model, &none, DIACRITIC_FLOOR),
            ],
        }
    }

    /// The unadapted channel for a text that lost its diacritics or kept them, for a pass that
    /// weighs the engine's doubt or not.
    fn base_channel(&self, lost_diacritics: bool, engine_doubt: bool) -> PassChannel<'_> {
        PassChannel {
            channel: ChannelRef::Base(&self.base[usize::from(lost_diacritics)]),
            signature: channel_signature(lost_diacritics, &HashMap::default()),
            engine_doubt,
            lists_confusables: lost_diacritics && !engine_doubt,
        }
    }

    /// The channel adapted to what a document showed, from the thread's cache.
    fn adapted_channel(
        &self,
        lost_diacritics: bool,
        observed: &HashMap<(String, String), f64>,
        engine_doubt: bool,
    ) -> PassChannel<'_> {
        let signature = channel_signature(lost_diacritics, observed);
        let channel = ADAPTED_CHANNELS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if cache.len() >= CHANNEL_CACHE_LIMIT {
                cache.clear();
            }
            let base = &self.base[usize::from(lost_diacritics)];
            cache
                .entry(signature)
                .or_insert_with(|| Rc::new(base.adapted(self.model, observed)))
                .clone()
        });
        PassChannel {
            channel: ChannelRef::Adapted(channel),
            signature,
            engine_doubt,
            lists_confusables: false,
        }
    }

    /// A lowercase word's reading through `channel`, from the process-wide cache, which
    /// computes it once for all threads; a known word's is none where real words are not
    /// questioned, and its listed one through the channel the real-word confusables were listed
    /// with (neither is cached).
    fn reading(
        &self,
        channel: &PassChannel<'_>,
        real_word_ok: bool,
        word: &str,
    ) -> Option<Arc<Reading>> {
        let known = self.lexicon.count(word);
        if known.is_some() {
            if !real_word_ok {
                return None;
            }
            if let Some(listed) = self.confusables.filter(|_| channel.lists_confusables) {
                return listed.reading(word).map(Arc::new);
            }
        }
        READINGS.get_or_compute(channel.key(real_word_ok), word, || {
            self.read_through(channel, word, known).map(Arc::new)
        })
    }

    /// Reads `word` (`known` its count if the lexicon knows it) through `channel`, looking as far
    /// as the pass can use a reading, uncached.
    fn read_through(
        &self,
        channel: &PassChannel<'_>,
        word: &str,
        known: Option<u64>,
    ) -> Option<Reading> {
        let margin = useful_margin(channel.engine_doubt);
        self.read(channel.channel(), channel.signature, word, known, margin)
    }

    /// The row of the real-word confusables that lists `word`, a known word, if it may be read
    /// as another in a text that lost its diacritics (through the unadapted channel, without the
    /// engine's doubt) surely enough to be listed at least for review: found by reading it
    /// (`examples/list_real_word_confusables.rs` asks it of every word of the lexicon).
    pub fn real_word_confusable(&self, word: &str) -> Option<String> {
        self.confusable_reading(word)
            .map(|reading| confusables::row(word, &reading))
    }

    /// The reading of a known word that [`Repairer::real_word_confusable`] lists, found by
    /// reading it.
    fn confusable_reading(&self, word: &str) -> Option<Reading> {
        let count = self.lexicon.count(word)?;
        let reading = self.read_through(&self.base_channel(true, false), word, Some(count));
        reading.filter(|r| r.confidence >= REVIEW_CONFIDENCE)
    }

    /// Repairs a whole text. Line structure and everything but the corrected words is kept.
    ///
    /// Repair is idempotent: a repaired text changes no further. A pass judges the text as it
    /// finds it (whether it lost its diacritics, which confusions it shows), and a repaired text
    /// looks different from the damaged one, so passes are repeated until one changes nothing,
    /// and their edits composed into edits of the original.
    pub fn repair(&self, text: &str) -> Repaired {
        self.repair_with_confidences(text, &[])
    }

    /// Repair that also weighs the OCR engine's own confidence in its words (ALTO `WC`, hOCR
    /// `x_wconf`): `(start, end, confidence 0–1)` byte ranges in `text`. A word the engine was
    /// unsure of is changed more readily, one it was sure of less; a word without a confidence
    /// is judged on the text alone, as by [`Repairer::repair`].
    pub fn repair_with_confidences(
        &self,
        text: &str,
        word_confidences: &[(usize, usize, f64)],
    ) -> Repaired {
        let analyzed = layout::analyze(text);
        let mut result = self.repair_once(text, word_confidences, &analyzed, true);
        // the layout of a pass's text, from the original's and the edits, which change no line
        // terminator
        let layout_of = |pass: &Pass| {
            let changes = (pass.edits.iter()).map(|e| (e.start, e.end, e.new.len()));
            layout::reanalyze(&pass.text.text, &analyzed, changes)
        };
        // the layout of the text as repaired so far, once it is not the original
        let mut layout = None;
        // whether that text is the text as repaired so far
        let mut settled = result.edits.is_empty();
        for _ in 1..MAX_PASSES {
            if settled {
                break;
            }
            let relaid = layout_of(&result);
            let again = self.repair_once(&result.text.text, &[], &relaid, false);
            layout = Some(relaid);
            settled = again.edits.is_empty();
            if !settled {
                result = compose(text, result, again);
            }
        }
        if !settled {
            layout = Some(layout_of(&result));
        }
        Repaired {
            text: result.text,
            edits: result.edits,
            review: result.review,
            layout: layout.unwrap_or(analyzed),
        }
    }

    /// One pass of repair over a text whose layout is `layout`; `with_review`, it also lists
    /// the words it was unsure of (only the first pass's list is kept: later passes skip them).
    fn repair_once(
        &self,
        text: &str,
        word_confidences: &[(usize, usize, f64)],
        layout: &Layout,
        with_review: bool,
    ) -> Pass {
        let tokens = Tokens::of(text);
        let lost_diacritics = !tokens.keep_diacritics();
        let table = table_row_edits(text, layout);
        let mut edits = table.edits;
        let lowered = lowered_alike(text);
        let (words, ones) = self.words(
            text,
            lowered.as_deref(),
            &tokens.spans,
            &table.matched,
            lost_diacritics,
        );
        edits.extend(ones);

        // First reading, with every diacritic confusion allowed, to learn how this document's
        // OCR damaged it; then the final reading with what it showed. Words in which none of the
        // document's own confusions can occur read as in the first reading.
        let engine_doubt = !word_confidences.is_empty();
        let base = self.base_channel(lost_diacritics, engine_doubt);
        let mut vocabulary = Vocabulary::of(&words);
        let observed = self.observe(&base, text, lowered.as_deref(), &words, &mut vocabulary);
        let adapted = (!observed.is_empty())
            .then(|| self.adapted_channel(lost_diacritics, &observed, engine_doubt));
        let affected: Vec<bool> = match adapted {
            Some(_) => {
                let printed: Vec<&[u8]> = observed.keys().map(|(ocr, _)| ocr.as_bytes()).collect();
                (vocabulary.first.iter())
                    .map(|&first| {
                        let lower = words[first].lower.as_bytes();
                        printed.iter().any(|ocr| word_contains(lower, ocr))
                    })
                    .collect()
            }
            None => Vec::new(),
        };

        let least_confidence = match with_review {
            true => REVIEW_CONFIDENCE,
            false => APPLY_CONFIDENCE,
        };
        let mut review = table.review;
        for (i, word) in words.iter().enumerate() {
            let id = vocabulary.ids[i];
            let channel = match &adapted {
                Some(adapted) if affected[id] => adapted,
                _ => &base,
            };
            let reading = vocabulary.reading(self, channel, id, word);
            let Some(reading) = reading else {
                continue;
            };
            let confidence = match engine_confidence(word_confidences, word.parts()) {
                Some(ocr) => weigh_engine_confidence(reading.confidence, ocr),
                None => reading.confidence,
            };
            if confidence < least_confidence {
                continue;
            }
            let new_whole = apply_case(&word.whole, &reading.text);
            let reason = classify(&word.whole, &new_whole, reading.printed_is_word);
            let target = if confidence >= APPLY_CONFIDENCE {
                &mut edits
            } else {
                &mut review
            };
            for (s, e, new) in split_like(word.parts(), text, new_whole)
                .into_iter()
                .flatten()
            {
                if text[s..e] != new {
                    target.push(Edit {
                        start: s,
                        end: e,
                        line: 0,
                        old: text[s..e].to_string(),
                        new,
                        confidence,
                        reason,
                    });
                }
            }
        }
        edits.sort_by_key(|e| e.start);
        review.sort_by_key(|e| e.start);
        number_lines(text, edits.iter_mut().chain(review.iter_mut()));
        Pass {
            text: apply_edits(text, &edits),
            edits,
            review,
        }
    }

    /// How often this document's confident corrections of unknown words read each confusion,
    /// as a share of the printed string's occurrences in its words.
    fn observe(
        &self,
        base: &PassChannel<'_>,
        text: &str,
        lowered: Option<&str>,
        words: &[Word],
        vocabulary: &mut Vocabulary,
    ) -> HashMap<(String, String), f64> {
        let mut teaching = Vec::new();
        for id in 0..vocabulary.first.len().min(OBSERVE_WORDS) {
            // keyed as the final reading will be, which for an unknown word it often is
            let reading = vocabulary.reading(self, base, id, &words[vocabulary.first[id]]);
            let teaches =
                |r: &Arc<Reading>| !r.printed_is_word && r.confidence >= OBSERVE_CONFIDENCE;
            teaching.extend(reading.filter(teaches));
        }
        // room for every confusion, so that the table never grows
        let ops = teaching.iter().map(|r| r.ops.len()).sum();
        let mut used: HashMap<(Letters, Letters), usize> =
            HashMap::with_capacity_and_hasher(ops, Default::default());
        for &op in teaching.iter().flat_map(|r| &r.ops) {
            *used.entry(op).or_default() += 1;
        }
        if used.values().all(|&n| n < OBSERVE_MIN_COUNT) {
            return HashMap::default();
        }
        let lower_text = lowered.map_or_else(|| Cow::Owned(to_lowercase(text)), Cow::Borrowed);
        used.into_iter()
            .filter(|(_, n)| *n >= OBSERVE_MIN_COUNT)
            .filter_map(|((ocr, truth), n)| {
                let (ocr, truth) = (ocr.to_string(), truth.to_string());
                let occurrences = memchr::memmem::find_iter(lower_text.as_bytes(), &ocr)
                    .count()
                    .max(n);
                // rounded to a power of two, so that documents with the same habits share readings
                let prob = 2f64.powi((n as f64 / occurrences as f64).log2().round() as i32);
                // only what this document shows more often than the model expects matters
                let expected = base
                    .channel()
                    .cost_of(&ocr, &truth)
                    .map_or(0.0, |c| (-c).exp());
                (prob > expected * 1.5).then_some(((ocr, truth), prob))
            })
            .collect()
    }

    /// The words of a text to read, and the edits for "1" read for "i". Protected spans, table
    /// names matched in the register, and abbreviations in capitals are left out; a word broken
    /// at a line-end hyphen is one word. `lowered` is the text's [`lowered_alike`], where a word
    /// whole on its line finds its lower case.
    fn words<'t>(
        &self,
        text: &'t str,
        lowered: Option<&'t str>,
        tokens: &[(usize, usize)],
        table_labels: &[(usize, usize)],
        lost_diacritics: bool,
    ) -> (Vec<Word<'t>>, Vec<Edit>) {
        let mut protected: Vec<(usize, usize)> = protected_spans(text)
            .filter(|&(s, _)| !text[..s].ends_with(char::is_alphanumeric))
            .collect();
        protected.extend_from_slice(table_labels);
        // sorted and merged, so that a word is checked against its neighbours only
        protected.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(protected.len());
        for (s, e) in protected {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        let is_protected = |s: usize, e: usize| {
            let i = merged.partition_point(|&(_, pe)| pe <= s);
            merged.get(i).is_some_and(|&(ps, _)| ps < e)
        };
        let lower_word = |i: usize| tokens.get(i).map(|&(s, e)| text[s..e].to_lowercase());
        // asked of every word's neighbours: once a token, and only when real words are read
        let english_marker: Vec<bool> = match lost_diacritics {
            true => (tokens.iter())
                .map(|&(s, e)| is_english_marker(&text[s..e]))
                .collect(),
            false => Vec::new(),
        };
        let mut words = Vec::with_capacity(tokens.len());
        let mut ones = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let (start, end) = tokens[i];
            let token = &text[start..end];
            i += 1;
            if is_protected(start, end) {
                continue;
            }
            // most words start with a lowercase ASCII letter, which answers both questions below
            // (a letter, so a word to read; not in capitals, so not an abbreviation)
            let starts_lowercase = token.as_bytes()[0].is_ascii_lowercase();
            if !starts_lowercase && !token.chars().any(is_alphabetic) {
                if token == "1" {
                    ones.extend(self.one_as_i(text, tokens, i - 1, &lower_word, lost_diacritics));
                }
                continue;
            }
            if !starts_lowercase
                && token.chars().nth(1).is_some()
                && token.chars().all(|c| is_alphabetic(c) && c.is_uppercase())
            {
                continue; // an abbreviation: SKR, LSS
            }
            let next = self.continuation(text, tokens, i - 1);
            let whole = match next {
                Some(next) => {
                    i += 1;
                    Cow::Owned(format!("{token}{}", &text[next.0..next.1]))
                }
                None => Cow::Borrowed(token),
            };
            let english = || {
                i.checked_sub(2).is_some_and(|n| english_marker[n])
                    || english_marker.get(i).is_some_and(|&marker| marker)
            };
            let lower = match (next, lowered) {
                (None, Some(lowered)) => Cow::Borrowed(&lowered[start..end]),
                _ => lowercase(whole.clone()),
            };
            words.push(Word {
                parts: [(start, end), next.unwrap_or_default()],
                broken: next.is_some(),
                lower,
                whole,
                real_word_ok: lost_diacritics && !english(),
            });
        }
        (words, ones)
    }

    /// The next token, when token `i` ends a line with a hyphen and the next line starts with the
    /// rest of the word in lower case.
    fn continuation(
        &self,
        text: &str,
        tokens: &[(usize, usize)],
        i: usize,
    ) -> Option<(usize, usize)> {
        let (_, end) = tokens[i];
        // asked of every word, and most are not followed by a hyphen
        if text.as_bytes().get(end) != Some(&b'-') {
            return None;
        }
        let next = *tokens.get(i + 1)?;
        let rest = &text[end + 1..next.0];
        if !rest.contains('\n') || !rest.trim().is_empty() {
            return None;
        }
        let next_word = &text[next.0..next.1];
        if !next_word.starts_with(char::is_lowercase)
            || matches!(next_word, "och" | "eller" | "samt" | "respektive")
        {
            return None;
        }
        Some(next)
    }

    /// "1" read for the preposition "i", between two lowercase words of running text.
    fn one_as_i(
        &self,
        text: &str,
        tokens: &[(usize, usize)],
        i: usize,
        lower_word: &dyn Fn(usize) -> Option<String>,
        damaged: bool,
    ) -> Option<Edit> {
        if !damaged || i == 0 {
            return None;
        }
        let (start, end) = tokens[i];
        let (prev, next) = (tokens[i - 1], *tokens.get(i + 1)?);
        // single spaces on both sides, on one line
        if &text[prev.1..start] != " " || &text[end..next.0] != " " {
            return None;
        }
        let before = lower_word(i - 1)?;
        let after_raw = &text[next.0..next.1];
        let after = after_raw.to_lowercase();
        let is_word = |w: &str| w.chars().all(char::is_alphabetic) && w.chars().count() >= 2;
        if !is_word(&before) || !is_word(after_raw) || !after_raw.starts_with(char::is_lowercase) {
            return None;
        }
        if NUMBER_CONTEXT_BEFORE.contains(&before.as_str())
            || NUMBER_CONTEXT_AFTER.contains(&after.as_str())
            || crate::swedish::MONTHS.contains(&after.as_str())
        {
            return None;
        }
        Some(Edit {
            start,
            end,
            line: 0,
            old: "1".into(),
            new: "i".into(),
            confidence: 0.9,
            reason: Reason::DigitForLetter,
        })
    }
}

/// What the table pass decided.
struct TableRepairs {
    edits: Vec<Edit>,
    /// Names matched too weakly to change: for review.
    review: Vec<Edit>,
    /// Byte ranges of names matched surely, which word repair leaves alone.
    matched: Vec<(usize, usize)>,
}

/// Table rows: names matched in the official register take its spelling, and amounts whose digit
/// groups the OCR merged or split are regrouped.
fn table_row_edits(text: &str, layout: &Layout) -> TableRepairs {
    let mut labels = Vec::new();
    let mut amounts = Vec::new();
    for line in &layout.lines {
        let Some(cells) = &line.cells else {
            continue;
        };
        labels.push((line.start + cells.label.0, line.start + cells.label.1));
        amounts.extend(
            cells
                .amounts
                .iter()
                .map(|&(s, e)| (line.start + s, line.start + e)),
        );
    }
    let names: Vec<&str> = labels.iter().map(|&(s, e)| text[s..e].trim()).collect();
    let register = crate::register::Register::embedded();
    let mut edits = Vec::new();
    let mut matched = Vec::new();
    let mut review = Vec::new();
    for (&(s, e), found) in labels.iter().zip(register.match_municipalities(&names)) {
        let Some(found) = found.filter(|m| m.confidence >= REVIEW_CONFIDENCE) else {
            continue;
        };
        let official = &register.municipalities[found.index].name;
        let target = if found.confidence >= APPLY_CONFIDENCE {
            matched.push((s, e));
            &mut edits
        } else {
            &mut review
        };
        if text[s..e] != *official {
            target.push(Edit {
                start: s,
                end: e,
                line: 0,
                old: text[s..e].to_string(),
                new: official.clone(),
                confidence: found.confidence,
                reason: Reason::RegisterName,
            });
        }
    }
    for (s, e) in amounts {
        let cell = &text[s..e];
        let Some(printed) = cell
            .strip_suffix("kr")
            .or_else(|| cell.strip_suffix("kronor"))
        else {
            continue;
        };
        let printed = printed.trim_end();
        let digits: String = printed.chars().filter(char::is_ascii_digit).collect();
        let grouped = crate::swedish::group_thousands(&digits, ' ');
        if printed != grouped && MISGROUPED.is_match(printed) {
            edits.push(Edit {
                start: s,
                end: s + printed.len(),
                line: 0,
                old: printed.to_string(),
                new: grouped,
                confidence: 1.0,
                reason: Reason::DigitGrouping,
            });
        }
    }
    TableRepairs {
        edits,
        review,
        matched,
    }
}

/// An amount whose digit groups the OCR merged ("71129") or split off one digit too many
/// ("1168 969"); anything else (several columns, a year) is left as printed.
static MISGROUPED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\d{5,7}|\d{4}(?: \d{3})+)$").unwrap());

/// Splits a corrected word back over the printed parts it was read from (a word broken across
/// lines), keeping each part's length in letters; the last part takes the rest. A word of one
/// part keeps `new_whole` as it is, without a copy.
fn split_like(
    parts: &[(usize, usize)],
    text: &str,
    new_whole: String,
) -> [Option<(usize, usize, String)>; 2] {
    if parts.len() == 1 {
        return [Some((parts[0].0, parts[0].1, new_whole)), None];
    }
    let new_chars: Vec<char> = new_whole.chars().collect();
    let first_len = text[parts[0].0..parts[0].1].chars().count();
    let total_old: usize = parts.iter().map(|&(s, e)| text[s..e].chars().count()).sum();
    // the second part keeps its printed length; the first takes what the correction added or removed
    let cut = if new_chars.len() + first_len >= total_old {
        new_chars.len() + first_len - total_old
    } else {
        first_len.min(new_chars.len())
    };
    [
        Some((parts[0].0, parts[0].1, new_chars[..cut].iter().collect())),
        Some((parts[1].0, parts[1].1, new_chars[cut..].iter().collect())),
    ]
}

/// The engine's confidence in a word: the least over the given ranges that overlap its parts.
fn engine_confidence(
    word_confidences: &[(usize, usize, f64)],
    parts: &[(usize, usize)],
) -> Option<f64> {
    word_confidences
        .iter()
        .filter(|&&(s, e, _)| parts.iter().any(|&(ps, pe)| s < pe && e > ps))
        .map(|w| w.2)
        .reduce(f64::min)
}

/// What OCR engines say of words they read right: about 0.9 (Tesseract's typical `x_wconf`).
const TYPICAL_ENGINE_CONFIDENCE: f64 = 0.9;
/// Most the engine's confidence moves a posterior, in log-odds.
const ENGINE_SHIFT_LIMIT: f64 = 3.0;

/// How much costlier than the printed word a reading may be and still matter: it is listed for
/// review (its confidence, to three decimals, at least [`REVIEW_CONFIDENCE`]), at worst once the
/// engine's doubt is added where the engine's confidence is weighed. The search looks no further,
/// so the narrower margin of plain text prunes more.
fn useful_margin(engine_doubt: bool) -> f64 {
    // the least confidence that rounds to REVIEW_CONFIDENCE, and room for rounding error
    let review = (1.0 / (REVIEW_CONFIDENCE - 0.0005) - 1.0).ln() + 1e-9;
    let engine_shift = if engine_doubt {
        ENGINE_SHIFT_LIMIT
    } else {
        0.0
    };
    review + engine_shift
}

/// A repair's posterior, shifted by how much more or less sure than typical the engine was of
/// the printed word: the odds of a repair are divided by the engine's odds relative to typical.
fn weigh_engine_confidence(posterior: f64, engine: f64) -> f64 {
    let logit = |p: f64| (p / (1.0 - p)).ln();
    let engine = engine.clamp(0.01, 0.99);
    let shift = (logit(engine) - logit(TYPICAL_ENGINE_CONFIDENCE))
        .clamp(-ENGINE_SHIFT_LIMIT, ENGINE_SHIFT_LIMIT);
    let odds = logit(posterior.clamp(1e-6, 1.0 - 1e-6)) - shift;
    ((1.0 / (1.0 + (-odds).exp())) * 1000.0).round() / 1000.0
}

/// Sets the line of each edit of `text`. Lines start after a newline or a form feed, as layout
/// counts them; they are found only when there is an edit to number.
fn number_lines<'e>(text: &str, edits: impl Iterator<Item = &'e mut Edit>) {
    let mut line_starts = Vec::new();
    for edit in edits {
        if line_starts.is_empty() {
            line_starts.push(0);
            line_starts
                .extend(memchr::memchr2_iter(b'\n', b'\x0c', text.as_bytes()).map(|i| i + 1));
        }
        edit.line = line_starts.partition_point(|&s| s <= edit.start);
    }
}

/// Passes of repair at most: the second settles what the first changed the look of.
const MAX_PASSES: usize = 3;

/// The edits of `first` (on `original`) followed by those of `second` (on the first's result), as
/// edits of `original`. A second edit inside a first one rewrites that edit's new text; one
/// elsewhere is moved to its place in the original.
fn compose(original: &str, first: Pass, second: Pass) -> Pass {
    let between = &first.text.text;
    // where each first edit's new text lies in `between`
    let mut placed = Vec::with_capacity(first.edits.len());
    let mut shift: isize = 0;
    for e in &first.edits {
        let start = (e.start as isize + shift) as usize;
        placed.push((start, start + e.new.len()));
        shift += e.new.len() as isize - (e.end - e.start) as isize;
    }
    let mut edits = first.edits;
    for f in second.edits {
        match placed.iter().position(|&(s, e)| f.start < e && f.end > s) {
            Some(k) if placed[k].0 <= f.start && f.end <= placed[k].1 => {
                let (s, e) = placed[k];
                edits[k].new = format!("{}{}{}", &between[s..f.start], f.new, &between[f.end..e]);
                edits[k].confidence = edits[k].confidence.min(f.confidence);
            }
            Some(_) => {} // straddles an earlier edit: left as the first pass had it
            None => {
                let start = first.text.map.to_source(f.start);
                edits.push(Edit {
                    end: start + (f.end - f.start),
                    start,
                    ..f
                });
            }
        }
    }
    edits.retain(|e| original[e.start..e.end] != e.new);
    edits.sort_by_key(|e| e.start);
    let mut review = first.review;
    review.retain(|r| !edits.iter().any(|e| r.start < e.end && r.end > e.start));
    number_lines(original, edits.iter_mut());
    Pass {
        text: apply_edits(original, &edits),
        edits,
        review,
    }
}

/// Applies edits (sorted, non-overlapping) and maps the result back to the original.
pub fn apply_edits(text: &str, edits: &[Edit]) -> MappedText {
    let mut out = String::with_capacity(text.len());
    // a verbatim chunk and a replacement for every edit, and the rest
    let mut map = OffsetMap::with_capacity(2 * edits.len() + 1);
    let mut at = 0;
    for edit in edits {
        map.push(out.len(), at, true);
        out.push_str(&text[at..edit.start]);
        map.push(out.len(), edit.start, false);
        out.push_str(&edit.new);
        at = edit.end;
    }
    map.push(out.len(), at, true);
    out.push_str(&text[at..]);
    MappedText { text: out, map }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The distinct lowercase words of the poor OCR corpus and seed 003.
    fn ocr_words() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/ocr/poor");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
            .collect();
        texts.push(include_str!("../../fixtures/seeds/003_3f744fcd4400da0f.txt").to_string());
        let mut words: Vec<String> = texts
            .iter()
            .flat_map(|t| t.split(|c: char| !is_word_char(c)))
            .map(to_lowercase)
            .collect();
        words.sort();
        words.dedup();
        assert!(words.len() > 2000, "{}", words.len());
        words
    }

    #[test]
    fn the_real_word_confusables_are_the_known_words_read_as_another() {
        let repairer = Repairer::default();
        let listed = repairer.confusables.expect("the list is embedded");
        let lexicon = Lexicon::embedded();
        for row in confusables::ROWS.lines().filter(|l| !l.starts_with('#')) {
            let word = row.split('\t').next().unwrap();
            assert!(lexicon.count(word).is_some(), "{word} is listed, not known");
            let reading = listed.reading(word).expect("listed");
            assert_eq!(confusables::row(word, &reading), row);
        }
        // the known words of the corpus, and a sample of the lexicon
        let mut words: Vec<String> = ocr_words()
            .into_iter()
            .filter(|w| lexicon.count(w).is_some())
            .collect();
        assert!(words.len() > 1000, "{}", words.len());
        words.extend(lexicon.words().into_iter().step_by(61));
        for word in &words {
            assert_eq!(
                listed.reading(word),
                repairer.confusable_reading(word),
                "{word}: the list is stale; run examples/list_real_word_confusables.rs"
            );
        }
    }

    #[test]
    fn the_plain_text_margin_loses_no_reading_that_matters() {
        let repairer = Repairer::default();
        let words = ocr_words();
        let matters = |r: Option<Reading>| r.filter(|r| r.confidence >= REVIEW_CONFIDENCE);
        for lost_diacritics in [true, false] {
            let channel = &repairer.base[usize::from(lost_diacritics)];
            let signature = channel_signature(lost_diacritics, &HashMap::default());
            for word in &words {
                // a known word is questioned, as where real words may be misread
                let known = repairer.lexicon.count(word);
                let read = |engine_doubt| {
                    let margin = useful_margin(engine_doubt);
                    repairer.read(channel, signature, word, known, margin)
                };
                assert_eq!(matters(read(false)), matters(read(true)), "{word}");
            }
        }
    }

    fn repaired(text: &str) -> String {
        Repairer::default().repair(text).text.text
    }

    #[test]
    fn the_layout_returned_is_the_repaired_texts() {
        let seed = include_str!("../../fixtures/seeds/003_3f744fcd4400da0f.txt");
        let broken =
            "Regeringen vill stir-\nka hilso- och sjukvirden i\nGoéteborg 71129 kr\n\x0cf6r alla\n";
        for text in [seed, "Goéteborg 71129 kr\nStirka f6r 1 den\n", broken, ""] {
            let repaired = Repairer::default().repair(text);
            let fresh = layout::analyze(&repaired.text.text);
            assert_eq!(format!("{:?}", repaired.layout), format!("{fresh:?}"));
        }
    }

    #[test]
    fn marked_letters_are_those_whose_lower_case_is_a_swedish_vowel_with_a_mark() {
        let is_marked = |c: char| matches!(c.to_lowercase().next(), Some('å' | 'ä' | 'ö'));
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let text = format!("a{c}Ö{c}");
            let counted = text.chars().filter(|&c| is_marked(c)).count();
            assert_eq!(marks(&text), counted, "{c:?}");
        }
    }

    #[test]
    fn a_word_contains_what_str_contains_finds_in_it() {
        for word in ["", "a", "f6r", "kronor", "öppna", "oéversyn"] {
            for part in ["", "a", "6", "or", "ö", "oé", "kronorna"] {
                assert_eq!(
                    word_contains(word.as_bytes(), part.as_bytes()),
                    word.contains(part),
                    "{word} {part}"
                );
            }
        }
    }

    #[test]
    fn word_chars_are_the_regex_class() {
        let class = Regex::new(r"^[\p{L}\d£¢§|]$").unwrap();
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                class.is_match(c.encode_utf8(&mut [0; 4])),
                "{c:?}"
            );
        }
    }

    #[test]
    fn alphabetic_is_the_standard_librarys() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn word_spans_are_the_runs_of_word_chars() {
        let class = Regex::new(r"[\p{L}\d£¢§|]+").unwrap();
        let text = "Goéteborg f6r £6r 71129 kr – ÅÄÖ åäö x|y 1 den\u{2028}naïve ﬁ 𝔄b e-post.";
        let spans: Vec<_> = class
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        assert_eq!(Tokens::of(text).spans, spans);
    }

    #[test]
    fn distinct_words_are_numbered_in_order_of_first_appearance_pass_after_pass() {
        let word = |w: &'static str| Word {
            parts: [(0, w.len()), (0, 0)],
            broken: false,
            whole: Cow::Borrowed(w),
            lower: Cow::Borrowed(w),
            real_word_ok: false,
        };
        for text in [["och", "att", "och", "som"], ["som", "ny", "som", "och"]] {
            let words: Vec<Word> = text.into_iter().map(word).collect();
            let vocabulary = Vocabulary::of(&words);
            assert_eq!(vocabulary.ids, [0, 1, 0, 2]);
            assert_eq!(vocabulary.first, [0, 1, 3]);
        }
        let words: Vec<Word> = ["att", "som"].into_iter().map(word).collect();
        let (first, again) = (Vocabulary::of(&words), Vocabulary::of(&words));
        // a pass's words keep the thread's numbers; another pass at once numbers afresh
        assert_ne!(first.numbers, again.numbers);
        drop((again, first));
        assert_eq!(Vocabulary::of(&words).ids, [0, 1]);
    }

    #[test]
    fn english_markers_in_any_case_and_nothing_longer() {
        assert!(is_english_marker("The"));
        assert!(is_english_marker("CONTENT"));
        assert!(!is_english_marker("contents"));
        assert!(!is_english_marker("och"));
        assert!(!is_english_marker("thé"));
    }

    #[test]
    fn lowered_as_the_standard_library_lowers() {
        for text in [
            "Göteborgs KOMMUN, Ålands ÖAR och ÄNGAR; É è",
            "İstanbul ẞ ǅ ΣΟΦΙΑ ΟΔΟΣ. Σ",
            "",
            "ascii only",
        ] {
            assert_eq!(to_lowercase(text), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn a_text_lowers_alike_only_when_every_character_keeps_its_length() {
        for alike in [
            "Göteborgs KOMMUN, Ålands ÖAR och ÄNGAR; É è ß",
            "ÀÞ×÷ßÿ – ǅ Ω Ж",
            "",
        ] {
            assert_eq!(lowered_alike(alike), Some(alike.to_lowercase()), "{alike}");
        }
        for other in ["İstanbul", "\u{212A}elvin", "ΟΔΟΣ"] {
            assert_eq!(lowered_alike(other), None, "{other}");
        }
    }

    #[test]
    fn letters_and_marked_letters_are_counted() {
        let text = "Stärka hälso- och sjukvården i Göteborg, 2020. ÅÄÖ é \u{345}";
        let tokens = Tokens::of(text);
        assert_eq!(
            tokens.letters,
            text.chars().filter(|c| c.is_alphabetic()).count()
        );
        assert_eq!(tokens.marked, 7);
    }

    #[test]
    fn lowercase_borrows_only_what_is_lower_case_already() {
        assert!(matches!(
            lowercase("göteborg".into()),
            Cow::Borrowed("göteborg")
        ));
        assert_eq!(lowercase("Göteborg".into()), "göteborg");
        assert_eq!(lowercase("ÅRET".into()), "året");
    }

    #[test]
    fn engine_confidence_shifts_the_posterior() {
        assert_eq!(weigh_engine_confidence(0.6, TYPICAL_ENGINE_CONFIDENCE), 0.6);
        assert!(weigh_engine_confidence(0.6, 0.3) > 0.75);
        assert!(weigh_engine_confidence(0.8, 0.99) < 0.75);
    }

    #[test]
    fn case_is_kept() {
        assert_eq!(apply_case("Goéteborg", "göteborg"), "Göteborg");
        assert_eq!(apply_case("SKR", "skr"), "SKR");
        assert_eq!(apply_case("6kat", "ökat"), "ökat");
    }

    #[test]
    fn edits_map_back_to_the_original() {
        let text = "ab oé cd";
        let edits = vec![Edit {
            start: 3,
            end: 6,
            line: 1,
            old: "oé".into(),
            new: "ö".into(),
            confidence: 1.0,
            reason: Reason::DigitForLetter,
        }];
        let m = apply_edits(text, &edits);
        assert_eq!(m.text, "ab ö cd");
        assert_eq!(m.map.to_source(m.text.find("cd").unwrap()), 7);
    }

    #[test]
    fn protected_spans_are_the_regexs_matches() {
        let unanchored = Regex::new(PROTECTED_PATTERN).unwrap();
        let mut texts = vec![
            "t.ex. bl.a.\u{a0}m.m. a.b.c.d.e.f ab. .x x@y.se,z@w.com w@v www.a.b/c S2020/06722/FS"
                .to_string(),
            "https://x.y\u{2003}.z/a\x0bS2021/1\ta@b.c".to_string(),
            // spans starting inside a run, after letters, digits and signs
            "xxxxxt.ex. ab1t.ex. aabbcc.dd.e. Xab2020/1 xAb2020/1 Åä2020/12 Ä٣٣٣٣/1 ÅÅÅÅÅa.b. \
             x-y.a.b. 1t.e. ...a.b. a.ö.ä. xhttps://a.b xwww.c/d ab+c@d.e a.b@c.d"
                .to_string(),
        ];
        for dir in ["corpus/ocr/light", "corpus/ocr/poor", "corpus/ocr/swe"] {
            for entry in std::fs::read_dir(dir).unwrap() {
                texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
            }
        }
        for text in &texts {
            let spans: Vec<_> = protected_spans(text).collect();
            let matches: Vec<_> = (unanchored.find_iter(text))
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(spans, matches, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn protected_spans_of_any_text_are_the_regexs_matches(
            text in "([a-eA-EåÄ0-9٣./@:+ -]|http|www){0,40}"
        ) {
            let unanchored = Regex::new(PROTECTED_PATTERN).unwrap();
            let spans: Vec<_> = protected_spans(&text).collect();
            let matches: Vec<_> = (unanchored.find_iter(&text))
                .map(|m| (m.start(), m.end()))
                .collect();
            proptest::prop_assert_eq!(spans, matches);
        }
    }

    #[test]
    fn protected_spans_are_kept() {
        let text = "Skriv till elin.aarflot@regeringskansliet.se om S2020/06722/FS, t.ex. via SKR.";
        assert_eq!(repaired(text), text);
    }
}
