//! Calendar dates: numeric and written dates, months, years, decades,
//! centuries, quarters, halves, parts of periods and ranges.

use super::lexicon::{Case, Lex, Part, Prep, Unit};
use super::tense::Tense;
use super::value::{When, Yr};
use super::{Hit, Scan};
use crate::model::{Shape, TokenKind};

/// Where a date point is parsed, which decides how much context it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum At {
    /// On its own: a bare month or year needs a preposition before it.
    Plain,
    /// Inside a range or after a part word: bare numbers and months are fine.
    Inner,
}

/// A date as far as the text spells it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Pt {
    pub y: Option<Yr>,
    pub m: Option<u8>,
    pub d: Option<u8>,
}

impl Pt {
    pub(crate) fn when(self) -> Option<When> {
        let y = self.y.unwrap_or(Yr::Unknown);
        match (self.d, self.m) {
            (Some(d), Some(m)) => Some(When::Day(y, m, d)),
            (None, Some(m)) => Some(When::Month(y, m)),
            (None, None) => self.y.map(When::Year),
            (Some(_), None) => None,
        }
    }
}

/// Parses a Roman numeral (I … XXXIX), upper case only.
pub(crate) fn roman(s: &str) -> Option<u32> {
    // reject non-canonical forms such as IIII or VX
    roman_value(s).filter(|&total| is_written_as(total, s.as_bytes()))
}

