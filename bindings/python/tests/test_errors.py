"""Errors become Python exceptions with clear messages."""

from __future__ import annotations

import pytest

import polner


def test_non_str_text(ex: polner.Extractor) -> None:
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        ex.extract(b"Krak\xc3\xb3w")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text must be str, not NoneType"):
        ex.extract(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text must be str, not int"):
        polner.tokenize(5)  # type: ignore[arg-type]


def test_lone_surrogate_is_a_value_error(ex: polner.Extractor) -> None:
    with pytest.raises(ValueError, match="text"):
        ex.extract("a\udc80b")


def test_bad_dates() -> None:
    with pytest.raises(ValueError, match=r"reference_date: invalid date '2025-13-01'|invalid date \"2025-13-01\""):
        polner.Extractor(reference_date="2025-13-01")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        polner.Extractor(reference_date="wczoraj")
    with pytest.raises(TypeError, match="reference_date must be a datetime.date"):
        polner.Extractor(reference_date=20251020)  # type: ignore[arg-type]
    ex = polner.Extractor()
    with pytest.raises(ValueError, match="date: invalid date"):
        ex.extract("3 maja", date="2025-02-30")


def test_unknown_label() -> None:
    with pytest.raises(ValueError, match='unknown label "PERSON"'):
        polner.Extractor(labels=["PER", "PERSON"])
    with pytest.raises(TypeError, match="labels must contain str"):
        polner.Extractor(labels=[1])  # type: ignore[list-item]


def test_malformed_gazetteer_names_the_line() -> None:
    tsv = "# moje nazwy\nZielona Dolina\tLOC\n\nBór Mały\tMIASTO\n"
    with pytest.raises(ValueError) as info:
        polner.Extractor(gazetteers=[("moje.tsv", tsv)])
    message = str(info.value)
    assert message.startswith("moje.tsv, line 4: ")
    assert "MIASTO" in message


def test_missing_gazetteer_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "brak.tsv"
    with pytest.raises(FileNotFoundError, match="brak.tsv"):
        polner.Extractor(gazetteers=[missing])
    with pytest.raises(TypeError, match="gazetteers"):
        polner.Extractor(gazetteers=[42])  # type: ignore[list-item]


def test_bad_topics_k() -> None:
    with pytest.raises(ValueError, match='topics_k: unknown part "topics"'):
        polner.Extractor(topics_k={"topics": 3})
    with pytest.raises(TypeError, match=r'topics_k\["keyphrases"\]: expected an int, got str'):
        polner.Extractor(topics_k={"keyphrases": "3"})
    with pytest.raises(ValueError, match="topics_k: expected a number of items"):
        polner.Extractor(topics_k=-1)
    with pytest.raises(TypeError, match="topics_k: expected an int, got bool"):
        polner.Extractor(topics_k=True)

