//! Reading one printed word: the lexicon walked under the OCR confusion model, the word read as
//! one word or a compound of words, and how sure the best reading is against the printed one.
//! The passes over a document (`super`) ask it of each distinct word, through their caches.

use super::Repairer;
use crate::confusion::{Alternative, Channel, Letters};
use crate::lexicon::letter_bit;
use rustc_hash::FxHashMap as HashMap;
use std::ops::RangeInclusive;

/// Lexical cost of a word seen `count` times per billion: −ln P(word).
pub(super) fn word_cost(count: u64) -> f64 {
    (1e9 / (count as f64 + 0.5)).ln()
}

/// Lexical cost of a word as frequent as "och": a known word is misread only for another word
/// at most this much likelier than itself.
const MOST_FREQUENT_WORD_COST: f64 = 3.6;
/// No word's lexical cost is lower ("är", the most frequent, costs 3.4): the lower bound that
/// lets the search give up on readings that cannot win.
const LEAST_WORD_COST: f64 = 3.0;
/// No word's lexical cost is higher (`word_cost(0)` is ln 2·10⁹ ≈ 21.42): a path within reach
/// spelling the rarest word is within reach whatever it spells.
const RAREST_WORD_COST: f64 = 21.5;
/// Cost of a word the lexicon does not know, read as printed: a little above the rarest word.
const UNKNOWN_WORD_COST: f64 = 23.0;
/// Extra cost for every further part of a compound ("kompetens|försörjnings|utmaningar").
const COMPOUND_JOIN_COST: f64 = 2.5;
/// Weight of a compound part's own lexical cost: parts are freer than whole words.
const COMPOUND_PART_WEIGHT: f64 = 0.55;
/// A part's lexical cost is capped: rarity beyond this says little more.
const COMPOUND_PART_CAP: f64 = 16.0;
/// Cost of a linking "s" between compound parts ("försörjning|s|utmaningar").
const LINKING_S_COST: f64 = 0.7;
/// Most channel cost a reading may spend on confusions.
const MAX_CHANNEL_COST: f64 = 10.0;
/// Most confusions in one word.
const MAX_EDITS: usize = 3;

/// What the search found for one word: its best reading, and how sure it is against the
/// printed one.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Reading {
    pub(super) text: String,
    pub(super) confidence: f64,
    pub(super) printed_is_word: bool,
    /// The confusions the reading assumes: (printed, read as).
    pub(super) ops: Vec<(Letters, Letters)>,
}

/// A reading of a whole word: what it costs, how it is spelled, the confusions it assumes
/// (printed, read as), as [`Reading`] keeps them.
#[derive(Debug)]
struct Path {
    cost: f64,
    spelled: String,
    ops: Vec<(Letters, Letters)>,
}

/// A candidate part of a reading found by the lexicon walk: `end` is in chars of the OCR word.
/// Its spelling and confusions are ranges of the [`Found`] arenas, so that it copies freely.
#[derive(Debug, Clone, Copy)]
struct Segment {
    end: usize,
    channel: f64,
    count: u64,
    /// The lexical cost of the word spelled, [`word_cost`] of `count`.
    word_cost: f64,
    /// Channel plus lexical cost as a whole word: how segments ending at one place are ranked.
    total: f64,
    spelled: (usize, usize),
    ops: (usize, usize),
}

/// What the lexicon walks over one word found, and the path the current walk is on.
///
/// Invariants: `by_end[i]`, for the ends the last search could reach, holds segments ending at
/// printed position `i`, cheapest `total` first, no two spelled alike (the other lists hold
/// what earlier searches left); the arenas only grow while a word is read, so a segment's
/// ranges stay valid for the whole word, after the search that found it.
#[derive(Default)]
struct Found {
    by_end: Vec<Vec<Segment>>,
    /// Spellings as chars, like the printed word's: the walk pushes and compares letters
    /// without encoding them. The printed word's letters come first, so that a segment read
    /// as printed spells a range of them (and is not copied).
    spellings: Vec<char>,
    ops: Vec<Op>,
    /// The letters spelled and the confusions read on the current path.
    path_spelled: Vec<char>,
    path_ops: Vec<Op>,
    word_costs: WordCosts,
}

/// [`word_cost`] of the counts met, remembered: the walk asks it of nearly every state, and the
/// lexicon's counts are few (wordfreq's frequencies are rounded), so the logarithm is taken
/// about once per count. Slot `count % SLOTS` holds the last count asked there.
struct WordCosts {
    /// (Of a length known to the compiler: a slot is read without a bounds check.)
    slots: Box<[(u64, f64); Self::SLOTS]>,
}

impl WordCosts {
    const SLOTS: usize = 1 << 12;

    fn of(&mut self, count: u64) -> f64 {
        let slot = &mut self.slots[(count % Self::SLOTS as u64) as usize];
        if slot.0 != count {
            *slot = (count, word_cost(count));
        }
        slot.1
    }
}

impl Default for WordCosts {
    fn default() -> Self {
        // no count is u64::MAX, so every slot starts empty
        WordCosts {
            slots: Box::new([(u64::MAX, 0.0); Self::SLOTS]),
        }
    }
}

impl Found {
    fn spelled(&self, s: &Segment) -> &[char] {
        &self.spellings[s.spelled.0..s.spelled.1]
    }

    fn ops(&self, s: &Segment) -> &[Op] {
        &self.ops[s.ops.0..s.ops.1]
    }

