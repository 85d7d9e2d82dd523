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

/// The strength of a candidate as a key that sorts ascending from the
/// strongest: reversed priority (bits 120..128), reversed length (bits
/// 80..120), reversed score (bits 48..80), then the start (bits 8..48; at
/// most 2⁴⁰ bytes, longer spans and starts saturate: they are out of the
/// text), and the candidate's index beside it.
fn key(c: &Candidate, index: usize) -> (u128, usize) {
    const MAX40: u64 = (1 << 40) - 1;
    let len = (c.bytes.end.saturating_sub(c.bytes.start) as u64).min(MAX40);
    let start = (c.bytes.start as u64).min(MAX40);
    let key = u128::from(!c.priority) << 120
        | u128::from(MAX40 - len) << 80
        | u128::from(!total_order_bits(c.score)) << 48
        | u128::from(start) << 8;
    (key, index)
}

/// A candidate's start and index, sortable by start then index.
trait StartKey: Copy + Ord {
    fn new(start: usize, index: usize) -> Self;
    fn start(self) -> usize;
    fn index(self) -> usize;
}

/// Start (below 2⁴⁰) and index (below 2²⁴) in one word: cheaper to sort.
impl StartKey for u64 {
    #[inline]
    fn new(start: usize, index: usize) -> u64 {
        (start as u64) << 24 | index as u64
    }
    #[inline]
    fn start(self) -> usize {
        (self >> 24) as usize
    }
    #[inline]
    fn index(self) -> usize {
        (self & ((1 << 24) - 1)) as usize
    }
}

/// Any start and index.
impl StartKey for (usize, usize) {
    #[inline]
    fn new(start: usize, index: usize) -> (usize, usize) {
        (start, index)
    }
    #[inline]
    fn start(self) -> usize {
        self.0
    }
    #[inline]
    fn index(self) -> usize {
        self.1
    }
}

/// The indices of the candidates the policy keeps, by start.
///
/// The valid candidates are taken by start. Candidates that overlap,
/// directly or through others, form a cluster; the policy (strongest first,
/// kept unless it overlaps one kept before) decides each cluster alone,
/// since a candidate only competes with those it overlaps. Most candidates
/// overlap nothing and are kept without sorting by strength.
fn choose<K: StartKey>(text: &str, candidates: &[Candidate]) -> Vec<usize> {
    let mut by_start: Vec<K> = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            let (start, end) = (c.bytes.start, c.bytes.end);
            start < end
                && end <= text.len()
                && text.is_char_boundary(start)
                && text.is_char_boundary(end)
        })
        .map(|(i, c)| K::new(c.bytes.start, i))
        .collect();
    // (the stages propose mostly in text order: often nothing to do; else
    // the list is a few sorted runs, one or more per stage, which the stable
    // sort finds and merges in time linear in the list for a fixed number of
    // runs, where the unstable one takes n log n; the keys are distinct, so
    // both give the same order)
    if !by_start.is_sorted() {
        by_start.sort();
    }
    let mut chosen: Vec<usize> = Vec::with_capacity(by_start.len());
    let mut cluster: Vec<(u128, usize)> = Vec::new();
    let mut kept: Vec<usize> = Vec::new();
    let mut k = 0;
    while k < by_start.len() {
        let first = by_start[k].index();
        let mut end = candidates[first].bytes.end;
        let mut m = k + 1;
        // (every member starts at or before the next candidate's start, so
        // one that starts before the members' furthest end overlaps a member)
        while let Some(&next) = by_start.get(m)
            && next.start() < end
        {
            end = end.max(candidates[next.index()].bytes.end);
            m += 1;
        }
        if m == k + 1 {
            chosen.push(first);
        } else {
            cluster.clear();
            cluster.extend(
                by_start[k..m]
                    .iter()
                    .map(|&s| key(&candidates[s.index()], s.index())),
            );
            cluster.sort_unstable();
            kept.clear();
            for &(_, i) in &cluster {
                let c = &candidates[i].bytes;
                if kept.iter().all(|&j| {
                    let o = &candidates[j].bytes;
                    o.end <= c.start || c.end <= o.start
                }) {
                    kept.push(i);
                }
            }
            // kept spans do not overlap, so their starts are distinct
            kept.sort_unstable_by_key(|&i| candidates[i].bytes.start);
            chosen.extend_from_slice(&kept);
        }
        k = m;
    }
    chosen
}

/// Chooses non-overlapping candidates and turns them into entities.
// (out of line, like the stages, so that profiles show what it costs)
#[inline(never)]
pub(crate) fn resolve(text: &str, tokens: &[Token], mut candidates: Vec<Candidate>) -> Vec<Entity> {
    let chosen = if text.len() < 1 << 40 && candidates.len() < 1 << 24 {
        choose::<u64>(text, &candidates)
    } else {
        choose::<(usize, usize)>(text, &candidates)
    };
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

/// Maps an `f32` to bits that sort like `f32::total_cmp` (for sort keys
/// packed into integers; the keyphrase ranking uses it too).
pub(crate) fn total_order_bits(x: f32) -> u32 {
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

    #[test]
    fn total_order_bits_sort_as_total_cmp() {
        let values = [
            f32::NEG_INFINITY,
            -2.5,
            -1.0,
            -0.0,
            0.0,
            1e-30,
            0.5,
            1.0,
            3.25,
            f32::INFINITY,
            f32::NAN,
        ];
        for a in values {
            for b in values {
                assert_eq!(
                    total_order_bits(a).cmp(&total_order_bits(b)),
                    a.total_cmp(&b),
                    "{a} {b}"
                );
            }
        }
    }

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
        for round in 0..600 {
            // long spans (big clusters), short ones (clusters and lone
            // spans mixed), very short ones (mostly lone spans)
            let longest = [70, 8, 3][round % 3];
            let candidates: Vec<Candidate> = (0..next(40))
                .map(|k| {
                    let start = next(290);
                    let mut c = cand(start..start + next(140) % longest, next(3) as u8, "");
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
    fn narrow_and_wide_start_keys_choose_alike() {
        let text = "x".repeat(300);
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for _ in 0..300 {
            let candidates: Vec<Candidate> = (0..next(40))
                .map(|_| {
                    let start = next(300);
                    let mut c = cand(start..start + next(20), next(3) as u8, "");
                    c.score = [0.5, 0.7][next(2)];
                    c
                })
                .collect();
            assert_eq!(
                choose::<u64>(&text, &candidates),
                choose::<(usize, usize)>(&text, &candidates)
            );
        }
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
