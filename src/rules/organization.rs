//! Organizations: a capitalized trigger noun with its capitalized complement
//! (`rule:org.trigger`: `Urząd Skarbowy`, `Fundacja Rozwoju Miast`), and
//! unknown all-caps words inside a sentence (`rule:org.acronym`).

use super::View;
use super::lemma::org_lemma;
use super::lexicon::{NOT_ACRONYM, ORG_SUFFIX, TriggerKind, first_name};
use crate::model::{Label, Shape, TokenKind};
use crate::pipeline::Candidate;

pub(crate) const TRIGGER_PRIORITY: u8 = 55;
pub(crate) const ACRONYM_PRIORITY: u8 = 30;

/// Lower-case words allowed inside an organization's name when a
/// capitalized word follows (`Ministerstwo Spraw Wewnętrznych i Administracji`).
const CONNECTORS: &[&str] = &[
    "i", "w", "we", "na", "do", "dla", "ds.", "im.", "przy", "z", "ze", "o", "rzecz", "spraw",
    "of", "the", "and", "for", "de",
];

/// Heads whose names go on with `w` + a place (`Sąd Okręgowy w Gdańsku`).
const PLACE_HEADS: &[&str] = &[
    "sąd",
    "prokuratura",
    "urząd",
    "uniwersytet",
    "politechnika",
    "akademia",
    "szpital",
    "komenda",
    "izba",
    "szkoła",
    "instytut",
    "muzeum",
    "teatr",
    "trybunał",
];

/// Trigger nouns that name a body when capitalized alone inside a sentence.
const ALONE: &[&str] = &[
    "komisja",
    "parlament",
    "rada",
    "trybunał",
    "senat",
    "kongres",
    "izba",
    "sąd",
];

/// Words that end an organization's name (English and legal forms).
pub(super) const SUFFIXES: &[&str] = &[
    "Partners",
    "Group",
    "Centre",
    "Center",
    "Services",
    "Service",
    "Holdings",
    "Holding",
    "Capital",
    "Airlines",
    "Airways",
    "Institute",
    "Foundation",
    "Trust",
    "Office",
    "Council",
    "Party",
    "Union",
    "Communications",
    "Media",
    "Energy",
    "Motors",
    "Technologies",
    "Systems",
    "Solutions",
    "Consulting",
    "Research",
    "Agency",
    "Association",
    "Society",
    "Club",
    "University",
    "College",
    "School",
    "Inc.",
    "Ltd",
    "Ltd.",
    "AG",
    "SA",
    "S.A.",
    "GmbH",
    "plc",
    "PLC",
    "LLC",
    "Corp.",
    "Corporation",
    "Company",
    "Co.",
    "Fund",
    "Network",
    "Industries",
    "Authority",
    "Commission",
    "Committee",
    "Ministry",
    "Department",
    "Organisation",
    "Organization",
    "Alliance",
    "Movement",
    "League",
    "Bank",
    "Insurance",
    "Investments",
    "Logistics",
    "Pharma",
    "Entertainment",
    "Studios",
    "Records",
    "Publishing",
    "Labs",
];

/// Whether a trigger base is an adjective (`narodowy`, `polski`).
fn adjectival_base(base: &str) -> bool {
    base.ends_with('y') || base.ends_with('i')
}

/// Whether the word starts a person's name (a first name, possibly
/// hyphenated or with an apostrophe ending: `Jean-Claude'a`).
fn starts_person(w: &str) -> bool {
    let w = w.split(['\'', '’']).next().unwrap_or(w);
    first_name(w).is_some()
        || w.split_once('-')
            .is_some_and(|(a, _)| first_name(a).is_some())
}

