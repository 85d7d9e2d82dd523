//! Clock times: `12:30`, `godz. 12:30`, `o 12.30`, `godzinie 8`, `o 8 rano`,
//! `w południe`, `o północy`, and a date directly followed by its time
//! (`w poniedziałek o godz. 11:00` → one TIME entity `2025-10-20T11:00`).

use super::lexicon::{Lex, Prep, Unit};
use super::value::push_num;
use super::{Hit, Scan};
use crate::model::{Label, TokenKind};

/// Hours and minutes (and seconds) from `12:30`, `12:30:15`, `12.30`, `8`.
fn parse_clock(s: &str, allow_hour_only: bool) -> Option<(u8, u8, Option<u8>)> {
    let mut parts = s.split([':', '.']);
    let h = parts.next()?;
    let m = parts.next();
    let sec = parts.next();
    if parts.next().is_some() || h.is_empty() || h.len() > 2 {
        return None;
    }
    let num = |p: &str| -> Option<u8> {
        (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let h = num(h)?;
    let m = match m {
        Some(m) if m.len() == 2 => num(m)?,
        Some(_) => return None,
        None if allow_hour_only => 0,
        None => return None,
    };
    let sec = match sec {
        Some(x) if x.len() == 2 => Some(num(x)?),
        Some(_) => return None,
        None => None,
    };
    (h <= 24 && m < 60 && sec.is_none_or(|x| x < 60) && !(h == 24 && m > 0)).then_some((h, m, sec))
}

fn clock_str(h: u8, m: u8, s: Option<u8>) -> String {
    let mut out = String::with_capacity(9);
    out.push('T');
    push_num(&mut out, h as u32, 2);
    out.push(':');
    push_num(&mut out, m as u32, 2);
    if let Some(s) = s {
        out.push(':');
        push_num(&mut out, s as u32, 2);
    }
    out
}

/// True for a value at day precision (`2025-10-15`, `XXXX-10-15`, `XXXX-WXX-1`).
fn is_day_value(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' || v.starts_with("XXXX-WXX-") && b.len() == 10
}

impl Scan<'_> {
    /// A clock time starting at `i`: (end, `Thh:mm`).
    fn clock_at(&self, i: usize) -> Option<(usize, String)> {
        let kind = self.kind(i)?;
        // 12:30
        if kind == TokenKind::DateTime {
            let s = self.s(i);
            if !s.contains(':') {
                return None;
            }
            let (h, m, sec) = parse_clock(s, false)?;
            return Some((i + 1, clock_str(h, m, sec)));
        }
        // godz. 12:30, godzinie 8
        if self.lex(i) == Some(Lex::Unit(Unit::Hour)) && !matches!(self.s(i), "godziny" | "godzinę")
        {
            let s = self.s(i + 1);
            let ok_kind = matches!(
                self.kind(i + 1),
                Some(TokenKind::DateTime | TokenKind::Number)
            );
            if !ok_kind || s.contains(',') {
                return None;
            }
            let (h, m, sec) = parse_clock(s, true)?;
            let (h, end) = self.day_part(h, i + 2);
            return Some((end, clock_str(h, m, sec)));
        }
        // w południe, o północy
        if let Some(Lex::Clock(h)) = self.lex(i) {
            let ok = match h {
                12 => matches!(self.prep_before(i), Some(Prep::W | Prep::O | Prep::Okolo)),
                _ => matches!(self.prep_before(i), Some(Prep::O | Prep::Okolo)),
            };
            return ok.then(|| (i + 1, clock_str(h, 0, None)));
        }
        // o 12.30, o 8 rano
        if kind == TokenKind::Number
            && matches!(
                self.prep_before(i),
                Some(Prep::O | Prep::Okolo | Prep::Od | Prep::Po | Prep::Przed)
            )
        {
            let s = self.s(i);
            if matches!(
                self.lex(i + 1),
                Some(Lex::Currency(..) | Lex::Mult(_) | Lex::Percent | Lex::Unit(_))
            ) {
                return None;
            }
            if s.contains('.') {
                let (h, m, _) = parse_clock(s, false)?;
                let (h, end) = self.day_part(h, i + 1);
                return Some((end, clock_str(h, m, None)));
            }
            if matches!(self.lex(i + 1), Some(Lex::DayPart(_)))
                && matches!(self.prep_before(i), Some(Prep::O | Prep::Okolo))
            {
                let (h, _, _) = parse_clock(s, true)?;
                let (h, end) = self.day_part(h, i + 1);
                return Some((end, clock_str(h, 0, None)));
            }
        }
        None
    }

    /// A bare hour closing a range (`godz. 10–14`, `od 8:00 do 16`).
    fn bare_hour(&self, i: usize) -> Option<(usize, String)> {
        if self.kind(i)? != TokenKind::Number
            || matches!(
                self.lex(i + 1),
                Some(Lex::Currency(..) | Lex::Mult(_) | Lex::Percent | Lex::Unit(_))
            )
        {
            return None;
        }
        let (h, m, _) = parse_clock(self.s(i), true)?;
        Some((i + 1, clock_str(h, m, None)))
    }

    /// Applies `rano`/`wieczorem` after a time.
    fn day_part(&self, h: u8, j: usize) -> (u8, usize) {
        match self.lex(j) {
            Some(Lex::DayPart(true)) if h < 12 => (h + 12, j + 1),
            Some(Lex::DayPart(_)) => (h, j + 1),
            _ => (h, j),
        }
    }

    /// A clock time or a range of them (`10:00–12:00`, `od 10:00 do 12:00`,
    /// `godz. 10–14`).
    pub(crate) fn time_at(&self, i: usize) -> Option<Hit> {
        if self.prep(i) == Some(Prep::Od) {
            let (e1, v1) = self.clock_at(i + 1)?;
            if self.prep(e1) != Some(Prep::Do) {
                return None;
            }
            let (e2, v2) = self.clock_at(e1 + 1).or_else(|| self.bare_hour(e1 + 1))?;
            return Some(Hit {
                start: i,
                end: e2,
                label: Label::Time,
                value: Some(format!("{v1}/{v2}")),
                rule: "rule:time.clock",
            });
        }
        let (end, v) = self.clock_at(i)?;
        if self.is_dash(end)
            && let Some((end2, v2)) = self
                .clock_at(end + 1)
                .or_else(|| self.bare_hour(end + 1).filter(|_| v.ends_with(":00")))
        {
            return Some(Hit {
                start: i,
                end: end2,
                label: Label::Time,
                value: Some(format!("{v}/{v2}")),
                rule: "rule:time.clock",
            });
        }
        Some(Hit {
            start: i,
            end,
            label: Label::Time,
            value: Some(v),
            rule: "rule:time.clock",
        })
    }

    /// Extends a day-precision date with a clock time that follows it.
    pub(crate) fn with_clock_time(&self, hit: Hit) -> Hit {
        if hit.label != Label::Date || !hit.value.as_deref().is_some_and(is_day_value) {
            return hit;
        }
        // `…, godz. 10:00`, `… o 10:00`, `…, o godz. 10:00`
        let mut j = hit.end;
        if self.kind(j) == Some(TokenKind::Punct) && self.s(j) == "," {
            j += 1;
        }
        if matches!(self.prep(j), Some(Prep::O | Prep::Okolo)) {
            j += 1;
        }
        match self.clock_at(j) {
            Some((end, t)) if !self.is_dash(end) => Hit {
                start: hit.start,
                end,
                label: Label::Time,
                value: hit.value.map(|mut d| {
                    d.push_str(&t);
                    d
                }),
                rule: "rule:time.date_time",
            },
            _ => hit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks() {
        assert_eq!(parse_clock("12:30", false), Some((12, 30, None)));
        assert_eq!(parse_clock("8", true), Some((8, 0, None)));
        assert_eq!(parse_clock("8", false), None);
        assert_eq!(parse_clock("25:00", false), None);
        assert_eq!(parse_clock("12:61", false), None);
        assert_eq!(parse_clock("12.5", false), None);
        assert_eq!(parse_clock("12:30:15", false), Some((12, 30, Some(15))));
    }
}
