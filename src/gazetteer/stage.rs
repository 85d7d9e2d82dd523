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
    let matches = gazetteer.find(cx.text, &cx.tokens);
    // hyphenated compounds of names (`Rosja-USA`, `UE-Rosja`): when the
    // whole token is no name, its parts are matched one by one
    let mut covered = matches.iter().map(|m| m.tokens.clone()).peekable();
    let mut parts = Vec::new();
    for (i, token) in cx.tokens.iter().enumerate() {
        while covered.peek().is_some_and(|r| r.end <= i) {
            covered.next();
        }
        if covered.peek().is_some_and(|r| r.start <= i) {
            continue;
        }
        let word = token.text(cx.text);
        if token.kind != crate::model::TokenKind::Word
            || !word.contains('-')
            || token.norm.is_some()
        {
            continue;
        }
        let mut offset = token.span.byte_start;
        for part in word.split('-') {
            if part.chars().next().is_some_and(char::is_uppercase) {
                if let Some(entry) = gazetteer.get(part) {
                    parts.push((offset..offset + part.len(), entry));
                }
            }
            offset += part.len() + 1;
        }
    }
    for (bytes, entry) in parts {
        cx.candidates.push(Candidate {
            bytes,
            label: entry.label,
            subtype: entry.subtype.clone().map(Cow::Owned),
            lemma: entry.lemma.clone(),
            value: None,
            source: source_of(entry),
            score: 0.8,
            priority,
        });
    }
    {
        for m in matches {
            let entry = &gazetteer.entries()[m.entry];
            let bytes = cx.tokens[m.tokens.start].span.byte_start
                ..cx.tokens[m.tokens.end - 1].span.byte_end;
            cx.candidates.push(Candidate {
                bytes,
                label: entry.label,
                subtype: entry.subtype.clone().map(Cow::Owned),
                lemma: entry.lemma.clone(),
                value: None,
                source: source_of(entry),
                score: 0.9,
                priority,
            });
        }
    }
}

fn source_of(entry: &crate::gazetteer::GazetteerEntry) -> Cow<'static, str> {
    if entry.source == "builtin" {
        Cow::Borrowed("gazetteer:builtin")
    } else {
        Cow::Owned(format!("gazetteer:{}", entry.source))
    }
}
