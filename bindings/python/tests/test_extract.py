"""Single-document extraction: offsets, fields, and every output format."""

from __future__ import annotations

import datetime
import inspect
import json

import pytest

import polner

TRICKY = (
    "😀👩\u200d👩\u200d👧 Adam Wiśniewski przyjechał\r\n"
    "do Zielonej Doliny 15 października.\r\n"
    "Żaneta Ćwik (e\u0301 🇵🇱) była w Borze Małym wczoraj."
)


def test_offsets_are_python_string_indices(ex: polner.Extractor) -> None:
    doc = ex.extract(TRICKY)
    found = [(e.text, e.label, e.lemma) for e in doc.entities]
    assert ("Adam Wiśniewski", "PER", "Adam Wiśniewski") in found
    assert ("Zielonej Doliny", "LOC", "Zielona Dolina") in found
    assert ("Żaneta Ćwik", "PER", "Żaneta Ćwik") in found
    assert ("Borze Małym", "LOC", "Bór Mały") in found
    for e in doc.entities:
        assert TRICKY[e.start : e.end] == e.text, e
    # the characters before the first entity: 5 emoji code points + ZWJs and a space
    first = doc.entities[0]
    assert first.start == len("😀👩\u200d👩\u200d👧 ")


def test_tokens_and_sentences_slice_the_input(ex: polner.Extractor) -> None:
    doc = ex.extract(TRICKY)
    assert doc.tokens, "no tokens"
    for t in doc.tokens:
        assert TRICKY[t.start : t.end] == t.text, t
        assert t.lemma is None
    assert len(doc.sentences) == 2
    for s in doc.sentences:
        assert TRICKY[s.start : s.end] == s.text
        inside = doc.tokens[s.token_start : s.token_end]
        assert inside and inside[0].start == s.start and inside[-1].end == s.end
    assert [t.text for t in polner.tokenize(TRICKY)] == [t.text for t in doc.tokens]
    assert [s.text for s in polner.sentences(TRICKY)] == [s.text for s in doc.sentences]


def test_entity_fields(ex: polner.Extractor) -> None:
    doc = ex.extract("Adam Wiśniewski przyjechał do Zielonej Doliny 15 października.")
    per, loc, date = doc.entities
    assert (per.label, per.subtype, per.value, per.source) == ("PER", None, None, "gazetteer:test.tsv")
    assert (loc.label, loc.subtype, loc.lemma) == ("LOC", "city", "Zielona Dolina")
    assert (date.label, date.value) == ("DATE", "2025-10-15")
    assert date.source.startswith("rule:")
    for e in doc.entities:
        assert 0.0 < e.score <= 1.0
        # scores read back as short decimals, as in the JSON output
        assert repr(e.score) == json.dumps(json.loads(doc.to_json())["entities"][doc.entities.index(e)]["score"])
    assert doc.text == "Adam Wiśniewski przyjechał do Zielonej Doliny 15 października."


def test_text_is_the_same_object(ex: polner.Extractor) -> None:
    text = "Zielona Dolina " * 3
    assert ex.extract(text).text is text


def test_reference_date_per_call_and_types(ex: polner.Extractor) -> None:
    text = "Spotkanie było wczoraj."
    assert ex.extract(text).entities[0].value == "2025-10-19"  # the extractor's date
    assert ex.extract(text, date="2031-01-01").entities[0].value == "2030-12-31"
    assert ex.extract(text, date=datetime.date(2019, 6, 1)).entities[0].value == "2019-05-31"
    assert ex.extract(text, date=datetime.datetime(2020, 3, 1, 12, 0)).entities[0].value == "2020-02-29"
    undated = polner.Extractor(builtin_gazetteers=False).extract(text).entities[0]
    assert undated.label == "DATE" and undated.value and not undated.value.startswith("20")


def test_labels_filter(gazetteer: tuple[str, str]) -> None:
    text = "Adam Wiśniewski przyjechał do Zielonej Doliny 15 października."
    only_loc = polner.Extractor(labels=["LOC"], gazetteers=[gazetteer], builtin_gazetteers=False)
    assert [e.label for e in only_loc.extract(text).entities] == ["LOC"]
    one = polner.Extractor(labels="per", gazetteers=[gazetteer], builtin_gazetteers=False)
    assert [e.label for e in one.extract(text).entities] == ["PER"]
    assert one.config["labels"] == ["PER"]


