//! Amounts of money (`1,5 mln zł` → `1500000 PLN`) and percentages
//! (`12,5 proc.` → `12.5%`). Numbers are exact decimals, never floats.

use super::lexicon::{Cur, Lex};
use super::{Hit, Scan};
use crate::model::{Label, TokenKind};

/// An exact decimal: `mant / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dec {
    mant: u128,
    scale: u32,
}

impl Dec {
    pub(crate) fn int(n: u128) -> Dec {
        Dec { mant: n, scale: 0 }
    }

    /// Parses `130 000`, `1 250 000,50`, `2,5`, `1.5`, `1.250.000`.
    /// A point followed by exactly three digits is a thousands separator when
    /// `dot_groups` is set (money without a multiplier: `1.500 zł`).
    pub(crate) fn parse(s: &str, dot_groups: bool) -> Option<Dec> {
        let s = s.trim_end_matches('%');
        if s.is_empty() || !s.as_bytes()[0].is_ascii_digit() {
            return None;
        }
        let has_comma = s.contains(',');
        let dots_group = !has_comma && dot_groups && {
            let mut groups = s.split('.');
            groups
                .next()
                .is_some_and(|g| (1..=3).contains(&g.trim().len()))
                && s.contains('.')
                && groups.all(|g| g.len() == 3)
        } || has_comma && s.contains('.');
        let mut mant: u128 = 0;
        let mut scale = 0u32;
        let mut in_fraction = false;
        let mut decimal_seen = false;
        for c in s.chars() {
            match c {
                '0'..='9' => {
                    mant = mant.checked_mul(10)?.checked_add(c as u128 - '0' as u128)?;
                    if in_fraction {
                        scale += 1;
                    }
                }
                ',' => {
                    if decimal_seen {
                        return None;
                    }
                    decimal_seen = true;
                    in_fraction = true;
                }
                '.' if dots_group => {}
                '.' => {
                    if decimal_seen {
                        return None;
                    }
                    decimal_seen = true;
                    in_fraction = true;
                }
                c if c.is_whitespace() || c == '\u{202F}' => {
                    if in_fraction {
                        return None;
                    }
                }
                _ => return None,
            }
        }
        // more decimals than any amount or share needs: not a number we normalize
        (scale <= 30).then_some(Dec { mant, scale })
    }

    /// Multiplies by `10^e`.
    pub(crate) fn times_pow10(self, e: u32) -> Option<Dec> {
        if e >= self.scale {
            let f = 10u128.checked_pow(e - self.scale)?;
            Some(Dec {
                mant: self.mant.checked_mul(f)?,
                scale: 0,
            })
        } else {
            Some(Dec {
                mant: self.mant,
                scale: self.scale - e,
            })
        }
    }

    /// Adds another decimal.
    pub(crate) fn add(self, other: Dec) -> Option<Dec> {
        let scale = self.scale.max(other.scale);
        let a = self
            .mant
            .checked_mul(10u128.checked_pow(scale - self.scale)?)?;
        let b = other
            .mant
            .checked_mul(10u128.checked_pow(scale - other.scale)?)?;
        Some(Dec {
            mant: a.checked_add(b)?,
            scale,
        })
    }
}

impl Dec {
    /// Appends the number: point as separator, no grouping, no trailing
    /// zeros (by hand: cheaper than `fmt` for the u128 mantissa).
    pub(crate) fn push_to(self, out: &mut String) {
        let (mut mant, mut scale) = (self.mant, self.scale);
        while scale > 0 && mant % 10 == 0 {
            mant /= 10;
            scale -= 1;
        }
        // digits, least significant first
        let mut digits = [0u8; 40];
        let mut n = 0;
        loop {
            digits[n] = b'0' + (mant % 10) as u8;
            mant /= 10;
            n += 1;
            if mant == 0 || n == digits.len() {
                break;
            }
        }
        let scale = scale as usize;
        // leading zeros so that there is one digit before the point
        while n <= scale && n < digits.len() {
            digits[n] = b'0';
            n += 1;
        }
        for k in (0..n).rev() {
            out.push(digits[k] as char);
            if k == scale && k > 0 {
                out.push('.');
            }
        }
    }
}

impl std::fmt::Display for Dec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = String::new();
        self.push_to(&mut s);
        f.write_str(&s)
    }
}

/// Currency signs written before the amount.
fn sign_currency(s: &str) -> Option<&'static str> {
    Some(match s {
        "€" => "EUR",
        "$" => "USD",
        "£" => "GBP",
        "¥" => "JPY",
        _ => return None,
    })
}

