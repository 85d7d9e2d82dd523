//! Temporal and numeric expressions: dates, times, money, percentages.
//!
//! Values follow TIMEX3 for time and ISO 4217 for currencies (see the
//! README's "Values" section).

mod date;

pub use date::{Date, InvalidDate, days_in_month, is_leap};

use crate::model::{Label, TokenKind};
use crate::pipeline::{Candidate, Context, Stage};
use std::borrow::Cow;

/// Genitive month names as they follow a day number, 1-based.
pub(crate) const MONTHS_GENITIVE: [&str; 12] = [
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
];

/// Priority of temporal candidates in overlap resolution.
pub(crate) const TEMPORAL_PRIORITY: u8 = 60;

/// Recognizes temporal and numeric expressions.
#[derive(Debug, Default)]
pub struct TemporalStage;

impl Stage for TemporalStage {
    fn name(&self) -> &'static str {
        "temporal"
    }

    fn run(&self, cx: &mut Context<'_>) {
        let tokens = &cx.tokens;
        for i in 0..tokens.len() {
            let t = &tokens[i];
            if t.kind != TokenKind::Number {
                continue;
            }
            let digits = &cx.text[t.byte_range()];
            let Ok(day) = digits.parse::<u8>() else {
                continue;
            };
            let Some(next) = tokens.get(i + 1) else {
                continue;
            };
            let Some(month) = MONTHS_GENITIVE
                .iter()
                .position(|m| *m == next.text(cx.text).to_lowercase())
            else {
                continue;
            };
            let month = month as u8 + 1;
            let mut end = next.span.byte_end;
            let mut year = None;
            if let Some(y) = tokens.get(i + 2)
                && y.kind == TokenKind::Number
                && let Ok(value) = cx.text[y.byte_range()].parse::<i32>()
                && (1000..=2999).contains(&value)
            {
                year = Some(value);
                end = y.span.byte_end;
                if let Some(r) = tokens.get(i + 3)
                    && matches!(r.text(cx.text), "r." | "roku")
                {
                    end = r.span.byte_end;
                }
            }
            let value = resolve_day_month(year, month, day, cx.reference_date);
            cx.candidates.push(Candidate {
                bytes: t.span.byte_start..end,
                label: Label::Date,
                subtype: None,
                lemma: cx.text[t.span.byte_start..end].to_string(),
                value,
                source: Cow::Borrowed("rule:date.day_month"),
                score: 0.95,
                priority: TEMPORAL_PRIORITY,
            });
        }
    }
}

/// The value of a day and month with an optional year; without a year the
/// reference date picks the nearest such date (`XXXX-MM-DD` without one).
fn resolve_day_month(
    year: Option<i32>,
    month: u8,
    day: u8,
    reference: Option<Date>,
) -> Option<String> {
    match (year, reference) {
        (Some(y), _) => Date::new(y, month, day).map(|d| d.to_string()),
        (None, Some(r)) => {
            let candidates = [r.year() - 1, r.year(), r.year() + 1];
            candidates
                .iter()
                .filter_map(|&y| Date::new(y, month, day))
                .min_by_key(|d| (d.to_days() - r.to_days()).abs())
                .map(|d| d.to_string())
        }
        (None, None) => (day >= 1 && day <= days_in_month(2024, month))
            .then(|| format!("XXXX-{month:02}-{day:02}")),
    }
}
