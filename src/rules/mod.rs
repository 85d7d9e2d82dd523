//! Rules for names: people, organizations, quoted titles, and the
//! propagation of names found once to their later mentions.
//!
//! Every rule has an id that entities carry as their `source`
//! (`rule:per.first_name`, …) and a priority for overlap resolution
//! (see `src/resolve.rs`): higher wins over any candidate it overlaps.
//!
//! | id | priority | what it finds |
//! |----|----------|---------------|
//! | `rule:quoted.*` | 65 | `dziennik „Rzeczpospolita”` → PRO `Rzeczpospolita` |
//! | `rule:pro.domain` | 65 | a portal written as a domain: `Przegląd.pl` |
//! | `rule:per.first_name` | 60 | a first name + capitalized words: `Jan Kowalski` |
//! | `rule:per.title` | 56 | a title or role + capitalized words: `premier Nowak` |
//! | `rule:org.trigger` | 55 | `Urząd Skarbowy`, `Fundacja Rozwoju Miast` |
//! | `rule:org.trigger_alone` | 55 | `Komisja` capitalized alone inside a sentence |
//! | `rule:org.suffix` | 55 | `Alantra Partners`, `Nowak i Syn sp. z o.o.` |
//! | `rule:per.speech` | 54 | a name next to a verb of saying: `dodał Zawadzki` |
//! | `rule:per.surname` | 53 | a word the morphology knows only as a surname: `Kaczyńskiego` |
//! | `rule:per.propagate` | 52 | later mentions of a person found above: `Kowalskiego` |
//! | `rule:loc.geo` | 51 | a word the morphology knows only as a place: `do Pcimia` |
//! | gazetteer | 50 | see [`crate::gazetteer`] |
//! | `rule:org.acronym` | 30 | an unknown all-caps word inside a sentence: `PZU` |
//! | `rule:pro.code` | 30 | capitals with digits: `XR500` |
//!
//! Sentence-initial capitals are not names unless a list or a rule says so:
//! the rules never start a name on a sentence's first word unless that word
//! is a known first name or trigger.
//!
//! ```
//! use polner::{Extractor, Label};
//! let text = "Wczoraj rzecznik Jan Kowalski spotkał się z premierem Nowakiem. Kowalskiego to nie zdziwiło.";
//! let doc = Extractor::new().extract(text);
//! let people: Vec<(&str, &str)> = doc.entities.iter()
//!     .filter(|e| e.label == Label::Per)
//!     .map(|e| (&text[e.byte_range()], e.lemma.as_str())).collect();
//! assert_eq!(people, [("Jan Kowalski", "Jan Kowalski"), ("Nowakiem", "Nowak"), ("Kowalskiego", "Kowalski")]);
//! ```

mod known;
pub(crate) mod lemma;
pub(crate) mod lexicon;
mod location;
mod organization;
mod person;
mod propagation;
mod quoted;

use crate::model::{Label, Shape, Token, TokenKind};
use crate::pipeline::{Candidate, Context, Stage};
use lexicon::{Entry, FirstName, Trigger, TriggerKind};
use std::borrow::Cow;
use std::ops::Range;

/// The name rules as one pipeline stage (after the gazetteers).
#[derive(Debug, Default)]
pub struct NameRules {
    _private: (),
}

impl NameRules {
    /// The rules with the built-in word lists.
    pub fn new(_builtin: bool) -> NameRules {
        NameRules { _private: () }
    }
}

/// A word token starting with an upper-case letter (see [`View::is_cap`]).
const CAP: u16 = 1;
/// A lower-case word token.
const LOWER: u16 = 1 << 1;
/// Any token of shape [`Shape::Upper`].
const UPPER: u16 = 1 << 2;
/// The first word of a sentence (after opening punctuation).
const SENT_START: u16 = 1 << 3;
/// `Facts::entry` holds the lexicon's answer for the word.
const LOOKED_UP: u16 = 1 << 4;

/// What the rules ask about one token, computed once per document.
#[derive(Clone, Copy)]
struct Facts {
    flags: u16,
    /// The label and priority of the strongest earlier candidate
    /// (gazetteer) covering the token.
    covered: Option<(Label, u8)>,
    /// That candidate's token range, as an index in `View::covered_spans`
    /// (`u32::MAX` past four billion candidates: no range).
    span: u32,
    /// The lexicon entry of the word (when `LOOKED_UP`).
    entry: Option<&'static Entry>,
}