    /// A segment that spells the printed letters `start..end`, a word of `count`, as printed
    /// (without confusions), for `channel`.
    fn as_printed(&mut self, start: usize, end: usize, channel: f64, count: u64) -> Segment {
        let word_cost = self.word_costs.of(count);
        Segment {
            end,
            channel,
            count,
            word_cost,
            total: channel + word_cost,
            spelled: (start, end),
            ops: (self.ops.len(), self.ops.len()),
        }
    }

    /// Starts reading the printed word `printed`: the arenas are emptied (their memory kept),
    /// but for its letters.
    fn start_word(&mut self, printed: &[char]) {
        self.spellings.clear();
        self.spellings.extend_from_slice(printed);
        self.ops.clear();
    }

    /// Starts a search whose segments may end at `ends` (see [`PrintedWord::ends_after`]): no
    /// segments there, an empty path. The other lists are neither emptied nor looked at (those
    /// after the word keep their room for longer words).
    fn clear_segments(&mut self, ends: RangeInclusive<usize>) {
        if self.by_end.len() <= *ends.end() {
            self.by_end.resize_with(ends.end() + 1, Vec::new);
        }
        self.by_end[ends].iter_mut().for_each(Vec::clear);
        self.path_spelled.clear();
        self.path_ops.clear();
    }

    /// The segments of the last search, which could end at `ends`, by end, cheapest first at
    /// each end.
    fn segments(&self, ends: RangeInclusive<usize>) -> impl Iterator<Item = &Segment> {
        self.by_end[ends].iter().flatten()
    }

    /// Keeps the current path as a segment ending at `end`, which is before the word's end
    /// when `crowded`: there only the cheapest few are kept. The same spelling reached
    /// through other confusions keeps its cheapest path.
    // (inlined into the walk, which calls it at half the states it visits)
    #[inline]
    fn keep(&mut self, end: usize, channel: f64, count: u64, crowded: bool) {
        let Found {
            by_end,
            spellings,
            ops,
            path_spelled,
            path_ops,
            word_costs,
        } = self;
        let ends_here = &mut by_end[end];
        let word_cost = word_costs.of(count);
        let total = channel + word_cost;
        // ranked below the cheapest few, even were a same spelling among them dropped (that
        // one would cost at least as much, more than the last)
        if crowded
            && ends_here.len() >= SEGMENTS_PER_END
            && ends_here.last().is_some_and(|s| s.total < total)
        {
            return;
        }
        // (a same spelling is a same word, of the same count: most others are told apart by it)
        let same =
            |s: &Segment| s.count == count && spellings[s.spelled.0..s.spelled.1] == **path_spelled;
        if let Some(k) = ends_here.iter().position(same) {
            if ends_here[k].channel < channel {
                return;
            }
            ends_here.remove(k);
        }
        // a segment that would rank below the cheapest few is not kept (nor copied)
        let crowded_out = crowded
            && ends_here.len() >= SEGMENTS_PER_END
            && ends_here.last().is_some_and(|s| s.total <= total);
        if crowded_out {
            return;
        }
        let spelled = (spellings.len(), spellings.len() + path_spelled.len());
        spellings.extend_from_slice(path_spelled);
        let segment_ops = (ops.len(), ops.len() + path_ops.len());
        ops.extend_from_slice(path_ops);
        let at = ends_here.partition_point(|s| s.total.total_cmp(&total).is_le());
        ends_here.insert(
            at,
            Segment {
                end,
                channel,
                count,
                word_cost,
                total,
                spelled,
                ops: segment_ops,
            },
        );
        if crowded {
            ends_here.truncate(SEGMENTS_PER_END);
        }
    }
}

/// A printed word prepared for reading: its letters, and for every position the cost of reading
/// the letter as itself and the confusions that may start there (one or two printed characters).
/// Its buffers are kept from word to word.
#[derive(Default)]
struct PrintedWord {
    chars: Vec<char>,
    /// What may be read at each position.
    at: Vec<Template>,
    /// For every position, the least channel cost of reading the rest of the word.
    rest: Vec<f64>,
    templates: Templates,
}

/// What a position of a printed word may be read as: its letter as itself, at `identity`, or
/// by the confusions that may start there, cheapest first, a range of `templates.confusions`,
/// of which the least costs of one of one character and of one of two are `least` (infinite
/// where none).
#[derive(Debug, Clone, Copy)]
struct Template {
    identity: f64,
    confusions: (usize, usize),
    least: [f64; 2],
}

/// What a template depends on: what it is read through (see [`PrintedWord::prepare`]), the
/// letter, and the letters before and after it where they matter: the letter after where the
/// channel reads the two together, the letter before where it reads the two as that letter
/// then something.
type TemplateKey = (u64, Option<char>, char, Option<char>);

/// The templates of the positions of printed words, by what they depend on, kept from word to
/// word (a text has few letter triples).
#[derive(Default)]
struct Templates {
    by_key: HashMap<TemplateKey, Template>,
    confusions: Vec<Confusion>,
}

/// Confusions after which a thread's templates start afresh, bounding memory.
const TEMPLATE_CACHE_LIMIT: usize = 1_000_000;
/// Confusions a thread's templates have room for at first (those of some 3 000 letter triples).
const TEMPLATE_ROOM: usize = 1 << 16;

