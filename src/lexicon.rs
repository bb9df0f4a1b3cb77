//! The Swedish lexicon: word forms with their frequencies, compiled by `build.rs` into a minimal
//! automaton and embedded in the binary. Keys are lowercase; values are occurrences per billion
//! words.
//!
//! Layout (little-endian `u32`s): a header of eight, the number of slots `T`, the root's record
//! and the count of the likeliest word (then padding, so that the slots lie 16-byte aligned);
//! `T` slots of four `u32`s; then the rest in fives, the rare transitions. A state's record is
//! (`first`, `mask`, `final_drop`). Bit `i < 30` of `mask` says that the state has a transition
//! on `COMMON_LETTERS[i]` (src/common_letters.rs: a–z, ä, å, é, ö), and its bit 31 that it has
//! transitions on other letters. The state's slots start at `first`: one per common letter, in
//! the order of their bits, so that letter `i`'s transition is slot
//! `first + (mask & ((1 << i) - 1)).count_ones()`, each holding the transition's drop and its
//! target's record; then, if bit 31 is set, (start, end, 0, 0): its transitions on other letters
//! are the rare transitions `start..end`, each (letter, drop, target's record), letters
//! ascending (the same rank with `i` = 31 finds that slot).
//!
//! Counts are kept as drops from the likeliest word, so that a step reads four `u32`s and the
//! bound the walk prunes by is at hand without a sum: a path of letters from the root carries
//! the count of the likeliest word spelled on from it (the root's is in the header), a
//! transition's drop is how much that count falls by following it, and a state's `final_drop`
//! how much less than its likeliest count the word ending there counts (`u32::MAX` for a state
//! that is not final). States are laid out breadth-first from the root; a state reached by
//! several transitions has its record in each of them.
//!
//! The repair stage walks this automaton letter by letter under the OCR confusion model, so a
//! step reads one slot and searches nothing for the letters nearly all steps follow, and a
//! state's counts are at hand in its record: the search through fst's compressed nodes, and
//! then the scans of each state's letters, were the repair stage's largest cost.

use std::sync::LazyLock;

include!("common_letters.rs");

/// Bytes aligned as 16, so that the tables are read as `u32`s in place and no slot straddles
/// two cache lines.
#[repr(C, align(16))]
struct Aligned<Bytes: ?Sized> {
    bytes: Bytes,
}

static LEXICON_DAG: &Aligned<[u8]> = &Aligned {
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.dag")),
};

pub struct Lexicon {
    root: State,
    /// Per slot (drop, target's record), or (start, end, 0, 0) of a state's rare transitions,
    /// little-endian.
    slots: &'static [[u32; 4]],
    /// Per transition on a letter that is not common (letter, drop, target's record),
    /// little-endian.
    rare: &'static [[u32; 5]],
}

/// The bit of a state's mask that says it has transitions on other letters than the common ones.
const RARE_BIT: u32 = 1 << 31;

/// The bit of each letter below U+0100 in a state's mask: bit `i` for [`COMMON_LETTERS`]`[i]`,
/// [`RARE_BIT`] for the other letters.
const MASK_BIT: [u32; 256] = {
    let mut bits = [RARE_BIT; 256];
    let mut i = 0;
    while i < COMMON_LETTERS.len() {
        bits[COMMON_LETTERS[i] as usize] = 1 << i;
        i += 1;
    }
    bits
};

/// The bit of a state's mask that stands for letter `c`: its own for a common letter,
/// [`RARE_BIT`] for the others (a state with it set may or may not have `c`).
pub fn letter_bit(c: char) -> u32 {
    MASK_BIT.get(c as usize).map_or(RARE_BIT, |&bit| bit)
}

/// The number of bits set in each byte.
const RANK: [u8; 256] = {
    let mut ranks = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        ranks[byte] = (byte as u8).count_ones() as u8;
        byte += 1;
    }
    ranks
};

/// A state of the lexicon's automaton, by its record, as reached by a path of letters from the
/// root (the root's is the empty path): the path's counts come with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    /// Its first slot.
    first: u32,
    /// Its common letters' bits, and [`RARE_BIT`] if it has other letters.
    mask: u32,
    /// How much less than `likeliest` the word ending here counts if it is final, else
    /// `u32::MAX`.
    final_drop: u32,
    /// The count of the likeliest word spelled on from the path.
    likeliest: u32,
}

impl State {
    /// The state of a stored record, reached with the count `likeliest`.
    fn read([first, mask, final_drop]: [u32; 3], likeliest: u32) -> State {
        State {
            first: le(first),
            mask: le(mask),
            final_drop: le(final_drop),
            likeliest,
        }
    }
}

