//! The words the temporal rules look at, read from
//! `resources/lists/temporal.tsv` (see the file's header for its classes).
//!
//! Lookup is one hash probe on the lower-cased token; tokens longer than the
//! longest listed form are never probed.

use crate::model::Shape;
use once_cell::sync::Lazy;

static TEMPORAL_TSV: &str = include_str!("../../resources/lists/temporal.tsv");

/// Grammatical case of a month name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// `październik` (also the accusative).
    Nom,
    /// `października`.
    Gen,
    /// `październiku`.
    Loc,
    /// `październikiem`.
    Ins,
}

/// A calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Year,
    Month,
    Week,
    Day,
    Weekend,
    Quarter,
    HalfYear,
    Century,
    Hour,
}

/// Direction of a relative adjective (`ubiegły`, `ten`, `przyszły`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    Prev,
    This,
    Next,
}

impl Rel {
    pub(crate) fn offset(self) -> i64 {
        match self {
            Rel::Prev => -1,
            Rel::This => 0,
            Rel::Next => 1,
        }
    }
}

/// A part of a period (`początek`, `połowa`, `koniec`, `przełom`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Start,
    Mid,
    End,
    Turn,
}

impl Part {
    /// The TIMEX3 `mod` value.
    pub(crate) fn timex_mod(self) -> &'static str {
        match self {
            Part::Start => "START",
            Part::Mid => "MID",
            Part::End | Part::Turn => "END",
        }
    }
}

/// A preposition or conjunction the rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prep {
    W,
    Od,
    Do,
    Z,
    Miedzy,
    Na,
    Pod,
    O,
    Za,
    Przed,
    Po,
    Okolo,
    Przez,
    /// `i`, `oraz`
    And,
    /// `a`
    A,
}

/// What a listed word means to the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    Month(u8, Case),
    Weekday(u8),
    DayRel(i8),
    Unit(Unit),
    Rel(Rel),
    Part(Part),
    Ordinal(u8),
    /// A number word; `None` for vague ones (`kilka`).
    Num(Option<u8>),
    /// A currency; `true` for its hundredth (`gr`).
    Currency(Cur, bool),
    /// Power of ten.
    Mult(u8),
    Percent,
    Clock(u8),
    /// `rano` (false) / `wieczorem` (true).
    DayPart(bool),
    Decade(u8),
    Temu,
    ThisYear,
    Prep(Prep),
}

type Map = crate::hash::FastMap<&'static [u8], Lex>;

const BLOOM_WORDS: usize = 1024;

/// Index of a one- or two-byte ASCII form in `Lexicon::short`.
#[inline]
fn short_key(b: &[u8]) -> Option<usize> {
    match *b {
        [x] if x.is_ascii() => Some(x as usize),
        [x, y] if x.is_ascii() && y.is_ascii() => Some(((x as usize) << 7) | y as usize),
        _ => None,
    }
}

/// The Bloom filter bit of a word: its length and its first two and last
/// two bytes, each with bit 0x20 set. That bit is all that tells an ASCII
/// capital from its small letter, so a word and its ASCII-lower-cased form
/// share a bit, and no case folding is needed before the test.
#[inline]
fn bloom_bit(b: &[u8]) -> usize {
    let ends = match (b.first_chunk::<2>(), b.last_chunk::<2>()) {
        (Some(f), Some(l)) => {
            u32::from(u16::from_le_bytes(*f)) | u32::from(u16::from_le_bytes(*l)) << 16
        }
        // one byte (or none): it is all four
        _ => u32::from(b.first().copied().unwrap_or(0)) * 0x0101_0101,
    };
    let key = (b.len() as u64) << 32 | u64::from(ends | 0x2020_2020);
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize % (BLOOM_WORDS * 64)
}

pub(crate) struct Lexicon {
    map: Map,
    /// A one-hash Bloom filter over (length, first two and last two bytes)
    /// of every form: rejects almost every other word before hashing it.
    bloom: Box<[u64; BLOOM_WORDS]>,
    /// Forms of one or two ASCII bytes (`w`, `na`, `zł` is not ASCII), the most
    /// frequent words of any text: found without hashing.
    short: Box<[Option<Lex>; 128 * 128]>,
    /// Longest form in bytes.
    longest: usize,
    /// Rows that did not parse (a unit test keeps this empty).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) bad_rows: Vec<usize>,
}

