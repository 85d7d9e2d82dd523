//! News categories: the IPTC Media Topics top level, scored from weighted
//! lemma lexicons (`resources/lists/categories/*.tsv`) and entity types.
//!
//! Each content word of the document is looked up by its matching key
//! (its stemmed lemma) in the lexicons; a hit adds the
//! lemma's weight to its category, doubled in the headline and 1.5× in the
//! lead. Entities add signals of their own: an amount of money or a
//! percentage hints at economy, a subtype such as `party`, `club` or `court`
//! at politics, sport or justice. A category's score is its share of all the
//! evidence; categories under [`MIN_SHARE`] or with too little evidence are
//! dropped.

use super::words::stem;
use crate::model::{Category, Entity, Label};
use crate::resources::tsv_rows;
use once_cell::sync::Lazy;

/// One category of the IPTC Media Topics top level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategoryInfo {
    /// IPTC code, `medtop:…`.
    pub code: &'static str,
    /// English name.
    pub name: &'static str,
    /// The lexicon file's name under `resources/lists/categories/`.
    pub file: &'static str,
    lexicon: &'static str,
}

macro_rules! category {
    ($code:literal, $name:literal, $file:literal) => {
        CategoryInfo {
            code: $code,
            name: $name,
            file: concat!($file, ".tsv"),
            lexicon: include_str!(concat!("../../resources/lists/categories/", $file, ".tsv")),
        }
    };
}

/// The categories polner assigns, with their IPTC Media Topic codes.
///
/// ```
/// let politics = polner::topics::CATEGORIES.iter().find(|c| c.name == "politics").unwrap();
/// assert_eq!(politics.code, "medtop:11000000");
/// assert_eq!(polner::topics::CATEGORIES.len(), 17);
/// ```
pub const CATEGORIES: [CategoryInfo; 17] = [
    category!(
        "medtop:01000000",
        "arts, culture, entertainment and media",
        "culture"
    ),
    category!("medtop:02000000", "crime, law and justice", "crime"),
    category!(
        "medtop:03000000",
        "disaster, accident and emergency incident",
        "disaster"
    ),
    category!(
        "medtop:04000000",
        "economy, business and finance",
        "economy"
    ),
    category!("medtop:05000000", "education", "education"),
    category!("medtop:06000000", "environment", "environment"),
    category!("medtop:07000000", "health", "health"),
    category!("medtop:08000000", "human interest", "human_interest"),
    category!("medtop:09000000", "labour", "labour"),
    category!("medtop:10000000", "lifestyle and leisure", "lifestyle"),
    category!("medtop:11000000", "politics", "politics"),
    category!("medtop:12000000", "religion", "religion"),
    category!("medtop:13000000", "science and technology", "science"),
    category!("medtop:14000000", "society", "society"),
    category!("medtop:15000000", "sport", "sport"),
    category!("medtop:16000000", "conflict, war and peace", "conflict"),
    category!("medtop:17000000", "weather", "weather"),
];

const ECONOMY: usize = 3;
const POLITICS: usize = 10;
const SPORT: usize = 14;
const CRIME: usize = 1;
const HEALTH: usize = 6;
const EDUCATION: usize = 4;
const RELIGION: usize = 11;
const CULTURE: usize = 0;
const SCIENCE: usize = 12;
const CONFLICT: usize = 15;

/// A category's score must be at least this share of all the evidence.
pub const MIN_SHARE: f32 = 0.12;
/// Below this much weighted evidence in total, no category is given.
const MIN_EVIDENCE: f32 = 2.0;

/// Matching key → (category index, weight).
type Lexicon = super::FastMap<String, Vec<(u8, f32)>>;

static LEXICON: Lazy<Lexicon> = Lazy::new(|| {
    let mut map: Lexicon = Lexicon::default();
    for (i, cat) in CATEGORIES.iter().enumerate() {
        for (_, cols) in tsv_rows(cat.lexicon) {
            let lemma = cols[0].trim();
            if lemma.is_empty() {
                continue;
            }
            let weight = cols
                .get(1)
                .and_then(|w| w.trim().parse::<f32>().ok())
                .filter(|w| w.is_finite() && *w > 0.0)
                .unwrap_or(1.0);
            let entry = map.entry(stem(lemma)).or_default();
            match entry.iter_mut().find(|(c, _)| *c as usize == i) {
                Some(e) => e.1 = e.1.max(weight),
                None => entry.push((i as u8, weight)),
            }
        }
    }
    map
});