impl Templates {
    /// The template of `c` through `ch`, where `after` is the letter after and the channel's
    /// readings of the two, and `before` the letter before and the readings of it and `c`, some
    /// spelling it then something. The confusions of `c` and of it and the letter after are
    /// merged, cheapest first, of equal costs those of one character first; a confusion of one
    /// character is marked where a confusion of two spells what it and its neighbour read as
    /// itself spell, for less.
    fn make(
        &mut self,
        ch: &Channel,
        before: Option<(char, &[Alternative])>,
        c: char,
        after: Option<(char, &[Alternative])>,
    ) -> Template {
        let one = ch.alternatives(c, None);
        let two = after.map_or(&[][..], |(_, pairs)| pairs);
        // the letter after and its identity cost, where a pair spells something then it (the
        // pairs a single confusion's mark is looked for among; mostly there are none)
        let ending = after.filter(|(a, _)| two.iter().any(|p| p.truth.chars().last() == Some(a)));
        let ending = ending.map(|(a, _)| (a, ch.identity(a)));
        let starting = before.map(|(b, pairs)| (b, ch.identity(b), pairs));
        // a pair spelling `truth` then the letter after read as itself, for less than `cost`
        // (spellings compared as `Letters`, in place: comparing slices calls `memcmp`)
        let cheaper_ending = |truth: Letters, cost: f64| {
            ending.is_some_and(|(a, identity)| {
                let cost = cost + identity;
                let spelled = truth.then(Letters::one(a));
                two.iter()
                    .any(|pair| pair.cost < cost && Some(pair.truth) == spelled)
            })
        };
        // a pair spelling the letter before read as itself then `truth`, for less
        let cheaper_starting = |truth: Letters, cost: f64| {
            starting.is_some_and(|(b, identity, with_before)| {
                let cost = identity + cost;
                let spelled = Letters::one(b).then(truth);
                with_before
                    .iter()
                    .any(|pair| pair.cost < cost && Some(pair.truth) == spelled)
            })
        };
        let from = self.confusions.len();
        self.confusions.reserve(one.len() + two.len());
        let mut least = [f64::INFINITY; 2];
        let (mut a, mut b) = (0, 0);
        while a < one.len() || b < two.len() {
            let take_one =
                b == two.len() || (a < one.len() && one[a].cost.total_cmp(&two[b].cost).is_le());
            let (take, alternative) = if take_one {
                a += 1;
                (1, one[a - 1])
            } else {
                b += 1;
                (2, two[b - 1])
            };
            let single = take == 1;
            least[take - 1] = least[take - 1].min(alternative.cost);
            self.confusions.push(Confusion {
                cost: alternative.cost,
                take: take as u8,
                truth: alternative.truth,
                first_bit: (alternative.truth.chars().first()).map_or(0, |&c| letter_bit(c)),
                before_itself: single && cheaper_ending(alternative.truth, alternative.cost),
                after_itself: single && cheaper_starting(alternative.truth, alternative.cost),
            });
        }
        Template {
            identity: ch.identity(c),
            confusions: (from, self.confusions.len()),
            least,
        }
    }
}

/// A confusion that may be read in a printed word: `take` printed characters read as `truth`.
#[derive(Debug, Clone, Copy)]
struct Confusion {
    cost: f64,
    take: u8,
    truth: Letters,
    /// The lexicon's [`letter_bit`] of the first letter of `truth` (0 for none): a
    /// state without it leads nowhere on this confusion, which is told before the confusion is
    /// costed.
    first_bit: u32,
    /// For a confusion of one character: a confusion of two reads it and the letter before
    /// (`after_itself`) or after (`before_itself`) as this one and that letter read as itself
    /// would, for less ("ar" → "är" against "a" → "ä" then "r"). A path that reads it so is
    /// followed no further: the cheaper one spells the same, at the same place, with as many
    /// confusions.
    after_itself: bool,
    before_itself: bool,
}

/// A confusion read: where in the printed word, and its index in the templates' confusions.
#[derive(Debug, Clone, Copy)]
struct Op {
    at: usize,
    index: usize,
}

impl PrintedWord {
    /// Prepares `word` for reading through `ch`, whose signature is `signature`.
    ///
    /// Where the channel's adaptation changed nothing a template depends on, the channel reads
    /// as the unadapted one of its diacritic floor, and the template is theirs, keyed by the
    /// floor (one confusion model per process, as signatures assume); elsewhere it is keyed by
    /// the signature.
    fn prepare(&mut self, word: &str, ch: &Channel, signature: u64) {
        self.chars.clear();
        self.chars.extend(word.chars());
        let n = self.chars.len();
        self.at.clear();
        let templates = &mut self.templates;
        if templates.confusions.len() >= TEMPLATE_CACHE_LIMIT {
            templates.by_key.clear();
            templates.confusions.clear();
        }
        if templates.confusions.capacity() == 0 {
            // room for a text's letter triples at once: grown a confusion at a time, the list
            // was copied a dozen times in a thread's first documents
            templates.confusions.reserve(TEMPLATE_ROOM);
        }
        let unadapted = ch.diacritic_floor().to_bits();
        // the channel's readings of the letter before with this one
        let mut pairs_before: &[Alternative] = &[];
        for i in 0..n {
            let c = self.chars[i];
            let next = self.chars.get(i + 1);
            let pairs = next.map_or(&[][..], |&a| ch.alternatives(c, Some(a)));
            let after = next.filter(|_| !pairs.is_empty()).map(|&a| (a, pairs));
            let before = i.checked_sub(1).map(|b| (self.chars[b], pairs_before));
            let before = before
                .filter(|(b, pairs)| pairs.iter().any(|p| p.truth.chars().first() == Some(b)));
            let adapted = ch.is_adapted(c, None)
                || after.is_some_and(|(a, _)| ch.is_adapted(c, Some(a)) || ch.is_adapted(a, None))
                || before.is_some_and(|(b, _)| ch.is_adapted(b, Some(c)) || ch.is_adapted(b, None));
            let through = if adapted { signature } else { unadapted };
            let key = (through, before.map(|b| b.0), c, after.map(|a| a.0));
            let template = match templates.by_key.get(&key) {
                Some(&made) => made,
                None => {
                    let made = templates.make(ch, before, c, after);
                    templates.by_key.insert(key, made);
                    made
                }
            };
            self.at.push(template);
            pairs_before = pairs;
        }
        self.rest.clear();
        self.rest.resize(n + 1, 0.0);
        for i in (0..n).rev() {
            let [one, two] = self.at[i].least;
            let mut rest = (self.identity(i) + self.rest[i + 1]).min(one + self.rest[i + 1]);
            if i + 2 <= n {
                rest = rest.min(two + self.rest[i + 2]);
            }
            self.rest[i] = rest;
        }
    }

