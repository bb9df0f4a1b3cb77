//! Compiles the lexicon into a minimal automaton at build time (built with fst, then laid out
//! flat), so the binary starts with it ready (no parsing at start-up). Keys: lowercase NFC word forms; values: frequency per billion words.
//! Sources: dictionaries/lexicon.tsv (wordfreq + hunspell-sv, see dictionaries/README.md),
//! dictionaries/names.tsv, and the words of the official municipality and region names.

use std::collections::BTreeMap;
use std::path::Path;

include!("src/common_letters.rs");

/// The bit of a state's mask that says it has transitions on other letters than the common ones.
const RARE_BIT: u32 = 1 << 31;

/// Frequency given to a proper name that the word list does not know.
const NAME_COUNT: u64 = 300;

fn main() {
    let dict = Path::new("dictionaries");
    let mut words: BTreeMap<String, u64> = BTreeMap::new();
    let mut add = |word: &str, count: u64| {
        let w = word.trim().to_lowercase();
        if !w.is_empty() {
            let e = words.entry(w).or_insert(0);
            *e = (*e).max(count);
        }
    };
    for file in [
        "lexicon.tsv",
        "names.tsv",
        "municipalities.tsv",
        "regions.tsv",
    ] {
        println!("cargo:rerun-if-changed=dictionaries/{file}");
        let text = std::fs::read_to_string(dict.join(file))
            .unwrap_or_else(|e| panic!("dictionaries/{file}: {e}"));
        let is_register = file != "lexicon.tsv" && file != "names.tsv";
        for line in text
            .lines()
            .skip(usize::from(is_register))
            .filter(|l| !l.starts_with('#'))
        {
            let cols: Vec<&str> = line.split('\t').collect();
            match file {
                "lexicon.tsv" => {
                    if let (Some(w), Some(Ok(c))) =
                        (cols.first(), cols.get(1).map(|c| c.trim().parse::<u64>()))
                    {
                        add(w, c);
                    }
                }
                "names.tsv" => add(cols[0], NAME_COUNT),
                // the name column of the registers; their words are names too
                _ => {
                    let name = cols.get(1).copied().unwrap_or("");
                    for w in name.split([' ', '-']) {
                        add(w, NAME_COUNT);
                    }
                }
            }
        }
    }
    println!("cargo:rerun-if-changed=src/common_letters.rs");
    let mut builder = fst::MapBuilder::memory();
    for (w, c) in &words {
        builder.insert(w, *c).unwrap();
    }
    let map = builder.into_map();
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("lexicon.dag");
    std::fs::write(out, flatten(map.as_fst())).unwrap();
    real_word_confusables(dict);
}

/// Compiles dictionaries/real_word_confusables.tsv (rows sorted by their first field, the word;
/// `#` lines of comment; made by `examples/list_real_word_confusables.rs`) into an fst map from
/// each word to its row's byte offset.
fn real_word_confusables(dict: &Path) {
    let file = "real_word_confusables.tsv";
    println!("cargo:rerun-if-changed=dictionaries/{file}");
    let text = std::fs::read_to_string(dict.join(file))
        .unwrap_or_else(|e| panic!("dictionaries/{file}: {e}"));
    let mut rows = fst::MapBuilder::memory();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if !line.starts_with('#') {
            let word = line.split('\t').next().unwrap_or_default();
            rows.insert(word, at as u64)
                .unwrap_or_else(|e| panic!("dictionaries/{file}: {word}: {e}"));
        }
        at += line.len();
    }
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("real_word_confusables.fst");
    std::fs::write(out, rows.into_inner().unwrap()).unwrap();
}

