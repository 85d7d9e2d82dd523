//! Quoted names after a common noun that says what they are
//! (`dziennik „Rzeczpospolita”` → PRO, `partia „Razem”` → ORG,
//! `operacja „Tarcza”` → EVT): `rule:quoted.pro`, `rule:quoted.org`,
//! `rule:quoted.evt`. The span is the quoted text, without the quotes.
//!
//! Also here: web portals written as a domain (`rule:pro.domain`:
//! `Przegląd.pl`, `money.pl`) are PRO.

use super::View;
use super::lexicon::TriggerKind;
use crate::model::{Label, TokenKind};
use crate::pipeline::Candidate;

pub(crate) const QUOTED_PRIORITY: u8 = 65;

pub(crate) fn is_open_quote(w: &str) -> bool {
    matches!(w, "\"" | "„" | "“" | "«" | "»" | "‚")
}

fn is_close_quote(w: &str) -> bool {
    matches!(w, "\"" | "”" | "“" | "»" | "«" | "’")
}

/// Top-level domains of portals named in the news.
const DOMAINS: &[&str] = &[
    "pl", "com", "eu", "net", "org", "info", "tv", "uk", "de", "fm",
];

fn glued(v: &View<'_>, a: usize, b: usize) -> bool {
    v.tokens[a].span.byte_end == v.tokens[b].span.byte_start
}

#[inline(never)]
pub(crate) fn find(v: &View<'_>, out: &mut Vec<Candidate>) {
    let n = v.tokens.len();
    // rule:pro.domain — `BiznesAlert.pl`
    for &dot in &v.dots {
        let Some(i) = dot.checked_sub(1).filter(|&i| i + 2 < n) else {
            continue;
        };
        // (the cheap tests first: most dots end a sentence)
        if glued(v, i + 1, i + 2)
            && glued(v, i, i + 1)
            && v.tokens[i].kind == TokenKind::Word
            && super::at_least_chars(v.word(i), 3)
            && DOMAINS.contains(&v.word(i + 2))
            && (i == 0 || !(v.word(i - 1) == "." && glued(v, i - 1, i)))
            && (i + 3 >= n || !glued(v, i + 2, i + 3) || v.tokens[i + 3].kind == TokenKind::Punct)
        {
            let lemma = v.text[v.bytes(i..i + 3)].to_string();
            out.push(v.candidate(
                i..i + 3,
                Label::Pro,
                Some("media"),
                lemma,
                "rule:pro.domain",
                0.7,
                QUOTED_PRIORITY,
            ));
        }
    }
    for &quote in &v.open_quotes {
        let Some(i) = quote.checked_sub(1).filter(|&i| i + 2 < n) else {
            continue;
        };
        if !v.is_lower(i) {
            continue;
        }
        let Some(entry) = v.entry(i) else {
            continue;
        };
        let (label, source, subtype) = if entry.trigger(TriggerKind::QuoteOrg).is_some() {
            (Label::Org, "rule:quoted.org", None)
        } else if entry.trigger(TriggerKind::QuoteEvt).is_some() {
            (Label::Evt, "rule:quoted.evt", None)
        } else if entry.trigger(TriggerKind::QuotePro).is_some() {
            (Label::Pro, "rule:quoted.pro", None)
        } else {
            continue;
        };
        let start = i + 2;
        if start >= n || !(v.is_cap(start) || v.tokens[start].kind == TokenKind::Number) {
            continue;
        }
        let Some(end) = (start + 1..n.min(start + 12)).find(|&j| is_close_quote(v.word(j))) else {
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
    fn portals_written_as_domains() {
        let text = "Jak podał portal Przegląd.pl, a za nim money.pl, sprawa trwa.";
        let doc = Extractor::new().extract(text);
        let got: Vec<(&str, Label)> = doc
            .entities
            .iter()
            .map(|e| (&text[e.byte_range()], e.label))
            .collect();
        assert_eq!(got, [("Przegląd.pl", Label::Pro), ("money.pl", Label::Pro)]);
    }

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