/// A read-only view of the document for the rules: the tokens with the
/// facts every rule tests (capitalization, sentence starts, earlier
/// candidates, lexicon entries), each computed once, and the positions
/// where rules can start, so that no rule reads every token.
pub(crate) struct View<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// The capitalized words ([`View::is_cap`]), in order.
    pub caps: Vec<usize>,
    /// The all-caps word tokens (shape [`Shape::Upper`]), in order.
    pub uppers: Vec<usize>,
    /// The lower-case words next to a capitalized word that no earlier
    /// candidate covers, in order.
    pub near_caps: Vec<usize>,
    /// The tokens `.`, in order.
    pub dots: Vec<usize>,
    /// The opening quotes ([`quoted::is_open_quote`]), in order.
    pub open_quotes: Vec<usize>,
    /// The words that can end an organization's name: `sp.` (of
    /// `sp. z o.o.`) and the suffixes (`Partners`, `plc`), in order.
    pub org_ends: Vec<usize>,
    facts: Vec<Facts>,
    /// The token ranges of the earlier candidates.
    covered_spans: Vec<(usize, usize)>,
}

/// The vectors a [`View`] is built in, kept by the thread between
/// documents: a document then allocates none of them, and glibc's malloc
/// does not trim and fault them in again at every call (see
/// `benches/RESULTS-scaling.md`).
struct Buffers {
    caps: Vec<usize>,
    uppers: Vec<usize>,
    near_caps: Vec<usize>,
    dots: Vec<usize>,
    open_quotes: Vec<usize>,
    org_ends: Vec<usize>,
    facts: Vec<Facts>,
    covered_spans: Vec<(usize, usize)>,
    /// The earlier candidates' indices, by start.
    order: Vec<usize>,
}

impl Default for Buffers {
    fn default() -> Buffers {
        Buffers::new()
    }
}

impl Buffers {
    const fn new() -> Buffers {
        Buffers {
            caps: Vec::new(),
            uppers: Vec::new(),
            near_caps: Vec::new(),
            dots: Vec::new(),
            open_quotes: Vec::new(),
            org_ends: Vec::new(),
            facts: Vec::new(),
            covered_spans: Vec::new(),
            order: Vec::new(),
        }
    }
}

std::thread_local! {
    static BUFFERS: std::cell::Cell<Buffers> = const { std::cell::Cell::new(Buffers::new()) };
}