    /// Where a segment starting at position `start` may end: it reads at least one character.
    fn ends_after(&self, start: usize) -> RangeInclusive<usize> {
        start + 1..=self.chars.len()
    }

    /// The cost of reading the letter at position `i` as itself.
    fn identity(&self, i: usize) -> f64 {
        self.at[i].identity
    }

    /// The confusions that may start at position `i`, cheapest first, and the index of the
    /// first.
    fn confusions_at(&self, i: usize) -> (usize, &[Confusion]) {
        let (from, to) = self.at[i].confusions;
        (from, &self.templates.confusions[from..to])
    }

    fn confusion(&self, op: Op) -> &Confusion {
        &self.templates.confusions[op.index]
    }

    /// Whether an op only cuts letters from one of the ends of what it reads (see
    /// [`crate::confusion::cuts_letters`]).
    fn cuts_letters(&self, op: Op) -> bool {
        let c = self.confusion(op);
        crate::confusion::cuts_letters(
            &self.chars[op.at..op.at + usize::from(c.take)],
            c.truth.chars(),
        )
    }

    /// The confusion an op stands for: (printed, read as).
    fn op_letters(&self, op: Op) -> (Letters, Letters) {
        let c = self.confusion(op);
        let printed = &self.chars[op.at..op.at + usize::from(c.take)];
        (
            Letters::of(printed).expect("a confusion reads one or two characters"),
            c.truth,
        )
    }
}

/// The state of one lexicon walk over a printed word.
struct Walk<'w> {
    word: &'w PrintedWord,
    /// Most channel cost a path may spend.
    budget: f64,
    /// Only readings of the whole word are wanted.
    whole_only: bool,
    allow_edits: bool,
    /// The cost of the reading before this segment.
    before: f64,
    /// No path is followed that cannot end in a reading of the whole word costing at most this;
    /// lowered as such readings are found.
    bound: f64,
    found: &'w mut Found,
    /// Where the segment starts in the printed word.
    start: usize,
    /// The least lexical cost of what must follow a segment that starts the word but does not
    /// end it: another part, or a linking "s" where the word ends in one. (None is counted in
    /// a known word's whole-word search, where none can follow: there a reading that only
    /// cuts letters lowers the bound and is dropped afterwards (`read_printed`), and a tighter
    /// bound would give up readings that the weaker one keeps, such as "atta" → "åtta".)
    least_after_part: f64,
    /// [`Walk::least_lexical`] of the likeliest and of the rarest word.
    least_of_likeliest: f64,
    least_of_rarest: f64,
}

impl<'w> Walk<'w> {
    /// A walk searching `word` as `from` says, for readings within `bound`, into `found`.
    fn new(word: &'w PrintedWord, from: &Search, bound: f64, found: &'w mut Found) -> Walk<'w> {
        let mut walk = Walk {
            word,
            budget: from.budget,
            whole_only: from.whole_only,
            allow_edits: from.allow_edits,
            before: from.before,
            bound,
            found,
            start: from.start,
            least_after_part: if from.whole_only {
                0.0
            } else if word.chars.last() == Some(&'s') {
                LINKING_S_COST
            } else {
                part_cost(LEAST_WORD_COST)
            },
            least_of_likeliest: 0.0,
            least_of_rarest: 0.0,
        };
        walk.least_of_likeliest = walk.least_lexical(LEAST_WORD_COST);
        walk.least_of_rarest = walk.least_lexical(RAREST_WORD_COST);
        walk
    }

    /// Whether the segment starts the word (there is no reading before it).
    fn first(&self) -> bool {
        self.start == 0
    }

    /// Whether a segment that spells `spelled`, a word of `count`, ending at printed position
    /// `i`, completes a reading of the whole word, which lowers the bound: it ends the word, is
    /// not the word as printed (never its own reading), and starts the word or may be a part.
    // (inlined: the walk asks it at every state where a word ends)
    #[inline(always)]
    fn completes_reading(&self, i: usize, spelled: &[char], count: u64) -> bool {
        i == self.word.chars.len()
            && spelled != self.word.chars
            && (self.first() || is_compound_part(spelled, count))
    }

    /// The least lexical cost of a segment spelling a word of cost `word_cost`, and of what
    /// must follow it: where it starts the word, as the whole word, or as a compound's first
    /// part and what must follow that; as a part elsewhere.
    fn least_lexical(&self, word_cost: f64) -> f64 {
        if self.first() {
            word_cost.min(part_cost(word_cost) + self.least_after_part)
        } else {
            part_cost(word_cost)
        }
    }

    /// What a path at printed position `i` that spent `channel` has spent.
    fn spent(&self, i: usize, channel: f64) -> Spent {
        Spent {
            channel,
            floor: self.before + channel + self.word.rest[i],
        }
    }

    /// Whether no reading within the bound goes on from a path that spent `spent`, when no word
    /// spelled on from there costs less than one of least lexical cost `least`.
    fn out_of_reach(&self, spent: Spent, least: f64) -> bool {
        spent.floor + least > self.bound
    }
}

