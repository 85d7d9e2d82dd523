//! Calendar values before and after resolution against the reference date.

use super::date::{Date, days_in_month};
use super::tense::Tense;

/// A year as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Yr {
    /// Written out: `2025`.
    Known(i32),
    /// Relative to the reference year: `w tym roku` (0), `ubiegłego roku` (-1).
    Rel(i32),
    /// Not given: `15 października` — resolved to the nearest such date.
    Unknown,
}

/// A calendar value at some precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    Day(Yr, u8, u8),
    Month(Yr, u8),
    Year(Yr),
    /// The first three digits: `199` → `199X`.
    Decade(i32),
    /// The first two digits: `18` → `18XX`.
    Century(i32),
    Quarter(Yr, u8),
    Half(Yr, u8),
}

/// Appends `n` in decimal, zero-padded to `width` (no `fmt` machinery: values
/// are formatted for every match, and this is measurably cheaper).
pub(crate) fn push_num(s: &mut String, n: u32, width: usize) {
    let mut buf = [b'0'; 10];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let digits = buf.len() - i;
    for _ in digits..width {
        s.push('0');
    }
    for &b in &buf[i..] {
        s.push(b as char);
    }
}

/// `2025-10-15` (`XXXX-10-15` for an unknown year).
pub(crate) fn day_str(y: Option<i32>, m: u8, d: u8) -> String {
    let mut s = month_str(y, m);
    s.push('-');
    push_num(&mut s, d as u32, 2);
    s
}

/// `2025-10` (`XXXX-10` for an unknown year).
pub(crate) fn month_str(y: Option<i32>, m: u8) -> String {
    let mut s = String::with_capacity(16);
    match y {
        Some(y) => push_num(&mut s, y.clamp(0, 9999) as u32, 4),
        None => s.push_str("XXXX"),
    }
    s.push('-');
    push_num(&mut s, m as u32, 2);
    s
}

/// `2025-10-15` for a date.
pub(crate) fn date_str(d: Date) -> String {
    day_str(Some(d.year()), d.month(), d.day())
}

/// `a/b`.
pub(crate) fn range_str(a: String, b: &str) -> String {
    let mut s = a;
    s.push('/');
    s.push_str(b);
    s
}

/// Resolves the year of a day/month (`month`, `day`) against `reference`,
/// honouring the sentence's tense. `None`: unresolvable (`XXXX`).
pub(crate) fn resolve_year(
    yr: Yr,
    month: Option<u8>,
    day: Option<u8>,
    reference: Option<Date>,
    tense: Tense,
) -> Option<i32> {
    match yr {
        Yr::Known(y) => Some(y),
        Yr::Rel(off) => reference.map(|r| r.year() + off),
        Yr::Unknown => {
            let r = reference?;
            let y = r.year();
            match (month, day) {
                (Some(m), Some(d)) => {
                    let cands: Vec<Date> = [y - 1, y, y + 1]
                        .iter()
                        .filter_map(|&y| Date::new(y, m, d))
                        .collect();
                    let rd = r.to_days();
                    let pick = match tense {
                        Tense::Past => cands.iter().rfind(|c| c.to_days() <= rd),
                        Tense::Future => cands.iter().find(|c| c.to_days() >= rd),
                        Tense::Neutral => cands.iter().min_by_key(|c| (c.to_days() - rd).abs()),
                    };
                    pick.map(|d| d.year())
                }
                (Some(m), None) => Some(match tense {
                    Tense::Past if m > r.month() => y - 1,
                    Tense::Future if m < r.month() => y + 1,
                    _ => y,
                }),
                _ => Some(y),
            }
        }
    }
}

fn year_str(y: Option<i32>) -> Option<String> {
    match y {
        Some(y) if (0..=9999).contains(&y) => {
            let mut s = String::with_capacity(16);
            push_num(&mut s, y as u32, 4);
            Some(s)
        }
        Some(_) => None,
        None => Some("XXXX".to_string()),
    }
}