/// rule:org.trigger and rule:org.trigger_alone at token `i` (a
/// capitalized word); returns where to go on.
fn trigger_at(v: &View<'_>, i: usize, out: &mut Vec<Candidate>) -> usize {
    let n = v.tokens.len();
    let Some(t) = v.trigger(i, TriggerKind::Org) else {
        return i + 1;
    };
    // an adjective starts a name only before a trigger noun (`Narodowy Bank`)
    let mut head = (i, t.base);
    if adjectival_base(t.base) {
        let next = (i + 1 < n && v.is_cap(i + 1))
            .then(|| v.trigger(i + 1, TriggerKind::Org))
            .flatten();
        match next {
            Some(nt) if !adjectival_base(nt.base) => head = (i + 1, nt.base),
            _ => return i + 1,
        }
    }
    // `Stowarzyszenie Eurocities` opening a sentence: a trigger noun
    // before a known organization is a common noun in apposition
    if v.sent_start(i)
        && head.0 + 1 < n
        && matches!(v.covered(head.0 + 1), Some((Label::Org | Label::Pro, _)))
        && v.covered_span(head.0 + 1)
            .is_some_and(|g| g.start == head.0 + 1)
    {
        return head.0 + 1;
    }
    let mut j = head.0 + 1;
    let mut last = None;
    while j < n && j - i < 9 {
        if v.line_break_before(j) {
            break;
        }
        let w = v.word(j);
        if v.is_cap(j) || (v.tokens[j].kind == TokenKind::Number && last == Some(j - 1)) {
            if starts_person(w) && j + 1 < n && v.is_cap(j + 1) {
                break; // a person's name follows
            }
            last = Some(j);
            j += 1;
        } else if CONNECTORS.contains(&w) && last.is_some() && j + 1 < n && v.is_cap(j + 1) {
            if w == "i" && v.trigger(j + 1, TriggerKind::Org).is_some() {
                break; // `Izba Gmin i Izba Lordów`: two names
            }
            if matches!(w, "w" | "we")
                && !PLACE_HEADS.contains(&head.1)
                && matches!(v.covered(j + 1), Some((Label::Loc, _)))
            {
                break; // `Parlament Europejski w Strasburgu`
            }
            if w == "i" && matches!(v.covered(j + 1), Some((Label::Loc | Label::Org, _))) {
                break; // `Komisja Europejska i Wielka Brytania`
            }
            j += 1;
        } else {
            break;
        }
    }
    let Some(last) = last else {
        // rule:org.trigger_alone — `Komisja`, `Parlamentu` inside a
        // sentence: the short name of a body introduced before
        if head.0 == i
            && ALONE.contains(&t.base)
            && !v.sent_start(i)
            && !(i > 0 && v.is_cap(i - 1))
            && v.covered(i).is_none()
        {
            let lemma = org_lemma(&[v.word(i)], 0, t.base);
            out.push(v.candidate(
                i..i + 1,
                Label::Org,
                Some("institution"),
                lemma,
                "rule:org.trigger_alone",
                0.6,
                TRIGGER_PRIORITY,
            ));
        }
        return i + 1;
    };
    // capitalized adjectives before the head belong to the name
    // (`Szkockiej Partii Narodowej`), unless they open the sentence
    let mut first = i;
    while first > 0
        && head.0 == i
        && v.is_cap(first - 1)
        && !v.sent_start(first - 1)
        && !v.line_break_before(first)
        && super::lemma::is_adjectival(v.word(first - 1))
        && v.covered(first - 1).is_none()
    {
        first -= 1;
    }
    // a gazetteer name over the head wins unless the rule extends it
    // (`Sąd Najwyższy` + `Pakistanu`)
    if let Some(g) = v.covered_span(head.0) {
        if g.start < first || g.end > last + 1 {
            return g.end.max(i + 1);
        }
    }
    let words: Vec<&str> = v.raw(first..=last);
    let lemma = org_lemma(&words, head.0 - first, head.1);
    out.push(v.candidate(
        first..last + 1,
        Label::Org,
        None,
        lemma,
        "rule:org.trigger",
        0.7,
        TRIGGER_PRIORITY,
    ));
    last + 1
}