/// What a path of the walk has spent, at a printed position.
#[derive(Clone, Copy)]
struct Spent {
    /// Its channel cost.
    channel: f64,
    /// The least cost of a reading going on from it, but for the lexical cost of the segment's
    /// word: what the reading before and the path spent, plus the least the rest of the printed
    /// word costs. (Taken once per step: a state tests it against several lexical costs.)
    floor: f64,
}

/// Where and how a search for a segment of a word starts.
struct Search {
    start: usize,
    allow_edits: bool,
    /// Most channel cost the segment may spend.
    budget: f64,
    /// Only readings of the whole word are wanted.
    whole_only: bool,
    /// The cost of the reading of the word before `start`.
    before: f64,
}

/// Readings kept per end position of a segment before the end of the word: the cheapest few.
const SEGMENTS_PER_END: usize = 3;

/// The last part of the cheapest reading found of a word's first letters: the reading of the
/// letters before it is the one found for `start`. `segment` is `None` for the empty reading.
#[derive(Debug, Clone, Copy, Default)]
struct LastPart {
    cost: f64,
    /// The part of `cost` spent on confusions.
    channel: f64,
    /// Confusions read, in all parts.
    edits: usize,
    start: usize,
    segment: Option<Segment>,
    /// A linking "s" follows the segment.
    linking_s: bool,
}

/// A thread's buffers for reading a word: the word prepared, what its walks found, and the
/// last parts of [`Repairer::best_reading`]'s readings of its first letters.
#[derive(Default)]
struct Scratch {
    printed: PrintedWord,
    found: Found,
    last_parts: Vec<Option<LastPart>>,
}

thread_local! {
    /// The thread's room for reading a word, kept from word to word.
    static SCRATCH: std::cell::RefCell<Scratch> = Default::default();
}

impl Repairer {
    /// All lexicon words that the OCR letters `word[start..]` can be read as, by walking the lexicon
    /// with identity readings and learned confusions, spending at most `budget` on confusions;
    /// with `whole_only`, only readings that end with the word. Keeps the cheapest few per end,
    /// in `found` (its segments of earlier searches are dropped, their arenas kept).
    /// `before` is the cost of the reading of `word[..start]`; `bound` is lowered to the cost
    /// of the cheapest reading of the whole word found.
    fn search(&self, word: &PrintedWord, from: Search, bound: &mut f64, found: &mut Found) {
        found.clear_segments(word.ends_after(from.start));
        let mut walk = Walk::new(word, &from, *bound, found);
        let (root, spent) = (self.lexicon.root(), walk.spent(from.start, 0.0));
        if !walk.out_of_reach(spent, walk.least_of_likeliest)
            && !self.gives_up(&mut walk, root, spent)
        {
            self.walk(&mut walk, from.start, root, spent, None);
        }
        *bound = walk.bound;
    }

    /// Whether a path of the walk that reached `node`, having spent `spent`, can end in no
    /// reading within the bound, spelling even the likeliest word on from there (looked up only
    /// where even the rarest word would not be within reach). Asked before [`Repairer::walk`] is
    /// called: a path given up on costs no call.
    fn gives_up(&self, w: &mut Walk<'_>, node: crate::lexicon::State, spent: Spent) -> bool {
        w.out_of_reach(spent, w.least_of_rarest) && {
            let likeliest = self.lexicon.likeliest_count(node);
            let cost = w.found.word_costs.of(likeliest);
            let least = w.least_lexical(cost);
            w.out_of_reach(spent, least)
        }
    }

