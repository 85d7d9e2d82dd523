//! Expressions relative to the reference date: `wczoraj`, `w czwartek`,
//! `w zeszłym roku`, `w przyszłym tygodniu`, `w ubiegły weekend`, `dwa lata
//! temu`, `za tydzień`.
//!
//! With a reference date they resolve to a calendar value at the precision
//! the words give (a day, an ISO week, a month, a year). Without one they
//! keep a relative form: `PRESENT_REF`, `PRESENT_REF-P1D`,
//! `PRESENT_REF+P1W`, `XXXX-WXX-4` (a Thursday), `XXXX-WXX-WE`; vague
//! amounts (`kilka lat temu`) give `PAST_REF` / `FUTURE_REF`.

use super::date::Date;
use super::dates::At;
use super::lexicon::{Lex, Prep, Rel, Unit};
use super::tense::Tense;
use super::value::Yr;
use super::value::{add_months, date_str, iso_week_str, offset_str};
use super::{Hit, Scan};
use crate::model::{Shape, TokenKind};

/// The Monday of the ISO week of `d`.
fn monday(d: Date) -> Date {
    d.add_days(1 - d.weekday() as i64)
}

impl Scan<'_> {
    fn weekday_word(&self, i: usize) -> Option<u8> {
        match (self.lex(i), self.shape(i)) {
            (Some(Lex::Weekday(d)), Some(Shape::Lower | Shape::Upper)) => Some(d),
            _ => None,
        }
    }

    /// A weekday resolved against the reference in the direction of `rel`
    /// (explicit adjective) or of the sentence's tense.
    fn weekday_value(&self, day: u8, rel: Option<Rel>, i: usize) -> String {
        let Some(r) = self.reference else {
            return format!("XXXX-WXX-{day}");
        };
        let back = (r.weekday() as i64 - day as i64).rem_euclid(7);
        let fwd = (day as i64 - r.weekday() as i64).rem_euclid(7);
        let d = match rel {
            Some(Rel::Prev) => monday(r).add_days(-7 + day as i64 - 1),
            Some(Rel::Next) => monday(r).add_days(7 + day as i64 - 1),
            Some(Rel::This) => r.add_days(fwd),
            None => match self.tense(i) {
                Tense::Past => r.add_days(-back),
                Tense::Future => r.add_days(fwd),
                Tense::Neutral => {
                    if back < fwd {
                        r.add_days(-back)
                    } else {
                        r.add_days(fwd)
                    }
                }
            },
        };
        date_str(d)
    }

    /// `piątek 13 października`, `w środę, 5 marca`: one date; a missing year
    /// is the one (of the reference's, the one before and after) in which the
    /// day falls on that weekday, else the usual resolution.
    fn weekday_with_date(&self, weekday: u8, i: usize) -> Option<Hit> {
        let j = if self.s(i + 1) == "," { i + 2 } else { i + 1 };
        if !matches!(self.kind(j), Some(TokenKind::Number | TokenKind::Word)) {
            return None;
        }
        let (pt, end) = self.pt_at(j, At::Inner)?;
        let (Some(d), Some(m)) = (pt.d, pt.m) else {
            return None;
        };
        let value = match (pt.y, self.reference) {
            (None | Some(Yr::Unknown), Some(r)) => [r.year(), r.year() - 1, r.year() + 1]
                .iter()
                .filter_map(|&y| Date::new(y, m, d))
                .filter(|c| c.weekday() == weekday)
                .min_by_key(|c| (c.to_days() - r.to_days()).abs())
                .map(date_str)
                .or_else(|| self.point_value(pt.when()?, i)),
            _ => self.point_value(pt.when()?, i),
        };
        Some(Hit::date(i, end, value, "rule:date.day_month"))
    }

    /// The weekend of the week `weeks` from the reference's.
    fn weekend_value(&self, rel: Option<Rel>, i: usize) -> String {
        let Some(r) = self.reference else {
            return "XXXX-WXX-WE".to_string();
        };
        let weeks = match rel {
            Some(rel) => rel.offset(),
            None => match self.tense(i) {
                // a past weekend: this week's if it has begun, else the last one
                Tense::Past if r.weekday() < 6 => -1,
                _ => 0,
            },
        };
        format!("{}-WE", iso_week_str(r.add_days(7 * weeks)))
    }

    /// `roku`/`miesiąca`/`tygodnia` with an optional relative adjective on
    /// either side (`ubiegłego roku`, `tygodniu przyszłym`, bare `miesiąca`
    /// meaning the current one). Returns the value and the end.
    pub(crate) fn relative_unit(&self, i: usize) -> Option<(Option<String>, usize)> {
        let (rel, unit, end) = match (self.lex(i), self.lex(i + 1)) {
            (Some(Lex::Rel(r)), Some(Lex::Unit(u))) => (r, u, i + 2),
            (Some(Lex::Unit(u)), Some(Lex::Rel(r))) if self.shape(i + 1) == Some(Shape::Lower) => {
                (r, u, i + 2)
            }
            (Some(Lex::Unit(u)), _) if matches!(u, Unit::Month | Unit::Week) => {
                (Rel::This, u, i + 1)
            }
            _ => return None,
        };
        // plural and vague forms are not one period: `ostatnich latach`
        let unit_idx = if matches!(self.lex(i), Some(Lex::Rel(_))) {
            i + 1
        } else {
            i
        };
        if matches!(
            self.s(unit_idx),
            "lata" | "lat" | "latach" | "miesiące" | "miesięcy" | "tygodnie" | "tygodni" | "dni"
        ) {
            return None;
        }
        let n = rel.offset();
        let value = match unit {
            Unit::Year => Some(match self.reference {
                Some(r) => format!("{:04}", r.year() as i64 + n),
                None => offset_str(n, 'Y'),
            }),
            Unit::Month => Some(match self.reference {
                Some(r) => {
                    let (y, m) = add_months(r.year(), r.month(), n);
                    format!("{y:04}-{m:02}")
                }
                None => offset_str(n, 'M'),
            }),
            Unit::Week => Some(match self.reference {
                Some(r) => iso_week_str(r.add_days(7 * n)),
                None => offset_str(n, 'W'),
            }),
            Unit::Weekend => Some(self.weekend_value(Some(rel), i)),
            Unit::Quarter => Some(match self.reference {
                Some(r) => {
                    let q = r.year() as i64 * 4 + (r.month() as i64 - 1) / 3 + n;
                    format!("{:04}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
                }
                None => offset_str(3 * n, 'M'),
            }),
            Unit::HalfYear => Some(match self.reference {
                Some(r) => {
                    let h = r.year() as i64 * 2 + (r.month() as i64 - 1) / 6 + n;
                    format!("{:04}-H{}", h.div_euclid(2), h.rem_euclid(2) + 1)
                }
                None => offset_str(6 * n, 'M'),
            }),
            Unit::Century => Some(match self.reference {
                Some(r) => format!("{:02}XX", r.year() as i64 / 100 + n),
                None => offset_str(100 * n, 'Y'),
            }),
            Unit::Day | Unit::Hour => return None,
        };
        Some((value, end))
    }

    /// A count before a unit: a number, a number word, or nothing (`rok
    /// temu` = one), with the index of the unit. The count is `None` for
    /// vague words (`kilka`).
    fn count_at(&self, i: usize) -> Option<(Option<i64>, usize)> {
        match self.lex(i) {
            Some(Lex::Num(n)) => return Some((n.map(i64::from), i + 1)),
            Some(Lex::Unit(_)) => return Some((Some(1), i)),
            _ => {}
        }
        if self.kind(i) == Some(TokenKind::Number) {
            let s = self.s(i);
            if s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()) {
                return Some((s.parse().ok(), i + 1));
            }
        }
        None
    }

    /// `dwa lata temu`, `tydzień temu`, `za tydzień`, `za 5 dni`.
    fn offset_at(&self, i: usize) -> Option<Hit> {
        if !matches!(self.lex(i), Some(Lex::Unit(_)))
            && !matches!(self.lex(i + 1), Some(Lex::Unit(_)))
        {
            return None;
        }
        let (count, u) = self.count_at(i)?;
        let Some(Lex::Unit(unit)) = self.lex(u) else {
            return None;
        };
        if u == i
            && !["rok", "miesiąc", "tydzień", "dzień"]
                .iter()
                .any(|w| self.is_word(u, w))
        {
            return None;
        }
        let (sign, end) = if self.lex(u + 1) == Some(Lex::Temu) {
            (-1, u + 2)
        } else if self.prep_before(i) == Some(Prep::Za) {
            (1, u + 1)
        } else {
            return None;
        };
        let Some(n) = count else {
            let v = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
            return Some(Hit::date(i, end, Some(v.into()), "rule:date.relative"));
        };
        let n = n * sign;
        let value = match (unit, self.reference) {
            (Unit::Day, Some(r)) => Some(date_str(r.add_days(n))),
            (Unit::Day, None) => Some(offset_str(n, 'D')),
            (Unit::Week, Some(r)) => Some(date_str(r.add_days(7 * n))),
            (Unit::Week, None) => Some(offset_str(7 * n, 'D')),
            (Unit::Month, Some(r)) => {
                let (y, m) = add_months(r.year(), r.month(), n);
                Some(format!("{y:04}-{m:02}"))
            }
            (Unit::Month, None) => Some(offset_str(n, 'M')),
            (Unit::Year, Some(r)) => Some(format!("{:04}", r.year() as i64 + n)),
            (Unit::Year, None) => Some(offset_str(n, 'Y')),
            _ => return None,
        };
        Some(Hit::date(i, end, value, "rule:date.relative"))
    }

    /// Relative expressions starting at token `i`.
    pub(crate) fn relative_at(&self, i: usize) -> Option<Hit> {
        if let Some(h) = self.offset_at(i) {
            return Some(h);
        }
        match self.lex(i)? {
            Lex::DayRel(n) => {
                let v = match self.reference {
                    Some(r) => date_str(r.add_days(n as i64)),
                    None => offset_str(n as i64, 'D'),
                };
                Some(Hit::date(i, i + 1, Some(v), "rule:date.relative"))
            }
            Lex::Weekday(d) => {
                let d2 = self.weekday_word(i).filter(|&x| x == d)?;
                if let Some(h) = self.weekday_with_date(d2, i) {
                    return Some(h);
                }
                Some(Hit::date(
                    i,
                    i + 1,
                    Some(self.weekday_value(d2, None, i)),
                    "rule:date.weekday",
                ))
            }
            Lex::Rel(rel) => {
                if let Some(d) = self.weekday_word(i + 1) {
                    return Some(Hit::date(
                        i,
                        i + 2,
                        Some(self.weekday_value(d, Some(rel), i)),
                        "rule:date.weekday",
                    ));
                }
                let (v, end) = self.relative_unit(i)?;
                Some(Hit::date(i, end, v, "rule:date.relative"))
            }
            Lex::Unit(Unit::Weekend)
                if matches!(self.prep_before(i), Some(Prep::W | Prep::Przez | Prep::Na)) =>
            {
                Some(Hit::date(
                    i,
                    i + 1,
                    Some(self.weekend_value(None, i)),
                    "rule:date.relative",
                ))
            }
            Lex::Unit(_) => {
                // `roku ubiegłym`, `tygodniu przyszłym`
                if !matches!(self.lex(i + 1), Some(Lex::Rel(_))) {
                    return None;
                }
                let (v, end) = self.relative_unit(i)?;
                Some(Hit::date(i, end, v, "rule:date.relative"))
            }
            _ => None,
        }
    }
}
