"""Inflection of (multi-word) proper names with Morfeusz 2 / SGJP.

`forms(name)` returns the surface forms of a name in all cases of the
number it is written in: the head noun and the adjectives (or participles)
that agree with it are inflected, everything after the first non-agreeing
word stays as written (`Urząd Miasta Krakowa` -> `Urzędu Miasta Krakowa`).
"""

import functools

import morfeusz2

M = morfeusz2.Morfeusz(expand_tags=False)
CASES = ["nom", "gen", "dat", "acc", "inst", "loc"]


def base(lemma):
    return lemma.split(":", 1)[0]


@functools.lru_cache(maxsize=None)
def analyse(word):
    out = []
    for _s, _e, (orth, lemma, tag, quals, _x) in M.analyse(word):
        if orth != word:
            continue
        out.append((lemma, tag.split(":"), tuple(quals)))
    return out


@functools.lru_cache(maxsize=None)
def generate(lemma, exact=False):
    try:
        return [(orth, tag.split(":"), tuple(q)) for orth, l, tag, q, _x in M.generate(base(lemma))
                if not exact or l == lemma]
    except Exception:
        return []


def match_case(word, form):
    """Copy the capitalization pattern of `word` onto `form`."""
    if "-" in word and "-" in form:
        a, b = word.rsplit("-", 1)
        fa, fb = form.rsplit("-", 1)
        return a + "-" + match_case(b, fb)
    if word.isupper() and len(word) > 1:
        return form.upper()
    if word[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def head_readings(word):
    """Noun readings of `word` in the nominative, best first: (lemma, number, gender)."""
    cands = []
    for lemma, tag, quals in analyse(word):
        if tag[0] != "subst":
            continue
        if "nom" not in tag[2].split("."):
            continue
        b = base(lemma)
        rank = 0 if b == word else (1 if b.lower() == word.lower() else 2)
        if "nazwisko" in quals or "imię" in quals:
            rank += 0.5
        numbers = tag[1].split(".")
        number = "sg" if "sg" in numbers and (b == word or "pl" not in numbers) else "pl"
        if "pt" in tag:
            number = "pl"
        gender = tag[3].split(".")[0]
        cands.append((rank, lemma, number, gender))
    cands.sort(key=lambda c: c[0])
    seen, out = set(), []
    for c in cands:
        if c[1:] not in seen:
            seen.add(c[1:])
            out.append(c[1:])
    return out


def adj_reading(word, number, gender):
    if "-" in word:
        prefix, last = word.rsplit("-", 1)
        r = adj_reading(last[:1].lower() + last[1:], number, gender) if last else None
        return None if r is None else (prefix + "-" + r[0],) + r[1:]
    for lemma, tag, _q in analyse(word):
        if tag[0] not in ("adj", "ppas", "pact"):
            continue
        if number not in tag[1].split(".") or "nom" not in tag[2].split("."):
            continue
        genders = tag[3].split(".")
        if gender in genders:
            degree = tag[4] if tag[0] == "adj" and len(tag) > 4 else None
            return lemma, tag[0], degree
    return None


def any_adj(word):
    return any(t[0] in ("adj", "ppas", "pact") and "nom" in t[2].split(".") for _l, t, _q in analyse(word))


def noun_form(lemma, number, case, gender):
    for orth, tag, _q in generate(lemma, exact=True):
        if tag[0] != "subst":
            continue
        if number in tag[1].split(".") and case in tag[2].split("."):
            return orth
    return None


def adj_form(lemma, kind, degree, number, case, gender):
    if "-" in lemma.split(":")[0]:
        prefix, last = lemma.rsplit("-", 1)
        f = adj_form(last, kind, degree, number, case, gender)
        return None if f is None else prefix + "-" + f
    for orth, tag, _q in generate(lemma, exact=True):
        if tag[0] != kind:
            continue
        if number not in tag[1].split(".") or case not in tag[2].split("."):
            continue
        genders = tag[3].split(".")
        if gender not in genders:
            continue
        if kind == "adj" and len(tag) > 4 and tag[4] != (degree or "pos"):
            continue
        if kind == "ppas" and "neg" in tag:
            continue
        return orth
    return None


def _plan(words, hi, reading):
    hlemma, number, gender = reading
    plan = []
    for i, w in enumerate(words):
        if i == hi:
            plan.append(("noun",))
        elif i < hi:
            a = adj_reading(w, number, gender)
            plan.append(("adj",) + a if a else ("fixed",))
        else:
            prev_inflects = plan[-1][0] != "fixed"
            a = adj_reading(w, number, gender) if prev_inflects else None
            plan.append(("adj",) + a if a else ("fixed",))
    out = set()
    for case in CASES:
        words_out = []
        for w, p in zip(words, plan):
            if p[0] == "fixed":
                words_out.append(w)
                continue
            if p[0] == "noun":
                f = noun_form(hlemma, number, case, gender)
            else:
                f = adj_form(p[1], p[2], p[3], number, case, gender)
            if f is None:
                return None
            words_out.append(match_case(w, f))
        out.add(" ".join(words_out))
    return out


@functools.lru_cache(maxsize=None)
def forms(name, prefer=()):
    """All case forms of `name` (a set, including `name` itself).

    Among the readings of the head noun, the one giving the most distinct
    forms wins; ties go to readings whose SGJP qualifiers are in `prefer`
    (e.g. `imię`), then to readings whose lemma is written like the word.
    """
    words = name.split(" ")
    last = words[-1]
    if len(words) > 1 and last.isalpha() and all(t[0] == "ign" for _l, t, _q in analyse(last)):
        # foreign multi-word names inflect their last word (`Financial Timesa`)
        head = " ".join(words[:-1])
        guessed = {head + " " + f for f in guess_forms(last)
                   if all(t[0] == "ign" for _l, t, _q in analyse(f))}
        return frozenset({name} | guessed)
    heads = [i for i, w in enumerate(words) if head_readings(w) and not any_adj(w)]
    heads += [i for i, w in enumerate(words) if head_readings(w) and i not in heads]
    best = None
    for order, hi in enumerate(heads[:2]):
        for rank, reading in enumerate(head_readings(words[hi])):
            got = _plan(words, hi, reading)
            if not got or name not in got:
                continue
            quals = qualifiers(words[hi], reading[0])
            preferred = bool(set(prefer) & quals)
            personal = bool(quals & {"nazwisko", "imię"}) and not preferred
            key = (preferred, len(got), not personal, -order, -rank)
            if best is None or key > best[0]:
                if best is not None and preferred and best[0][0] and best[0][3] == key[3]:
                    got = got | best[1]  # variant declensions (Włochach / Włoszech)
                best = (key, got)
            elif preferred and key[0] == best[0][0] and key[3] == best[0][3]:
                best = (best[0], best[1] | got)
    if best:
        return frozenset(best[1])
    if len(words) == 1 and all(t[0] == "ign" for _l, t, _q in analyse(name)):
        # a guessed form that is a known word (`Aby` from `Aba`) is left out
        guessed = {f for f in guess_forms(name) if all(t[0] == "ign" for _l, t, _q in analyse(f))}
        return frozenset({name} | guessed)
    return frozenset({name})


def guess_forms(word):
    """Case forms of a foreign name unknown to SGJP (masculine or -a feminine)."""
    if len(word) < 3 or not word.isalpha() or word.isupper():
        return []
    last = word[-1]
    if last == "a":
        stem = word[:-1]
        gen = stem + ("i" if stem[-1] in "kglj" else "y")
        return [gen, stem + "ę", stem + "ą"]
    if last in "aeiouyéóąę":
        return []
    soft = last in "kg"
    loc = {"r": word[:-1] + "rze", "t": word[:-1] + "cie", "d": word[:-1] + "dzie"}.get(last)
    if loc is None:
        loc = word + ("u" if last in "kghjlcz" or word.endswith(("sz", "cz", "rz")) else "ie")
    return [word + "a", word + "owi", word + ("iem" if soft else "em"), loc, word + "u"]


def qualifiers(word, lemma):
    out = set()
    for l, _t, q in analyse(word):
        if l == lemma:
            out.update(q)
    return out


if __name__ == "__main__":
    import sys

    for n in sys.argv[1:]:
        print(n, "->", sorted(forms(n)))
