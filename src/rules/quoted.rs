//! Quoted names after a common noun that says what they are
//! (`dziennik „Rzeczpospolita”` → PRO, `partia „Razem”` → ORG,
//! `operacja „Tarcza”` → EVT): `rule:quoted.pro`, `rule:quoted.org`,
//! `rule:quoted.evt`. The span is the quoted text, without the quotes.

use super::View;
use super::lexicon::{TriggerKind, trigger};
use crate::model::{Label, TokenKind};
use crate::pipeline::Candidate;

pub(crate) const QUOTED_PRIORITY: u8 = 65;

fn is_open_quote(w: &str) -> bool {
    matches!(w, "\"" | "„" | "“" | "«" | "»" | "‚")
}

fn is_close_quote(w: &str) -> bool {
    matches!(w, "\"" | "”" | "“" | "»" | "«" | "’")
}

pub(crate) fn find(v: &View<'_>, out: &mut Vec<Candidate>) {
    let n = v.tokens.len();
    for i in 0..n.saturating_sub(2) {
        if !v.is_lower(i) || !is_open_quote(v.words[i + 1]) {
            continue;
        }
        let lower = v.words[i];
        let (label, source, subtype) = if trigger(lower, TriggerKind::QuoteOrg).is_some() {
            (Label::Org, "rule:quoted.org", None)
        } else if trigger(lower, TriggerKind::QuoteEvt).is_some() {
            (Label::Evt, "rule:quoted.evt", None)
        } else if trigger(lower, TriggerKind::QuotePro).is_some() {
            (Label::Pro, "rule:quoted.pro", None)
        } else {
            continue;
        };
        let start = i + 2;
        if start >= n || !(v.is_cap(start) || v.tokens[start].kind == TokenKind::Number) {
            continue;
        }
        let Some(end) = (start + 1..n.min(start + 12)).find(|&j| is_close_quote(v.words[j])) else {
            continue;
        };
        let lemma = v.text[v.bytes(start..end)].to_string();
        out.push(v.candidate(
            start..end,
            label,
            subtype,
            lemma,
            source,
            0.8,
            QUOTED_PRIORITY,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::{Extractor, Label};

    #[test]
    fn quoted_titles_take_the_trigger_label() {
        let text =
            "Jak pisze dziennik „Nasza Prasa”, partia „Nowy Ład” ogłosiła akcję „Czyste Miasto”.";
        let doc = Extractor::new().extract(text);
        let got: Vec<(&str, Label)> = doc
            .entities
            .iter()
            .map(|e| (&text[e.byte_range()], e.label))
            .collect();
        assert_eq!(
            got,
            [
                ("Nasza Prasa", Label::Pro),
                ("Nowy Ład", Label::Org),
                ("Czyste Miasto", Label::Evt)
            ]
        );
    }
}