impl When {
    /// The TIMEX3 value, or `None` when the date does not exist (`31 lutego`).
    pub(crate) fn value(self, reference: Option<Date>, tense: Tense) -> Option<String> {
        match self {
            When::Day(yr, m, d) => {
                let y = resolve_year(yr, Some(m), Some(d), reference, tense);
                match y {
                    Some(y) => Date::new(y, m, d)
                        .filter(|_| (0..=9999).contains(&y))
                        .map(date_str),
                    None if yr == Yr::Unknown || matches!(yr, Yr::Rel(_)) => {
                        (d >= 1 && d <= days_in_month(2024, m)).then(|| day_str(None, m, d))
                    }
                    None => None,
                }
            }
            When::Month(yr, m) => {
                let y = resolve_year(yr, Some(m), None, reference, tense);
                if y.is_some_and(|y| !(0..=9999).contains(&y)) {
                    return None;
                }
                (1..=12).contains(&m).then(|| month_str(y, m))
            }
            When::Year(Yr::Rel(n)) if reference.is_none() => Some(offset_str(n as i64, 'Y')),
            When::Year(yr) => year_str(resolve_year(yr, None, None, reference, tense)),
            When::Decade(p) => (0..=999).contains(&p).then(|| format!("{p:03}X")),
            When::Century(p) => (0..=99).contains(&p).then(|| format!("{p:02}XX")),
            When::Quarter(yr, q) => {
                let y = year_str(resolve_year(yr, None, None, reference, tense))?;
                (1..=4).contains(&q).then(|| format!("{y}-Q{q}"))
            }
            When::Half(yr, h) => {
                let y = year_str(resolve_year(yr, None, None, reference, tense))?;
                (1..=2).contains(&h).then(|| format!("{y}-H{h}"))
            }
        }
    }
}

/// `2025-W44` for the ISO week of `d`.
pub(crate) fn iso_week_str(d: Date) -> String {
    let (y, w) = d.iso_week();
    format!("{y:04}-W{w:02}")
}

/// A signed ISO 8601 offset from the reference: `PRESENT_REF-P1D`.
pub(crate) fn offset_str(n: i64, unit: char) -> String {
    if n == 0 && unit == 'D' {
        return "PRESENT_REF".to_string();
    }
    let sign = if n < 0 { '-' } else { '+' };
    format!("PRESENT_REF{sign}P{}{unit}", n.unsigned_abs())
}

/// Adds `n` months to (year, month).
pub(crate) fn add_months(year: i32, month: u8, n: i64) -> (i32, u8) {
    let total = year as i64 * 12 + (month as i64 - 1) + n;
    (
        total.div_euclid(12) as i32,
        (total.rem_euclid(12) + 1) as u8,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r() -> Option<Date> {
        Date::new(2025, 10, 20)
    }

    #[test]
    fn day_month_resolution_follows_tense() {
        let v = |m, d, t| When::Day(Yr::Unknown, m, d).value(r(), t).unwrap();
        assert_eq!(v(10, 15, Tense::Past), "2025-10-15");
        assert_eq!(v(10, 15, Tense::Future), "2026-10-15");
        assert_eq!(v(10, 15, Tense::Neutral), "2025-10-15");
        assert_eq!(v(1, 5, Tense::Neutral), "2026-01-05");
        assert_eq!(v(11, 2, Tense::Past), "2024-11-02");
        assert_eq!(
            When::Day(Yr::Unknown, 10, 15).value(None, Tense::Past),
            Some("XXXX-10-15".into())
        );
        assert_eq!(When::Day(Yr::Unknown, 2, 31).value(r(), Tense::Past), None);
        assert_eq!(When::Day(Yr::Unknown, 2, 30).value(None, Tense::Past), None);
        assert_eq!(
            When::Day(Yr::Known(2025), 2, 29).value(None, Tense::Past),
            None
        );
    }

    #[test]
    fn month_resolution() {
        let v = |m, t| When::Month(Yr::Unknown, m).value(r(), t).unwrap();
        assert_eq!(v(3, Tense::Past), "2025-03");
        assert_eq!(v(12, Tense::Past), "2024-12");
        assert_eq!(v(3, Tense::Future), "2026-03");
        assert_eq!(v(12, Tense::Neutral), "2025-12");
    }

    #[test]
    fn offsets_and_months() {
        assert_eq!(offset_str(-1, 'D'), "PRESENT_REF-P1D");
        assert_eq!(offset_str(0, 'D'), "PRESENT_REF");
        assert_eq!(offset_str(2, 'Y'), "PRESENT_REF+P2Y");
        assert_eq!(add_months(2025, 1, -1), (2024, 12));
        assert_eq!(add_months(2025, 12, 1), (2026, 1));
        let mut s = String::new();
        push_num(&mut s, 7, 2);
        push_num(&mut s, 1986, 4);
        push_num(&mut s, 0, 1);
        assert_eq!(s, "0719860");
        assert_eq!(day_str(None, 2, 9), "XXXX-02-09");
    }
}
