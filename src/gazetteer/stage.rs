//! The gazetteer stage: proposes a candidate for every gazetteer match.

use super::Gazetteer;
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
            propose(g, USER_GAZETTEER_PRIORITY, cx);
        }
        if let Some(g) = self.builtin {
            propose(g, GAZETTEER_PRIORITY, cx);
        }
    }
}

fn propose(gazetteer: &Gazetteer, priority: u8, cx: &mut Context<'_>) {
    {
        for m in gazetteer.find(cx.text, &cx.tokens) {
            let entry = &gazetteer.entries()[m.entry];
            let bytes = cx.tokens[m.tokens.start].span.byte_start
                ..cx.tokens[m.tokens.end - 1].span.byte_end;
            cx.candidates.push(Candidate {
                bytes,
                label: entry.label,
                subtype: entry.subtype.clone().map(Cow::Owned),
                lemma: entry.lemma.clone(),
                value: None,
                source: Cow::Owned(format!("gazetteer:{}", entry.source)),
                score: 0.9,
                priority,
            });
        }
    }
}
