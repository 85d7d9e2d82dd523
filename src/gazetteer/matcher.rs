//! Token-level matching of gazetteer forms with a finite-state transducer.
//!
//! Every surface form is tokenized and its normalized tokens are joined with
//! one space into a key (`Urzędu Miasta Krakowa`). The keys go into an
//! [`fst::Map`] whose value indexes the entry list. Matching walks the
//! automaton from each token, feeding the token's text and a space, and
//! records the longest key that ends on a token boundary: one pass, no
//! allocation per token, cost proportional to the matched prefix.

use super::GazetteerEntry;
use crate::model::Token;
use fst::raw::{Fst, Node};
use std::collections::BTreeMap;

/// A compiled set of gazetteer entries.
pub struct Gazetteer {
    fst: Fst<Vec<u8>>,
    entries: Vec<GazetteerEntry>,
    /// Bytes some key starts with: tokens starting otherwise are skipped
    /// without walking the automaton.
    first_bytes: [bool; 256],
    /// First tokens of the keys that start with a lower-case letter
    /// (`brexit`): lower-case tokens not in it are skipped.
    lower_first: super::FastSet<String>,
    /// The first two bytes of the words in `lower_first`, as a bit set
    /// (65 536 bits): most lower-case words of a text are ruled out by one
    /// bit test, before any hashing.
    lower_pairs: Box<[u64]>,
}

/// The bit of [`Gazetteer::lower_pairs`] for a word's first two bytes (the
/// second is 0 for a one-byte word).
fn pair_bit(word: &str) -> usize {
    let b = word.as_bytes();
    (usize::from(b.first().copied().unwrap_or(0)) << 8)
        | usize::from(b.get(1).copied().unwrap_or(0))
}

/// A match of a gazetteer form over tokens `tokens.start..tokens.end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerMatch {
    /// Token indices.
    pub tokens: std::ops::Range<usize>,
    /// Index of the entry in [`Gazetteer::entries`].
    pub entry: usize,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("keys", &self.fst.len())
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl Gazetteer {
    /// Compiles entries into a matcher. Earlier entries win on shared forms.
    ///
    /// ```
    /// use polner::gazetteer::{parse_tsv, Gazetteer};
    /// let g = Gazetteer::new(parse_tsv("t", "Nowy Sącz\tLOC\tcity\t\tNowego Sącza|Nowym Sączu\n").unwrap());
    /// let text = "Jadę do Nowego Sącza.";
    /// let tokens = polner::tokenize(text);
    /// let found = g.find(text, &tokens);
    /// assert_eq!(found[0].tokens, 2..4);
    /// assert_eq!(g.entries()[found[0].entry].lemma, "Nowy Sącz");
    /// ```
    pub fn new(entries: Vec<GazetteerEntry>) -> Gazetteer {
        let mut keys: BTreeMap<String, u64> = BTreeMap::new();
        for (i, entry) in entries.iter().enumerate() {
            for form in std::iter::once(&entry.lemma).chain(entry.forms.iter()) {
                let key = key_of(form);
                if !key.is_empty() {
                    keys.entry(key).or_insert(i as u64);
                }
            }
        }
        let mut first_bytes = [false; 256];
        let mut lower_first = super::FastSet::default();
        let mut lower_pairs = vec![0u64; 65_536 / 64].into_boxed_slice();
        for k in keys.keys() {
            first_bytes[k.as_bytes()[0] as usize] = true;
            if k.chars().next().is_some_and(char::is_lowercase) {
                let first_word = k.split(' ').next().unwrap_or(k);
                let bit = pair_bit(first_word);
                lower_pairs[bit / 64] |= 1 << (bit % 64);
                lower_first.insert(first_word.to_string());
            }
        }
        let map = fst::Map::from_iter(keys).expect("BTreeMap keys are sorted and unique");
        Gazetteer {
            fst: map.into_fst(),
            entries,
            first_bytes,
            lower_first,
            lower_pairs,
        }
    }

    /// The entries, in load order.
    pub fn entries(&self) -> &[GazetteerEntry] {
        &self.entries
    }

    /// Number of distinct surface keys.
    pub fn len(&self) -> usize {
        self.fst.len()
    }

    /// True when there are no keys.
    pub fn is_empty(&self) -> bool {
        self.fst.len() == 0
    }

    /// The entry of a whole surface form, if it is a key (`Rosja`).
    ///
    /// ```
    /// use polner::gazetteer::{parse_tsv, Gazetteer};
    /// let g = Gazetteer::new(parse_tsv("t", "Wisła\tLOC\tgeo\t\tWisły\n").unwrap());
    /// assert_eq!(g.get("Wisły").map(|e| e.lemma.as_str()), Some("Wisła"));
    /// assert!(g.get("wisły").is_none());
    /// ```
    pub fn get(&self, form: &str) -> Option<&GazetteerEntry> {
        let i = self.fst.get(form.as_bytes())?.value() as usize;
        self.entries.get(i)
    }

    /// Longest matches starting at each token, left to right, not overlapping.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<GazetteerMatch> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if let Some((end, entry)) = self.longest_at(text, tokens, i) {
                out.push(GazetteerMatch {
                    tokens: i..end,
                    entry,
                });
                i = end;
            } else {
                i += 1;
            }
        }
        out
    }

    /// The longest key starting at token `start`: (end token, entry).
    pub fn longest_at(&self, text: &str, tokens: &[Token], start: usize) -> Option<(usize, usize)> {
        let token = tokens.get(start)?;
        let word = token.text(text);
        let first = word.as_bytes().first()?;
        if !self.first_bytes[*first as usize] {
            return None;
        }
        if token.shape == crate::model::Shape::Lower {
            let bit = pair_bit(word);
            if self.lower_pairs[bit / 64] & (1 << (bit % 64)) == 0
                || !self.lower_first.contains(word)
            {
                return None;
            }
        }
        let fst = &self.fst;
        let mut node: Node<'_> = fst.root();
        let mut out = fst::raw::Output::zero();
        let mut best = None;
        for (j, token) in tokens.iter().enumerate().skip(start) {
            if j > start {
                // tokens glued without a gap are still joined by one space
                let Some(t) = step(fst, node, &mut out, b' ') else {
                    break;
                };
                node = t;
            }
            let mut alive = true;
            for &b in token.text(text).as_bytes() {
                match step(fst, node, &mut out, b) {
                    Some(n) => node = n,
                    None => {
                        alive = false;
                        break;
                    }
                }
            }
            if !alive {
                break;
            }
            if node.is_final() {
                best = Some((j + 1, out.cat(node.final_output()).value() as usize));
            }
        }
        best
    }
}