    /// One step of the lexicon walk at printed position `i`, having spent `spent`, on a path
    /// the caller found within reach (see [`Repairer::gives_up`]). `last` is the confusion
    /// the path read last if it ended here (passed down, not looked up at every state).
    fn walk<'w>(
        &self,
        w: &mut Walk<'w>,
        i: usize,
        node: crate::lexicon::State,
        spent: Spent,
        last: Option<&'w Confusion>,
    ) {
        let channel = spent.channel;
        let n = w.word.chars.len();
        if let Some(count) = self.lexicon.final_count(node) {
            let spelled = &w.found.path_spelled;
            let first = w.first();
            if w.completes_reading(i, spelled, count) {
                let lexical = segment_cost(w.found.word_costs.of(count), first);
                w.bound = w.bound.min(w.before + channel + lexical);
            }
            // a segment is kept if it is the whole word or may be a compound's part (no other
            // is read on from, and it would crowd out one that is); those that end the word are
            // all kept, as the bound may stand on any
            let keeps = if first && i == n {
                !spelled.is_empty()
            } else {
                !w.whole_only && is_compound_part(spelled, count)
            };
            if keeps {
                w.found.keep(i, channel, count, i < n);
            }
        }
        if i >= n {
            return;
        }
        // read the letter as itself
        let c = w.word.chars[i];
        let as_itself = w.spent(i + 1, channel + w.word.identity(i));
        if !last.is_some_and(|c| c.before_itself)
            && !w.out_of_reach(as_itself, w.least_of_likeliest)
        {
            let next = self.lexicon.step(node, c);
            if let Some(next) = next.filter(|&next| !self.gives_up(w, next, as_itself)) {
                let len = w.found.path_spelled.len();
                w.found.path_spelled.push(c);
                self.walk(w, i + 1, next, as_itself, None);
                w.found.path_spelled.truncate(len);
            }
        }
        if !w.allow_edits || w.found.path_ops.len() >= MAX_EDITS {
            return;
        }
        // read one or two printed characters as something else, cheapest first
        let word = w.word;
        // the letter before was read as itself on this path
        let after_itself = i > w.start && last.is_none();
        let (first, here) = word.confusions_at(i);
        for (index, confusion) in (first..).zip(here) {
            let op = Op { at: i, index };
            let cost = channel + confusion.cost;
            if cost > w.budget {
                break;
            }
            if after_itself && confusion.after_itself {
                continue;
            }
            if !self.lexicon.may_step(node, confusion.first_bit) {
                continue;
            }
            let after = i + usize::from(confusion.take);
            // the step would give up at once, whatever the letters lead to
            let spent_after = w.spent(after, cost);
            if w.out_of_reach(spent_after, w.least_of_likeliest) {
                continue;
            }
            let truth = confusion.truth.chars().iter().copied();
            let next = self.lexicon.steps(node, truth);
            if let Some(next) = next.filter(|&next| !self.gives_up(w, next, spent_after)) {
                let len = w.found.path_spelled.len();
                w.found
                    .path_spelled
                    .extend_from_slice(confusion.truth.chars());
                w.found.path_ops.push(op);
                self.walk(w, after, next, spent_after, Some(confusion));
                w.found.path_ops.pop();
                w.found.path_spelled.truncate(len);
            }
        }
    }

    /// The cost of the cheapest reading of the whole word as one word or a compound of words,
    /// which is left in `best` for [`spell_out`]. Readings costing more than `bound` are not
    /// looked for.
    fn best_reading(
        &self,
        word: &PrintedWord,
        mut bound: f64,
        found: &mut Found,
        best: &mut Vec<Option<LastPart>>,
    ) -> Option<f64> {
        let n = word.chars.len();
        start_readings(best, n);
        for start in 0..n {
            let Some(prefix) = best[start] else {
                continue;
            };
            // later parts may spend only what earlier parts left of the word's budgets
            let budget = MAX_CHANNEL_COST - prefix.channel;
            let edits_left = MAX_EDITS.saturating_sub(prefix.edits);
            let from = Search {
                start,
                allow_edits: edits_left > 0,
                budget,
                whole_only: false,
                before: prefix.cost,
            };
            self.search(word, from, &mut bound, found);
            for seg in found.segments(word.ends_after(start)) {
                extend_readings(word, best, start, prefix, seg, found.spelled(seg));
            }
        }
        best[n].map(|last| last.cost)
    }

    /// The cost of the cheapest reading of the whole word as printed, as one word or a compound
    /// of words, left in `best`: what [`Repairer::best_reading`] would find were no edits
    /// allowed. Without edits a walk follows one path, the printed letters, so that a search is
    /// a loop down the lexicon, which gives up where the walk would and keeps every word it
    /// passes (no two of them end at one place), without the search's lists.
    fn printed_reading(
        &self,
        word: &PrintedWord,
        found: &mut Found,
        best: &mut Vec<Option<LastPart>>,
    ) -> Option<f64> {
        let n = word.chars.len();
        start_readings(best, n);
        let mut bound = f64::INFINITY;
        for start in 0..n {
            let Some(prefix) = best[start] else {
                continue;
            };
            let from = Search {
                start,
                allow_edits: false,
                budget: MAX_CHANNEL_COST - prefix.channel,
                whole_only: false,
                before: prefix.cost,
            };
            let mut walk = Walk::new(word, &from, bound, found);
            let mut node = self.lexicon.root();
            let mut spent = walk.spent(start, 0.0);
            // the walk's steps, tests and bound, in its order: the same readings, the same cost
            let mut reached = !walk.out_of_reach(spent, walk.least_of_likeliest)
                && !self.gives_up(&mut walk, node, spent);
            let mut i = start;
            while reached {
                if let Some(count) = self.lexicon.final_count(node).filter(|_| i > start) {
                    let spelled = &word.chars[start..i];
                    let segment = walk.found.as_printed(start, i, spent.channel, count);
                    if walk.completes_reading(i, spelled, count) {
                        let lexical = segment_cost(segment.word_cost, walk.first());
                        walk.bound = walk.bound.min(walk.before + spent.channel + lexical);
                    }
                    extend_readings(word, best, start, prefix, &segment, spelled);
                }
                if i == n {
                    break;
                }
                let as_itself = walk.spent(i + 1, spent.channel + word.identity(i));
                if walk.out_of_reach(as_itself, walk.least_of_likeliest) {
                    break;
                }
                let Some(next) = self.lexicon.step(node, word.chars[i]) else {
                    break;
                };
                reached = !self.gives_up(&mut walk, next, as_itself);
                (node, spent, i) = (next, as_itself, i + 1);
            }
            bound = walk.bound;
        }
        best[n].map(|last| last.cost)
    }

    /// Two words the OCR ran together, one of them a short function word that never begins a
    /// compound ("föratt" → "för att", "ochlandsting" → "och landsting"), read as printed.
    fn run_together(&self, word: &str) -> Option<Path> {
        word.char_indices()
            .skip(2)
            .filter_map(|(cut, _)| {
                let (left, right) = word.split_at(cut);
                if !RUN_TOGETHER_WORDS.contains(&left) && !RUN_TOGETHER_WORDS.contains(&right) {
                    return None;
                }
                let cost = word_cost(self.lexicon.count(left)?)
                    + word_cost(self.lexicon.count(right)?)
                    + RUN_TOGETHER_COST;
                Some(Path {
                    cost,
                    spelled: format!("{left} {right}"),
                    ops: Vec::new(),
                })
            })
            .min_by(|a, b| a.cost.total_cmp(&b.cost))
    }

    /// Reads one lowercase word, `known` its count if the lexicon knows it: its best reading
    /// against the printed one, or `None` when the printed word stands. A known word is
    /// questioned (the caller asks only where real words may be misread). Readings costlier
    /// than the printed word by more than `margin` are not looked for.
    pub(super) fn read(
        &self,
        ch: &Channel,
        signature: u64,
        word: &str,
        known: Option<u64>,
        margin: f64,
    ) -> Option<Reading> {
        let len = word.chars().count();
        if !(2..=60).contains(&len) {
            return None;
        }
        SCRATCH.with(|scratch| {
            let scratch = &mut *scratch.borrow_mut();
            scratch.printed.prepare(word, ch, signature);
            scratch.found.start_word(&scratch.printed.chars);
            self.read_printed(word, known, margin, scratch)
        })
    }

    /// Reads a word that may be read as another, prepared in `scratch`, which it works in.
    fn read_printed(
        &self,
        word: &str,
        known: Option<u64>,
        margin: f64,
        scratch: &mut Scratch,
    ) -> Option<Reading> {
        let Scratch {
            printed,
            found,
            last_parts,
        } = scratch;
        let (printed_cost, best) = match known {
            // a known word can only be misread for another whole word, much likelier than itself
            Some(count) => {
                let identity: f64 = (0..printed.chars.len()).map(|i| printed.identity(i)).sum();
                let printed_cost = word_cost(count) + identity;
                let from = Search {
                    start: 0,
                    allow_edits: true,
                    budget: printed_cost - MOST_FREQUENT_WORD_COST,
                    whole_only: true,
                    before: 0.0,
                };
                let mut bound = printed_cost + margin;
                self.search(printed, from, &mut bound, found);
                // OCR seldom adds letters to a word: a word is not read as a shorter one by
                // cutting letters alone ("kompetensutvecklingen" is no "kompetensutveckling")
                let cuts = |s: &Segment| found.ops(s).iter().all(|&op| printed.cuts_letters(op));
                let best = found
                    .segments(printed.ends_after(0))
                    .filter(|s| found.spelled(s) != printed.chars && !cuts(s))
                    .min_by(|a, b| a.total.total_cmp(&b.total))?;
                let path = Path {
                    cost: best.total,
                    spelled: spell(found.spelled(best)),
                    ops: found
                        .ops(best)
                        .iter()
                        .map(|&op| printed.op_letters(op))
                        .collect(),
                };
                (printed_cost, path)
            }
            None => {
                let as_printed = self.printed_reading(printed, found, last_parts);
                let printed_cost =
                    as_printed.map_or(UNKNOWN_WORD_COST, |cost| cost.min(UNKNOWN_WORD_COST));
                let bound = printed_cost + margin;
                let best = self.best_reading(printed, bound, found, last_parts);
                let best = best.and_then(|_| spell_out(last_parts, found, printed));
                let run_together = self.run_together(word);
                match (best, run_together) {
                    (Some(b), Some(r)) => (printed_cost, if r.cost < b.cost { r } else { b }),
                    (b, r) => (printed_cost, b.or(r)?),
                }
            }
        };
        if best.spelled == word {
            return None;
        }
        let confidence = 1.0 / (1.0 + (best.cost - printed_cost).exp());
        Some(Reading {
            text: best.spelled,
            confidence: (confidence * 1000.0).round() / 1000.0,
            printed_is_word: known.is_some(),
            ops: best.ops,
        })
    }
}

