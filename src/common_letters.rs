// Shared by build.rs and src/lexicon.rs (through `include!`), so that the lexicon's layout and
// its reader agree on the letters.

/// The letters that nearly every step of the repair walk follows, in the order of their bits in
/// a state's mask (see src/lexicon.rs): a–z and the Swedish and French letters, the commonest in
/// OCR'd Swedish text first, so that most steps find their rank among the low bits.
const COMMON_LETTERS: [char; 30] = [
    'e', 'a', 'r', 'n', 't', 's', 'i', 'o', 'l', 'd', 'm', 'g', 'k', 'v', 'f', 'h', 'u', 'p', 'b',
    'c', 'é', 'ä', 'ö', 'j', 'y', 'å', 'x', 'w', 'z', 'q',
];