/// A stored `u32` (little-endian) as a number.
fn le(stored: u32) -> u32 {
    u32::from_le(stored)
}

impl Lexicon {
    /// The lexicon embedded in the binary; opening it reads no data.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
            let (header, tables) = LEXICON_DAG.bytes.split_at(32);
            let header: &[u32] = bytemuck::cast_slice(header);
            let slots = le(header[0]) as usize;
            let (slots, rare) = tables.split_at(16 * slots);
            Lexicon {
                root: State::read(header[1..4].try_into().unwrap(), le(header[4])),
                slots: bytemuck::cast_slice(slots),
                rare: bytemuck::cast_slice(rare),
            }
        });
        &LEXICON
    }

    /// Frequency per billion words of a lowercase word form, if it is known.
    pub fn count(&self, word: &str) -> Option<u64> {
        let state = self.steps(self.root(), word.chars())?;
        self.final_count(state)
    }

    pub fn root(&self) -> State {
        self.root
    }

    /// Follows the letter `c` from `state`.
    #[inline]
    pub fn step(&self, state: State, c: char) -> Option<State> {
        let bit = letter_bit(c);
        if state.mask & bit == 0 {
            return None;
        }
        let below = state.mask & (bit - 1);
        // the commonest letters are the lowest bits: their rank is read from a table
        let rank = match RANK.get(below as usize) {
            Some(&rank) => u32::from(rank),
            None => below.count_ones(),
        };
        let slot = &self.slots[(state.first + rank) as usize];
        let [drop, first, mask, final_drop] = if bit == RARE_BIT {
            self.rare_transition(slot, c)?
        } else {
            *slot
        };
        Some(State::read(
            [first, mask, final_drop],
            state.likeliest - le(drop),
        ))
    }

    /// Follows `letters` from `state`, giving up at the first that has no transition.
    /// (Inlined: the walk follows each confusion's letters so, and a call costs more than the
    /// steps.)
    #[inline]
    pub fn steps(
        &self,
        mut state: State,
        letters: impl IntoIterator<Item = char>,
    ) -> Option<State> {
        for c in letters {
            state = self.step(state, c)?;
        }
        Some(state)
    }

    /// Whether `state` may have a transition on a letter whose [`letter_bit`] is `bit` (0 for
    /// no letter, on which every state steps to itself): when not, [`Lexicon::step`] on it
    /// finds none, which this tells from the state alone.
    pub fn may_step(&self, state: State, bit: u32) -> bool {
        state.mask & bit != 0 || bit == 0
    }

    /// The transition on the letter `c`, which is not common, among a state's rare transitions:
    /// (drop, target's record).
    #[cold]
    fn rare_transition(&self, range: &[u32; 4], c: char) -> Option<[u32; 4]> {
        let here = &self.rare[le(range[0]) as usize..le(range[1]) as usize];
        let i = here.binary_search_by_key(&(c as u32), |t| le(t[0])).ok()?;
        let [_, drop, first, mask, final_drop] = here[i];
        Some([drop, first, mask, final_drop])
    }

    /// The count of the word that ends at `state`, if it is final.
    pub fn final_count(&self, state: State) -> Option<u64> {
        (state.final_drop != u32::MAX).then(|| u64::from(state.likeliest - state.final_drop))
    }

    /// The largest count of a word spelled on from `state`: no reading through `state` is
    /// likelier.
    pub fn likeliest_count(&self, state: State) -> u64 {
        u64::from(state.likeliest)
    }

    /// Every word the lexicon knows, sorted (by letters, which is by their UTF-8 bytes): for
    /// tools that ask something of each word, not for repair.
    pub fn words(&self) -> Vec<String> {
        let mut words = Vec::new();
        // (state, the word that reached it), depth first
        let mut pending = vec![(self.root, String::new())];
        while let Some((state, word)) = pending.pop() {
            if self.final_count(state).is_some() {
                words.push(word.clone());
            }
            for (letter, target) in self.transitions(state) {
                let mut longer = word.clone();
                longer.push(letter);
                pending.push((target, longer));
            }
        }
        words.sort_unstable();
        words
    }

    /// A state's transitions (letter, target), read in order from its slots and rare
    /// transitions rather than looked up by rank.
    fn transitions(&self, state: State) -> Vec<(char, State)> {
        let mut slots = self.slots[state.first as usize..].iter();
        let target = |drop: u32, record: &[u32]| {
            State::read(record.try_into().unwrap(), state.likeliest - le(drop))
        };
        let mut found = Vec::new();
        for (bit, &letter) in COMMON_LETTERS.iter().enumerate() {
            if state.mask & (1 << bit) != 0 {
                let slot = slots.next().unwrap();
                found.push((letter, target(slot[0], &slot[1..])));
            }
        }
        if state.mask & RARE_BIT != 0 {
            let [start, end, ..] = slots.next().unwrap().map(le);
            for t in &self.rare[start as usize..end as usize] {
                let letter = char::from_u32(le(t[0])).unwrap();
                found.push((letter, target(t[1], &t[2..])));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Lexicon::count`] by scanning each state's transitions.
    fn count_by_scanning(lexicon: &Lexicon, word: &str) -> Option<u64> {
        let mut state = lexicon.root();
        for c in word.chars() {
            state = lexicon.transitions(state).into_iter().find(|t| t.0 == c)?.1;
        }
        lexicon.final_count(state)
    }

    #[test]
    fn steps_find_the_transitions_a_scan_finds() {
        let lexicon = Lexicon::embedded();
        let words = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/dictionaries/lexicon.tsv"
        ))
        .unwrap();
        let common = |c: char| COMMON_LETTERS.contains(&c);
        let mut rare_words = 0;
        for (n, line) in words.lines().enumerate() {
            let Some((word, count)) = line.split_once('\t') else {
                continue;
            };
            let word = word.trim().to_lowercase();
            let has_rare = !word.chars().all(common);
            if n % 37 != 0 && !has_rare {
                continue;
            }
            rare_words += usize::from(has_rare);
            let found = lexicon.count(&word);
            assert_eq!(found, count_by_scanning(lexicon, &word), "{word}");
            assert!(found >= count.trim().parse().ok(), "{word}");
            // one letter more or less, common or not, reads the same either way
            for extra in ['s', 'q', 'ü', '-', 'ß', '€'] {
                let longer = format!("{word}{extra}");
                assert_eq!(
                    lexicon.count(&longer),
                    count_by_scanning(lexicon, &longer),
                    "{longer}"
                );
            }
            let shorter = &word[..word.char_indices().last().unwrap().0];
            assert_eq!(
                lexicon.count(shorter),
                count_by_scanning(lexicon, shorter),
                "{shorter}"
            );
        }
        assert!(rare_words > 1000, "{rare_words}");
        assert!(lexicon.count("müller").is_some());
        assert!(lexicon.count("ångström").is_some());
        assert_eq!(lexicon.count("a\u{1ee3}"), None);
    }

    #[test]
    fn every_letter_of_a_state_is_stepped_to() {
        let lexicon = Lexicon::embedded();
        // the root has transitions on common and rare letters both
        let mut states = vec![lexicon.root()];
        let mut seen = 0;
        // every letter the lexicon holds, and the rest of Latin-1 and Latin Extended-A
        let mut letters: Vec<char> = lexicon
            .rare
            .iter()
            .map(|t| char::from_u32(le(t[0])).unwrap())
            .collect();
        letters.extend(COMMON_LETTERS);
        letters.extend('\0'..'\u{180}');
        letters.sort();
        letters.dedup();
        while let Some(state) = states.pop() {
            let all = lexicon.transitions(state);
            for &(letter, target) in &all {
                assert_eq!(lexicon.step(state, letter), Some(target));
                // no word spelled on is likelier than the likeliest before the step
                assert!(target.likeliest <= state.likeliest);
                if seen < 5_000 {
                    states.push(target);
                }
                seen += 1;
            }
            for &letter in letters.iter().filter(|&&l| all.iter().all(|t| t.0 != l)) {
                assert_eq!(lexicon.step(state, letter), None, "{letter}");
            }
        }
    }

    #[test]
    fn counts_known_words_and_only_them() {
        let lexicon = Lexicon::embedded();
        assert!(lexicon.count("och").unwrap() > lexicon.count("kommun").unwrap());
        assert!(lexicon.count("göteborg").is_some());
        assert_eq!(lexicon.count("göteborgx"), None);
        assert_eq!(lexicon.count("göteb"), None);
        assert_eq!(lexicon.count(""), None);
    }

    #[test]
    fn likeliest_count_bounds_every_word_below_a_state() {
        let lexicon = Lexicon::embedded();
        let mut state = lexicon.root();
        for c in "kommun".chars() {
            state = lexicon.step(state, c).unwrap();
            let below = lexicon.likeliest_count(state);
            for word in ["kommun", "kommunen", "kommunerna", "kommunal"] {
                assert!(lexicon.count(word).unwrap() <= below, "{word}");
            }
        }
        assert_eq!(
            lexicon.likeliest_count(lexicon.root()),
            lexicon.count("är").unwrap()
        );
    }
}
