//! Token-level matching of gazetteer forms.
//!
//! Every surface form is tokenized and its normalized tokens are joined with
//! one space into a key (`Urzędu Miasta Krakowa`). The keys' words go into a
//! trie of hash-table nodes ([`super::trie`]): matching probes the table
//! with a token's text, then with the next token's under the node found, and
//! so on, recording the longest key that ends on a token boundary — one probe
//! per token, no allocation. The keys also go into an [`fst::Map`] (value:
//! the entry index), which answers whole-form look-ups and matches the rare
//! tokens with a space inside (`130 000`) by walking the automaton over the
//! tokens' text joined by spaces.

use super::GazetteerEntry;
use super::trie::{NONE, NodeInfo, ROOT, WordTrie};
use crate::model::Token;
use fst::raw::{Fst, Node, Output};
use std::collections::BTreeMap;

/// A compiled set of gazetteer entries.
pub struct Gazetteer {
    fst: Fst<Vec<u8>>,
    entries: Vec<GazetteerEntry>,
    /// Bytes some key starts with: tokens starting otherwise are skipped
    /// without walking the automaton.
    first_bytes: [bool; 256],
    /// The keys' words as a trie (see [`super::trie`]): a token that is no
    /// key's first word is skipped with one hash probe, and a key is matched
    /// with one probe per token, without walking the automaton.
    trie: WordTrie,
    /// The first two bytes of the first words that start with a lower-case
    /// letter, as a bit set (65 536 bits): most lower-case words of a text
    /// are ruled out by one bit test, before any hashing.
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
        let mut trie = WordTrie::with_capacity(keys.len() + keys.len() / 4);
        let mut lower_pairs = vec![0u64; 65_536 / 64].into_boxed_slice();
        for (k, &value) in &keys {
            first_bytes[k.as_bytes()[0] as usize] = true;
            let lower = k.chars().next().is_some_and(char::is_lowercase);
            // the key's words, each a node under the one before it
            let mut parent = ROOT;
            let mut words = k.split(' ').peekable();
            while let Some(word) = words.next() {
                if parent == ROOT && lower {
                    let bit = pair_bit(word);
                    lower_pairs[bit / 64] |= 1 << (bit % 64);
                }
                let new = NodeInfo {
                    single: NONE,
                    multi: false,
                    lower: parent == ROOT && lower,
                };
                let (id, h) = trie.get_or_insert(parent, word, new);
                if words.peek().is_some() {
                    h.multi = true;
                } else {
                    h.single = u32::try_from(value).unwrap_or(NONE);
                }
                parent = id;
            }
        }
        let fst = fst::Map::from_iter(keys)
            .expect("BTreeMap keys are sorted and unique")
            .into_fst();
        Gazetteer {
            fst,
            entries,
            first_bytes,
            trie,
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
    ///
    /// ```
    /// use polner::gazetteer::{parse_tsv, Gazetteer};
    /// let g = Gazetteer::new(parse_tsv("t", "Nowy Sącz\tLOC\nNowy Targ\tLOC\nNowy\tPER\n").unwrap());
    /// let text = "Nowy Targ i Nowy Jork";
    /// let tokens = polner::tokenize(text);
    /// assert_eq!(g.longest_at(text, &tokens, 0), Some((2, 1)));
    /// assert_eq!(g.longest_at(text, &tokens, 3), Some((4, 2)));
    /// assert_eq!(g.longest_at(text, &tokens, 1), None);
    /// ```
    #[inline]
    pub fn longest_at(&self, text: &str, tokens: &[Token], start: usize) -> Option<(usize, usize)> {
        // the cheap rejections of most tokens, inlined into the caller's
        // loop: the first byte, and the first two of a lower-case word
        let token = tokens.get(start)?;
        let bytes = match &token.norm {
            Some(norm) => norm.as_bytes(),
            None => text.as_bytes().get(token.span.bytes())?,
        };
        let first = *bytes.first()?;
        if !self.first_bytes[first as usize] {
            return None;
        }
        if token.shape == crate::model::Shape::Lower {
            let bit = (usize::from(first) << 8) | usize::from(bytes.get(1).copied().unwrap_or(0));
            if self.lower_pairs[bit / 64] & (1 << (bit % 64)) == 0 {
                return None;
            }
        }
        self.longest_from(bytes, text, tokens, start)
    }

    /// [`Gazetteer::longest_at`] past its cheap rejections: a hash probe of
    /// the token, then, while longer keys go on, one of each next token.
    #[inline(never)]
    fn longest_from(
        &self,
        word: &[u8],
        text: &str,
        tokens: &[Token],
        start: usize,
    ) -> Option<(usize, usize)> {
        let lower = tokens[start].shape == crate::model::Shape::Lower;
        let (mut node, first) = match self.trie.get(ROOT, word) {
            Some((id, h)) if !lower || h.lower => (id, h),
            Some(_) => return None,
            // a token with a space inside (`130 000`) may be the start of a
            // key's first word: the automaton decides (a lower-case word is
            // only looked for among the first words)
            None if !lower && word.contains(&b' ') => return self.walk(text, tokens, start),
            None => return None,
        };
        let mut best = (first.single != NONE).then_some((start + 1, first.single as usize));
        let mut multi = first.multi;
        let mut j = start + 1;
        while multi && let Some(token) = tokens.get(j) {
            let word = token.text(text).as_bytes();
            match self.trie.get(node, word) {
                Some((id, h)) => {
                    if h.single != NONE {
                        best = Some((j + 1, h.single as usize));
                    }
                    multi = h.multi;
                    node = id;
                    j += 1;
                }
                // as above, for a word of the key
                None if word.contains(&b' ') => return self.walk(text, tokens, start),
                None => break,
            }
        }
        best
    }

    /// The longest key starting at token `start`, found by walking the
    /// automaton over the tokens' text joined by spaces.
    fn walk(&self, text: &str, tokens: &[Token], start: usize) -> Option<(usize, usize)> {
        let mut node = self.fst.root();
        let mut out = Output::zero();
        let mut best = None;
        let fst = &self.fst;
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
fn step<'f>(fst: &'f Fst<Vec<u8>>, node: Node<'f>, out: &mut Output, byte: u8) -> Option<Node<'f>> {
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

    /// What `longest_at` answered before the trie: the
    /// automaton walked from every token, except lower-case tokens that are
    /// no lower-case key's first word.
    fn reference_longest_at(
        g: &Gazetteer,
        text: &str,
        tokens: &[Token],
        start: usize,
    ) -> Option<(usize, usize)> {
        let token = &tokens[start];
        let word = token.text(text);
        if token.shape == crate::model::Shape::Lower
            && (word.contains(' ') || !word.chars().next().is_some_and(char::is_lowercase))
        {
            return None;
        }
        g.walk(text, tokens, start)
    }

    #[test]
    fn trie_agrees_with_walking_the_automaton() {
        let mut text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/resources/examples/gdansk-port.txt"
        ))
        .unwrap();
        text.push_str(
            " Nowy Sącz, Nowego Sącza, Nowy Jork i Nowy. Rosja-USA, 130 000 zł, 130 000 Ludzi, \
             Nagroda 100 000 zł, Nagroda Nobla, Nagroda 100 tys., \
             Unii Europejskiej, brexit, iPhone, NATO, (Kraków) i UE.",
        );
        let tokens = crate::tokenize(&text);
        let builtin = crate::gazetteer::builtin();
        let small = gazetteer(
            "Nowy Sącz\tLOC\t\t\tNowego Sącza\nNowy\tPER\n130 000 Ludzi\tORG\nbrexit\tEVT\n\
             5g\tPRO\nNagroda 100 000\tEVT\nNagroda Nobla\tEVT\n",
        );
        let mut found = 0;
        for g in [builtin, &small] {
            for i in 0..tokens.len() {
                let got = g.longest_at(&text, &tokens, i);
                assert_eq!(got, reference_longest_at(g, &text, &tokens, i), "token {i}");
                found += usize::from(got.is_some());
            }
        }
        assert!(found > 20, "{found}");
        // a token with a space inside starts a key through the automaton
        assert_eq!(
            matched(&small, "Było 130 000 Ludzi."),
            [("130 000 Ludzi", "130 000 Ludzi")]
        );
        // and so does one further on
        assert_eq!(
            matched(&small, "Nagroda 100 000 zł i Nagroda Nobla."),
            [
                ("Nagroda 100 000", "Nagroda 100 000"),
                ("Nagroda Nobla", "Nagroda Nobla")
            ]
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
