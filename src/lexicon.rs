//! The Swedish lexicon: word forms with their frequencies, compiled by `build.rs` into a minimal
//! automaton and embedded in the binary. Keys are lowercase; values are occurrences per billion
//! words.
//!
//! Layout (little-endian `u32`s): the number of records `S + 1` in the state table, then per
//! state `s` the triple (`first`, `final`, `likeliest`): its transitions are
//! `first[s]..first[s + 1]`, `final` is a final state's own output (`u32::MAX` for one that is
//! not final), and `likeliest` the largest sum of outputs on to a final state, which bounds the
//! count of any word spelled on from `s` (the last record only ends the last state's
//! transitions); then per transition the triple (letter, target state, output),
//! letters ascending within a state. A word's count is the sum of the outputs along its path plus
//! its final state's output. The repair stage walks this automaton letter by letter under the OCR
//! confusion model, so a step reads one state's pair and scans its letters in one place: the
//! search through fst's compressed nodes was the repair stage's largest cost.

use std::sync::LazyLock;

/// Bytes aligned as `u32`s, so that the tables are read as `u32`s in place.
#[repr(C)]
struct AlignedAsU32<Bytes: ?Sized> {
    _align: [u32; 0],
    bytes: Bytes,
}

static LEXICON_DAG: &AlignedAsU32<[u8]> = &AlignedAsU32 {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.dag")),
};

pub struct Lexicon {
    /// (first transition, final output, likeliest completion) per state, little-endian.
    states: &'static [[u32; 3]],
    /// (letter, target, output) per transition, little-endian.
    transitions: &'static [[u32; 3]],
    /// The root's transitions by letter, for the letters below [`ROOT_LETTERS`].
    root: Vec<Option<[u32; 3]>>,
}

/// The root's letters looked up by number: Latin-1 and Latin Extended-A, which hold every
/// Swedish letter.
const ROOT_LETTERS: usize = 0x180;

/// A state of the lexicon's automaton; the root is the empty prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State(u32);

/// A stored `u32` (little-endian) as a number.
fn le(stored: u32) -> u32 {
    u32::from_le(stored)
}

impl Lexicon {
    /// The lexicon embedded in the binary; opening it reads no data.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
            let (records, tables) = LEXICON_DAG.bytes.split_at(4);
            let records = u32::from_le_bytes(records.try_into().unwrap()) as usize;
            let (states, transitions) = tables.split_at(12 * records);
            let states: &[[u32; 3]] = bytemuck::cast_slice(states);
            let transitions: &[[u32; 3]] = bytemuck::cast_slice(transitions);
            let mut root = vec![None; ROOT_LETTERS];
            for t in &transitions[le(states[0][0]) as usize..le(states[1][0]) as usize] {
                if let Some(slot) = root.get_mut(le(t[0]) as usize) {
                    *slot = Some(*t);
                }
            }
            Lexicon {
                states,
                transitions,
                root,
            }
        });
        &LEXICON
    }

    /// Frequency per billion words of a lowercase word form, if it is known.
    pub fn count(&self, word: &str) -> Option<u64> {
        let mut out = 0;
        let mut state = self.root();
        for c in word.chars() {
            state = self.step(state, c, &mut out)?;
        }
        self.final_count(state, out)
    }

    pub fn root(&self) -> State {
        State(0)
    }

    /// Follows the letter `c` from `state`; the output along the way is added to `out`.
    pub fn step(&self, state: State, c: char, out: &mut u64) -> Option<State> {
        let s = state.0 as usize;
        let wanted = c as u32;
        let [_, target, output] = if s == 0 && (wanted as usize) < ROOT_LETTERS {
            // every search starts here, among a hundred letters
            self.root[wanted as usize]?
        } else {
            let (start, end) = (le(self.states[s][0]), le(self.states[s + 1][0]));
            let here = &self.transitions[start as usize..end as usize];
            if here.len() <= 8 {
                // letters ascend: past the letter wanted, it is not there
                let t = here.iter().find(|t| le(t[0]) >= wanted)?;
                *(le(t[0]) == wanted).then_some(t)?
            } else {
                let t = here[here.partition_point(|t| le(t[0]) < wanted)..].first()?;
                *(le(t[0]) == wanted).then_some(t)?
            }
        };
        *out += u64::from(le(output));
        Some(State(le(target)))
    }

    /// The count of the word that ends at `state`, reached with accumulated output `out`.
    pub fn final_count(&self, state: State, out: u64) -> Option<u64> {
        let own = le(self.states[state.0 as usize][1]);
        (own != u32::MAX).then(|| out + u64::from(own))
    }

    /// The largest count of a word spelled on from `state`, reached with accumulated output
    /// `out`: no reading through `state` is likelier.
    pub fn likeliest_count(&self, state: State, out: u64) -> u64 {
        out + u64::from(le(self.states[state.0 as usize][2]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let (mut out, mut state) = (0, lexicon.root());
        for c in "kommun".chars() {
            state = lexicon.step(state, c, &mut out).unwrap();
            let below = lexicon.likeliest_count(state, out);
            for word in ["kommun", "kommunen", "kommunerna", "kommunal"] {
                assert!(lexicon.count(word).unwrap() <= below, "{word}");
            }
        }
        assert_eq!(
            lexicon.likeliest_count(lexicon.root(), 0),
            lexicon.count("är").unwrap()
        );
    }
}