pub(crate) static LEXICON: Lazy<Lexicon> = Lazy::new(|| {
    let mut map = Map::default();
    let mut bad_rows = Vec::new();
    let mut longest = 0;
    let mut bloom = Box::new([0u64; BLOOM_WORDS]);
    let mut short = Box::new([None; 128 * 128]);
    for (line, cols) in crate::resources::tsv_rows(TEMPORAL_TSV) {
        match (cols.first(), parse_row(&cols)) {
            (Some(form), Some(lex)) if !form.is_empty() && form.len() < 64 => {
                longest = longest.max(form.len());
                let b = form.as_bytes();
                let h = bloom_bit(b);
                bloom[h / 64] |= 1 << (h % 64);
                if let Some(k) = short_key(b) {
                    short[k] = Some(lex);
                }
                map.insert(form.as_bytes(), lex);
            }
            _ => bad_rows.push(line),
        }
    }
    Lexicon {
        map,
        bloom,
        short,
        longest,
        bad_rows,
    }
});

/// A currency the rules know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cur {
    Pln,
    Eur,
    Usd,
    Gbp,
    Chf,
    Jpy,
    Uah,
    Rub,
    Czk,
}

const CURRENCIES: [(Cur, &str); 9] = [
    (Cur::Pln, "PLN"),
    (Cur::Eur, "EUR"),
    (Cur::Usd, "USD"),
    (Cur::Gbp, "GBP"),
    (Cur::Chf, "CHF"),
    (Cur::Jpy, "JPY"),
    (Cur::Uah, "UAH"),
    (Cur::Rub, "RUB"),
    (Cur::Czk, "CZK"),
];

impl Cur {
    /// The ISO 4217 code.
    pub(crate) fn code(self) -> &'static str {
        CURRENCIES
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("XXX", |(_, code)| code)
    }
}

fn currency_code(code: &str) -> Option<Cur> {
    CURRENCIES
        .iter()
        .find(|(_, c)| *c == code)
        .map(|(cur, _)| *cur)
}

fn parse_row(cols: &[&str]) -> Option<Lex> {
    let class = *cols.get(1)?;
    let value = *cols.get(2)?;
    Some(match class {
        "month" => {
            let (m, case) = value.split_once(':')?;
            let m: u8 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
            let case = match case {
                "nom" => Case::Nom,
                "gen" => Case::Gen,
                "loc" => Case::Loc,
                "ins" => Case::Ins,
                _ => return None,
            };
            Lex::Month(m, case)
        }
        "weekday" => Lex::Weekday(value.parse().ok().filter(|d| (1..=7).contains(d))?),
        "dayrel" => Lex::DayRel(value.parse().ok()?),
        "unit" => Lex::Unit(match value {
            "year" => Unit::Year,
            "month" => Unit::Month,
            "week" => Unit::Week,
            "day" => Unit::Day,
            "weekend" => Unit::Weekend,
            "quarter" => Unit::Quarter,
            "halfyear" => Unit::HalfYear,
            "century" => Unit::Century,
            "hour" => Unit::Hour,
            _ => return None,
        }),
        "rel" => Lex::Rel(match value {
            "prev" => Rel::Prev,
            "this" => Rel::This,
            "next" => Rel::Next,
            _ => return None,
        }),
        "part" => Lex::Part(match value {
            "start" => Part::Start,
            "mid" => Part::Mid,
            "end" => Part::End,
            "turn" => Part::Turn,
            _ => return None,
        }),
        "ordinal" => Lex::Ordinal(value.parse().ok()?),
        "num" => Lex::Num(if value == "few" {
            None
        } else {
            Some(value.parse().ok()?)
        }),
        "currency" => match value.strip_suffix("/100") {
            Some(code) => Lex::Currency(currency_code(code)?, true),
            None => Lex::Currency(currency_code(value)?, false),
        },
        "mult" => Lex::Mult(value.parse().ok()?),
        "percent" => Lex::Percent,
        "clock" => Lex::Clock(value.parse().ok().filter(|h| *h < 24)?),
        "daypart" => Lex::DayPart(match value {
            "am" => false,
            "pm" => true,
            _ => return None,
        }),
        "decade" => Lex::Decade(value.parse().ok()?),
        "temu" => Lex::Temu,
        "thisyear" => Lex::ThisYear,
        "prep" => Lex::Prep(match value {
            "w" => Prep::W,
            "od" => Prep::Od,
            "do" => Prep::Do,
            "z" => Prep::Z,
            "między" => Prep::Miedzy,
            "na" => Prep::Na,
            "pod" => Prep::Pod,
            "o" => Prep::O,
            "za" => Prep::Za,
            "przed" => Prep::Przed,
            "po" => Prep::Po,
            "około" => Prep::Okolo,
            "przez" => Prep::Przez,
            _ => return None,
        }),
        "conj" => Lex::Prep(match value {
            "i" => Prep::And,
            "a" => Prep::A,
            _ => return None,
        }),
        _ => return None,
    })
}

