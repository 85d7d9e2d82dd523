//! Temporal and numeric expressions: dates, times, money, percentages.
//!
//! [`TemporalStage`] walks the tokens once, left to right. At each token that
//! can start an expression (a number, a listed word such as a month, a
//! weekday, `wczoraj`, `ubiegły`, `połowie`, a currency sign, a Roman
//! numeral) it tries the rules below, keeps the longest match, emits one
//! [`Candidate`] and continues after it. There is no regular expression: the
//! rules are small functions over token kinds and a word list
//! (`resources/lists/temporal.tsv`) probed once per word.
//!
//! | rule (`source`) | examples | value |
//! |---|---|---|
//! | `rule:date.numeric` | `15.10.2025`, `15.10.25`, `2025-10-15` | `2025-10-15` |
//! | `rule:date.day_month` | `15 października [2025 r.]`, `15-go października`, `15 X 2025`, `piątek 17 października`, `29 marca ub.r.` | `2025-10-15`, `XXXX-10-15` |
//! | `rule:date.month` | `październiku 2025`, `w marcu`, `marca ubiegłego roku` | `2025-10` |
//! | `rule:date.year` | `1986 roku`, `1986 r.`, `roku 2020`, `w 2020`, `w ub.r.` | `1986` |
//! | `rule:date.decade` | `latach 90.`, `lata 20. XXI wieku`, `latach 90-tych` | `199X`, `202X` |
//! | `rule:date.century` | `XIX wieku`, `XXI w.` | `18XX` |
//! | `rule:date.quarter` | `I kwartale 2026 r.`, `trzecim kwartale` | `2026-Q1` |
//! | `rule:date.half` | `pierwszej połowie roku`, `drugim półroczu 2024` | `2025-H1` |
//! | `rule:date.part` | `połowie listopada`, `końca roku`, `początku XX wieku` | `2025-11;mod=MID` |
//! | `rule:date.range` | `od 1 do 5 lipca`, `1–5 lipca`, `między 3 a 7 maja`, `latach 2020–2024`, `przełomie 2024 i 2025 roku` | `2025-07-01/2025-07-05` |
//! | `rule:date.relative` | `dziś`, `wczoraj`, `w zeszłym roku`, `w przyszłym tygodniu`, `w ubiegły weekend`, `dwa lata temu`, `za tydzień` | `2025-10-19`, `2025-W44` |
//! | `rule:date.weekday` | `w czwartek`, `w przyszły poniedziałek` | `2025-10-16` |
//! | `rule:time.clock` | `12:30`, `godz. 12:30`, `o 12.30`, `godzinie 8`, `w południe`; `od 8:00 do 16:00`, `godz. 8–16` | `T12:30`; `T08:00/T16:00` |
//! | `rule:time.date_time` | `w poniedziałek o godz. 11:00`, `15 października o 18:00` | `2025-10-20T11:00` |
//! | `rule:money` | `1,5 mln zł`, `200 tys. złotych`, `€20`, `15 zł 50 gr`, `130 000 zł`, `530 mld dol.` | `1500000 PLN` |
//! | `rule:percent` | `12,5 proc.`, `12,5%`, `12,5 procent` | `12.5%` |
//!
//! Spans leave a leading preposition out (`w [1986 roku]`, `za [tydzień]`),
//! except ranges opened by `od` or `między` (`[od 3 do 5 maja]`).
//! Values follow `VALUES` in the README; the forms used when no reference
//! date is given (`XXXX-10-15`, `PRESENT_REF-P1D`, …) are listed in
//! the README's "Values" section. Expressions that need the tense of the
//! sentence (a day and month without a year, a bare month, a weekday) use
//! the heuristic documented in `tense.rs`: past-tense verbs point back,
//! future markers forward, and the nearest marker wins.
//!
//! ```
//! use polner::{Date, Extractor, Label};
//! let ex = Extractor::builder().reference_date(Date::new(2025, 10, 20).unwrap()).build().unwrap();
//! let text = "W czwartek rada przyznała 1,5 mln zł, czyli 12,5 proc. budżetu na 2026 r.";
//! let doc = ex.extract(text);
//! let found: Vec<(&str, Label, Option<&str>)> = doc.entities.iter()
//!     .filter(|e| !e.label.is_name())
//!     .map(|e| (&text[e.byte_range()], e.label, e.value.as_deref())).collect();
//! assert_eq!(found, [
//!     ("czwartek", Label::Date, Some("2025-10-16")),
//!     ("1,5 mln zł", Label::Money, Some("1500000 PLN")),
//!     ("12,5 proc.", Label::Percent, Some("12.5%")),
//!     ("2026 r.", Label::Date, Some("2026")),
//! ]);
//! ```

