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

pub(crate) mod lemma;
pub(crate) mod lexicon;
mod location;
mod organization;
mod person;
mod propagation;
mod quoted;

use crate::model::{Label, Shape, Token, TokenKind};
use crate::pipeline::{Candidate, Context, Stage};
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

/// A read-only view of the document for the rules.
pub(crate) struct View<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Normalized token texts.
    pub words: Vec<&'a str>,
    /// Word tokens starting with an upper-case letter (see [`View::is_cap`]).
    cap: Vec<bool>,
    /// True for the first word of a sentence (after opening punctuation).
    pub sent_start: Vec<bool>,
    /// The label of an earlier candidate (gazetteer) covering the token.
    pub covered: Vec<Option<(Label, u8)>>,
    /// The token range of that candidate.
    pub covered_span: Vec<Option<Range<usize>>>,
}

impl<'a> View<'a> {
    fn new(cx: &'a Context<'a>) -> View<'a> {
        let tokens = &cx.tokens[..];
        let words: Vec<&str> = tokens.iter().map(|t| t.text(cx.text)).collect();
        let mut sent_start = vec![false; tokens.len()];
        for s in &cx.sentences {
            let mut i = s.tokens.start;
            while i < s.tokens.end && tokens[i].kind != TokenKind::Word {
                i += 1;
            }
            if i < s.tokens.end {
                sent_start[i] = true;
            }
        }
        let mut covered = vec![None; tokens.len()];
        let mut covered_span: Vec<Option<Range<usize>>> = vec![None; tokens.len()];
        let mut t = 0usize;
        let mut cands: Vec<&Candidate> = cx.candidates.iter().collect();
        cands.sort_by_key(|c| c.bytes.start);
        for c in cands {
            while t < tokens.len() && tokens[t].span.byte_end <= c.bytes.start {
                t += 1;
            }
            let mut end = t;
            while end < tokens.len() && tokens[end].span.byte_start < c.bytes.end {
                end += 1;
            }
            for j in t..end {
                if covered[j].is_none_or(|(_, p)| p < c.priority) {
                    covered[j] = Some((c.label, c.priority));
                    covered_span[j] = Some(t..end);
                }
            }
        }
        let cap = tokens
            .iter()
            .zip(&words)
            .map(|(t, w)| {
                t.kind == TokenKind::Word
                    && matches!(t.shape, Shape::Capitalized | Shape::Upper | Shape::Mixed)
                    && w.chars().next().is_some_and(char::is_uppercase)
            })
            .collect();
        View {
            text: cx.text,
            tokens,
            words,
            cap,
            sent_start,
            covered,
            covered_span,
        }
    }

    /// A word token starting with an upper-case letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.cap[i]
    }

    /// A lower-case word token.
    pub fn is_lower(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Word && self.tokens[i].shape == Shape::Lower
    }

    /// True when tokens `i` and `i + 1` are separated by a line break.
    pub fn line_break_before(&self, i: usize) -> bool {
        i > 0
            && self.text[self.tokens[i - 1].span.byte_end..self.tokens[i].span.byte_start]
                .contains('\n')
    }

    /// The words of tokens `r` as written in the input (lemmas keep the
    /// text's own apostrophes and quotes; matching uses [`View::words`]).
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
        marked
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

impl Stage for NameRules {
    fn name(&self) -> &'static str {
        "rules"
    }

    fn run(&self, cx: &mut Context<'_>) {
        let found = {
            let view = View::new(cx);
            let mut found = Vec::new();
            quoted::find(&view, &mut found);
            person::find(&view, &mut found);
            person::find_speech(&view, &mut found);
            let taken = view.mark(&found);
            person::find_surnames(&view, &taken, &mut found);
            location::find(&view, &taken, &mut found);
            organization::find(&view, &mut found);
            propagation::find(&view, &cx.candidates, &mut found);
            found
        };
        cx.candidates.extend(found);
    }
}