#[inline]
fn step<'f>(
    fst: &'f Fst<Vec<u8>>,
    node: Node<'f>,
    out: &mut fst::raw::Output,
    byte: u8,
) -> Option<Node<'f>> {
    let i = node.find_input(byte)?;
    let t = node.transition(i);
    *out = out.cat(t.out);
    Some(fst.node(t.addr))
}

/// The match key of a surface form: its normalized tokens joined by a space.
pub(crate) fn key_of(form: &str) -> String {
    // fast path: letters separated by single spaces tokenize to themselves
    // (the tokenizer only splits at spaces and changes no letter)
    if !form.is_empty()
        && !form.starts_with(' ')
        && !form.ends_with(' ')
        && !form.contains("  ")
        && form
            .chars()
            .all(|c| c == ' ' || (c.is_alphabetic() && (c.is_ascii() || is_polish_letter(c))))
    {
        return form.to_string();
    }
    let tokens = crate::tokenize(form);
    let mut key = String::with_capacity(form.len());
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.push_str(t.text(form));
    }
    key
}

/// Precomposed Polish letters (already in NFC, never changed by normalization).
fn is_polish_letter(c: char) -> bool {
    "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::parse_tsv;

    #[test]
    fn fast_keys_equal_tokenized_keys() {
        for form in [
            "Nowy Sącz",
            "Łódź",
            "Bielsko-Biała",
            "O'Leary",
            "Euro 2024",
            "Zjednoczone Królestwo",
        ] {
            let tokens = crate::tokenize(form);
            let slow: Vec<&str> = tokens.iter().map(|t| t.text(form)).collect();
            assert_eq!(key_of(form), slow.join(" "), "{form}");
        }
    }

    fn gazetteer(tsv: &str) -> Gazetteer {
        Gazetteer::new(parse_tsv("test", tsv).unwrap())
    }

    fn matched<'a>(g: &'a Gazetteer, text: &'a str) -> Vec<(&'a str, &'a str)> {
        let tokens = crate::tokenize(text);
        g.find(text, &tokens)
            .into_iter()
            .map(|m| {
                let span =
                    tokens[m.tokens.start].span.byte_start..tokens[m.tokens.end - 1].span.byte_end;
                (&text[span], g.entries()[m.entry].lemma.as_str())
            })
            .collect()
    }

    #[test]
    fn longest_match_wins() {
        let g = gazetteer(
            "Kraków\tLOC\t\t\tKrakowa\nUrząd Miasta Krakowa\tORG\t\t\tUrzędu Miasta Krakowa\n",
        );
        assert_eq!(
            matched(&g, "W Urzędzie, w Urzędu Miasta Krakowa i w Krakowa."),
            [
                ("Urzędu Miasta Krakowa", "Urząd Miasta Krakowa"),
                ("Krakowa", "Kraków")
            ]
        );
    }

    #[test]
    fn case_sensitive_and_token_aligned() {
        let g = gazetteer("Kraków\tLOC\n");
        assert!(matched(&g, "kraków Krakówek").is_empty());
        assert_eq!(matched(&g, "(Kraków)"), [("Kraków", "Kraków")]);
    }

    #[test]
    fn normalized_forms_match_typographic_variants() {
        let g = gazetteer("Bielsko-Biała\tLOC\n");
        assert_eq!(
            matched(&g, "Bielsko\u{2011}Biała"),
            [("Bielsko\u{2011}Biała", "Bielsko-Biała")]
        );
    }

    #[test]
    fn first_entry_wins_on_shared_forms() {
        let g = gazetteer("Polska\tLOC\tcountry\nPolska\tORG\n");
        let tokens = crate::tokenize("Polska");
        let m = g.find("Polska", &tokens);
        assert_eq!(g.entries()[m[0].entry].label, crate::Label::Loc);
    }
}