mod date;
mod dates;
mod lexicon;
mod numeric;
mod relative;
mod tense;
mod times;
mod value;

pub use date::{Date, InvalidDate, days_in_month, is_leap};

use crate::model::{Label, Sentence, Shape, Token, TokenKind};
use crate::pipeline::{Candidate, Context, Stage};
use lexicon::{Lex, Prep, Unit};
use std::borrow::Cow;

/// Priority of temporal candidates in overlap resolution.
pub(crate) const TEMPORAL_PRIORITY: u8 = 60;

/// Recognizes dates, times, amounts of money and percentages.
///
/// ```
/// use polner::pipeline::{Context, Stage};
/// use polner::temporal::TemporalStage;
/// let text = "Do końca roku zostało 200 tys. złotych.";
/// let tokens = polner::tokenize(text);
/// let sentences = polner::text::sentences::split(text, &tokens);
/// let mut cx = Context { text, tokens, sentences, candidates: vec![], reference_date: None };
/// TemporalStage::default().run(&mut cx);
/// let found: Vec<(&str, Option<&str>)> = cx.candidates.iter()
///     .map(|c| (&text[c.bytes.clone()], c.value.as_deref())).collect();
/// assert_eq!(found, [
///     ("końca roku", Some("PRESENT_REF+P0Y;mod=END")),
///     ("200 tys. złotych", Some("200000 PLN")),
/// ]);
/// ```
#[derive(Debug, Default)]
pub struct TemporalStage {
    // no options yet; a private field keeps room for them
    _private: (),
}

/// A match of one rule, in token indices.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub value: Option<String>,
    pub rule: &'static str,
}

impl Hit {
    pub(crate) fn date(start: usize, end: usize, value: Option<String>, rule: &'static str) -> Hit {
        Hit {
            start,
            end,
            label: Label::Date,
            value,
            rule,
        }
    }
}

/// What the rules read of a token besides the token itself (kind and
/// shape are read from the token): four bytes, written once per token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Info {
    lex: Option<Lex>,
    /// Whether an expression may start here (see [`Scan::can_start`]).
    start: bool,
}

std::thread_local! {
    static INFO: std::cell::Cell<Vec<Info>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The stage's view of one document: tokens plus their word-list entries.
pub(crate) struct Scan<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub info: Vec<Info>,
    pub sentences: &'a [Sentence],
    pub reference: Option<Date>,
    /// Tense markers per sentence, filled on first use (see `tense.rs`).
    pub markers: tense::MarkerCache,
}

impl<'a> Scan<'a> {
    #[inline(never)]
    pub(crate) fn new(
        text: &'a str,
        toks: &'a [Token],
        sentences: &'a [Sentence],
        reference: Option<Date>,
    ) -> Self {
        let lexicon = lexicon::lexicon();
        let raw = text.as_bytes();
        let none = Info {
            lex: None,
            start: false,
        };
        // (the table of the thread's previous document, cleared: no
        // allocation, and no memory for glibc to trim and fault in again)
        let mut info: Vec<Info> = INFO.with(std::cell::Cell::take);
        info.clear();
        info.resize(toks.len(), none);
        // one pass: each token's entry (only tokens with one, or where an
        // expression may start, are written), then the refinement of the
        // one before it, which needed this one as its right neighbour
        let mut before_starts = false;
        for (i, t) in toks.iter().enumerate() {
            let starts = match t.kind {
                TokenKind::Number | TokenKind::DateTime => {
                    info[i].start = true;
                    true
                }
                TokenKind::Word | TokenKind::Abbreviation | TokenKind::Symbol => {
                    // most words: as written, lower-case or capitalized with
                    // an ASCII capital, and rejected by the word list's Bloom
                    // filter, which ignores ASCII case (what `classify` would
                    // find)
                    match raw.get(t.span.bytes()) {
                        Some(bytes @ [first, _, _, ..])
                            if t.norm.is_none()
                                && (t.shape == Shape::Lower
                                    || t.shape == Shape::Capitalized && first.is_ascii())
                                && !lexicon.may_contain(bytes) =>
                        {
                            // (no entry: only `15-go` and the like start here)
                            let starts = t.kind == TokenKind::Word && first.is_ascii_digit();
                            info[i].start = starts;
                            starts
                        }
                        _ => {
                            info[i] = classify(lexicon, text, t);
                            info[i].start
                        }
                    }
                }
                _ => false,
            };
            if before_starts {
                refine(&mut info, i - 1, raw, toks);
            }
            before_starts = starts;
        }
        if before_starts {
            refine(&mut info, toks.len() - 1, raw, toks);
        }
        Scan {
            text,
            toks,
            info,
            sentences,
            reference,
            markers: Default::default(),
        }
    }

