//! The Swedish lexicon: word forms with their frequencies, compiled into an fst map by `build.rs`
//! and embedded in the binary. Keys are lowercase; values are occurrences per billion words.

use fst::raw::{Fst, Node};
use std::sync::LazyLock;

static LEXICON_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.fst"));

pub struct Lexicon {
    fst: Fst<&'static [u8]>,
}

impl Lexicon {
    /// The lexicon embedded in the binary; opening it reads no data.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
            fst: Fst::new(LEXICON_FST).expect("the embedded lexicon is built by build.rs"),
        });
        &LEXICON
    }

    /// Frequency per billion words of a lowercase word form, if it is known.
    pub fn count(&self, word: &str) -> Option<u64> {
        self.fst.get(word.as_bytes()).map(|o| o.value())
    }

    pub fn root(&self) -> Node<'_> {
        self.fst.root()
    }

    /// Follows `c` from `node`; the output accumulated along the way is added to `out`.
    pub fn step<'a>(&'a self, node: Node<'a>, c: char, out: &mut u64) -> Option<Node<'a>> {
        let mut buf = [0u8; 4];
        let mut node = node;
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            let i = node.find_input(b)?;
            let t = node.transition(i);
            *out += t.out.value();
            node = self.fst.node(t.addr);
        }
        Some(node)
    }

    /// The count stored at a final node reached with accumulated output `out`.
    pub fn final_count(node: &Node<'_>, out: u64) -> Option<u64> {
        node.is_final().then(|| out + node.final_output().value())
    }
}