impl<'a> View<'a> {
    // (out of line, like each rule, so that profiles show what each costs)
    #[inline(never)]
    fn new(cx: &'a Context<'a>) -> View<'a> {
        let text = cx.text;
        let tokens = &cx.tokens[..];
        let n = tokens.len();
        let Buffers {
            mut caps,
            mut uppers,
            mut near_caps,
            mut dots,
            mut open_quotes,
            mut org_ends,
            mut facts,
            mut covered_spans,
            mut order,
        } = BUFFERS.with(|b| b.replace(Buffers::new()));
        // (the text as written is the normalized text unless the token
        // says otherwise, so the span's length is the text's)
        let length = |t: &Token| t.span.byte_end.wrapping_sub(t.span.byte_start);
        // (`extend` over the mapped tokens writes the facts in place)
        facts.extend(tokens.iter().enumerate().map(|(i, t)| {
            let flags = if t.kind == TokenKind::Word {
                match t.shape {
                    Shape::Lower => {
                        // `plc`, the one lower-case word of the lists below
                        if (length(t) == 3
                            && text.as_bytes().get(t.span.byte_start..t.span.byte_end)
                                == Some(b"plc"))
                            || t.norm.as_deref() == Some("plc")
                        {
                            org_ends.push(i);
                        }
                        LOWER
                    }
                    Shape::Capitalized | Shape::Upper | Shape::Mixed => {
                        let mut flags = 0;
                        // (an ASCII first byte as written tells, unless
                        // the token's text differs)
                        let first_upper = match (&t.norm, text.as_bytes().get(t.span.byte_start)) {
                            (None, Some(&b)) if b.is_ascii() => b.is_ascii_uppercase(),
                            _ => t.text(text).chars().next().is_some_and(char::is_uppercase),
                        };
                        if first_upper {
                            flags = CAP;
                            caps.push(i);
                        }
                        if t.shape == Shape::Upper {
                            uppers.push(i);
                            flags |= UPPER;
                        }
                        flags
                    }
                    _ => 0,
                }
            } else {
                // `.`, `sp.` and the quotes are no words (letters)
                if length(t) <= 3 || t.norm.is_some() {
                    match t.text(text) {
                        "." => dots.push(i),
                        "sp." => org_ends.push(i),
                        w if quoted::is_open_quote(w) => open_quotes.push(i),
                        _ => {}
                    }
                }
                if t.shape == Shape::Upper { UPPER } else { 0 }
            };
            Facts {
                flags,
                covered: None,
                span: 0,
                entry: None,
            }
        }));
        for s in &cx.sentences {
            let mut i = s.tokens.start;
            while i < s.tokens.end && tokens[i].kind != TokenKind::Word {
                i += 1;
            }
            if i < s.tokens.end {
                facts[i].flags |= SENT_START;
            }
        }
        covered_spans.reserve(cx.candidates.len());
        let mut t = 0usize;
        // the earlier candidates by start (stable: among equal starts, in
        // proposal order); they come mostly in text order already
        let candidates = &cx.candidates[..];
        order.extend(0..candidates.len());
        if !candidates.is_sorted_by_key(|c| c.bytes.start) {
            order.sort_by_key(|&k| candidates[k].bytes.start);
        }
        for &k in &order {
            let c = &candidates[k];
            while t < n && tokens[t].span.byte_end <= c.bytes.start {
                t += 1;
            }
            let mut end = t;
            while end < n && tokens[end].span.byte_start < c.bytes.end {
                end += 1;
            }
            let span = u32::try_from(covered_spans.len()).unwrap_or(u32::MAX);
            covered_spans.push((t, end));
            for f in &mut facts[t..end] {
                if f.covered.is_none_or(|(_, p)| p < c.priority) {
                    f.covered = Some((c.label, c.priority));
                    f.span = span;
                }
            }
        }
        // one lexicon look-up per word a rule may ask about: capitalized
        // and all-caps words, and lower-case words next to a capitalized
        // one (titles, verbs of saying); other words are looked up on demand
        let lexicon = lexicon::entries();
        let look_up = |f: &mut Facts, t: &Token| {
            if f.flags & LOOKED_UP == 0 {
                f.entry = lexicon.get(t.text(text));
                f.flags |= LOOKED_UP;
            }
            f.entry
        };
        let sorted_ends = org_ends.len();
        for &c in &caps {
            if look_up(&mut facts[c], &tokens[c]).is_some_and(|e| e.is(lexicon::ORG_SUFFIX)) {
                org_ends.push(c);
            }
        }
        for &u in &uppers {
            look_up(&mut facts[u], &tokens[u]);
        }
        near_caps.reserve(caps.len() * 2);
        for &c in &caps {
            // (a title or a verb of saying matters only next to a name
            // no earlier candidate took)
            if facts[c].covered.is_some() {
                continue;
            }
            // (in order: `c - 1` comes after the `c + 1` of an earlier
            // capitalized word, or is that same word)
            for i in [c.wrapping_sub(1), c + 1] {
                if i < n && facts[i].flags & LOWER != 0 && near_caps.last() != Some(&i) {
                    near_caps.push(i);
                    look_up(&mut facts[i], &tokens[i]);
                }
            }
        }
        if sorted_ends > 0 && org_ends.len() > sorted_ends {
            org_ends.sort_unstable();
        }
        order.clear();
        BUFFERS.with(|b| {
            let mut kept = b.take();
            kept.order = order;
            b.set(kept);
        });
        View {
            text,
            tokens,
            caps,
            uppers,
            near_caps,
            dots,
            open_quotes,
            org_ends,
            facts,
            covered_spans,
        }
    }

    /// Gives the view's vectors back to the thread for the next document.
    fn recycle(self) {
        if self.facts.capacity() > crate::pipeline::KEPT_TOKENS {
            return;
        }
        let clear = |mut v: Vec<usize>| {
            v.clear();
            v
        };
        let mut facts = self.facts;
        facts.clear();
        let mut covered_spans = self.covered_spans;
        covered_spans.clear();
        BUFFERS.with(|b| {
            let kept = b.take();
            b.set(Buffers {
                caps: clear(self.caps),
                uppers: clear(self.uppers),
                near_caps: clear(self.near_caps),
                dots: clear(self.dots),
                open_quotes: clear(self.open_quotes),
                org_ends: clear(self.org_ends),
                facts,
                covered_spans,
                order: kept.order,
            })
        });
    }

    /// The normalized text of token `i`.
    pub fn word(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// The lexicon entry of token `i`'s word, if the lexicon knows it.
    #[inline]
    pub fn entry(&self, i: usize) -> Option<&'static Entry> {
        let f = &self.facts[i];
        if f.flags & LOOKED_UP != 0 {
            f.entry
        } else {
            self.look_up(i)
        }
    }

    /// [`View::entry`] of a word the view did not look up (rare).
    #[inline(never)]
    fn look_up(&self, i: usize) -> Option<&'static Entry> {
        lexicon::entry(self.word(i))
    }

    /// The first-name readings of token `i` (see [`lexicon::first_name`]).
    pub fn first_names(&self, i: usize) -> Option<&'static [FirstName]> {
        self.entry(i).and_then(Entry::first_names)
    }

    /// The trigger reading of token `i` (see [`Entry::trigger`]).
    pub fn trigger(&self, i: usize, kind: TriggerKind) -> Option<Trigger> {
        self.entry(i)?.trigger(kind)
    }

    /// Whether token `i`'s word is in a lexicon class (`lexicon::SPEECH_VERB`, …).
    pub fn is(&self, i: usize, class: u8) -> bool {
        self.entry(i).is_some_and(|e| e.is(class))
    }

    /// True for the first word of a sentence (after opening punctuation).
    pub fn sent_start(&self, i: usize) -> bool {
        self.facts[i].flags & SENT_START != 0
    }

    /// The label and priority of an earlier candidate (gazetteer) covering
    /// token `i`.
    pub fn covered(&self, i: usize) -> Option<(Label, u8)> {
        self.facts[i].covered
    }

    /// The token range of the candidate [`View::covered`] reports.
    pub fn covered_span(&self, i: usize) -> Option<Range<usize>> {
        let f = &self.facts[i];
        f.covered?;
        let &(start, end) = self.covered_spans.get(f.span as usize)?;
        Some(start..end)
    }

    /// A word token starting with an upper-case letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.facts[i].flags & CAP != 0
    }

    /// A lower-case word token.
    pub fn is_lower(&self, i: usize) -> bool {
        self.facts[i].flags & LOWER != 0
    }

    /// A token of shape [`Shape::Upper`] (`NATO`).
    pub fn is_upper(&self, i: usize) -> bool {
        self.facts[i].flags & UPPER != 0
    }

    /// A capitalized word alone inside a sentence: not its first word, not
    /// under an earlier candidate, not all-caps, with no capitalized word
    /// next to it (but one opening the sentence before it). `i` is above 0.
    pub fn alone_inside_sentence(&self, i: usize) -> bool {
        self.is_cap(i)
            && !self.sent_start(i)
            && self.covered(i).is_none()
            && !self.is_upper(i)
            && (!self.is_cap(i - 1) || self.sent_start(i - 1))
            && !(i + 1 < self.tokens.len() && self.is_cap(i + 1))
    }

    /// True when a line break separates token `i` from the token before.
    pub fn line_break_before(&self, i: usize) -> bool {
        i > 0
            && self
                .text
                .as_bytes()
                .get(self.tokens[i - 1].span.byte_end..self.tokens[i].span.byte_start)
                .is_some_and(|gap| gap.contains(&b'\n'))
    }

    /// The words of tokens `r` as written in the input (lemmas keep the
    /// text's own apostrophes and quotes; matching uses [`View::word`]).
    pub fn raw(&self, r: impl std::ops::RangeBounds<usize>) -> Vec<&'a str> {
        let start = match r.start_bound() {
            std::ops::Bound::Included(&s) => s,
            std::ops::Bound::Excluded(&s) => s + 1,
            std::ops::Bound::Unbounded => 0,
        };
        let end = match r.end_bound() {
            std::ops::Bound::Included(&e) => e + 1,
            std::ops::Bound::Excluded(&e) => e,
            std::ops::Bound::Unbounded => self.tokens.len(),
        };
        self.tokens[start..end]
            .iter()
            .map(|t| &self.text[t.byte_range()])
            .collect()
    }

    /// Marks the tokens that overlap any of the candidates.
    pub fn mark(&self, candidates: &[Candidate]) -> Vec<bool> {
        let mut marked = vec![false; self.tokens.len()];
        self.mark_more(&mut marked, candidates);
        marked
    }

    /// Marks also the tokens that overlap any of `candidates`.
    pub fn mark_more(&self, marked: &mut [bool], candidates: &[Candidate]) {
        for c in candidates {
            let first = self
                .tokens
                .partition_point(|t| t.span.byte_end <= c.bytes.start);
            for (t, m) in self.tokens[first..].iter().zip(&mut marked[first..]) {
                if t.span.byte_start >= c.bytes.end {
                    break;
                }
                *m = true;
            }
        }
    }

    /// The byte range of tokens `r`.
    pub fn bytes(&self, r: Range<usize>) -> Range<usize> {
        self.tokens[r.start].span.byte_start..self.tokens[r.end - 1].span.byte_end
    }

    /// A candidate over tokens `r`.
    #[allow(clippy::too_many_arguments)]
    pub fn candidate(
        &self,
        r: Range<usize>,
        label: Label,
        subtype: Option<&'static str>,
        lemma: String,
        source: &'static str,
        score: f32,
        priority: u8,
    ) -> Candidate {
        Candidate {
            bytes: self.bytes(r),
            label,
            subtype: subtype.map(Cow::Borrowed),
            lemma,
            value: None,
            source: Cow::Borrowed(source),
            score,
            priority,
        }
    }
}