/// The value of a string of Roman digits (`I`, `V`, `X`, `L`; at most
/// seven) added up, a smaller digit before a larger one subtracted, whether
/// or not the numeral is written the canonical way.
fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 7 {
        return None;
    }
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.bytes().rev() {
        let v = match c {
            b'I' => 1,
            b'V' => 5,
            b'X' => 10,
            b'L' => 50,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    Some(total)
}

/// The values Roman numerals are written with, largest first, and how each
/// is written (the subtractive pairs included).
const ROMAN_DIGITS: [(u32, &str); 7] = [
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
];

/// Whether `s` is `n` written in Roman numerals the canonical way (compared
/// as it is written out, without building the string).
fn is_written_as(mut n: u32, s: &[u8]) -> bool {
    let mut rest = s;
    for (v, r) in ROMAN_DIGITS {
        while n >= v {
            match rest.strip_prefix(r.as_bytes()) {
                Some(after) => rest = after,
                None => return false,
            }
            n -= v;
        }
    }
    rest.is_empty()
}

/// Digits only, at most `max` of them.
fn small_number(s: &str, max: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl Scan<'_> {
    /// A four-digit year 1000..=2999 (a Number token of digits only).
    pub(crate) fn year_num(&self, i: usize) -> Option<i32> {
        if self.kind(i)? != TokenKind::Number {
            return None;
        }
        let s = self.s(i);
        (s.len() == 4)
            .then(|| small_number(s, 4))
            .flatten()
            .map(|y| y as i32)
            .filter(|y| (1000..=2999).contains(y))
    }

    /// A day of the month: `15`, `15.` (ordinal), `15-go`.
    pub(crate) fn day_num(&self, i: usize) -> Option<u8> {
        let s = self.s(i);
        let digits = match self.kind(i)? {
            TokenKind::Number => s.strip_suffix('.').unwrap_or(s),
            TokenKind::Word => ["-go", "-ego", "-tego"]
                .iter()
                .find_map(|suf| s.strip_suffix(suf))?,
            _ => return None,
        };
        small_number(digits, 2)
            .filter(|d| (1..=31).contains(d))
            .map(|d| d as u8)
    }

    /// A month name. After a day number any capitalization is fine except
    /// `Maja` (a name, or the street `3 Maja`); elsewhere it must be lower case
    /// (or a headline in capitals).
    pub(crate) fn month_word(&self, i: usize, after_day: bool) -> Option<(u8, Case)> {
        let Some(Lex::Month(m, case)) = self.lex(i) else {
            return None;
        };
        match self.shape(i)? {
            Shape::Lower | Shape::Upper => Some((m, case)),
            Shape::Capitalized if after_day && m != 5 => Some((m, case)),
            _ => None,
        }
    }

    /// A Roman numeral token (`XIX`, `X`, `I`).
    pub(crate) fn roman_at(&self, i: usize) -> Option<u32> {
        if self.kind(i)? != TokenKind::Word {
            return None;
        }
        if !matches!(self.shape(i)?, Shape::Upper | Shape::Capitalized) {
            return None;
        }
        roman(self.s(i))
    }

    /// `r.`, `roku`, `rok` (not `lata`).
    pub(crate) fn is_year_word(&self, i: usize) -> bool {
        matches!(self.lex(i), Some(Lex::Unit(Unit::Year)))
            && matches!(self.s(i), "r." | "roku" | "rok" | "Roku" | "Rok" | "R.")
    }

    /// A year after a date: `2025 [r.|roku]`, `br.`, `ubiegłego roku`.
    pub(crate) fn year_suffix(&self, i: usize) -> Option<(Yr, usize)> {
        if let Some(y) = self.year_num(i) {
            let end = if self.is_year_word(i + 1) {
                i + 2
            } else {
                i + 1
            };
            return Some((Yr::Known(y), end));
        }
        // `roku 2020`
        if self.is_year_word(i)
            && self.s(i) != "r."
            && let Some(y) = self.year_num(i + 1)
        {
            return Some((Yr::Known(y), i + 2));
        }
        // `ub.r.`, `b.r.`, `ub. roku` (split by the tokenizer: `ub` `.` `r.`)
        if matches!(self.s(i), "ub" | "b")
            && self.s(i + 1) == "."
            && self.glued(i + 1)
            && self.is_year_word(i + 2)
        {
            let off = if self.s(i) == "ub" { -1 } else { 0 };
            return Some((Yr::Rel(off), i + 3));
        }
        match self.lex(i)? {
            Lex::ThisYear => Some((Yr::Rel(0), i + 1)),
            Lex::Rel(r) if self.is_year_word(i + 1) => Some((Yr::Rel(r.offset() as i32), i + 2)),
            _ => None,
        }
    }

    /// A numeric date token: `15.10.2025`, `15/10/25`, `2025-10-15`.
    /// `None` also for a date-shaped token that is no date (`32.13.2025`).
    fn numeric_date(&self, i: usize) -> Option<(i32, u8, u8)> {
        if self.kind(i)? != TokenKind::DateTime {
            return None;
        }
        let s = self.s(i);
        if s.contains(':') {
            return None;
        }
        let mut parts = s.split(['.', '/', '-']);
        let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
        let (y, m, d) = if a.len() == 4 {
            (
                small_number(a, 4)? as i32,
                small_number(b, 2)?,
                small_number(c, 2)?,
            )
        } else {
            let y = small_number(c, 4)? as i32;
            let y = if c.len() == 2 {
                if y < 50 { 2000 + y } else { 1900 + y }
            } else {
                y
            };
            (y, small_number(b, 2)?, small_number(a, 2)?)
        };
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m as u8, d as u8))
    }

    /// A date point starting at `i`, with the index after it.
    pub(crate) fn pt_at(&self, i: usize, at: At) -> Option<(Pt, usize)> {
        if let Some((y, m, d)) = self.numeric_date(i) {
            let end = if self.is_year_word(i + 1) {
                i + 2
            } else {
                i + 1
            };
            let pt = Pt {
                y: Some(Yr::Known(y)),
                m: Some(m),
                d: Some(d),
            };
            return Some((pt, end));
        }
        if let Some(d) = self.day_num(i) {
            if let Some((m, Case::Gen)) = self.month_word(i + 1, true) {
                let mut pt = Pt {
                    y: None,
                    m: Some(m),
                    d: Some(d),
                };
                let mut end = i + 2;
                if let Some((y, e)) = self.year_suffix(end) {
                    pt.y = Some(y);
                    end = e;
                }
                return Some((pt, end));
            }
            if let Some(m) = self.roman_at(i + 1).filter(|m| (1..=12).contains(m))
                && let Some(y) = self.year_num(i + 2)
            {
                let end = if self.is_year_word(i + 3) {
                    i + 4
                } else {
                    i + 3
                };
                let pt = Pt {
                    y: Some(Yr::Known(y)),
                    m: Some(m as u8),
                    d: Some(d),
                };
                return Some((pt, end));
            }
        }
        let month = self.month_word(i, false).or_else(|| {
            // `Lipiec 2024 był…`: a capitalized month opening a sentence
            // counts when a written-out year follows
            self.year_num(i + 1)?;
            self.month_word(i, true).filter(|(m, _)| *m != 5)
        });
        if let Some((m, case)) = month {
            let mut pt = Pt {
                y: None,
                m: Some(m),
                d: None,
            };
            if let Some((y, e)) = self.year_suffix(i + 1) {
                pt.y = Some(y);
                return Some((pt, e));
            }
            let ok = at == At::Inner
                || matches!(
                    (case, self.prep_before(i)),
                    (Case::Loc, Some(Prep::W))
                        | (
                            Case::Gen,
                            Some(
                                Prep::Od
                                    | Prep::Do
                                    | Prep::Z
                                    | Prep::Przed
                                    | Prep::Po
                                    | Prep::Okolo
                            ),
                        )
                        | (Case::Nom, Some(Prep::Na | Prep::Przez))
                        | (Case::Ins, Some(Prep::Przed | Prep::Miedzy | Prep::Pod))
                );
            return ok.then_some((pt, i + 1));
        }
        if let Some(y) = self.year_num(i) {
            let pt = Pt {
                y: Some(Yr::Known(y)),
                ..Pt::default()
            };
            if self.is_year_word(i + 1) {
                return Some((pt, i + 2));
            }
            let ok = at == At::Inner
                || (1900..=2100).contains(&y)
                    && matches!(
                        self.prep_before(i),
                        Some(
                            Prep::W
                                | Prep::Od
                                | Prep::Do
                                | Prep::Z
                                | Prep::Przed
                                | Prep::Po
                                | Prep::Na
                                | Prep::Okolo
                        )
                    )
                    && self.bare_year_can_end(i + 1);
            return ok.then_some((pt, i + 1));
        }
        if at == At::Inner
            && let Some(d) = self.day_num(i)
            && self.kind(i) == Some(TokenKind::Number)
        {
            let pt = Pt {
                d: Some(d),
                ..Pt::default()
            };
            return Some((pt, i + 1));
        }
        None
    }

    /// After a bare year (`w 2020`), does the next token let it be a year?
    /// Yes for the end of the text, punctuation, a capitalized word, a
    /// preposition or conjunction, and a past-tense verb (`w 2020 zmarło`).
    fn bare_year_can_end(&self, j: usize) -> bool {
        let Some(t) = self.toks.get(j) else {
            return true;
        };
        match t.kind {
            TokenKind::Punct => true,
            TokenKind::Word => {
                matches!(t.shape, Shape::Capitalized | Shape::Upper)
                    || matches!(self.lex(j), Some(Lex::Prep(_)))
                    || matches!(self.s(j), "się" | "nie" | "to" | "już" | "jest")
                    || super::tense::is_past_verb(self.s(j))
            }
            _ => false,
        }
    }

    /// Resolves a point to a value in the sentence around token `i`.
    pub(crate) fn point_value(&self, w: When, i: usize) -> Option<String> {
        let needs_tense = matches!(w, When::Day(Yr::Unknown, ..) | When::Month(Yr::Unknown, _))
            && self.reference.is_some();
        let tense = if needs_tense {
            self.tense(i)
        } else {
            Tense::Neutral
        };
        w.value(self.reference, tense)
    }

    /// A single date expression (no range) starting at `i`.
    pub(crate) fn date_at(&self, i: usize) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        let mut offer = |h: Option<Hit>| {
            if let Some(h) = h
                && best.as_ref().is_none_or(|b| h.end > b.end)
            {
                best = Some(h);
            }
        };
        if let Some((pt, end)) = self.pt_at(i, At::Plain)
            && let Some(w) = pt.when()
        {
            let rule = match (pt.d, pt.m) {
                (Some(_), _) if self.kind(i) == Some(TokenKind::DateTime) => "rule:date.numeric",
                (Some(_), _) => "rule:date.day_month",
                (None, Some(_)) => "rule:date.month",
                _ => "rule:date.year",
            };
            offer(Some(Hit::date(i, end, self.point_value(w, i), rule)));
        }
        // `roku 2020`, `rok 2020`
        if self.is_year_word(i)
            && self.s(i) != "r."
            && let Some(y) = self.year_num(i + 1)
        {
            offer(Some(Hit::date(
                i,
                i + 2,
                When::Year(Yr::Known(y)).value(None, Tense::Neutral),
                "rule:date.year",
            )));
        }
        // `w ub.r.`, `do b.r.`: a year marker on its own after a preposition
        if matches!(self.s(i), "ub" | "b")
            && self.prep_before(i).is_some()
            && let Some((yr, end)) = self.year_suffix(i)
        {
            offer(Some(Hit::date(
                i,
                end,
                self.point_value(When::Year(yr), i),
                "rule:date.year",
            )));
        }
        if let Some((w, end)) = self.decade_at(i) {
            offer(Some(Hit::date(
                i,
                end,
                self.point_value(w, i),
                "rule:date.decade",
            )));
        }
        if let Some((w, end)) = self.century_at(i) {
            offer(Some(Hit::date(
                i,
                end,
                self.point_value(w, i),
                "rule:date.century",
            )));
        }
        offer(self.quarter_half_at(i));
        offer(self.part_at(i));
        best
    }

    /// `lata 90.`, `latach 90. XX wieku`, `lat 90-tych`, `latach
    /// dziewięćdziesiątych`.
    pub(crate) fn decade_at(&self, i: usize) -> Option<(When, usize)> {
        if !matches!(self.s(i), "lata" | "latach" | "lat" | "Lata" | "Latach") {
            return None;
        }
        let (d, mut end) = self.decade_number(i + 1)?;
        // `90 .` followed by a century: the period belongs to the ordinal
        // `90 .`: the period that makes the number an ordinal belongs to the
        // expression (even when it also ends the sentence)
        if self.s(end) == "." && self.glued(end) && !self.s(end - 1).ends_with('.') {
            end += 1;
        }
        let after = end;
        let century = self.century_at(after).or_else(|| {
            // `ubiegłego wieku`, `XX w.`
            match (self.lex(after), self.lex(after + 1)) {
                (Some(Lex::Rel(r)), Some(Lex::Unit(Unit::Century))) => {
                    let c = match self.reference {
                        Some(r0) => (r0.year() / 100) as i64 + r.offset(),
                        None => 19 + r.offset() + 1,
                    };
                    Some((When::Century(c as i32), after + 2))
                }
                _ => None,
            }
        });
        let prefix = match century {
            Some((When::Century(c), e)) => {
                end = e;
                c * 10 + d as i32 / 10
            }
            _ => match d {
                0 => 200,
                10 => 201,
                _ => 190 + d as i32 / 10,
            },
        };
        Some((When::Decade(prefix), end))
    }

    /// A decade number (`90`, `90.`, `90-tych`, `dziewięćdziesiątych`) and
    /// the index after it.
    fn decade_number(&self, i: usize) -> Option<(u8, usize)> {
        if let Some(Lex::Decade(d)) = self.lex(i) {
            return Some((d * 10, i + 1));
        }
        let s = self.s(i);
        let digits = match self.kind(i)? {
            TokenKind::Number => s.strip_suffix('.').unwrap_or(s),
            TokenKind::Word => {
                let (num, suffix) = s.split_once('-')?;
                if !matches!(suffix, "tych" | "te" | "ych" | "e") {
                    return None;
                }
                num
            }
            _ => return None,
        };
        let d = small_number(digits, 2).filter(|d| digits.len() == 2 && d % 10 == 0)?;
        Some((d as u8, i + 1))
    }

    /// `XIX wieku`, `XXI w.`, `19. wieku` → the century's first two digits.
    pub(crate) fn century_at(&self, i: usize) -> Option<(When, usize)> {
        // (the word after first: it rules out most starts cheaply)
        if self.lex(i + 1) != Some(Lex::Unit(Unit::Century)) {
            return None;
        }
        let c = self.roman_at(i).or_else(|| {
            let s = self.s(i);
            (self.kind(i) == Some(TokenKind::Number))
                .then(|| small_number(s.strip_suffix('.').unwrap_or(s), 2))
                .flatten()
        })?;
        if !(1..=30).contains(&c) {
            return None;
        }
        Some((When::Century(c as i32 - 1), i + 2))
    }

    /// A year reference after a quarter, half or part word: a year suffix,
    /// or a bare `roku` meaning the current year.
    fn period_year(&self, i: usize) -> Option<(Yr, usize)> {
        if self.is_year_word(i) && self.s(i) != "rok" {
            if let Some(y) = self.year_num(i + 1) {
                return Some((Yr::Known(y), i + 2));
            }
            return Some((Yr::Rel(0), i + 1));
        }
        self.year_suffix(i)
    }

    /// `I kwartale 2026 r.`, `trzecim kwartale`, `pierwszej połowie roku`,
    /// `drugim półroczu 2024`.
    fn quarter_half_at(&self, i: usize) -> Option<Hit> {
        let n = match self.lex(i) {
            Some(Lex::Ordinal(n)) => n as u32,
            _ => self.roman_at(i).or_else(|| {
                let s = self.s(i);
                (self.kind(i) == Some(TokenKind::Number))
                    .then(|| small_number(s.strip_suffix('.').unwrap_or(s), 1))
                    .flatten()
            })?,
        };
        let unit = self.lex(i + 1)?;
        let is_half_word = matches!(unit, Lex::Part(Part::Mid)) && self.s(i + 1).starts_with("poł");
        let (yr, end) = self.period_year(i + 2).unwrap_or((Yr::Rel(0), i + 2));
        let (w, rule) = match unit {
            Lex::Unit(Unit::Quarter) if (1..=4).contains(&n) => {
                (When::Quarter(yr, n as u8), "rule:date.quarter")
            }
            Lex::Unit(Unit::HalfYear) if (1..=2).contains(&n) => {
                (When::Half(yr, n as u8), "rule:date.half")
            }
            _ if is_half_word && (1..=2).contains(&n) && self.period_year(i + 2).is_some() => {
                (When::Half(yr, n as u8), "rule:date.half")
            }
            _ if is_half_word && (1..=2).contains(&n) => {
                // `pierwszej połowie października`, `drugiej połowie XX wieku`
                let (base, end) = self.part_target(i + 2)?;
                let m = if n == 1 { "START" } else { "END" };
                let v = self.point_value(base, i).map(|v| format!("{v};mod={m}"));
                return Some(Hit::date(i, end, v, "rule:date.part"));
            }
            _ => return None,
        };
        Some(Hit::date(i, end, self.point_value(w, i), rule))
    }

    /// What a part word (`połowie`, `końca`, `początku`) applies to.
    fn part_target(&self, i: usize) -> Option<(When, usize)> {
        if let Some((w, e)) = self.decade_at(i).or_else(|| self.century_at(i)) {
            return Some((w, e));
        }
        if let Some((yr, e)) = self.period_year(i) {
            return Some((When::Year(yr), e));
        }
        if let Some((pt, e)) = self.pt_at(i, At::Inner)
            && pt.m.is_some()
            && pt.d.is_none()
        {
            return Some((pt.when()?, e));
        }
        None
    }

    /// `połowie listopada`, `końca roku`, `początku 2024 r.`, `końca
    /// miesiąca`, `początku XX wieku` → value with `;mod=`.
    fn part_at(&self, i: usize) -> Option<Hit> {
        let Some(Lex::Part(part)) = self.lex(i) else {
            return None;
        };
        if part == Part::Turn {
            return None;
        }
        if let Some((w, end)) = self.part_target(i + 1) {
            let v = self
                .point_value(w, i)
                .map(|v| format!("{v};mod={}", part.timex_mod()));
            return Some(Hit::date(i, end, v, "rule:date.part"));
        }
        // `końca miesiąca`, `początku tygodnia`, `końca ubiegłego roku`
        let (base, end) = self.relative_unit(i + 1)?;
        Some(Hit::date(
            i,
            end,
            base.map(|v| format!("{v};mod={}", part.timex_mod())),
            "rule:date.part",
        ))
    }

    /// Ranges: `od 1 do 5 lipca`, `między 3 a 7 maja`, `1–5 lipca`,
    /// `latach 2020–2024`, `przełomie 2024 i 2025 roku`.
    pub(crate) fn range_at(&self, i: usize) -> Option<Hit> {
        match self.lex(i) {
            Some(Lex::Prep(Prep::Od)) => {
                let (p1, e1) = self.pt_at(i + 1, At::Inner)?;
                if self.prep(e1) != Some(Prep::Do) {
                    return None;
                }
                let (p2, e2) = self.pt_at(e1 + 1, At::Inner)?;
                self.range_hit(i, e2, p1, p2)
            }
            Some(Lex::Prep(Prep::Miedzy)) => {
                let (p1, e1) = self.pt_at(i + 1, At::Inner)?;
                if !matches!(self.prep(e1), Some(Prep::A | Prep::And)) {
                    return None;
                }
                let (p2, e2) = self.pt_at(e1 + 1, At::Inner)?;
                self.range_hit(i, e2, p1, p2)
            }
            Some(Lex::Part(Part::Turn)) => self.turn_at(i),
            Some(Lex::Unit(Unit::Year)) if matches!(self.s(i), "lata" | "latach" | "lat") => {
                let y1 = self.year_num(i + 1)?;
                if !self.is_dash(i + 2) && !matches!(self.prep(i + 2), Some(Prep::Do)) {
                    return None;
                }
                let y2 = self.year_num(i + 3)?;
                let end = if self.is_year_word(i + 4) {
                    i + 5
                } else {
                    i + 4
                };
                Some(Hit::date(
                    i,
                    end,
                    (y1 <= y2).then(|| format!("{y1:04}/{y2:04}")),
                    "rule:date.range",
                ))
            }
            _ => {
                // `1–5 lipca`, `15.10.2025–20.10.2025`, `2020–2024 r.`; a start
                // point is at most five tokens long, so a dash must be near
                if !(i + 1..i + 6).any(|j| self.is_dash(j)) {
                    return None;
                }
                let (p1, e1) = self.pt_at(i, At::Inner)?;
                if !self.is_dash(e1) {
                    return None;
                }
                let (p2, e2) = self.pt_at(e1 + 1, At::Inner)?;
                let bare_years = p1.m.is_none() && p1.d.is_none() && p2.m.is_none();
                if bare_years
                    && !(self.is_year_word(e2 - 1)
                        || matches!(self.prep_before(i), Some(Prep::W | Prep::Z | Prep::Na)))
                {
                    return None;
                }
                self.range_hit(i, e2, p1, p2)
            }
        }
    }

    /// Completes the start of a range from its end and formats `start/end`.
    fn range_hit(&self, start: usize, end: usize, mut p1: Pt, p2: Pt) -> Option<Hit> {
        // the end must be a date on its own; the start may borrow from it
        p2.when()?;
        match (p2.d.is_some(), p2.m.is_some()) {
            (true, true) => {
                if p1.m.is_none() {
                    p1.m = p2.m;
                }
            }
            (false, true) => {
                if p1.d.is_some() || p1.m.is_none() {
                    return None;
                }
            }
            _ => {
                if p1.d.is_some() || p1.m.is_some() {
                    return None;
                }
            }
        }
        let tense = if self.reference.is_some() {
            self.tense(start)
        } else {
            Tense::Neutral
        };
        let (y2, y1) = match p2.y.unwrap_or(Yr::Unknown) {
            Yr::Unknown => {
                let y2 = super::value::resolve_year(Yr::Unknown, p2.m, p2.d, self.reference, tense);
                let y1 = match p1.y {
                    Some(y) => super::value::resolve_year(y, p1.m, p1.d, self.reference, tense),
                    None => y2.map(|y| {
                        if (p1.m, p1.d) > (p2.m, p2.d) {
                            y - 1
                        } else {
                            y
                        }
                    }),
                };
                (y2, y1)
            }
            y => {
                let y2 = super::value::resolve_year(y, p2.m, p2.d, self.reference, tense);
                let y1 = match p1.y {
                    Some(y) => super::value::resolve_year(y, p1.m, p1.d, self.reference, tense),
                    None => y2.map(|y| {
                        if (p1.m, p1.d) > (p2.m, p2.d) {
                            y - 1
                        } else {
                            y
                        }
                    }),
                };
                (y2, y1)
            }
        };
        let fix = |y: Option<i32>| y.map_or(Yr::Unknown, Yr::Known);
        p1.y = Some(fix(y1));
        let p2 = Pt {
            y: Some(fix(y2)),
            ..p2
        };
        let v1 = p1.when()?.value(None, Tense::Neutral);
        let v2 = p2.when()?.value(None, Tense::Neutral);
        let value = match (v1, v2) {
            (Some(a), Some(b)) => Some(super::value::range_str(a, &b)),
            _ => None,
        };
        Some(Hit::date(start, end, value, "rule:date.range"))
    }

    /// `przełomie 2024 i 2025 roku`, `przełomie września i października`,
    /// `przełomie lat 80. i 90.`, `przełomie XIX i XX wieku`.
    fn turn_at(&self, i: usize) -> Option<Hit> {
        let j = i + 1;
        // decades: `lat 80. i 90.`
        if let Some((When::Decade(d1), e1)) = self.decade_at(j) {
            let e1 = if self.s(e1) == "." { e1 + 1 } else { e1 };
            if matches!(self.prep(e1), Some(Prep::And | Prep::A))
                && let Some((d2, e2)) = self.decade_number(e1 + 1)
            {
                let e2 = if self.s(e2) == "." && self.glued(e2) {
                    e2 + 1
                } else {
                    e2
                };
                let d2 = d1 / 10 * 10 + d2 as i32 / 10;
                let d2 = if d2 < d1 { d2 + 10 } else { d2 };
                return Some(Hit::date(
                    i + 1,
                    e2,
                    Some(format!("{d1:03}X/{d2:03}X")),
                    "rule:date.range",
                ))
                .map(|h| Hit { start: i, ..h });
            }
        }
        // centuries: `XIX i XX wieku`
        if let Some(c1) = self.roman_at(j)
            && matches!(self.prep(j + 1), Some(Prep::And | Prep::A))
            && let Some((When::Century(c2), e2)) = self.century_at(j + 2)
        {
            return Some(Hit::date(
                i,
                e2,
                Some(format!("{:02}XX/{c2:02}XX", c1 as i32 - 1)),
                "rule:date.range",
            ));
        }
        let (p1, e1) = self.pt_at(j, At::Inner)?;
        if p1.d.is_some() || !matches!(self.prep(e1), Some(Prep::And | Prep::A)) {
            return None;
        }
        let (p2, e2) = self.pt_at(e1 + 1, At::Inner)?;
        if p2.d.is_some() {
            return None;
        }
        self.range_hit(i, e2, p1, p2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `roman` as it was written first: the canonical form built as a
    /// string and compared.
    fn reference_roman(s: &str) -> Option<u32> {
        let total = roman_value(s)?;
        let mut n = total;
        let mut written = String::new();
        for (v, r) in ROMAN_DIGITS {
            while n >= v {
                written.push_str(r);
                n -= v;
            }
        }
        (written == s).then_some(total)
    }

    #[test]
    fn roman_agrees_with_building_the_canonical_form() {
        // every string of up to five of `IVXLC` and a few longer ones
        let mut words = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|w| "IVXLC".chars().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(last.iter().cloned());
        }
        words.extend(
            ["LLLLLLL", "XXXVIII", "XXXVIII.", "xix", "XIXX", "LXXXVIII"].map(String::from),
        );
        for w in &words {
            assert_eq!(roman(w), reference_roman(w), "{w:?}");
        }
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman("XIX"), Some(19));
        assert_eq!(roman("XXI"), Some(21));
        assert_eq!(roman("IV"), Some(4));
        assert_eq!(roman("IIII"), None);
        assert_eq!(roman("VX"), None);
        assert_eq!(roman("NATO"), None);
        assert_eq!(roman(""), None);
    }
}