/// Lays the minimal automaton that fst built out flat, with one transition per letter instead
/// of per byte, so that the repair stage's search steps through plain arrays, a common letter's
/// transition found by its bit in the state's mask (see src/lexicon.rs for the layout). States
/// are numbered breadth-first from the root, 0, but a transition holds its target's record
/// rather than its number, so that a step reads one slot; counts are stored as drops from the
/// likeliest count, so that a slot is four `u32`s.
fn flatten(fst: &fst::raw::Fst<Vec<u8>>) -> Vec<u8> {
    use std::collections::{HashMap, VecDeque};
    let mut number: HashMap<usize, u32> = HashMap::new();
    let mut queue = VecDeque::new();
    number.insert(fst.root().addr(), 0);
    queue.push_back(fst.root().addr());
    let (mut first, mut finals) = (vec![0u32], Vec::new());
    let (mut labels, mut targets, mut outputs) = (Vec::new(), Vec::new(), Vec::new());
    while let Some(addr) = queue.pop_front() {
        let node = fst.node(addr);
        finals.push(if node.is_final() {
            u32::try_from(node.final_output().value()).unwrap()
        } else {
            u32::MAX
        });
        // (letter's bytes so far, node, output so far), depth first in byte order, which is
        // the order of the letters
        let mut pending = vec![(Vec::new(), node, 0u64)];
        let mut letters = Vec::new();
        while let Some((bytes, node, out)) = pending.pop() {
            for t in node.transitions().collect::<Vec<_>>().into_iter().rev() {
                let mut bytes = bytes.clone();
                bytes.push(t.inp);
                let out = out + t.out.value();
                match std::str::from_utf8(&bytes) {
                    Ok(s) => letters.push((s.chars().next().unwrap(), t.addr, out)),
                    Err(_) => pending.push((bytes, fst.node(t.addr), out)),
                }
            }
        }
        letters.sort_by_key(|l| l.0);
        for (letter, target, out) in letters {
            let next = number.len() as u32;
            let state = *number.entry(target).or_insert_with(|| {
                queue.push_back(target);
                next
            });
            labels.push(letter as u32);
            targets.push(state);
            outputs.push(u32::try_from(out).unwrap());
        }
        first.push(labels.len() as u32);
    }
    let likeliest = likeliest_completions(&first, &finals, &targets, &outputs);
    // per state its record (first slot, mask, final drop)
    let common_bit = |t: usize| {
        let letter = char::from_u32(labels[t]).unwrap();
        COMMON_LETTERS.iter().position(|&l| l == letter)
    };
    let mut states = Vec::new();
    let mut slot_count = 0;
    for s in 0..finals.len() {
        let mut mask = 0u32;
        let transitions = first[s] as usize..first[s + 1] as usize;
        for t in transitions {
            mask |= common_bit(t).map_or(RARE_BIT, |bit| 1 << bit);
        }
        let final_drop = if finals[s] == u32::MAX {
            u32::MAX
        } else {
            likeliest[s] - finals[s]
        };
        states.push([slot_count, mask, final_drop]);
        slot_count += mask.count_ones();
    }
    // per slot its transition's drop and target's record, or, after the common letters' slots
    // of a state with other letters too, (start, end, 0, 0) of its other letters among the
    // rare transitions; per rare transition (letter, drop, target's record)
    let (mut slots, mut rare) = (Vec::new(), Vec::new());
    for s in 0..finals.len() {
        let start = rare.len() as u32;
        let mut common = Vec::new();
        for t in first[s] as usize..first[s + 1] as usize {
            let target = targets[t] as usize;
            let drop = likeliest[s] - outputs[t] - likeliest[target];
            let [first, mask, final_drop] = states[target];
            match common_bit(t) {
                Some(bit) => common.push((bit, [drop, first, mask, final_drop])),
                None => rare.push([labels[t], drop, first, mask, final_drop]),
            }
        }
        // in the order of their bits
        common.sort_by_key(|c| c.0);
        slots.extend(common.into_iter().map(|c| c.1));
        if states[s][1] & RARE_BIT != 0 {
            slots.push([start, rare.len() as u32, 0, 0]);
        }
    }
    assert_eq!(slots.len(), slot_count as usize);
    let mut blob = Vec::new();
    let mut put = |v: u32| blob.extend_from_slice(&v.to_le_bytes());
    // the header, padded to 32 bytes so that the slots lie 16-byte aligned: the number of slots,
    // the root's record and its likeliest count
    put(slot_count);
    for v in states[0] {
        put(v);
    }
    put(likeliest[0]);
    for _ in 0..3 {
        put(0);
    }
    for v in slots.iter().flatten() {
        put(*v);
    }
    for v in rare.iter().flatten() {
        put(*v);
    }
    blob
}

/// For every state, the largest sum of outputs from it to a final state (its own output
/// included): the count of the likeliest word that can still be spelled from there.
fn likeliest_completions(
    first: &[u32],
    finals: &[u32],
    targets: &[u32],
    outputs: &[u32],
) -> Vec<u32> {
    const UNKNOWN: u32 = u32::MAX;
    let mut likeliest = vec![UNKNOWN; finals.len()];
    // depth first, a state computed once all the states it leads to are
    let mut stack = vec![(0usize, false)];
    while let Some((s, children_done)) = stack.pop() {
        let transitions = first[s] as usize..first[s + 1] as usize;
        if children_done {
            let own = (finals[s] != u32::MAX).then_some(finals[s] as u64);
            let through =
                transitions.map(|t| outputs[t] as u64 + likeliest[targets[t] as usize] as u64);
            let best = own.into_iter().chain(through).max().unwrap_or(0);
            likeliest[s] = u32::try_from(best).unwrap();
        } else if likeliest[s] == UNKNOWN {
            stack.push((s, true));
            for t in transitions {
                if likeliest[targets[t] as usize] == UNKNOWN {
                    stack.push((targets[t] as usize, false));
                }
            }
        }
    }
    likeliest
}