/// Starts `best` for a word of `n` letters: `best[i]` is the cheapest reading found of its first
/// `i` letters, by its last part: the empty reading for none, none yet for the others.
fn start_readings(best: &mut Vec<Option<LastPart>>, n: usize) {
    best.clear();
    best.resize(n + 1, None);
    best[0] = Some(LastPart::default());
}

/// Extends `prefix`, the cheapest reading of `word[..start]` in `best` (which the caller has
/// at hand for all the segments it extends), by `seg`, which spells `spelled`, where that
/// reads `word[..seg.end]` (or, with a linking "s", one letter more) cheaper than `best` yet
/// does.
// (inlined into the loops over the segments found, which call it for every one)
#[inline(always)]
fn extend_readings(
    word: &PrintedWord,
    best: &mut [Option<LastPart>],
    start: usize,
    prefix: LastPart,
    seg: &Segment,
    spelled: &[char],
) {
    let n = word.chars.len();
    let whole = start == 0 && seg.end == n;
    let lexical = segment_cost(seg.word_cost, whole);
    let cost = |extra: f64| prefix.cost + seg.channel + lexical + extra;
    let improves = |best: &[Option<LastPart>], end: usize, extra: f64| {
        best[end].as_ref().is_none_or(|b| cost(extra) < b.cost)
    };
    let linking_s = (seg.end < n && word.chars[seg.end] == 's' && !whole)
        .then(|| LINKING_S_COST + word.identity(seg.end));
    // (whether the segment may be a part is asked only of one that would do better)
    let better = improves(best, seg.end, 0.0)
        || linking_s.is_some_and(|extra| improves(best, seg.end + 1, extra));
    if !better || !whole && !is_compound_part(spelled, seg.count) {
        return;
    }
    let mut consider = |end: usize, extra: f64, linking_s: bool| {
        if improves(best, end, extra) {
            best[end] = Some(LastPart {
                cost: cost(extra),
                channel: prefix.channel + seg.channel + extra,
                edits: prefix.edits + seg.ops.1 - seg.ops.0,
                start,
                segment: Some(*seg),
                linking_s,
            });
        }
    };
    consider(seg.end, 0.0, false);
    if let Some(extra) = linking_s {
        consider(seg.end + 1, extra, true);
    }
}

