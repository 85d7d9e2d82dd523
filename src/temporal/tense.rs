//! Which way a sentence looks: past, future or neither.
//!
//! Used to resolve expressions that name a day or month without a year
//! (`15 października`, `w marcu`) and weekdays (`w czwartek`).
//!
//! # Heuristic
//!
//! Every word of the sentence is a possible *marker*:
//! - **past**: a lower-case word with a Polish past-tense ending: `-ł`, `-ła`,
//!   `-ło`, `-li`, `-ły`, `-łem`, `-łam`, `-łeś`, `-łaś`, `-liśmy`, `-łyśmy`,
//!   `-liście`, `-łyście` (`był`, `odbyła`, `podpisali`, `zmarło`), minus a
//!   short stop list of nouns and adjectives with the same endings (`szkoła`,
//!   `cały`, `poseł`, `roli`, …); also `ubiegły`/`zeszły`/`poprzedni` and
//!   `wczoraj`;
//! - **future**: `będzie`, `będą`, `zostanie`, `zostaną`, `odbędzie`,
//!   `rozpocznie`, `planowany`, `zaplanowano`, … (a closed list), `ma`/`mają`
//!   followed within two words by an infinitive (`ma się odbyć`), and
//!   `przyszły`/`następny`/`jutro`/`pojutrze`.
//!
//! The marker nearest to the expression (in tokens) decides; a tie goes to
//! the past (news report more than they announce). No marker: neutral.

use super::Scan;
use super::lexicon::{Lex, Rel};
use crate::model::{Shape, TokenKind};

/// Tense markers (token index, tense) per sentence, filled on first use.
pub(crate) type MarkerCache = std::cell::RefCell<Vec<Option<Vec<(usize, Tense)>>>>;

/// The direction a sentence looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Neutral,
    Future,
}

/// Future markers (a closed list).
fn is_future_word(word: &str) -> bool {
    matches!(
        word,
        "będzie"
            | "będą"
            | "będę"
            | "będziemy"
            | "będziecie"
            | "zostanie"
            | "zostaną"
            | "odbędzie"
            | "odbędą"
            | "rozpocznie"
            | "rozpoczną"
            | "zakończy"
            | "zakończą"
            | "nastąpi"
            | "potrwa"
            | "planowany"
            | "planowana"
            | "planowane"
            | "planuje"
            | "planują"
            | "zaplanowany"
            | "zaplanowana"
            | "zaplanowane"
            | "zaplanowano"
            | "zamierza"
            | "zamierzają"
            | "wejdzie"
            | "wejdą"
            | "ruszy"
            | "ruszą"
            | "przyjedzie"
            | "przyjadą"
            | "odwiedzi"
            | "spotka"
            | "spotkają"
            | "otworzy"
    )
}

const NOT_PAST: &[&str] = &[
    "cały",
    "cała",
    "mały",
    "mała",
    "biały",
    "biała",
    "stały",
    "trwały",
    "dojrzały",
    "okazały",
    "szkoła",
    "szkoły",
    "siła",
    "siły",
    "uchwała",
    "uchwały",
    "skała",
    "skały",
    "reguła",
    "reguły",
    "pszczoła",
    "koło",
    "czoło",
    "dzieło",
    "ciało",
    "miło",
    "mało",
    "zło",
    "szkło",
    "źródło",
    "hasło",
    "światło",
    "tło",
    "masło",
    "krzesło",
    "roli",
    "woli",
    "soli",
    "fali",
    "kapeli",
    "poseł",
    "posła",
    "orzeł",
    "węzeł",
    "kocioł",
    "kościół",
    "stół",
    "dół",
    "anioł",
    "popiół",
    "dali",
];

const PAST_ENDINGS: &[&str] = &[
    "ł", "ła", "ło", "li", "ły", "łem", "łam", "łeś", "łaś", "liśmy", "łyśmy", "liście", "łyście",
];

