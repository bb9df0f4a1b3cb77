//! The official registers, embedded from `dictionaries/`: Sweden's 290 municipalities with their
//! SCB codes and counties, and the 21 regions; and the matching of printed recipient names to them.

use crate::confusion::ConfusionModel;
use crate::memo::Memo;
use std::sync::LazyLock;

static MUNICIPALITIES_TSV: &str = include_str!("../dictionaries/municipalities.tsv");
static REGIONS_TSV: &str = include_str!("../dictionaries/regions.tsv");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    /// Four-digit SCB municipality code, as text ("0114").
    pub code: String,
    pub name: String,
    /// Two-digit county code ("01").
    pub county_code: String,
    pub county: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub county_code: String,
    pub name: String,
    pub county: String,
}

#[derive(Debug)]
pub struct Register {
    /// In Swedish alphabetical order of name.
    pub municipalities: Vec<Municipality>,
    pub regions: Vec<Region>,
    /// Matching keys of `municipalities`, index for index.
    skeletons: Vec<Skeleton>,
    /// Matching keys of `regions`, index for index: the place named by the region's name and by
    /// its county ("sörmland", "södermanland").
    region_keys: Vec<Vec<String>>,
}

/// What a recipient is: a municipality or a region (landsting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Municipality,
    Region,
}

/// A printed recipient name found in the register.
#[derive(Debug, Clone, PartialEq)]
pub struct RecipientMatch {
    pub level: Level,
    /// `found.index` indexes [`Register::municipalities`] or [`Register::regions`] by `level`.
    pub found: NameMatch,
}

/// A printed name found in the register.
#[derive(Debug, Clone, PartialEq)]
pub struct NameMatch {
    /// Index into [`Register::municipalities`] (or [`Register::regions`] from
    /// [`Register::match_regions`]).
    pub index: usize,
    /// Weighted OCR distance from the printed name.
    pub distance: f32,
    /// How sure the match is, 0–1.
    pub confidence: f64,
}

impl Register {
    /// The registers embedded in the binary.
    pub fn embedded() -> &'static Register {
        static REGISTER: LazyLock<Register> =
            LazyLock::new(|| Register::parse(MUNICIPALITIES_TSV, REGIONS_TSV));
        &REGISTER
    }

    /// Parses the two TSV files (header line first). Malformed lines are skipped: the embedded
    /// files are checked by tests.
    pub fn parse(municipalities_tsv: &str, regions_tsv: &str) -> Register {
        let mut municipalities: Vec<Municipality> = municipalities_tsv
            .lines()
            .skip(1)
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                (c.len() == 4).then(|| Municipality {
                    code: c[0].into(),
                    name: c[1].into(),
                    county_code: c[2].into(),
                    county: c[3].into(),
                })
            })
            .collect();
        municipalities.sort_by_key(|m| crate::swedish::collation_key(&m.name));
        let regions = regions_tsv
            .lines()
            .skip(1)
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                (c.len() == 3).then(|| Region {
                    county_code: c[0].into(),
                    name: c[1].into(),
                    county: c[2].into(),
                })
            })
            .collect::<Vec<Region>>();
        Register {
            skeletons: municipalities
                .iter()
                .map(|m| Skeleton::new(&m.name))
                .collect(),
            region_keys: regions.iter().map(region_keys).collect(),
            municipalities,
            regions,
        }
    }
}