/// Whether `s` has at least `k` characters, without counting
/// them all.
pub(crate) fn at_least_chars(s: &str, k: usize) -> bool {
    // (a character takes one to four bytes)
    s.len() >= 4 * k || (s.len() >= k && s.chars().nth(k.saturating_sub(1)).is_some())
}

impl Stage for NameRules {
    fn name(&self) -> &'static str {
        "rules"
    }

    fn run(&self, cx: &mut Context<'_>) {
        // (View::new and each rule are kept out of line, so that a profile
        // shows what each costs)
        let found = {
            let view = View::new(cx);
            let mut found = Vec::new();
            quoted::find(&view, &mut found);
            person::find(&view, &mut found);
            person::find_speech(&view, &mut found);
            let taken = view.mark(&found);
            let marked = found.len();
            let mut known = known::KnownWords::with_capacity(view.caps.len() / 4);
            person::find_surnames(&view, &taken, &mut known, &mut found);
            location::find(&view, &taken, &mut known, &mut found);
            organization::find(&view, &mut found);
            propagation::find(&view, &cx.candidates, (taken, marked), &mut found);
            view.recycle();
            found
        };
        cx.candidates.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(bytes: Range<usize>) -> Candidate {
        Candidate {
            bytes,
            label: Label::Loc,
            subtype: None,
            lemma: String::new(),
            value: None,
            source: Cow::Borrowed("test"),
            score: 1.0,
            priority: 1,
        }
    }

    /// Checks `View::mark` against plain overlap for each list of byte
    /// ranges over `text`.
    fn check_marks(text: &str, lists: &[Vec<Range<usize>>]) {
        let cx = Context::new(text, None);
        let view = View::new(&cx);
        for list in lists {
            let candidates: Vec<Candidate> = list.iter().cloned().map(candidate).collect();
            let expected: Vec<bool> = cx
                .tokens
                .iter()
                .map(|t| {
                    candidates
                        .iter()
                        .any(|c| t.span.byte_start < c.bytes.end && c.bytes.start < t.span.byte_end)
                })
                .collect();
            assert_eq!(view.mark(&candidates), expected, "{list:?}");
        }
        view.recycle();
    }

    #[test]
    fn marked_tokens_are_those_overlapping_a_candidate_in_any_order() {
        let text = "Jan Kowalski i Anna Nowak spotkali się w Nowej Hucie, a potem w Gdańsku.";
        let span = |word: &str| {
            let start = text.find(word).unwrap();
            start..start + word.len()
        };
        // in text order, then one before the others, one inside a token's
        // bytes, and an empty list
        check_marks(
            text,
            &[
                vec![span("Jan Kowalski"), span("Nowej Hucie"), span("Gdańsku")],
                vec![
                    span("Nowej Hucie"),
                    span("Anna"),
                    span("Gdańsku"),
                    span("Jan"),
                ],
                vec![span("owalski")],
                vec![],
            ],
        );
    }

    #[test]
    fn marks_are_found_across_long_and_short_gaps() {
        let text = "Pan Nowak był w Gdańsku. ".repeat(300);
        let starts: Vec<usize> = text.match_indices("Gdańsku").map(|(i, _)| i).collect();
        let at = |k: usize| starts[k]..starts[k] + "Gdańsku".len();
        let last = starts.len() - 1;
        check_marks(
            &text,
            &[
                // neighbours, then gaps of every size up to the whole text
                (0..40).map(at).collect(),
                [0, 1, 3, 7, 15, 31, 63, 127, 255, last].map(at).to_vec(),
                vec![at(last)],
                // back to the start, then forward again
                vec![at(200), at(5), at(6), at(250), at(0)],
                // the end of the text
                std::iter::once(text.len() - 1..text.len()).collect(),
            ],
        );
    }
}