impl Scan<'_> {
    /// A plain number token (not a date, not an ordinal) as a decimal.
    fn number(&self, i: usize, dot_groups: bool) -> Option<Dec> {
        if self.kind(i)? != TokenKind::Number {
            return None;
        }
        let s = self.s(i);
        if s.ends_with('.') || s.ends_with('%') {
            return None;
        }
        Dec::parse(s, dot_groups)
    }

    /// An amount: `1,5 mln`, `200 tys.`, `dwa miliony`, `milion`, `130 000`.
    fn amount_at(&self, i: usize) -> Option<(Dec, usize)> {
        let mult = |j: usize| match self.lex(j) {
            Some(Lex::Mult(e)) => Some(e as u32),
            _ => None,
        };
        if let Some(n) = self.number(i, mult(i + 1).is_none()) {
            return match mult(i + 1) {
                Some(e) => Some((n.times_pow10(e)?, i + 2)),
                None => Some((n, i + 1)),
            };
        }
        match self.lex(i)? {
            Lex::Num(Some(n)) => {
                let e = mult(i + 1)?;
                Some((Dec::int(n as u128).times_pow10(e)?, i + 2))
            }
            Lex::Mult(e) if matches!(self.s(i), "tysiąc" | "milion" | "miliard" | "bilion") => {
                Some((Dec::int(1).times_pow10(e as u32)?, i + 1))
            }
            _ => None,
        }
    }

    /// `1,5 mln zł`, `€20`, `15 zł 50 gr`, `100 USD`.
    pub(crate) fn money_at(&self, i: usize) -> Option<Hit> {
        // the amount, its currency, where it ends, and whether the unit is a
        // hundredth (`50 gr`)
        // cheap guard before parsing any number: a currency sign here, or a
        // multiplier or currency next
        if !matches!(
            (self.lex(i), self.lex(i + 1)),
            (Some(Lex::Currency(..) | Lex::Mult(_)), _)
                | (_, Some(Lex::Currency(..) | Lex::Mult(_)))
        ) {
            return None;
        }
        let (mut amount, code, mut end, minor) = if let Some(code) = sign_currency(self.s(i)) {
            let (a, e) = self.amount_at(i + 1)?;
            (a, code, e, false)
        } else {
            let (a, e) = self.amount_at(i)?;
            let Some(Lex::Currency(cur, minor)) = self.lex(e) else {
                return None;
            };
            (a, cur.code(), e + 1, minor)
        };
        if minor {
            amount.scale += 2;
        }
        // `530 mld dol.`: the abbreviation's period (not in the tokenizer's list)
        if self.s(end - 1) == "dol" && self.s(end) == "." && self.glued(end) {
            end += 1;
        }
        let minor_only = minor;
        // `15 zł 50 gr`
        if !minor_only
            && code == "PLN"
            && let Some(g) = self.number(end, false)
            && let Some(Lex::Currency(Cur::Pln, true)) = self.lex(end + 1)
            && g.scale == 0
            && g.mant < 100
        {
            amount = amount.add(Dec {
                mant: g.mant,
                scale: 2,
            })?;
            end += 2;
        }
        Some(Hit {
            start: i,
            end,
            label: Label::Money,
            value: Some({
                let mut v = String::with_capacity(24);
                amount.push_to(&mut v);
                v.push(' ');
                v.push_str(code);
                v
            }),
            rule: "rule:money",
        })
    }

    /// `12,5%`, `12,5 %`, `12,5 proc.`, `pięć procent`.
    pub(crate) fn percent_at(&self, i: usize) -> Option<Hit> {
        let s = self.s(i);
        if !s.ends_with('%') && self.lex(i + 1) != Some(Lex::Percent) {
            return None;
        }
        let (n, end) = if self.kind(i) == Some(TokenKind::Number) && s.ends_with('%') {
            (Dec::parse(s, false)?, i + 1)
        } else {
            let n = match self.lex(i) {
                Some(Lex::Num(Some(n))) => Dec::int(n as u128),
                _ => self.number(i, false)?,
            };
            if self.lex(i + 1) != Some(Lex::Percent) {
                return None;
            }
            (n, i + 2)
        };
        Some(Hit {
            start: i,
            end,
            label: Label::Percent,
            value: Some({
                let mut v = String::with_capacity(8);
                n.push_to(&mut v);
                v.push('%');
                v
            }),
            rule: "rule:percent",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str, groups: bool) -> String {
        Dec::parse(s, groups).unwrap().to_string()
    }

    #[test]
    fn decimals() {
        assert_eq!(p("2,5", false), "2.5");
        assert_eq!(p("29,90", false), "29.9");
        assert_eq!(p("130 000", false), "130000");
        assert_eq!(p("130\u{a0}000", false), "130000");
        assert_eq!(p("1.500", true), "1500");
        assert_eq!(p("1.5", true), "1.5");
        assert_eq!(p("1.250.000,50", false), "1250000.5");
        assert_eq!(p("12,5%", false), "12.5");
        assert_eq!(p("10,00", false), "10");
        assert_eq!(
            Dec::parse("1,5", false)
                .unwrap()
                .times_pow10(6)
                .unwrap()
                .to_string(),
            "1500000"
        );
        assert_eq!(
            Dec::parse("1,25", false)
                .unwrap()
                .times_pow10(1)
                .unwrap()
                .to_string(),
            "12.5"
        );
        assert!(Dec::parse("99999999999999999999999999999999999999999", false).is_none());
        assert!(Dec::parse("1,2,3", false).is_none());
        assert_eq!(p("0,5", false), "0.5");
        assert_eq!(p("0,05", false), "0.05");
        assert_eq!(p("0", false), "0");
        assert_eq!(p("100", false), "100");
        assert_eq!(Dec { mant: 5, scale: 3 }.to_string(), "0.005");
        assert_eq!(
            Dec {
                mant: 1550,
                scale: 2
            }
            .to_string(),
            "15.5"
        );
    }
}
