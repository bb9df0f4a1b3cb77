// Shared by build.rs and src/lexicon.rs (through `include!`), so that the lexicon's layout and
// its reader agree on the letters.

/// The letters that nearly every step of the repair walk follows, in the order of their bits in
/// a state's mask (see src/lexicon.rs): a–z and the Swedish and French letters, by code point.
const COMMON_LETTERS: [char; 30] = [
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's',
    't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'å', 'é', 'ö',
];