/// True for a lower-case word that looks like a past-tense verb form.
pub(crate) fn is_past_verb(word: &str) -> bool {
    // every ending has `ł` or ends in `li`/`liśmy`/`liście`: a cheap pre-check
    let b = word.as_bytes();
    let has_l = b.windows(2).any(|w| w == [0xC5, 0x82]);
    if !(has_l || word.ends_with("li") || word.ends_with("liśmy") || word.ends_with("liście")) {
        return false;
    }
    word.chars().count() >= 3
        && PAST_ENDINGS.iter().any(|e| word.ends_with(e))
        && !NOT_PAST.contains(&word)
}

impl Scan<'_> {
    fn marker(&self, j: usize) -> Option<Tense> {
        match self.lex(j) {
            Some(Lex::Rel(Rel::Prev)) => return Some(Tense::Past),
            Some(Lex::Rel(Rel::Next)) => {
                // `przyszły`/`następny`; `przyszła` is also a verb, but as a
                // marker both read forward or are rare enough
                return Some(Tense::Future);
            }
            Some(Lex::DayRel(d)) if d < 0 => return Some(Tense::Past),
            Some(Lex::DayRel(d)) if d > 0 => return Some(Tense::Future),
            Some(_) => return None,
            None => {}
        }
        let t = self.toks.get(j)?;
        if t.kind != TokenKind::Word {
            return None;
        }
        let mut buf = [0u8; 48];
        let word = match t.shape {
            Shape::Lower => self.s(j),
            Shape::Capitalized => lower_into(self.s(j), &mut buf)?,
            _ => return None,
        };
        if is_future_word(word) {
            return Some(Tense::Future);
        }
        if matches!(word, "ma" | "mają")
            && (j + 1..j + 3)
                .any(|k| self.s(k).ends_with('ć') && self.toks[k].shape == Shape::Lower)
        {
            return Some(Tense::Future);
        }
        is_past_verb(word).then_some(Tense::Past)
    }

    /// The tense of the sentence around token `i` (see the module doc).
    pub(crate) fn tense(&self, i: usize) -> Tense {
        let found = self.sentences.binary_search_by(|s| {
            if s.tokens.end <= i {
                std::cmp::Ordering::Less
            } else if s.tokens.start > i {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        });
        let Ok(k) = found else {
            return Tense::Neutral;
        };
        // the markers of a sentence are computed once, when first needed
        let mut cache = self.markers.borrow_mut();
        if cache.len() != self.sentences.len() {
            *cache = vec![None; self.sentences.len()];
        }
        let markers = cache[k].get_or_insert_with(|| {
            self.sentences[k]
                .tokens
                .clone()
                .filter_map(|j| self.marker(j).map(|t| (j, t)))
                .collect()
        });
        let mut best: Option<(usize, Tense)> = None;
        for &(j, t) in markers.iter() {
            let dist = j.abs_diff(i);
            let better = match best {
                None => true,
                Some((d, bt)) => dist < d || (dist == d && t == Tense::Past && bt != t),
            };
            if better {
                best = Some((dist, t));
            }
        }
        best.map_or(Tense::Neutral, |(_, t)| t)
    }
}

/// Lower-cases a short word into `buf`.
pub(crate) fn lower_into<'b>(word: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let mut tmp = [0u8; 4];
        let s = c.encode_utf8(&mut tmp);
        if n + s.len() > buf.len() {
            return None;
        }
        buf[n..n + s.len()].copy_from_slice(s.as_bytes());
        n += s.len();
    }
    std::str::from_utf8(&buf[..n]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_endings() {
        for w in [
            "był",
            "odbyła",
            "podpisali",
            "zmarło",
            "zrobiłem",
            "byliśmy",
        ] {
            assert!(is_past_verb(w), "{w}");
        }
        for w in ["szkoła", "poseł", "roli", "dom", "będzie", "ił"] {
            assert!(!is_past_verb(w), "{w}");
        }
    }
}