    /// Gives the per-token table back to the thread for its next
    /// document (unless it is larger than
    /// [`KEPT_TOKENS`](crate::pipeline::KEPT_TOKENS) entries).
    fn recycle(self) {
        if self.info.capacity() <= crate::pipeline::KEPT_TOKENS {
            INFO.with(|kept| kept.set(self.info));
        }
    }

    /// The normalized text of token `i`, `""` past the end.
    #[inline]
    pub(crate) fn s(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => t.text(self.text),
            None => "",
        }
    }

    #[inline]
    pub(crate) fn lex(&self, i: usize) -> Option<Lex> {
        self.info.get(i).and_then(|t| t.lex)
    }

    #[inline]
    pub(crate) fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    #[inline]
    pub(crate) fn shape(&self, i: usize) -> Option<Shape> {
        self.toks.get(i).map(|t| t.shape)
    }

    #[inline]
    pub(crate) fn prep(&self, i: usize) -> Option<Prep> {
        match self.lex(i) {
            Some(Lex::Prep(p)) => Some(p),
            _ => None,
        }
    }

    /// The preposition just before token `i`.
    #[inline]
    pub(crate) fn prep_before(&self, i: usize) -> Option<Prep> {
        i.checked_sub(1).and_then(|j| self.prep(j))
    }

    /// True when token `i`, lower-cased, is `word`.
    pub(crate) fn is_word(&self, i: usize, word: &str) -> bool {
        let s = self.s(i);
        s == word || s.chars().flat_map(char::to_lowercase).eq(word.chars())
    }

    /// True when token `i` is a dash (`-`, `–`, `—`).
    #[inline]
    pub(crate) fn is_dash(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Punct) && self.s(i) == "-"
    }

    /// True when token `i` immediately follows token `i - 1` (no space).
    #[inline]
    pub(crate) fn glued(&self, i: usize) -> bool {
        i > 0
            && i < self.toks.len()
            && self.toks[i].span.byte_start == self.toks[i - 1].span.byte_end
    }

    /// Could an expression start at token `i`? A number, a listed word
    /// (prepositions only for `od`/`między` ranges), a Roman numeral, `15-go`.
    fn can_start(&self, i: usize) -> bool {
        let info = &self.info[i];
        if !info.start {
            return false;
        }
        match info.lex {
            Some(Lex::Prep(p)) if !matches!(p, Prep::Od | Prep::Miedzy) => {
                dates::roman(self.s(i)).is_some()
            }
            _ => true,
        }
    }

    /// The longest expression starting at token `i`.
    pub(crate) fn best_at(&self, i: usize) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        let mut offer = |h: Option<Hit>| {
            if let Some(h) = h
                && h.end > h.start
                && best.as_ref().is_none_or(|b| h.end > b.end)
            {
                best = Some(h);
            }
        };
        offer(self.range_at(i));
        offer(self.date_at(i));
        offer(self.relative_at(i));
        offer(self.time_at(i));
        offer(self.money_at(i));
        offer(self.percent_at(i));
        let hit = best?;
        Some(self.with_clock_time(hit))
    }

    /// All expressions of the document, left to right, never overlapping.
    pub(crate) fn hits(&self) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.info.len() {
            if self.can_start(i)
                && let Some(hit) = self.best_at(i)
            {
                i = hit.end;
                out.push(hit);
                continue;
            }
            i += 1;
        }
        out
    }
}

