//! Salient entities: the document's name entities (PER, ORG, LOC, EVT, PRO)
//! grouped by lemma and label, so that all mentions of `Kraków` are one item.
//!
//! The score of a group, in 0..1, is `1 - exp(-s)` with
//! `s = ln(1 + count) + position + spread`, where `position` is 1.0 when the
//! entity is in the headline (first sentence), 0.5 when it first appears in
//! the lead (next two sentences), else 0; and `spread` is the share of the
//! document's sentences that mention it. Dates, times and amounts are not
//! salient entities.

use crate::model::{Entity, Label, SalientEntity};

/// An entry of [`salient`]'s `group_of` that holds no group.
pub(crate) const NO_GROUP: u32 = u32::MAX;

/// Groups and scores the name entities (`entity_sentences`: the sentence
/// index of each; `lemma_ids`: a number for each name entity's lemma, equal
/// for equal lemmas, as [`super::words::FormTable::entity_key_index`] gives
/// them, small and dense); best first, at most `k`. `group_of` is working
/// space, indexed by lemma number, kept from one document to the next: all
/// [`NO_GROUP`] before and after the call.
pub(crate) fn salient(
    entities: &[Entity],
    entity_sentences: &[u32],
    lemma_ids: &[u32],
    n_sentences: usize,
    k: usize,
    group_of: &mut Vec<u32>,
) -> Vec<SalientEntity> {
    struct Group<'a> {
        lemma: &'a str,
        lemma_id: u32,
        label: Label,
        /// The next group of the same lemma number (another label), or
        /// [`NO_GROUP`].
        next: u32,
        count: usize,
        first: usize,
        headline: bool,
        /// First and last sentence, and the number of distinct sentences
        /// (entities come in text order, so a new one is never earlier).
        first_sentence: usize,
        last_sentence: usize,
        sentences: usize,
    }
    let mut groups: Vec<Group<'_>> = Vec::with_capacity(entities.len());
    for (i, e) in entities.iter().enumerate() {
        if !e.label.is_name() || e.lemma.trim().is_empty() {
            continue;
        }
        let s = entity_sentences.get(i).map_or(0, |&s| s as usize);
        // (a name entity always has a lemma number; `u32::MAX` marks none)
        let Some(&lemma_id) = lemma_ids.get(i).filter(|&&id| id != u32::MAX) else {
            continue;
        };
        let slot = lemma_id as usize;
        if slot >= group_of.len() {
            group_of.resize(slot + 1, NO_GROUP);
        }
        // the group of this lemma and label: along the lemma's chain
        let mut g = group_of[slot];
        if groups
            .get(g as usize)
            .is_none_or(|head| head.lemma_id != lemma_id)
        {
            // (an entry left by a call that did not finish is no group)
            g = NO_GROUP;
        }
        let mut last = NO_GROUP;
        while g != NO_GROUP && groups[g as usize].label != e.label {
            last = g;
            g = groups[g as usize].next;
        }
        if g == NO_GROUP {
            g = groups.len() as u32;
            groups.push(Group {
                lemma: &e.lemma,
                lemma_id,
                label: e.label,
                next: NO_GROUP,
                count: 0,
                first: i,
                headline: false,
                first_sentence: s,
                last_sentence: s,
                sentences: 0,
            });
            match last {
                NO_GROUP => group_of[slot] = g,
                last => groups[last as usize].next = g,
            }
        }
        let g = &mut groups[g as usize];
        g.count += 1;
        g.headline |= s == 0;
        if g.sentences == 0 || g.last_sentence != s {
            g.sentences += 1;
            g.last_sentence = s;
        }
    }
    for g in &groups {
        group_of[g.lemma_id as usize] = NO_GROUP;
    }
    let n = n_sentences.max(1) as f32;
    let mut scored: Vec<(f32, usize, &Group<'_>)> = groups
        .iter()
        .map(|g| {
            let first_sentence = g.first_sentence;
            let position = if g.headline {
                1.0
            } else if first_sentence <= 2 {
                0.5
            } else {
                0.0
            };
            let spread = g.sentences as f32 / n;
            let s = super::ln_1p_count(g.count.min(u32::MAX as usize) as u32) + position + spread;
            let score = 1.0 - (-s).exp();
            (score, g.first, g)
        })
        .collect();
    scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(k)
        .map(|(score, _, g)| SalientEntity {
            lemma: g.lemma.to_string(),
            label: g.label,
            count: g.count,
            score,
        })
        .collect()
}