/// The lexicon hits of a matching key: (category index, weight).
pub(crate) fn lexicon_hits(key: &str) -> &'static [(u8, f32)] {
    LEXICON.get(key).map(Vec::as_slice).unwrap_or(&[])
}

/// Number of lemmas in each category's lexicon, in [`CATEGORIES`] order.
pub fn lexicon_sizes() -> Vec<usize> {
    CATEGORIES
        .iter()
        .map(|c| tsv_rows(c.lexicon).count())
        .collect()
}

/// Per-document accumulator of category evidence.
#[derive(Debug, Default)]
pub(crate) struct CategoryScorer {
    raw: [f32; 17],
}

impl CategoryScorer {
    /// Adds one word occurrence, by its matching key, with a position factor.
    #[cfg(test)]
    pub(crate) fn add_key(&mut self, key: &str, factor: f32) {
        self.add_hits(lexicon_hits(key), factor);
    }

    /// Adds one word occurrence's lexicon hits with a position factor.
    pub(crate) fn add_hits(&mut self, hits: &[(u8, f32)], factor: f32) {
        for &(c, w) in hits {
            self.raw[c as usize] += w * factor;
        }
    }

    /// Adds the signals of one entity.
    pub(crate) fn add_entity(&mut self, entity: &Entity, factor: f32) {
        match entity.label {
            Label::Money | Label::Percent => self.raw[ECONOMY] += 0.5 * factor,
            _ => {}
        }
        let Some(subtype) = entity.subtype.as_deref() else {
            return;
        };
        let target = match subtype {
            "party" | "government" | "parliament" | "institution" | "politician" => POLITICS,
            "company" | "bank" | "airline" | "brand" | "stock_exchange" => ECONOMY,
            "club" | "team" | "league" | "athlete" | "sports" => SPORT,
            "court" | "police" | "prosecutor" => CRIME,
            "hospital" | "clinic" => HEALTH,
            "school" | "university" => EDUCATION,
            "church" | "religious" | "clergy" => RELIGION,
            "media" | "newspaper" | "broadcaster" | "festival" | "artist" | "band" => CULTURE,
            "research" | "space_agency" => SCIENCE,
            "military" | "armed_forces" => CONFLICT,
            _ => return,
        };
        self.raw[target] += 1.0 * factor;
    }

    /// The categories above the threshold, best first, at most `k`.
    pub(crate) fn finish(&self, k: usize) -> Vec<Category> {
        let total: f32 = self.raw.iter().sum();
        if total < MIN_EVIDENCE || k == 0 {
            return Vec::new();
        }
        let mut order: Vec<usize> = (0..CATEGORIES.len()).collect();
        order.sort_unstable_by(|&a, &b| self.raw[b].total_cmp(&self.raw[a]).then(a.cmp(&b)));
        order
            .into_iter()
            .map(|i| (i, self.raw[i] / total))
            .filter(|&(_, share)| share >= MIN_SHARE)
            .take(k)
            .map(|(i, share)| Category {
                code: CATEGORIES[i].code.to_string(),
                name: CATEGORIES[i].name.to_string(),
                score: share,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_files_name_their_code() {
        for cat in &CATEGORIES {
            let header = format!("# code\t{}", cat.code);
            assert!(
                cat.lexicon.lines().any(|l| l == header),
                "{} lacks `{header}`",
                cat.file
            );
        }
    }

    #[test]
    fn weights_parse() {
        for cat in &CATEGORIES {
            for (line, cols) in tsv_rows(cat.lexicon) {
                assert!(cols.len() <= 2, "{}:{line}", cat.file);
                if let Some(w) = cols.get(1) {
                    let w: f32 = w.parse().unwrap_or_else(|_| panic!("{}:{line}", cat.file));
                    assert!(w > 0.0 && w <= 3.0, "{}:{line}", cat.file);
                }
            }
        }
    }

    #[test]
    fn scorer_prefers_the_evidence() {
        let mut s = CategoryScorer::default();
        for w in ["piłkarz", "mecz", "bramka", "trener", "rząd"] {
            s.add_key(&stem(w), 1.0);
        }
        let cats = s.finish(3);
        assert_eq!(cats[0].name, "sport");
        assert!(cats.iter().all(|c| c.score >= MIN_SHARE));
        assert!(CategoryScorer::default().finish(3).is_empty());
    }
}