/// The first byte of a token in the input (0 for an empty span).
#[inline]
fn first_raw_byte(raw: &[u8], t: &Token) -> u8 {
    raw.get(t.span.byte_start).copied().unwrap_or(0)
}

/// A token's word-list entry and whether an expression may start there,
/// before its right neighbour is known (see [`refine`]).
#[inline]
fn classify(lexicon: &lexicon::Lexicon, text: &str, t: &Token) -> Info {
    let raw = text.as_bytes();
    let (lex, start) = match t.kind {
        TokenKind::Word | TokenKind::Abbreviation | TokenKind::Symbol => {
            let bytes = match &t.norm {
                Some(norm) => norm.as_bytes(),
                None => raw.get(t.span.bytes()).unwrap_or_default(),
            };
            let lex = lexicon.lookup_bytes(bytes, t.shape, || t.text(text));
            let start = match lex {
                Some(Lex::Prep(p)) => {
                    matches!(p, Prep::Od | Prep::Miedzy)
                        || matches!(t.shape, Shape::Upper | Shape::Capitalized)
                            && matches!(first_raw_byte(raw, t), b'I' | b'V' | b'X')
                }
                Some(
                    Lex::Temu | Lex::ThisYear | Lex::Decade(_) | Lex::DayPart(_) | Lex::Percent,
                ) => false,
                Some(Lex::Currency(..)) => t.kind == TokenKind::Symbol,
                Some(_) => true,
                // Roman numerals, `15-go`
                None => {
                    t.kind == TokenKind::Word
                        && (t.shape == Shape::Upper
                            || first_raw_byte(raw, t).is_ascii_digit()
                            || matches!(bytes, b"ub" | b"b"))
                }
            };
            (lex, start)
        }
        TokenKind::Number | TokenKind::DateTime => (None, true),
        _ => (None, false),
    };
    Info { lex, start }
}

/// Words that start an expression only with the right neighbour: decides
/// `info[i].start` once `info[i + 1]` (if any) is known.
#[inline]
fn refine(info: &mut [Info], i: usize, raw: &[u8], toks: &[Token]) {
    let next_lex = info.get(i + 1).and_then(|n| n.lex);
    let next_number = toks.get(i + 1).is_some_and(|n| {
        matches!(n.kind, TokenKind::Number | TokenKind::DateTime)
            || n.kind == TokenKind::Word && first_raw_byte(raw, n).is_ascii_digit()
    });
    let after_za = i > 0 && info[i - 1].lex == Some(Lex::Prep(Prep::Za));
    info[i].start = match info[i].lex {
        Some(Lex::Rel(_)) => matches!(next_lex, Some(Lex::Unit(_) | Lex::Weekday(_))),
        Some(Lex::Num(_)) => matches!(next_lex, Some(Lex::Unit(_) | Lex::Mult(_) | Lex::Percent)),
        Some(Lex::Ordinal(_)) => matches!(
            next_lex,
            Some(Lex::Unit(Unit::Quarter | Unit::HalfYear) | Lex::Part(_))
        ),
        Some(Lex::Mult(_)) => matches!(next_lex, Some(Lex::Currency(..))),
        Some(Lex::Unit(Unit::Weekend)) => true,
        Some(Lex::Unit(_)) => {
            next_number
                || after_za
                || matches!(next_lex, Some(Lex::Rel(_) | Lex::Temu | Lex::Decade(_)))
        }
        _ => true,
    };
}

impl Stage for TemporalStage {
    fn name(&self) -> &'static str {
        "temporal"
    }

    fn run(&self, cx: &mut Context<'_>) {
        let scan = Scan::new(cx.text, &cx.tokens, &cx.sentences, cx.reference_date);
        let hits = scan.hits();
        scan.recycle();
        for h in hits {
            let bytes = cx.tokens[h.start].span.byte_start..cx.tokens[h.end - 1].span.byte_end;
            cx.candidates.push(Candidate {
                // empty: the resolver uses the span text, which is the lemma
                // of a temporal expression
                lemma: String::new(),
                bytes,
                label: h.label,
                subtype: None,
                score: if h.value.is_some() { 0.95 } else { 0.7 },
                value: h.value,
                source: Cow::Borrowed(h.rule),
                priority: TEMPORAL_PRIORITY,
            });
        }
    }
}
