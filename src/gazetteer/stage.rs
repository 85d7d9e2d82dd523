//! The gazetteer stage: proposes a candidate for every gazetteer match.

use super::{Gazetteer, GazetteerEntry};
use crate::model::{Shape, TokenKind};
use crate::pipeline::{Candidate, Context, Stage};
use std::borrow::Cow;

/// Matches the compiled gazetteers over the document's tokens: the user's
/// (if any) and the built-in ones (unless switched off). User entries get a
/// higher priority, so they win over any built-in match they overlap.
#[derive(Debug)]
pub(crate) struct GazetteerStage {
    user: Option<Gazetteer>,
    builtin: Option<&'static Gazetteer>,
}

impl GazetteerStage {
    pub(crate) fn new(user: Option<Gazetteer>, builtin: Option<&'static Gazetteer>) -> Self {
        GazetteerStage { user, builtin }
    }
}

/// Priority of built-in gazetteer candidates in overlap resolution.
pub(crate) const GAZETTEER_PRIORITY: u8 = 50;
/// Priority of user gazetteer candidates.
pub(crate) const USER_GAZETTEER_PRIORITY: u8 = 70;

impl Stage for GazetteerStage {
    fn name(&self) -> &'static str {
        "gazetteer"
    }

    fn run(&self, cx: &mut Context<'_>) {
        if let Some(g) = &self.user {
            propose(g, USER_GAZETTEER_PRIORITY, cx, |e| {
                e.subtype.clone().map(Cow::Owned)
            });
        }
        if let Some(g) = self.builtin {
            // the built-in entries live as long as the process: their
            // subtypes are borrowed, not copied into every candidate
            propose(g, GAZETTEER_PRIORITY, cx, |e| {
                e.subtype.as_deref().map(Cow::Borrowed)
            });
        }
    }
}

fn propose<'g>(
    gazetteer: &'g Gazetteer,
    priority: u8,
    cx: &mut Context<'_>,
    subtype: impl Fn(&'g GazetteerEntry) -> Option<Cow<'static, str>>,
) {
    let tokens = &cx.tokens;
    let candidates = &mut cx.candidates;
    // the candidates of the matches go straight into the list; those of
    // the parts (rare) are kept aside and put before them at the end, the
    // order the resolver's tie-break and the rules expect
    let base = candidates.len();
    let candidate =
        |bytes: std::ops::Range<usize>, entry: &'g GazetteerEntry, score: f32| Candidate {
            bytes,
            label: entry.label,
            subtype: subtype(entry),
            lemma: entry.lemma.clone(),
            value: None,
            source: source_of(entry),
            score,
            priority,
        };
    // hyphenated compounds of names (`Rosja-USA`, `UE-Rosja`): when the
    // whole token is no name, its parts are matched one by one
    let mut parts = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((end, entry)) = gazetteer.longest_at(cx.text, tokens, i) {
            let entry = &gazetteer.entries()[entry];
            let bytes = tokens[i].span.byte_start..tokens[end - 1].span.byte_end;
            candidates.push(candidate(bytes, entry, 0.9));
            i = end;
            continue;
        }
        let token = &tokens[i];
        i += 1;
        // only a part starting with an upper-case letter is looked up, so a
        // token without one (lower-case, digits, punctuation) is skipped
        // before its text is searched for a hyphen
        if token.kind != TokenKind::Word
            || !matches!(
                token.shape,
                Shape::Capitalized | Shape::Upper | Shape::Mixed
            )
            || token.norm.is_some()
        {
            continue;
        }
        let word = token.text(cx.text);
        if !word.as_bytes().contains(&b'-') {
            continue;
        }
        let mut offset = token.span.byte_start;
        for part in word.split('-') {
            if part.chars().next().is_some_and(char::is_uppercase) {
                if let Some(entry) = gazetteer.get(part) {
                    parts.push(candidate(offset..offset + part.len(), entry, 0.8));
                }
            }
            offset += part.len() + 1;
        }
    }
    if !parts.is_empty() {
        candidates.splice(base..base, parts);
    }
}

fn source_of(entry: &GazetteerEntry) -> Cow<'static, str> {
    if entry.source == "builtin" {
        Cow::Borrowed("gazetteer:builtin")
    } else {
        Cow::Owned(format!("gazetteer:{}", entry.source))
    }
}
