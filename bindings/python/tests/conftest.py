"""Shared fixtures: extractors with a small gazetteer of our own, so that the
tests do not depend on what the built-in gazetteers happen to contain."""

from __future__ import annotations

import random

import pytest

import polner

# lemma, label, subtype, id, forms
GAZETTEER = "\n".join(
    [
        "# test gazetteer",
        "Zielona Dolina\tLOC\tcity\t\tZielonej Doliny|Zielonej Dolinie|Zieloną Doliną",
        "Bór Mały\tLOC\tvillage\t\tBoru Małego|Borze Małym",
        "Fundacja Szklany Most\tORG\tngo\t\tFundacji Szklany Most|Fundację Szklany Most",
        "Adam Wiśniewski\tPER\t\t\tAdama Wiśniewskiego|Adamowi Wiśniewskiemu",
        "Żaneta Ćwik\tPER\t\t\tŻanety Ćwik",
    ]
)


@pytest.fixture(scope="session")
def gazetteer() -> tuple[str, str]:
    return ("test.tsv", GAZETTEER)


@pytest.fixture(scope="session")
def ex(gazetteer: tuple[str, str]) -> polner.Extractor:
    return polner.Extractor(reference_date="2025-10-20", gazetteers=[gazetteer], builtin_gazetteers=False)


@pytest.fixture(scope="session")
def ex_builtin() -> polner.Extractor:
    return polner.Extractor(reference_date="2025-10-20")


SENTENCES = [
    "Adam Wiśniewski przyjechał do Zielonej Doliny {d} października.",
    "W Borze Małym 😀 otwarto nową szkołę, a Fundacja Szklany Most przekazała sprzęt.",
    "Żaneta Ćwik mieszka w Zielonej Dolinie od {d}.{m}.2021 r.\r\nW piątek wróci do Boru Małego.",
    "Burmistrz spotkał się z Adamem Wiśniewskim 👩\u200d👩\u200d👧 w sprawie Fundacji Szklany Most.",
    "Pogoda była zmienna, a mieszkańcy Zielonej Doliny czekali na wiosnę.",
    "Zielona Dolina to miasto, w którym e\u0301 i n\u0301 zapisano znakami łączącymi.",
    "Dnia {d} maja 2024 r. o godz. 12:30 w Krakowie i Gdańsku odbyły się wybory.",
]


def make_texts(n: int, seed: int = 7) -> list[str]:
    """Generated Polish news-like texts of 1 to 6 sentences."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        k = rng.randint(1, 6)
        parts = [
            rng.choice(SENTENCES).format(d=rng.randint(1, 28), m=rng.randint(1, 12))
            for _ in range(k)
        ]
        out.append(rng.choice([" ", "\n", "\r\n", "\n\n"]).join(parts))
    return out


@pytest.fixture(scope="session")
def texts() -> list[str]:
    return make_texts(300)