/// The word list, loaded on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    &LEXICON
}

/// Looks up a token's text, folding case as its `shape` requires.
#[cfg(test)]
pub(crate) fn lookup(text: &str, shape: Shape) -> Option<Lex> {
    LEXICON.lookup(text, shape)
}

impl Lexicon {
    /// Looks up a token's text, folding case as its `shape` requires.
    #[cfg(test)]
    pub(crate) fn lookup(&self, text: &str, shape: Shape) -> Option<Lex> {
        self.lookup_bytes(text.as_bytes(), shape, || text)
    }

    /// False when no form of the list has the length and the first two
    /// and last two bytes (ASCII case aside) of `b`: `b` is surely not in
    /// the list, as written or lower-cased in ASCII.
    #[inline]
    pub(crate) fn may_contain(&self, b: &[u8]) -> bool {
        let h = bloom_bit(b);
        self.bloom[h / 64] & (1 << (h % 64)) != 0
    }

    /// Looks up a token's text given as bytes, folding case as its `shape`
    /// requires; `text` gives the same text as a `str`, asked only for the
    /// rare words that need Unicode case folding (`Środa`, `ŁÓDŹ`).
    #[inline]
    pub(crate) fn lookup_bytes<'t>(
        &self,
        b: &[u8],
        shape: Shape,
        text: impl FnOnce() -> &'t str,
    ) -> Option<Lex> {
        let lex = self;
        let n = b.len();
        if n == 0 || n > lex.longest {
            return None;
        }
        if n <= 2 && b.is_ascii() {
            let folded = [
                b[0].to_ascii_lowercase(),
                b.get(1).map_or(0, u8::to_ascii_lowercase),
            ];
            return short_key(&folded[..n]).and_then(|k| lex.short[k]);
        }
        // how to fold: nothing, the first ASCII byte, all ASCII bytes, or the
        // slow Unicode path (`Środa`, `ŁÓDŹ`)
        enum Fold {
            None,
            First,
            Ascii,
            Unicode,
        }
        let fold = match shape {
            Shape::Lower | Shape::Digits | Shape::Other => Fold::None,
            Shape::Capitalized if b[0].is_ascii() => Fold::First,
            _ if b.is_ascii() => Fold::Ascii,
            _ => Fold::Unicode,
        };
        // cheap rejection of most words against the Bloom filter (which
        // ASCII case folding cannot change; Unicode folding can)
        if !matches!(fold, Fold::Unicode) && !lex.may_contain(b) {
            return None;
        }
        if let Fold::None = fold {
            return lex.map.get(b).copied();
        }
        let mut buf = [0u8; 64];
        let key: &[u8] = match fold {
            Fold::Unicode => super::tense::lower_into(text(), &mut buf)?.as_bytes(),
            _ => {
                buf[..n].copy_from_slice(b);
                match fold {
                    Fold::First => buf[0] = b[0].to_ascii_lowercase(),
                    _ => buf[..n].make_ascii_lowercase(),
                }
                &buf[..n]
            }
        };
        lex.map.get(key).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_parses() {
        assert!(
            LEXICON.bad_rows.is_empty(),
            "bad rows: {:?}",
            LEXICON.bad_rows
        );
        assert!(LEXICON.map.len() > 300);
    }

    #[test]
    fn lookup_lowercases() {
        let look = |s: &str| lookup(s, crate::text::tokenize::shape_of(s));
        assert_eq!(look("Października"), Some(Lex::Month(10, Case::Gen)));
        assert_eq!(look("PAŹDZIERNIKA"), Some(Lex::Month(10, Case::Gen)));
        assert_eq!(look("Środę"), Some(Lex::Weekday(3)));
        assert_eq!(look("PLN"), Some(Lex::Currency(Cur::Pln, false)));
        assert_eq!(look("gr"), Some(Lex::Currency(Cur::Pln, true)));
        assert_eq!(look("się"), None);
        assert_eq!(look("W"), Some(Lex::Prep(Prep::W)));
        assert_eq!(look("%"), Some(Lex::Percent));
        assert_eq!(look("Kraków"), None);
    }
}