impl Register {
    /// Finds printed municipality names in the register, tolerating OCR damage through the
    /// learned confusion model. When the names run in Swedish alphabetical order (a table of all
    /// municipalities), the order decides between entries a name fits equally well ("Habo" for
    /// Habo or Håbo). A name that fits nothing well enough gets `None`; a name repeated in the list
    /// keeps its match in both places (the caller reports duplicates).
    pub fn match_municipalities(&self, names: &[&str]) -> Vec<Option<NameMatch>> {
        let model = ConfusionModel::embedded();
        let entries = &self.municipalities;
        let cands: Vec<Vec<(usize, f32)>> = names
            .iter()
            .map(|n| {
                remembered(&MUNICIPALITY_CANDIDATES, self, n, || {
                    candidates(n, entries, &self.skeletons, model)
                })
            })
            .collect();
        let best_positions: Vec<usize> = cands
            .iter()
            .filter_map(|c| c.first().map(|b| b.0))
            .collect();
        let ascending = best_positions.windows(2).filter(|w| w[0] < w[1]).count();
        let in_order =
            best_positions.len() >= 10 && ascending * 10 >= (best_positions.len() - 1) * 9;
        let mut chosen: Vec<Option<(usize, f32)>> = if in_order {
            align_in_order(&cands)
        } else {
            cands.iter().map(|c| c.first().copied()).collect()
        };
        let by_position = if in_order {
            self.fill_gaps_by_position(names, &mut chosen, model)
        } else {
            vec![false; names.len()]
        };
        chosen
            .into_iter()
            .zip(&cands)
            .zip(by_position)
            // a name the ordered alignment left out, whose best entry another name holds, is a repeat
            .map(|((choice, c), by_position)| {
                let (index, distance) = choice.or_else(|| c.first().copied())?;
                let runner_up = c.iter().find(|x| x.0 != index).map(|x| x.1);
                let mut confidence = confidence(distance, runner_up, &entries[index].name);
                if by_position {
                    confidence = POSITION_ONLY_CONFIDENCE;
                } else if in_order && c.first().is_some_and(|b| b.0 == index) {
                    // the name's own best fit, and in its place in the order: far surer
                    confidence = 1.0 - (1.0 - confidence) * 0.4;
                }
                Some(NameMatch {
                    index,
                    distance,
                    confidence: (confidence * 1000.0).round() / 1000.0,
                })
            })
            .collect()
    }

    /// In a complete table in alphabetical order, a lone unmatched name between two matched
    /// neighbours, with exactly one register entry left between theirs, is that entry when it is
    /// not too far off ("Viannais" between Vänersborg and Värmdö is Vännäs). Returns which names
    /// were matched this way.
    fn fill_gaps_by_position(
        &self,
        names: &[&str],
        chosen: &mut [Option<(usize, f32)>],
        model: &ConfusionModel,
    ) -> Vec<bool> {
        let mut filled = vec![false; names.len()];
        for i in 1..names.len().saturating_sub(1) {
            let (Some(prev), None, Some(next)) = (chosen[i - 1], chosen[i], chosen[i + 1]) else {
                continue;
            };
            if next.0 != prev.0 + 2 {
                continue;
            }
            let index = prev.0 + 1;
            let official = &self.municipalities[index].name;
            let distance =
                model.distance(names[i], official, official.chars().count() as f32 * 0.6);
            if distance.is_finite() {
                chosen[i] = Some((index, distance));
                filled[i] = true;
            }
        }
        filled
    }
}

impl Register {
    /// Finds printed region names in the regions register, whether the region is named as one
    /// ("Region Sörmland", "Västra Götalandsregionen", "Blekinge läns landsting") or by its county
    /// ("Södermanland", "Stockholms län", "Jämtland/Härjedalen"), tolerating OCR damage. The
    /// [`NameMatch::index`] is into [`Register::regions`].
    pub fn match_regions(&self, names: &[&str]) -> Vec<Option<NameMatch>> {
        let model = ConfusionModel::embedded();
        names
            .iter()
            .map(|name| {
                let key = region_key(name);
                let found = remembered(&REGION_CANDIDATES, self, &key, || {
                    let key_len = key.chars().count() as f32;
                    let printed = model.printed(&key);
                    let mut found: Vec<(usize, f32)> = self
                        .region_keys
                        .iter()
                        .enumerate()
                        .filter_map(|(i, keys)| {
                            keys.iter()
                                // every letter more or less costs at least half
                                .filter(|k| {
                                    (k.chars().count() as f32 - key_len).abs() * 0.5
                                        <= max_distance(k)
                                })
                                .map(|k| printed.distance(k, max_distance(k)))
                                .filter(|d| d.is_finite())
                                .map(|d| (i, d))
                                .min_by(|a, b| a.1.total_cmp(&b.1))
                        })
                        .collect();
                    found.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
                    found
                });
                let &(index, distance) = found.first()?;
                let runner_up = found.get(1).map(|x| x.1);
                let c = confidence(distance, runner_up, &key);
                Some(NameMatch {
                    index,
                    distance,
                    confidence: (c * 1000.0).round() / 1000.0,
                })
            })
            .collect()
    }

