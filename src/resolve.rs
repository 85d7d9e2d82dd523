//! Overlap resolution: from proposed candidates to one set of entities.
//!
//! Policy, in order (like a match-kind choice, one rule for all stages):
//! 1. a candidate with a higher `priority` wins over any candidate it overlaps;
//! 2. at equal priority, the longer span wins;
//! 3. then the higher score, then the earlier start, then the earlier
//!    proposal (stage order) — so the result is deterministic.
//!
//! Accepted entities never overlap and are returned sorted by start.

use crate::model::{Entity, Token};
use crate::pipeline::Candidate;
use crate::span::CharCursor;

/// The strength of a candidate as one integer that sorts ascending from
/// the strongest: reversed priority (bits 120..128), reversed length (bits
/// 88..120), reversed score (bits 56..88), then the start (bits 24..56) and
/// the candidate's index (bits 0..24), for a text of at most 2³² bytes and
/// at most 2²⁴ candidates (longer spans saturate: they are out of the text).
fn packed_key(c: &Candidate, index: usize) -> u128 {
    let len = u32::try_from(c.bytes.end.saturating_sub(c.bytes.start)).unwrap_or(u32::MAX);
    let start = u32::try_from(c.bytes.start).unwrap_or(u32::MAX);
    u128::from(!c.priority) << 120
        | u128::from(!len) << 88
        | u128::from(!total_order_bits(c.score)) << 56
        | u128::from(start) << 24
        | (index & INDEX_MASK) as u128
}

/// The index bits of [`packed_key`].
const INDEX_MASK: usize = (1 << 24) - 1;

/// [`packed_key`] for any text and any number of candidates: the key
/// without the index (lengths and starts saturate at 2⁴⁰ bytes), and the
/// index beside it.
fn wide_key(c: &Candidate, index: usize) -> (u128, usize) {
    const MAX40: u64 = (1 << 40) - 1;
    let len = (c.bytes.end.saturating_sub(c.bytes.start) as u64).min(MAX40);
    let start = (c.bytes.start as u64).min(MAX40);
    let key = u128::from(!c.priority) << 120
        | u128::from(MAX40 - len) << 80
        | u128::from(!total_order_bits(c.score)) << 48
        | u128::from(start) << 8;
    (key, index)
}

/// Chooses non-overlapping candidates and turns them into entities.
// (out of line, like the stages, so that profiles show what it costs)
#[inline(never)]
pub(crate) fn resolve(text: &str, tokens: &[Token], mut candidates: Vec<Candidate>) -> Vec<Entity> {
    // the bytes taken by accepted spans, one bit each: a candidate overlaps
    // an accepted span exactly when one of its bytes is taken
    let mut taken = vec![0u64; text.len() / 64 + 1];
    let mut chosen: Vec<usize> = Vec::with_capacity(candidates.len());
    let mut consider = |i: usize| {
        let c: &Candidate = &candidates[i];
        let (start, end) = (c.bytes.start, c.bytes.end);
        if start >= end || end > text.len() {
            return;
        }
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return;
        }
        if any_bit(&taken, start, end) {
            return;
        }
        set_bits(&mut taken, start, end);
        chosen.push(i);
    };
    // Candidates strongest first, by one flat sort key each (cheaper than
    // comparing through the candidate list): higher priority, longer span,
    // higher score first, then earlier start, then proposal order.
    if text.len() <= u32::MAX as usize && candidates.len() <= INDEX_MASK {
        let mut order: Vec<u128> = candidates
            .iter()
            .enumerate()
            .map(|(i, c)| packed_key(c, i))
            .collect();
        order.sort_unstable();
        for key in order {
            consider(key as usize & INDEX_MASK);
        }
    } else {
        let mut order: Vec<(u128, usize)> = candidates
            .iter()
            .enumerate()
            .map(|(i, c)| wide_key(c, i))
            .collect();
        order.sort_unstable();
        for (_, i) in order {
            consider(i);
        }
    }
    // accepted spans do not overlap, so their starts are distinct
    chosen.sort_unstable_by_key(|&i| candidates[i].bytes.start);
    // spans come in text order: a cursor counts each character once, and
    // jumps over whole tokens, whose character offsets are known
    let mut chars = TokenCursor {
        tokens,
        next: 0,
        chars: CharCursor::new(text),
    };
    chosen
        .into_iter()
        .map(|i| {
            let c = &mut candidates[i];
            let bytes = c.bytes.clone();
            let surface = &text[bytes.clone()];
            let lemma = if c.lemma.is_empty() {
                surface.to_string()
            } else {
                std::mem::take(&mut c.lemma)
            };
            Entity {
                span: chars.span(bytes),
                text: surface.to_string(),
                label: c.label,
                subtype: c.subtype.take(),
                lemma,
                value: c.value.take(),
                source: std::mem::take(&mut c.source),
                score: c.score,
            }
        })
        .collect()
}

