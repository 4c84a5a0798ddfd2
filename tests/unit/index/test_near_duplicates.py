"""Near-duplicate grouping (index.syndication) on the seeds' cleaned text: copies found, distinct articles on
the same topic kept apart, the earliest copy canonical, a copy's own sentences kept, signatures cached."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assistant.corpus.clean import clean
from assistant.corpus.read import read_corpus
from assistant.index import syndication as syn
from assistant.records import Document

SEEDS = Path(__file__).resolve().parents[3] / "corpus"
OWN = "Wartawan kami mencatat bahwa pabrik baterai di Batang mulai menerima pesanan pertama pada pekan lalu."


@pytest.fixture(scope="module")
def seeds() -> list[Document]:
    sources, problems = read_corpus(SEEDS, 5)
    assert not problems
    return [clean(s) for s in sources]


def _copy(doc: Document, doc_id: str, published: str | None, outlet: str = "Other.com") -> Document:
    paras = list(doc.paragraphs)
    paras[0] = f"JAKARTA, {outlet} - {paras[0]}"
    paras[1], paras[2] = paras[2], paras[1]
    paras.insert(3, OWN)
    return replace(doc, doc_id=doc_id, title="A new headline", published=published, source=outlet,
                   paragraphs=tuple(paras))


def test_distinct_seeds_are_never_grouped(seeds: list[Document]) -> None:
    # Two pairs of seeds share a topic (Belarus; Japan): still distinct articles.
    assert syn.find_copies(seeds) == {}


def test_a_lightly_edited_copy_joins_the_earliest_document(seeds: list[Document]) -> None:
    base = next(d for d in seeds if d.published)
    early = _copy(base, "zz-early", "2000-01-01")
    late = _copy(base, "aa-late", "2099-01-01")
    undated = _copy(base, "aa-undated", None)
    found = syn.find_copies([late, *seeds, undated, early])
    assert set(found) == {base.doc_id, "aa-late", "aa-undated"}
    assert {c.canonical for c in found.values()} == {"zz-early"}  # earliest date wins, not the name
    assert found["aa-late"].similarity > 0.8
    # Nothing of theirs is new to the canonical: it carries OWN too, and the rest is the shared release.
    assert found["aa-late"].added == () and found[base.doc_id].added == ()


def test_a_copy_contributes_only_the_sentences_its_canonical_lacks(seeds: list[Document]) -> None:
    base = next(d for d in seeds if d.published)
    later = _copy(base, "copy", "2099-01-01")
    found = syn.find_copies([base, later])
    assert found["copy"].canonical == base.doc_id
    assert found["copy"].added == (OWN,)


def test_a_copy_that_grew_is_still_a_copy_and_brings_its_paragraphs(seeds: list[Document]) -> None:
    base = min(seeds, key=lambda d: len(d.body))
    extra = tuple(f"Paragraf tambahan nomor {i} dari redaksi membahas dampak kebijakan bagi pemasok lokal di "
                  f"kawasan industri ke-{i} serta rencana pelatihan tenaga kerja." for i in range(4))
    grown = replace(base, doc_id="grown", published="2099-01-01", paragraphs=base.paragraphs + extra)
    found = syn.find_copies([base, grown])
    assert found["grown"].canonical == base.doc_id and found["grown"].added == extra


def test_short_items_are_never_grouped() -> None:
    one = Document("a", "t", "2020-01-01", None, None, "id", ("Rapat ditunda.",))
    two = replace(one, doc_id="b", published="2020-01-02")
    assert syn.find_copies([one, two]) == {}


def test_signatures_are_cached_by_body_and_survive_a_restart(seeds: list[Document], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    cache = syn.SignatureCache(tmp_path)
    first = syn.find_copies(seeds, cache)
    cache.save()
    again = syn.SignatureCache(tmp_path)
    assert len(again.entries) == len(seeds)
    monkeypatch.setattr(syn.Signer, "sign", lambda self, items: pytest.fail("signed again"))
    assert syn.find_copies(seeds, again) == first
    # A document that left the corpus leaves the cache on the next save.
    again.used.clear()
    syn.find_copies(seeds[:2], again)
    again.save()
    assert len(syn.SignatureCache(tmp_path).entries) == 2
    (tmp_path / syn.CACHE_FILE).write_bytes(b"not a cache")
    assert syn.SignatureCache(tmp_path).entries == {}  # unreadable: recomputed, never an error


def test_words_and_containment() -> None:
    assert syn.words("ＪＡＫＡＲＴＡ, Kompas.com – Menteri") == ["jakarta", "kompas", "com", "menteri"]
    assert syn.shingles(["a", "b"], 3) == {b"a b"}
    assert syn.contained(1.0, 10, 10) == 1.0 and syn.contained(0.5, 10, 20) == 1.0
    assert syn.contained(0.0, 10, 20) == 0.0 and syn.contained(0.5, 0, 10) == 0.0


def test_own_file_names_a_documents_file_or_says_why_not(tmp_path: Path) -> None:
    import json

    from assistant.errors import UnknownDocument
    from assistant.index import manifest

    (tmp_path / manifest.MANIFEST).write_text(json.dumps({
        "documents": {"a": {"path": "/c/a.txt"}, "feed-1": {"path": "/c/f.xml"}, "feed-2": {"path": "/c/f.xml"}},
        "copies": {"a-copy": {"path": "/c/a-copy.txt", "canonical": "a"}}}))
    assert manifest.own_file(tmp_path, "a") == Path("/c/a.txt")
    assert manifest.own_file(tmp_path, "a-copy") == Path("/c/a-copy.txt")
    with pytest.raises(UnknownDocument, match="no indexed document has the id 'b'"):
        manifest.own_file(tmp_path, "b")
    with pytest.raises(UnknownDocument, match="also holds feed-2"):
        manifest.own_file(tmp_path, "feed-1")