    /// Finds the recipients of a table's rows: municipalities or regions. A name that says what it
    /// is ("Region Gotland", "Gotlands kommun", "Blekinge läns landsting") is looked up in that
    /// register only, in the forms such names take ("Gotlands kommun" is Gotland). A bare name
    /// that fits both registers ("Gotland", "Uppsala") is read as the table reads: as a region
    /// when more of the table's bare names fit only a region than only a municipality, as a
    /// municipality when fewer, and by `hint` (the header's "Kommun" or "Region") when as many.
    pub fn match_recipients(
        &self,
        names: &[&str],
        hint: Option<Level>,
    ) -> Vec<Option<RecipientMatch>> {
        let printed: Vec<PrintedName> = names.iter().map(|n| PrintedName::parse(n)).collect();
        let municipal = self.match_municipal_forms(&printed);
        let regional = self.match_regions(
            &printed
                .iter()
                .map(|p| p.cleaned.as_str())
                .collect::<Vec<_>>(),
        );
        let bare_only = |want_region: bool| {
            printed
                .iter()
                .zip(municipal.iter().zip(&regional))
                .filter(|(p, (m, r))| {
                    p.level.is_none() && (m.is_some() != r.is_some()) && r.is_some() == want_region
                })
                .count()
        };
        let (regions_only, municipalities_only) = (bare_only(true), bare_only(false));
        let table_level = match regions_only.cmp(&municipalities_only) {
            std::cmp::Ordering::Greater => Level::Region,
            std::cmp::Ordering::Less => Level::Municipality,
            std::cmp::Ordering::Equal => hint.unwrap_or(Level::Municipality),
        };
        printed
            .iter()
            .zip(municipal.into_iter().zip(regional))
            .map(|(p, (m, r))| {
                let as_municipality = m.map(|found| RecipientMatch {
                    level: Level::Municipality,
                    found,
                });
                let as_region = r.map(|found| RecipientMatch {
                    level: Level::Region,
                    found,
                });
                match (p.level, table_level) {
                    (Some(Level::Municipality), _) => as_municipality,
                    (Some(Level::Region), _) => as_region,
                    (None, Level::Municipality) => as_municipality.or(as_region),
                    (None, Level::Region) => as_region.or(as_municipality),
                }
            })
            .collect()
    }

    /// Municipality matches of the names that may be municipalities (not marked as regions). A
    /// name marked "kommun" or "stad" is tried with and without a genitive s ("Gotlands kommun",
    /// "Borås stad"), keeping the closer match.
    fn match_municipal_forms(&self, printed: &[PrintedName]) -> Vec<Option<NameMatch>> {
        let eligible: Vec<usize> = (0..printed.len())
            .filter(|&i| printed[i].level != Some(Level::Region))
            .collect();
        let plain: Vec<&str> = eligible
            .iter()
            .map(|&i| printed[i].place.as_str())
            .collect();
        let mut found = self.match_municipalities(&plain);
        let without_s: Vec<&str> = eligible
            .iter()
            .map(|&i| printed[i].place_without_genitive())
            .collect();
        if without_s != plain {
            for (best, other) in found.iter_mut().zip(self.match_municipalities(&without_s)) {
                if other
                    .as_ref()
                    .is_some_and(|o| best.as_ref().is_none_or(|b| o.distance < b.distance))
                {
                    *best = other;
                }
            }
        }
        let mut out = vec![None; printed.len()];
        for (i, m) in eligible.into_iter().zip(found) {
            out[i] = m;
        }
        out
    }
}

/// Words in a recipient's name that say it is a region (landsting) or a county.
const REGION_WORDS: &[&str] = &[
    "region",
    "regionen",
    "landsting",
    "landstinget",
    "lan",
    "lans",
];
/// Words in a recipient's name that say it is a municipality.
const MUNICIPALITY_WORDS: &[&str] = &["kommun", "kommunen", "stad"];

/// A printed recipient name taken apart.
struct PrintedName {
    /// The name without a parenthesised note ("Gotlands kommun (landstingsdel)").
    cleaned: String,
    /// What the name says it is, if it says.
    level: Option<Level>,
    /// The place the name names: the name without its municipality words ("Gotlands"); the
    /// whole name when it has none.
    place: String,
}

