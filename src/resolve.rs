//! Overlap resolution: from proposed candidates to one set of entities.
//!
//! Policy, in order (like a match-kind choice, one rule for all stages):
//! 1. a candidate with a higher `priority` wins over any candidate it overlaps;
//! 2. at equal priority, the longer span wins;
//! 3. then the higher score, then the earlier start, then the earlier
//!    proposal (stage order) — so the result is deterministic.
//!
//! Accepted entities never overlap and are returned sorted by start.

use crate::model::Entity;
use crate::pipeline::Candidate;
use crate::span::CharCursor;
use std::collections::BTreeMap;

/// (reversed (priority, length, score), start, proposal index): sorting
/// these ascending puts the strongest candidate first.
type SortKey = (std::cmp::Reverse<(u8, usize, u32)>, usize, usize);

/// Chooses non-overlapping candidates and turns them into entities.
pub(crate) fn resolve(text: &str, candidates: Vec<Candidate>) -> Vec<Entity> {
    // One flat sort key per candidate (cheaper than comparing through the
    // candidate list): higher priority, longer span, higher score first, then
    // earlier start, then proposal order.
    let mut order: Vec<SortKey> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let len = c.bytes.end.saturating_sub(c.bytes.start);
            let score = total_order_bits(c.score);
            (
                std::cmp::Reverse((c.priority, len, score)),
                c.bytes.start,
                i,
            )
        })
        .collect();
    order.sort_unstable();
    let order = order.into_iter().map(|(_, _, i)| i);
    // accepted spans, keyed by start: an overlap check looks at two neighbours
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut chosen: Vec<usize> = Vec::new();
    for i in order {
        let c = &candidates[i];
        if c.bytes.start >= c.bytes.end || c.bytes.end > text.len() {
            continue;
        }
        if !text.is_char_boundary(c.bytes.start) || !text.is_char_boundary(c.bytes.end) {
            continue;
        }
        let before = taken.range(..c.bytes.end).next_back();
        if before.is_some_and(|(_, &end)| end > c.bytes.start) {
            continue;
        }
        taken.insert(c.bytes.start, c.bytes.end);
        chosen.push(i);
    }
    // accepted spans do not overlap, so their starts are distinct
    chosen.sort_unstable_by_key(|&i| candidates[i].bytes.start);
    let mut candidates: Vec<Option<Candidate>> = candidates.into_iter().map(Some).collect();
    // spans come in text order: a cursor counts each character once
    let mut chars = CharCursor::new(text);
    chosen
        .into_iter()
        .filter_map(|i| candidates[i].take())
        .map(|c| {
            let lemma = if c.lemma.is_empty() {
                text[c.bytes.clone()].to_string()
            } else {
                c.lemma
            };
            Entity {
                span: chars.span(c.bytes.clone()),
                text: text[c.bytes.clone()].to_string(),
                label: c.label,
                subtype: c.subtype.map(|s| s.into_owned()),
                lemma,
                value: c.value,
                source: c.source.into_owned(),
                score: c.score,
            }
        })
        .collect()
}

/// Maps an `f32` to bits that sort like `f32::total_cmp`.
fn total_order_bits(x: f32) -> u32 {
    let bits = x.to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Label;
    use std::borrow::Cow;

    fn cand(bytes: std::ops::Range<usize>, priority: u8, lemma: &str) -> Candidate {
        Candidate {
            bytes,
            label: Label::Loc,
            subtype: None,
            lemma: lemma.into(),
            value: None,
            source: Cow::Borrowed("test"),
            score: 0.5,
            priority,
        }
    }

    #[test]
    fn priority_then_length() {
        let text = "abcdefghij";
        let out = resolve(
            text,
            vec![
                cand(0..5, 1, "long"),
                cand(3..4, 2, "prio"),
                cand(6..8, 1, "a"),
                cand(6..9, 1, "b"),
            ],
        );
        let lemmas: Vec<&str> = out.iter().map(|e| e.lemma.as_str()).collect();
        assert_eq!(lemmas, ["prio", "b"]);
    }

    #[test]
    fn invalid_spans_are_dropped_not_panicking() {
        let text = "żółw";
        let out = resolve(
            text,
            vec![cand(1..3, 1, "x"), cand(0..99, 1, "y"), cand(2..2, 1, "z")],
        );
        assert!(out.is_empty());
    }
}