def test_gazetteer_file(tmp_path, gazetteer: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "moje.tsv"
    path.write_text(gazetteer[1], encoding="utf-8")
    by_path = polner.Extractor(gazetteers=[path], builtin_gazetteers=False)
    by_str = polner.Extractor(gazetteers=str(path), builtin_gazetteers=False)
    text = "Fundacja Szklany Most działa w Borze Małym."
    expected = [("Fundacja Szklany Most", "ORG"), ("Bór Mały", "LOC")]
    assert [(e.lemma, e.label) for e in by_path.extract(text).entities] == expected
    assert [(e.lemma, e.label) for e in by_str.extract(text).entities] == expected
    assert by_path.config["gazetteers"] == [str(path)]


def test_to_dict_and_json(ex: polner.Extractor) -> None:
    doc = ex.extract(TRICKY)
    d = doc.to_dict()
    assert d == json.loads(doc.to_json())
    assert d == json.loads(doc.to_json(indent=2))
    assert "\n  " in doc.to_json(indent=2)
    assert d["text"] == TRICKY
    assert list(d) == ["text", "tokens", "sentences", "entities", "topics"]
    assert [(e["start"], e["end"], e["lemma"]) for e in d["entities"]] == [
        (e.start, e.end, e.lemma) for e in doc.entities
    ]
    assert set(d["topics"]) == {"keyphrases", "categories", "entities"}
    assert doc.topics == d["topics"]


def test_records_are_flat_rows(ex: polner.Extractor) -> None:
    doc = ex.extract(TRICKY)
    records = doc.to_records()
    assert len(records) == len(doc.entities)
    assert [r["lemma"] for r in records] == [e.lemma for e in doc.entities]
    keys = ["start", "end", "text", "label", "subtype", "lemma", "value", "source", "score"]
    for r, e in zip(records, doc.entities):
        assert list(r) == keys
        assert r == e.to_dict()
        assert all(isinstance(v, (int, float, str, type(None))) for v in r.values())


def test_pandas_dataframe_from_records(ex: polner.Extractor) -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is not installed")
    doc = ex.extract(TRICKY)
    frame = pandas.DataFrame(doc.to_records())
    assert list(frame["label"])[:5] == ["PER", "LOC", "DATE", "PER", "LOC"]
    assert list(frame["start"]) == [e.start for e in doc.entities]


def test_displacy_dict(ex: polner.Extractor) -> None:
    doc = ex.extract(TRICKY)
    d = doc.to_displacy(title="t")
    assert d["text"] == TRICKY and d["title"] == "t"
    assert d["ents"] == [{"start": e.start, "end": e.end, "label": e.label} for e in doc.entities]
    assert doc.to_displacy()["title"] is None


def test_html(ex: polner.Extractor) -> None:
    doc = ex.extract("Adam Wiśniewski <b> przyjechał 15 października.")
    html = doc._repr_html_()
    assert html == doc.to_html()
    assert html.startswith('<div class="polner"><style>') and html.endswith("</div>")
    assert 'title="PER · Adam Wiśniewski"' in html
    assert 'title="DATE · 15 października → 2025-10-15"' in html
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert "http" not in html and "<script" not in html and "<link" not in html
    page = doc.to_html(page=True)
    assert page.startswith("<!DOCTYPE html>") and html in page


def test_conll(ex: polner.Extractor) -> None:
    doc = ex.extract("Adam Wiśniewski był w Borze Małym.\nPotem wrócił.")
    assert doc.to_conll() == (
        "Adam\tB-PER\nWiśniewski\tI-PER\nbył\tO\nw\tO\nBorze\tB-LOC\nMałym\tI-LOC\n.\tO\n\n"
        "Potem\tO\nwrócił\tO\n.\tO\n\n"
    )


def test_lemmatize_uses_the_morphology() -> None:
    text = "Dzieci poszły do szkoły przy ul. Długiej w Krakowie, m.in. z 😀 15 km."
    tokens = polner.lemmatize(text)
    assert [t.text for t in tokens] == [t.text for t in polner.tokenize(text)]
    lemmas = {t.text: t.lemma for t in tokens}
    assert lemmas["Dzieci"] == "dziecko"
    assert lemmas["poszły"] == "pójść"
    assert lemmas["szkoły"] == "szkoła"
    assert lemmas["Krakowie"] == "Kraków"
    assert lemmas["ul."] == "ulica"
    # a preposition is not read as the abbreviation `w.` (wiek)
    assert lemmas["w"] == "w" and lemmas["z"] == "z"
    # tokens that are not words are their own lemma
    for kept in ["m.in.", "😀", "15", ",", "."]:
        assert lemmas[kept] == kept, kept
    assert all(t.lemma for t in tokens)


def test_empty_and_whitespace(ex: polner.Extractor) -> None:
    for text in ["", " ", "\r\n\r\n", "\u200b"]:
        doc = ex.extract(text)
        assert doc.entities == [] and doc.text == text


def test_reprs(ex: polner.Extractor) -> None:
    doc = ex.extract("Zielona Dolina")
    assert repr(doc).startswith("Document(")
    assert "Zielona Dolina" in repr(doc.entities[0])
    assert repr(ex).startswith("Extractor(reference_date=")
    assert polner.__version__.count(".") == 2
    assert polner.LABELS[0] == "PER" and len(polner.LABELS) == 9


def test_public_api_has_docstrings() -> None:
    missing = []
    for name in polner.__all__:
        obj = getattr(polner, name)
        if name.startswith("_") or not (inspect.isroutine(obj) or isinstance(obj, type)):
            continue
        if not obj.__doc__:
            missing.append(name)
        if isinstance(obj, type) and obj is not polner.Pipe:
            for attr in dir(obj):
                if not attr.startswith("_") and not getattr(obj, attr).__doc__:
                    missing.append(f"{name}.{attr}")
    assert missing == []


def test_token_kind_and_shape_names_match_the_json(ex: polner.Extractor) -> None:
    text = "Dr hab. A. Nowak, NATO i iPhone: 12:30, 2025, https://example.pl a@b.pl @nowak #wybory 😀 % ½"
    doc = ex.extract(text)
    from_json = [(t["kind"], t["shape"]) for t in doc.to_dict()["tokens"]]
    assert [(t.kind, t.shape) for t in doc.tokens] == from_json
    assert len({k for k, _ in from_json}) >= 8