#[inline(never)]
pub(crate) fn find(v: &View<'_>, out: &mut Vec<Candidate>) {
    let n = v.tokens.len();
    // names start on a capitalized word (not all-caps); visit those in
    // order from where the last match ended
    let mut next = 0;
    for &i in &v.caps {
        if i >= next && !v.is_upper(i) {
            next = trigger_at(v, i, out);
        }
    }
    // rule:org.suffix — capitalized words ending in an organization word
    // or a legal form: `Alantra Partners`, `Kowalski i Syn sp. z o.o.`
    let mut next = 1;
    for &j in &v.org_ends {
        if j < next {
            continue;
        }
        let w = v.word(j);
        let legal = w == "sp." && j + 2 < n && v.word(j + 1) == "z" && v.word(j + 2) == "o.o.";
        // (`plc` is the one suffix in lower case)
        let suffix = w.len() >= 2 && ((v.is_cap(j) && v.is(j, ORG_SUFFIX)) || w == "plc");
        if !(legal || suffix) || v.line_break_before(j) {
            continue;
        }
        let end = if legal { j + 3 } else { j + 1 };
        let mut start = j;
        while start > 0
            && j - start < 5
            && (v.is_cap(start - 1)
                || v.tokens[start - 1].kind == TokenKind::Number
                || (v.word(start - 1) == "i" && start >= 2 && v.is_cap(start - 2)))
            && !v.line_break_before(start)
            && !matches!(v.covered(start - 1), Some((Label::Loc, _)))
        {
            start -= 1;
            if v.sent_start(start) {
                break;
            }
        }
        if start < j && v.is_cap(start) {
            let lemma = v.text[v.bytes(start..end)].to_string();
            out.push(v.candidate(
                start..end,
                Label::Org,
                Some("company"),
                lemma,
                "rule:org.suffix",
                0.6,
                TRIGGER_PRIORITY,
            ));
        }
        next = end;
    }
    // rule:org.acronym — unknown all-caps words inside a sentence
    for &i in &v.uppers {
        let t = &v.tokens[i];
        if v.covered(i).is_some() {
            continue;
        }
        let w = v.word(i);
        let len = w.chars().count();
        // `Leave.EU`, `gov.UK`: part of a longer written name
        if i > 0 && v.word(i - 1) == "." && v.tokens[i - 1].span.byte_end == t.span.byte_start {
            continue;
        }
        if !(2..=6).contains(&len) || is_roman(w) || v.is(i, NOT_ACRONYM) {
            continue;
        }
        // text in capitals (a headline) is not an acronym
        let neighbours_upper = (i > 0 && v.tokens[i - 1].shape == Shape::Upper)
            || (i + 1 < n && v.tokens[i + 1].shape == Shape::Upper);
        if neighbours_upper {
            continue;
        }
        // letters with digits are codes of products and services
        // (`NS2`, flight numbers), letters alone organizations
        let code = w.chars().any(|c| c.is_ascii_digit());
        out.push(v.candidate(
            i..i + 1,
            if code { Label::Pro } else { Label::Org },
            None,
            w.to_string(),
            if code {
                "rule:pro.code"
            } else {
                "rule:org.acronym"
            },
            0.4,
            ACRONYM_PRIORITY,
        ));
    }
}