/// Character offsets of byte offsets visited in increasing order, from
/// the tokens' own character offsets: the cursor moves to the last token
/// boundary at or before the offset, then counts what is left (nothing,
/// when the offset is a token boundary).
struct TokenCursor<'a> {
    tokens: &'a [Token],
    /// The first token that does not end at or before the last offset.
    next: usize,
    chars: CharCursor<'a>,
}

impl TokenCursor<'_> {
    fn char_offset(&mut self, byte: usize) -> usize {
        let tokens = self.tokens;
        while let Some(t) = tokens.get(self.next)
            && t.span.byte_end <= byte
        {
            self.next += 1;
        }
        // the last token boundary at or before `byte`
        let known = match tokens.get(self.next) {
            Some(t) if t.span.byte_start <= byte => Some((t.span.byte_start, t.span.start)),
            _ => self
                .next
                .checked_sub(1)
                .map(|i| (tokens[i].span.byte_end, tokens[i].span.end)),
        };
        match known {
            // the usual case: an entity starts and ends at token boundaries
            Some((b, c)) if b == byte => c,
            Some((b, c)) => {
                self.chars.skip_to(b, c);
                self.chars.char_offset(byte)
            }
            None => self.chars.char_offset(byte),
        }
    }

    /// The span of a byte range whose ends are character boundaries.
    fn span(&mut self, bytes: std::ops::Range<usize>) -> crate::span::Span {
        let start = self.char_offset(bytes.start);
        let end = self.char_offset(bytes.end);
        crate::span::Span {
            byte_start: bytes.start,
            byte_end: bytes.end,
            start,
            end,
        }
    }
}

/// The bits `start..end` of a bit set (`start < end`, in range).
#[inline]
fn bit_words(start: usize, end: usize) -> impl Iterator<Item = (usize, u64)> {
    let (first, last) = (start / 64, (end - 1) / 64);
    (first..=last).map(move |w| {
        let lo = if w == first { start % 64 } else { 0 };
        let hi = if w == last { (end - 1) % 64 } else { 63 };
        // bits lo..=hi
        (w, (u64::MAX >> (63 - hi)) & (u64::MAX << lo))
    })
}

/// Whether any of the bits `start..end` is set.
fn any_bit(bits: &[u64], start: usize, end: usize) -> bool {
    bit_words(start, end).any(|(w, mask)| bits[w] & mask != 0)
}