impl PrintedName {
    /// Reads the markers of a name. A parenthesised note that speaks of the region part
    /// ("(landstingsdel)") makes the row a region's even when the name says "kommun".
    fn parse(name: &str) -> PrintedName {
        let (cleaned, note) = match (name.find('('), name.rfind(')')) {
            (Some(open), Some(close)) if open < close => (
                format!("{} {}", &name[..open], &name[close + 1..])
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                folded(&name[open + 1..close]),
            ),
            _ => (name.to_string(), String::new()),
        };
        let words: Vec<String> = cleaned.split_whitespace().map(folded).collect();
        let is_region_word =
            |w: &String| REGION_WORDS.contains(&w.as_str()) || w.ends_with("regionen");
        let notes_region = note.contains("landsting") || note.contains("region");
        let level = if notes_region || words.iter().any(is_region_word) {
            Some(Level::Region)
        } else if words
            .iter()
            .any(|w| MUNICIPALITY_WORDS.contains(&w.as_str()))
        {
            Some(Level::Municipality)
        } else {
            None
        };
        let place = if level == Some(Level::Municipality) {
            cleaned
                .split_whitespace()
                .filter(|w| !MUNICIPALITY_WORDS.contains(&folded(w).as_str()))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            cleaned.clone()
        };
        PrintedName {
            cleaned,
            level,
            place,
        }
    }

    /// The place without a genitive s, for a name marked as a municipality ("Gotlands" →
    /// "Gotland"); otherwise the place unchanged.
    fn place_without_genitive(&self) -> &str {
        match self.level {
            Some(Level::Municipality) => self.place.strip_suffix('s').unwrap_or(&self.place),
            _ => &self.place,
        }
    }
}

