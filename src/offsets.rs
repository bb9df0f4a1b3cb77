//! Offset maps: every derived text in kansli (repaired text, the de-hyphenated reading text) keeps
//! a map back to the text it was made from, so that whatever is found in it can be reported at its
//! byte offset in the original document.

/// A text derived from another, with a map from its byte offsets to the source's.
#[derive(Debug, Clone, Default)]
pub struct MappedText {
    pub text: String,
    pub map: OffsetMap,
}

/// Piecewise map from derived byte offsets to source byte offsets.
///
/// Invariant: anchors are sorted by derived offset and by source offset. Between two anchors the
/// derived text is either a verbatim copy of the source (offsets advance together) or a
/// replacement (every offset inside it maps to the replacement's source start).
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// (derived_start, source_start, verbatim): the chunk starting here.
    anchors: Vec<(usize, usize, bool)>,
}

impl OffsetMap {
    /// An empty map with room for `anchors` anchors.
    pub fn with_capacity(anchors: usize) -> OffsetMap {
        OffsetMap {
            anchors: Vec::with_capacity(anchors),
        }
    }

    /// Appends a chunk that starts at `derived` and comes from `source`; `verbatim` says whether the
    /// chunk is a copy (offsets advance together) or a replacement.
    pub fn push(&mut self, derived: usize, source: usize, verbatim: bool) {
        if let Some(last) = self.anchors.last() {
            if last.2 && verbatim && derived - last.0 == source - last.1 {
                return; // continues the previous verbatim chunk
            }
        }
        self.anchors.push((derived, source, verbatim));
    }

    /// The source offset of a derived offset. An empty map is the identity.
    pub fn to_source(&self, derived: usize) -> usize {
        let i = self.anchors.partition_point(|a| a.0 <= derived);
        if i == 0 {
            return derived;
        }
        let (d, s, verbatim) = self.anchors[i - 1];
        if verbatim {
            s + (derived - d)
        } else {
            s
        }
    }
}

impl MappedText {
    /// The identity mapping of a text onto itself.
    pub fn identity(text: &str) -> MappedText {
        let mut map = OffsetMap::default();
        map.push(0, 0, true);
        MappedText {
            text: text.to_string(),
            map,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_and_replaced_chunks_map_back() {
        // source "ab\ncd" → derived "ab cd" with the newline replaced by a space
        let mut map = OffsetMap::default();
        map.push(0, 0, true);
        map.push(2, 2, false);
        map.push(3, 3, true);
        assert_eq!(map.to_source(1), 1);
        assert_eq!(map.to_source(2), 2);
        assert_eq!(map.to_source(4), 4);
    }

    #[test]
    fn a_shorter_replacement_shifts_what_follows() {
        // source "oé x" → derived "ö x": "oé" (3 bytes) replaced by "ö" (2 bytes)
        let mut map = OffsetMap::default();
        map.push(0, 0, false);
        map.push(2, 3, true);
        assert_eq!(map.to_source(0), 0);
        assert_eq!(map.to_source(3), 4);
    }
}