/// Sets the bits `start..end`.
fn set_bits(bits: &mut [u64], start: usize, end: usize) {
    for (w, mask) in bit_words(start, end) {
        bits[w] |= mask;
    }
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
            &crate::tokenize(text),
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

    /// The policy written out plainly: strongest first, kept unless it
    /// overlaps one kept before.
    fn reference(text: &str, candidates: &[Candidate]) -> Vec<(usize, usize, String)> {
        let mut order: Vec<usize> = (0..candidates.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&candidates[a], &candidates[b]);
            y.priority
                .cmp(&x.priority)
                .then((y.bytes.end - y.bytes.start).cmp(&(x.bytes.end - x.bytes.start)))
                .then(y.score.total_cmp(&x.score))
                .then(x.bytes.start.cmp(&y.bytes.start))
                .then(a.cmp(&b))
        });
        let mut kept: Vec<usize> = Vec::new();
        for i in order {
            let c = &candidates[i].bytes;
            if c.start >= c.end || c.end > text.len() {
                continue;
            }
            if kept.iter().all(|&k| {
                let o = &candidates[k].bytes;
                o.end <= c.start || c.end <= o.start
            }) {
                kept.push(i);
            }
        }
        kept.sort_by_key(|&i| candidates[i].bytes.start);
        kept.into_iter()
            .map(|i| {
                let c = &candidates[i];
                (c.bytes.start, c.bytes.end, c.lemma.clone())
            })
            .collect()
    }

    #[test]
    fn agrees_with_the_plain_policy() {
        // ASCII, so that every byte offset is a character boundary
        let text = "x".repeat(300);
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for round in 0..200 {
            let candidates: Vec<Candidate> = (0..next(40))
                .map(|k| {
                    let start = next(290);
                    let mut c = cand(start..start + next(140) % 70, next(3) as u8, "");
                    c.lemma = format!("{round}.{k}");
                    c.score = [0.5, 0.7, 0.9][next(3)];
                    c
                })
                .collect();
            let expected = reference(&text, &candidates);
            let got: Vec<(usize, usize, String)> = resolve(&text, &[], candidates)
                .into_iter()
                .map(|e| (e.span.byte_start, e.span.byte_end, e.lemma))
                .collect();
            assert_eq!(got, expected, "round {round}");
        }
    }

    #[test]
    fn packed_and_wide_keys_sort_alike() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        let candidates: Vec<Candidate> = (0..500)
            .map(|_| {
                let start = next(100);
                let mut c = cand(start..start + next(30), next(4) as u8 * 20, "");
                c.score = [0.0, 0.5, 0.7, 1.0, -0.0][next(5)];
                c
            })
            .collect();
        let mut packed: Vec<u128> = (0..candidates.len())
            .map(|i| packed_key(&candidates[i], i))
            .collect();
        let mut wide: Vec<(u128, usize)> = (0..candidates.len())
            .map(|i| wide_key(&candidates[i], i))
            .collect();
        packed.sort_unstable();
        wide.sort_unstable();
        let packed: Vec<usize> = packed.iter().map(|&k| k as usize & INDEX_MASK).collect();
        let wide: Vec<usize> = wide.iter().map(|&(_, i)| i).collect();
        assert_eq!(packed, wide);
    }

    #[test]
    fn touching_spans_both_stay() {
        let text = "abcdefghij".repeat(20);
        let out = resolve(
            &text,
            &[],
            vec![
                cand(60..64, 1, "a"),
                cand(64..130, 1, "b"),
                cand(130..131, 1, "c"),
            ],
        );
        let lemmas: Vec<&str> = out.iter().map(|e| e.lemma.as_str()).collect();
        assert_eq!(lemmas, ["a", "b", "c"]);
        let out = resolve(
            &text,
            &[],
            vec![cand(64..130, 2, "b"), cand(129..140, 1, "c")],
        );
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn character_offsets_inside_between_and_across_tokens() {
        let text = "Zażółć gęślą jaźń, „Łódź” i 😀 Kraków-Wrocław.";
        let tokens = crate::tokenize(text);
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&b| text.is_char_boundary(b))
            .collect();
        // every pair of boundaries, one entity each (so the cursor starts afresh)
        for (k, &a) in boundaries.iter().enumerate() {
            for &b in &boundaries[k + 1..] {
                let out = resolve(text, &tokens, vec![cand(a..b, 1, "x")]);
                let span = &out[0].span;
                assert_eq!(span.start, text[..a].chars().count(), "{a}..{b}");
                assert_eq!(span.end, text[..b].chars().count(), "{a}..{b}");
            }
        }
        // many entities in one pass, in and out of tokens
        let picks: Vec<usize> = boundaries.iter().copied().step_by(3).collect();
        let candidates = picks.windows(2).map(|w| cand(w[0]..w[1], 1, "x")).collect();
        for e in resolve(text, &tokens, candidates) {
            assert_eq!(e.span.start, text[..e.span.byte_start].chars().count());
            assert_eq!(e.span.end, text[..e.span.byte_end].chars().count());
        }
    }

    #[test]
    fn invalid_spans_are_dropped_not_panicking() {
        let text = "żółw";
        let out = resolve(
            text,
            &crate::tokenize(text),
            vec![cand(1..3, 1, "x"), cand(0..99, 1, "y"), cand(2..2, 1, "z")],
        );
        assert!(out.is_empty());
    }
}