/// Lowercase, diacritics folded, punctuation trimmed: for recognising marker words.
fn folded(word: &str) -> String {
    crate::swedish::folded(word.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// The place a region's or county's name names, for matching: lowercase words without the words
/// that say what it is, without "-regionen" and without a genitive s ("Västra
/// Götalandsregionen" → "västra götaland", "Stockholms län" → "stockholm", "Jämtland/Härjedalen"
/// → "jämtland härjedalen").
fn region_key(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '/' || c == '-')
        .filter(|w| {
            let f = folded(w);
            !f.is_empty()
                && !REGION_WORDS.contains(&f.as_str())
                && !MUNICIPALITY_WORDS.contains(&f.as_str())
                && f != "i"
        })
        .map(|w| {
            let lower = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            let place = lower.strip_suffix("regionen").unwrap_or(&lower);
            place.strip_suffix('s').unwrap_or(place).to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The keys a region is known by: its own name's place and its county's.
fn region_keys(region: &Region) -> Vec<String> {
    let mut keys = vec![region_key(&region.name), region_key(&region.county)];
    keys.dedup();
    keys
}

/// Confidence of a name matched by its place in the table alone: for a reviewer to confirm.
const POSITION_ONLY_CONFIDENCE: f64 = 0.5;

/// The most distance a match may have: a quarter of the official name's length, at least one.
fn max_distance(official: &str) -> f32 {
    (official.chars().count() as f32 * 0.25).max(1.0)
}

/// Letters only, without diacritics: a cheap key to rule out far-off entries before the
/// weighted distance is computed.
#[derive(Debug)]
struct Skeleton {
    letters: String,
    len: usize,
    /// Letters counted in buckets, for a lower bound on the edit distance that is cheaper than
    /// the distance itself.
    histogram: [u8; 32],
}

impl Skeleton {
    fn new(name: &str) -> Skeleton {
        let letters: String = name
            .chars()
            .filter(|c| c.is_alphabetic())
            .map(crate::swedish::base_letter)
            .collect();
        let mut histogram = [0u8; 32];
        let mut len = 0;
        for c in letters.chars() {
            let bucket = &mut histogram[c as usize % 32];
            *bucket = bucket.saturating_add(1);
            len += 1;
        }
        Skeleton {
            letters,
            len,
            histogram,
        }
    }

    /// Whether the edit distance between the two skeletons is more than `limit`: the letters one
    /// has more of than the other each take an edit (the bag distance, a lower bound), checked
    /// before the distance itself.
    fn farther_than(&self, other: &Skeleton, limit: f32) -> bool {
        if self.len.abs_diff(other.len) as f32 > limit {
            return true;
        }
        let (mut more, mut fewer) = (0usize, 0usize);
        for (&a, &b) in self.histogram.iter().zip(&other.histogram) {
            more += usize::from(a.saturating_sub(b));
            fewer += usize::from(b.saturating_sub(a));
        }
        more.max(fewer) as f32 > limit
            || strsim::levenshtein(&self.letters, &other.letters) as f32 > limit
    }
}

/// Candidates within a row's reach, best first: (register index, distance).
fn candidates(
    name: &str,
    register: &[Municipality],
    skeletons: &[Skeleton],
    model: &ConfusionModel,
) -> Vec<(usize, f32)> {
    let key = Skeleton::new(name);
    let printed = model.printed(name);
    let mut found: Vec<(usize, f32)> = register
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            if key.farther_than(&skeletons[i], max_distance(&m.name) + 2.0) {
                return None;
            }
            let d = printed.distance(&m.name, max_distance(&m.name));
            d.is_finite().then_some((i, d))
        })
        .collect();
    found.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    found.truncate(4);
    found
}

/// Candidates of printed names, by register and name: tables repeat the same names in document
/// after document, and repair and reconcile both ask.
type Candidates = LazyLock<Memo<usize, Vec<(usize, f32)>>>;
static MUNICIPALITY_CANDIDATES: Candidates = LazyLock::new(|| Memo::new(CANDIDATE_CACHE_LIMIT));
static REGION_CANDIDATES: Candidates = LazyLock::new(|| Memo::new(CANDIDATE_CACHE_LIMIT));

/// Names after which a candidate cache starts afresh, bounding memory.
const CANDIDATE_CACHE_LIMIT: usize = 50_000;

/// The candidates of `name` in `register`, computed once per process.
fn remembered(
    cache: &Candidates,
    register: &Register,
    name: &str,
    compute: impl FnOnce() -> Vec<(usize, f32)>,
) -> Vec<(usize, f32)> {
    cache.get_or_compute(register as *const Register as usize, name, compute)
}

/// Cost of leaving a row unmatched in the order-keeping alignment: above any accepted distance.
const UNMATCHED_COST: f32 = 10.0;

/// Chooses one candidate per row (or none) so that chosen register positions strictly increase
/// down the table and the summed distance is least: a weighted longest increasing subsequence.
fn align_in_order(cands: &[Vec<(usize, f32)>]) -> Vec<Option<(usize, f32)>> {
    // best[i][k]: least cost of rows 0..=i with row i taking candidate k, and where it came from
    type Step = (f32, Option<(usize, usize)>);
    let mut best: Vec<Vec<Step>> = Vec::with_capacity(cands.len());
    for (i, row) in cands.iter().enumerate() {
        let mut here = Vec::with_capacity(row.len());
        for &(pos, dist) in row {
            let mut choice = (i as f32 * UNMATCHED_COST + dist, None);
            for (j, prev) in best.iter().enumerate() {
                for (k, &(cost, _)) in prev.iter().enumerate() {
                    if cands[j][k].0 < pos {
                        let total = cost + (i - j - 1) as f32 * UNMATCHED_COST + dist;
                        if total < choice.0 {
                            choice = (total, Some((j, k)));
                        }
                    }
                }
            }
            here.push(choice);
        }
        best.push(here);
    }
    let n = cands.len();
    let mut end: Option<(usize, usize)> = None;
    let mut end_cost = n as f32 * UNMATCHED_COST;
    for (i, row) in best.iter().enumerate() {
        for (k, &(cost, _)) in row.iter().enumerate() {
            let total = cost + (n - i - 1) as f32 * UNMATCHED_COST;
            if total < end_cost {
                end_cost = total;
                end = Some((i, k));
            }
        }
    }
    let mut chosen = vec![None; n];
    while let Some((i, k)) = end {
        chosen[i] = Some(cands[i][k]);
        end = best[i][k].1;
    }
    chosen
}

/// Confidence of a match from its distance, lowered when another entry was as close.
fn confidence(dist: f32, runner_up: Option<f32>, official: &str) -> f64 {
    let base = 1.0 - (dist / (max_distance(official) * 2.0)) as f64;
    let contested = runner_up.is_some_and(|r| r - dist < 0.25);
    let c = if contested { base * 0.9 } else { base };
    c.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_registers_are_complete() {
        let r = Register::embedded();
        assert_eq!(r.municipalities.len(), 290);
        assert_eq!(r.regions.len(), 21);
        let ale = r.municipalities.iter().find(|m| m.name == "Ale").unwrap();
        assert_eq!(
            (ale.code.as_str(), ale.county.as_str()),
            ("1440", "Västra Götalands län")
        );
        assert_eq!(r.municipalities.first().unwrap().name, "Ale");
        assert_eq!(r.municipalities.last().unwrap().name, "Övertorneå");
    }
}