/// The reading of the whole word that [`Repairer::best_reading`] found and left in `best`, if
/// it found one in `found` for the printed word `printed`, spelled out part by part.
fn spell_out(best: &[Option<LastPart>], found: &Found, printed: &PrintedWord) -> Option<Path> {
    let last = best.len() - 1;
    let cost = best[last]?.cost;
    // the parts, last first, each with whether a linking "s" follows it
    let parts = || {
        std::iter::successors(best[last], |part| best[part.start])
            .map_while(|part| Some((part.segment?, part.linking_s)))
    };
    // (sized first: a reading is kept in the caches as it is made)
    let bytes = parts()
        .map(|(segment, linking_s)| utf8_len(found.spelled(&segment)) + usize::from(linking_s))
        .sum();
    let ops = parts().map(|(segment, _)| found.ops(&segment).len()).sum();
    let mut path = Path {
        cost,
        spelled: String::with_capacity(bytes),
        ops: Vec::with_capacity(ops),
    };
    spell_parts(best, last, found, printed, &mut path);
    Some(path)
}

/// Appends to `path` the parts of the reading of the first `end` letters that `best` holds.
fn spell_parts(
    best: &[Option<LastPart>],
    end: usize,
    found: &Found,
    printed: &PrintedWord,
    path: &mut Path,
) {
    let Some(LastPart {
        start,
        segment: Some(segment),
        linking_s,
        ..
    }) = best[end]
    else {
        return;
    };
    spell_parts(best, start, found, printed, path);
    path.spelled.extend(found.spelled(&segment));
    if linking_s {
        path.spelled.push('s');
    }
    path.ops
        .extend(found.ops(&segment).iter().map(|&op| printed.op_letters(op)));
}

/// Letters as a string, allocated once (collecting letters reserves a byte a letter, and
/// grows again at "å", "ä" or "ö").
fn spell(letters: &[char]) -> String {
    let mut spelled = String::with_capacity(utf8_len(letters));
    spelled.extend(letters);
    spelled
}

/// The length of letters in UTF-8.
fn utf8_len(letters: &[char]) -> usize {
    letters.iter().map(|c| c.len_utf8()).sum()
}

/// Function words that the OCR runs into a neighbour ("föratt") and that never begin or end a
/// compound, so that a word split at them is two words.
const RUN_TOGETHER_WORDS: &[&str] = &[
    "och", "att", "det", "den", "som", "är", "inte", "ett", "sig", "för",
];
/// Cost of reading a word as two run together: a missing space is rarer than a misread letter.
const RUN_TOGETHER_COST: f64 = 3.0;

/// The lexical cost of a word of lexical cost `word_cost` as the whole word read, or as a part
/// of a compound.
fn segment_cost(word_cost: f64, whole: bool) -> f64 {
    if whole {
        word_cost
    } else {
        part_cost(word_cost)
    }
}

/// The lexical cost of a word of lexical cost `whole` as a part of a compound.
fn part_cost(whole: f64) -> f64 {
    whole.min(COMPOUND_PART_CAP) * COMPOUND_PART_WEIGHT + COMPOUND_JOIN_COST
}

/// Function words are never parts of compounds ("åren|det" is no word). (A `match`, on letters
/// as the walk spells them: the compound search asks it of every part it finds.)
fn is_function_word(word: &[char]) -> bool {
    matches!(
        word,
        ['o', 'c', 'h']
            | ['a', 't', 't']
            | ['d', 'e', 't']
            | ['d', 'e', 'n']
            | ['d', 'e', 'm']
            | ['s', 'o', 'm']
            | ['f', 'ö', 'r']
            | ['m', 'e', 'd']
            | ['t', 'i', 'l', 'l']
            | ['m', 'e', 'n']
            | ['h', 'a', 'n']
            | ['h', 'o', 'n']
            | ['v', 'a', 'r']
            | ['h', 'a', 'r']
            | ['e', 't', 't']
            | ['s', 'i', 'g']
            | ['s', 'i', 'n']
            | ['s', 'i', 't', 't']
            | ['v', 'i']
            | ['n', 'i']
            | ['d', 'e']
            | ['a', 'v']
            | ['o', 'm']
            | ['p', 'å']
            | ['ä', 'r']
            | ['i', 'n', 't', 'e']
            | ['k', 'a', 'n']
            | ['s', 'k', 'a']
            | ['s', 'å']
            | ['n', 'u']
    )
}

/// Whether a lexicon word may be one part of a compound: four letters or more, or a common
/// three-letter word ("hem", "tid"), and not a function word.
// (inlined: the walk asks it at nearly every state where a word ends)
#[inline(always)]
fn is_compound_part(word: &[char], count: u64) -> bool {
    let len = word.len();
    (len >= 4 || (len == 3 && count >= 1000)) && !is_function_word(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_word_costs_more_than_the_rarest_word_cost() {
        assert!(word_cost(0) <= RAREST_WORD_COST);
        assert!(word_cost(0) > RAREST_WORD_COST - 0.1);
    }
}
