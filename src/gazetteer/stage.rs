//! The gazetteer stage: proposes a candidate for every gazetteer match.

use super::Gazetteer;
use crate::pipeline::{Candidate, Context, Stage};
use std::borrow::Cow;

/// Matches the compiled gazetteers over the document's tokens.
#[derive(Debug)]
pub(crate) struct GazetteerStage {
    gazetteer: Gazetteer,
}

impl GazetteerStage {
    pub(crate) fn new(gazetteer: Gazetteer) -> Self {
        GazetteerStage { gazetteer }
    }
}

/// Priority of gazetteer candidates in overlap resolution.
pub(crate) const GAZETTEER_PRIORITY: u8 = 50;

impl Stage for GazetteerStage {
    fn name(&self) -> &'static str {
        "gazetteer"
    }

    fn run(&self, cx: &mut Context<'_>) {
        for m in self.gazetteer.find(cx.text, &cx.tokens) {
            let entry = &self.gazetteer.entries()[m.entry];
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
                priority: GAZETTEER_PRIORITY,
            });
        }
    }
}
