"""spaCy interop: displaCy's manual format and the "polner" pipeline component."""

from __future__ import annotations

import pytest

import polner

spacy = pytest.importorskip(
    "spacy", reason="spaCy is not installed (test.sh installs it when a wheel is available)"
)
import polner.spacy  # noqa: E402  (registers the "polner" factory)

TEXT = "Adam Wiśniewski przyjechał 15 października do Zielonej Doliny 😀.\r\nW Borze Małym czekała Fundacja Szklany Most."


def config(gazetteer: tuple[str, str], tmp_path) -> dict[str, object]:  # type: ignore[no-untyped-def]
    path = tmp_path / "g.tsv"
    path.write_text(gazetteer[1], encoding="utf-8")
    return {"reference_date": "2025-10-20", "gazetteers": [str(path)]}


def test_component_sets_ents_by_character_offsets(gazetteer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("pl")
    nlp.add_pipe("polner", config=config(gazetteer, tmp_path))
    doc = nlp(TEXT)
    ours = polner.Extractor("2025-10-20", gazetteers=[gazetteer]).extract(TEXT)
    got = [(e.start_char, e.end_char, e.label_, e._.polner_lemma, e._.polner_value) for e in doc.ents]
    want = [(e.start, e.end, e.label, e.lemma, e.value) for e in ours.entities]
    assert got == want
    assert ("Borze Małym", "LOC") in [(e.text, e.label_) for e in doc.ents]
    assert [e._.polner_source for e in doc.ents][0] == "gazetteer:" + str(tmp_path / "g.tsv")


def test_component_pipe_matches_call(gazetteer, tmp_path, texts) -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("pl")
    nlp.add_pipe("polner", config=config(gazetteer, tmp_path))
    one = [[(e.start_char, e.end_char, e.label_) for e in nlp(t).ents] for t in texts[:40]]
    many = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(texts[:40], batch_size=16)]
    assert one == many
    assert any(one)


def test_alignment_with_spacy_tokens() -> None:
    # A spaCy token that covers more than the entity: "expand" widens the
    # entity to whole tokens, "strict" drops it.
    from spacy.tokens import Doc

    results = {}
    for mode in ("strict", "expand"):
        nlp = spacy.blank("pl")
        component = nlp.add_pipe("polner", config={"alignment_mode": mode})
        doc = Doc(nlp.vocab, words=["Byłem", "w Gdańsku", "."], spaces=[True, False, False])
        assert doc.text == "Byłem w Gdańsku."
        results[mode] = [(e.text, e.label_, e._.polner_lemma) for e in component(doc).ents]
    assert results == {"strict": [], "expand": [("w Gdańsku", "LOC", "Gdańsk")]}


def test_overwrite_false_keeps_existing_entities() -> None:
    nlp = spacy.blank("pl")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "EVT", "pattern": "Dni Krakowa"}])
    nlp.add_pipe("polner", config={"overwrite": False})
    doc = nlp("Dni Krakowa i wizyta w Gdańsku.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Dni Krakowa", "EVT"), ("Gdańsku", "LOC")]


def test_displacy_renders_our_dict(ex: polner.Extractor) -> None:
    from spacy import displacy

    doc = ex.extract(TEXT)
    html = displacy.render(doc.to_displacy(), style="ent", manual=True, jupyter=False)
    for e in doc.entities:
        assert e.text in html
    assert html.count("<mark") == len(doc.entities)