/// Common all-caps words that are not organizations: currencies, units,
/// economic and technical terms, headline words.
pub(super) const NOT_NAMES: &[&str] = &[
    "PKB",
    "VAT",
    "PIT",
    "CIT",
    "CEO",
    "CFO",
    "COO",
    "CTO",
    "USD",
    "EUR",
    "GBP",
    "PLN",
    "JPY",
    "CHF",
    "AUD",
    "CAD",
    "CNY",
    "RUB",
    "UAH",
    "SEK",
    "NOK",
    "DKK",
    "CZK",
    "HUF",
    "LNG",
    "CNG",
    "LPG",
    "CO2",
    "CPI",
    "PMI",
    "MŚP",
    "QE",
    "SMS",
    "MMS",
    "WC",
    "USG",
    "B2B",
    "B2C",
    "PDF",
    "IT",
    "AI",
    "TV",
    "GMO",
    "DNA",
    "HIV",
    "AIDS",
    "PR",
    "HR",
    "IQ",
    "OK",
    "ZOBACZ",
    "WIDEO",
    "FOTO",
    "VIDEO",
    "NEWS",
    "ETS",
    "RODO",
    "GDPR",
    "PKD",
    "NIP",
    "PESEL",
    "REGON",
    "SUV",
    "LED",
    "WWW",
    "HTML",
    "URL",
    "ID",
    "VIP",
    "MBA",
    "UFO",
    "ISO",
    "MW",
    "GW",
    "KW",
    "MWh",
    "GWh",
    "TWh",
    "KM",
    "PPK",
    "OFE",
    "IKE",
    "ETF",
    "IPO",
    "FX",
    "GPS",
    "SA",
    "AG",
    "SE",
    "NV",
    "PLC",
    "LLC",
    "LTD",
    "INC",
    "CO",
    "SP",
    "WIDEO",
    "AKTUALIZACJA",
    "PILNE",
    "KOMENTARZ",
    "OPINIA",
    "WYWIAD",
    "TEMAT",
    "DOSTĘP",
    "PREMIUM",
    "REKLAMA",
    "PAP",
    "II",
    "III",
    "IV",
    "XX",
    "XXI",
    "NGO",
    "COVID",
    "SARS",
    "UTC",
    "CET",
    "CEST",
    "GMT",
    "BST",
    "EST",
    "PST",
    "PhD",
    "USB",
    "SIM",
    "ATM",
    "API",
    "FAQ",
];

fn is_roman(w: &str) -> bool {
    w.chars().all(|c| "IVXLCDM".contains(c))
}

#[cfg(test)]
mod tests {
    use crate::{Extractor, Label};

    fn orgs(text: &str) -> Vec<(String, String, String)> {
        Extractor::new()
            .extract(text)
            .entities
            .into_iter()
            .filter(|e| e.label == Label::Org)
            .map(|e| (e.text, e.lemma, e.source.into_owned()))
            .collect()
    }

    #[test]
    fn trigger_with_complement() {
        let o = orgs("Pismo trafiło do Fundacji Rozwoju Miast i Wsi w Lublinie.");
        assert_eq!(o[0].0, "Fundacji Rozwoju Miast i Wsi");
        assert_eq!(o[0].1, "Fundacja Rozwoju Miast i Wsi");
        assert_eq!(o[0].2, "rule:org.trigger");
    }

    #[test]
    fn trigger_with_adjective() {
        let o = orgs(
            "Decyzję podjął Sąd Okręgowy w Gdańsku, a potem Urzędowi Skarbowemu ją przekazano.",
        );
        assert_eq!(o[0].1, "Sąd Okręgowy w Gdańsku");
        assert_eq!(o[1].1, "Urząd Skarbowy");
    }

    #[test]
    fn bodies_alone_and_suffixes() {
        let o = orgs("Projekt przygotowała Komisja, a Alantra Partners go oceniła.");
        assert_eq!(o[0].0, "Komisja");
        assert_eq!(o[0].2, "rule:org.trigger_alone");
        assert_eq!(o[1].0, "Alantra Partners");
        let o = orgs("Wygrała firma Nowak i Syn sp. z o.o. z Radomia.");
        assert_eq!(o[0].0, "Nowak i Syn sp. z o.o.");
        assert!(orgs("Komisja obradowała długo.").is_empty());
    }

    #[test]
    fn acronyms_inside_sentences_but_not_headlines() {
        let o = orgs("Raport przygotował ZPP w maju.");
        assert_eq!(o[0].0, "ZPP");
        assert!(orgs("WIELKA AKCJA ZPP TRWA").is_empty());
    }
}
