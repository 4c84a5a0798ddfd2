"""Fast unit tests of pure logic: citation checking (with a tiny deterministic embedder), prompts, ingest
of bad files, language detection, date parsing, chunking."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from assistant import dates, langid
from assistant.chunk import chunk
from assistant.citations import check
from assistant.ingest import read_corpus
from assistant.prompts import PromptError, _load, load_all
from assistant.records import Chunk, Document, Evidence, Hit

REPO = Path(__file__).resolve().parent.parent


class BagOfWordsEmbedder:
    """Deterministic stand-in for the citation-check unit tests only: hashed bag of words."""

    name = "bow"
    dim = 256

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for w in text.lower().replace(".", " ").replace(",", " ").split():
            v[int(hashlib.md5(w.encode()).hexdigest(), 16) % self.dim] += 1
        return v / (np.linalg.norm(v) or 1)

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])

    def encode_query(self, text: str) -> np.ndarray:
        return self._vec(text)


def _evidence(n: int, doc: str, sentences: list[str]) -> Evidence:
    c = Chunk(chunk_id=f"{doc}#0", doc_id=doc, ordinal=0, text=" ".join(sentences), sentences=tuple(sentences),
              title=f"Title {doc}", published="2022-01-21", source="Outlet", language="en")
    return Evidence(n=n, hit=Hit(rank=n, chunk=c, score=1.0), sentences=tuple(sentences),
                    best_sentence=sentences[0], similarity=0.8)


@pytest.fixture()
def ev() -> tuple[list[Evidence], dict[int, np.ndarray]]:
    e = BagOfWordsEmbedder()
    evidence = [
        _evidence(1, "a", ["Indonesia signed two memoranda with Russia on shipbuilding and asbestos research."]),
        _evidence(2, "b", ["The ministers met in Tokyo on Friday to discuss automotive cooperation."]),
        _evidence(3, "c", ["Exports to Belarus reached 38.03 million dollars in 2020."]),
    ]
    return evidence, {x.n: e.encode_documents(list(x.sentences)) for x in evidence}


def test_markers_pointing_nowhere_are_dropped_and_citations_renumbered(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    out = check("The ministers met in Tokyo on Friday [2][7].", evidence, vecs, BagOfWordsEmbedder(), 0.5)
    assert out.text == "The ministers met in Tokyo on Friday. [1]"
    assert [(c.n, c.doc_id) for c in out.citations] == [(1, "b")]


def test_wrong_marker_is_repointed_to_the_supporting_passage(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    out = check("Indonesia signed two memoranda with Russia on shipbuilding [2].", evidence, vecs,
                BagOfWordsEmbedder(), 0.5)
    assert [c.doc_id for c in out.citations] == ["a"]
    assert out.text.endswith("[1]")


def test_sentence_with_numbers_absent_from_sources_is_dropped(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    out = check("Exports to Belarus reached 38.03 million dollars in 2020 [3]. Exports to Belarus reached 99 "
                "million dollars in 2021 [3].", evidence, vecs, BagOfWordsEmbedder(), 0.5)
    assert "99" not in out.text and "38.03" in out.text
    assert len(out.dropped) == 1 and "99" in out.dropped[0]


def test_unsupported_claim_is_dropped_and_nothing_left_means_no_citations(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    out = check("France agreed to build aircraft with Indonesia [1].", evidence, vecs, BagOfWordsEmbedder(), 0.5)
    assert out.citations == () and out.text == ""


def test_headings_and_bullets_survive(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    text = "Key points:\n- The ministers met in Tokyo on Friday [2]\n- Indonesia signed two memoranda with Russia on shipbuilding and asbestos research [1]"
    out = check(text, evidence, vecs, BagOfWordsEmbedder(), 0.5)
    assert out.text.splitlines() == ["Key points:", "- The ministers met in Tokyo on Friday [1]",
                                     "- Indonesia signed two memoranda with Russia on shipbuilding and asbestos research [2]"]


def test_prompts_load_with_same_keys() -> None:
    both = load_all(REPO / "prompts")
    assert set(both["id"].texts) == set(both["en"].texts)
    assert "{passages}" in both["en"]["user"] and "{question}" in both["id"]["user"]


def test_broken_prompt_file_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "en.toml"
    bad.write_text((REPO / "prompts" / "en.toml").read_text().replace("{passages}", "{pasages}"))
    with pytest.raises(PromptError, match="placeholder"):
        _load(bad, "en")
    bad.write_text('system = "x"\n')
    with pytest.raises(PromptError, match="missing"):
        _load(bad, "en")


def test_bad_files_get_clear_per_file_messages(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Judul Berita Yang Cukup Panjang\n\nIni adalah isi berita yang baik.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "latin.txt").write_bytes("Kerja sama Indonesia–Jepang\n\nCaf\xe9 di Jakarta dibuka.".encode("cp1252"))
    (tmp_path / "huge.txt").write_bytes(b"a " * 700_000)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    sources, problems = read_corpus(tmp_path, max_mb=1)
    assert sorted(s.doc_id for s in sources) == ["good", "latin"]
    by_id = {p.doc_id: p for p in problems}
    assert "empty" in by_id["empty"].reason and by_id["empty"].severity == "error"
    assert "binary" in by_id["blob"].reason
    assert "over the 1 MB limit" in by_id["huge"].reason
    assert "UTF-8" in by_id["latin"].reason and by_id["latin"].severity == "warning"
    assert "unsupported file type" in by_id["photo"].reason
    latin = next(s for s in sources if s.doc_id == "latin")
    assert "Café" in latin.text and "–" in latin.text


@pytest.mark.parametrize("text,lang", [
    ("What did Indonesia sign with Russia?", "en"), ("Apa saja MoU dengan Rusia?", "id"),
    ("Siapa pejabat Rusia yang ditemui Menperin di Moskow?", "id"), ("Who runs the Minsk Automobile Plant?", "en"),
    ("Kapan program New MIDEC diumumkan oleh Kemenperin?", "id"), ("Apa itu IJEPA?", "id"),
    ("Agus Gumiwang Kartasasmita visited Moscow.", "en"), ("Eko Cahyanto bertemu Duta Besar.", "id"),
])
def test_language_detection(text: str, lang: str) -> None:
    assert langid.detect(text)[0] == lang


def test_name_only_query_falls_back() -> None:
    lang, confidence = langid.detect("MAZ BATE", fallback="id")
    assert lang == "id" or confidence < 0.6


def test_dates() -> None:
    assert dates.parse_datetime("21 Januari 2022, 08:41") == "2022-01-21T08:41:00+07:00"
    assert dates.parse_datetime(" date 2021-02 Minggu, 28 Februari 2021 | 17:20 WIB") == "2021-02-28T17:20:00+07:00"
    assert dates.parse_datetime("2026-01-12 06:49:54") == "2026-01-12T06:49:54+07:00"
    assert dates.parse_datetime("2021-02") is None
    assert dates.year_range("What happened in 2021?") == ("2021-01-01", "2021-12-31")
    assert dates.year_range("berita sejak 2022") == ("2022-01-01", "9999-12-31")
    assert dates.year_range("Who runs MAZ?") is None


def test_event_dates_in_sentences() -> None:
    assert dates.event_date("kata Eko Cahyanto dalam keterangan resminya, Minggu (28/2/2021).") == "2021-02-28"
    assert dates.event_date("mengikuti pelatihan yang didukung Pemerintah Rusia pada September 2024.") == "2024-09"
    assert dates.event_date("proses kerja sama berlangsung sejak 2021 melalui diskusi") == "2021"
    assert dates.event_date("The talks on 21 January 2022 went well.") == "2022-01-21"
    assert dates.event_date("kata Agus dalam pertemuan di Tokyo, Jumat (21/6).") is None  # no year: no guess
    assert dates.event_date("Sekitar 2.000 perusahaan Jepang di Indonesia.") is None


def test_chunks_keep_sentences_whole_and_ids_stable() -> None:
    sentences = [f"Kalimat nomor {i} berisi beberapa kata tambahan di sini." for i in range(30)]
    doc = Document("d", "Judul", None, None, None, "id", (" ".join(sentences),))
    chunks = chunk(doc, words=40, overlap=1)
    assert [c.chunk_id for c in chunks] == [f"d#{i}" for i in range(len(chunks))]
    assert all(s in sentences for c in chunks for s in c.sentences)
    assert {s for c in chunks for s in c.sentences} == set(sentences)
    assert chunks[1].sentences[0] == chunks[0].sentences[-1]  # overlap
    assert chunk(doc, words=40, overlap=1) == chunks


def test_gazetteer_crosses_languages_and_respects_word_boundaries() -> None:
    from assistant import gazetteer
    from assistant.keyword import query_tokens

    assert "jepang" in query_tokens("Brief me on Indonesia–Japan cooperation")
    assert "russia" in query_tokens("Apa saja MoU dengan Rusia?")
    assert not gazetteer.mentions_all("Kerja sama dengan Belarusia", gazetteer.partners_in("Russia"))
    assert gazetteer.partners_in("What did Indonesia sign as a partner?") == []  # "as"/"Indonesia" ignored
    assert gazetteer.partners_in("What did the US sign?") != []


def test_refusal_when_the_named_country_is_absent() -> None:
    from assistant.answer import names_absent_country
    from assistant.records import SearchResult

    hits = tuple(_evidence(i, d, [t]).hit for i, (d, t) in enumerate(
        [("a", "Menperin bertemu Menteri Jepang di Tokyo."), ("b", "MoU dengan Rusia diteken.")], start=1))
    result = SearchResult(question="q", hits=hits)
    assert names_absent_country("What did Indonesia agree with France on aircraft?", result)
    assert not names_absent_country("What did Indonesia sign with Russia?", result)
    assert names_absent_country("Who runs the Minsk Automobile Plant?", result)  # Minsk: Belarus
    assert not names_absent_country("Who runs the automobile plant?", result)  # names no country


def test_markers_used_as_words_are_caught(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    out = check("The ministers met in [2]. The ministers met in Tokyo on Friday, as stated in passage [2].",
                evidence, vecs, BagOfWordsEmbedder(), 0.5)
    assert out.text == "The ministers met in Tokyo on Friday. [1]"
    assert out.dropped == ("The ministers met in.",)


def test_names_absent_from_the_source_are_not_supported(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    e = BagOfWordsEmbedder()
    out = check("The ministers met in Jakarta on Friday to discuss automotive cooperation [2].", evidence, vecs, e, 0.3)
    assert out.text == "" and out.dropped  # Jakarta is in no passage
    ok = check("The Japanese and Indonesian ministers met in Tokyo on Friday to discuss automotive cooperation [2].",
               evidence, vecs, e, 0.3, question="Where did the Indonesian and Japanese ministers meet?")
    assert ok.text.endswith("[1]") and not ok.dropped


def test_actors_are_people_not_institutions() -> None:
    from assistant.actors import people

    text = ("Menteri Perindustrian Agus Gumiwang Kartasasmita bertemu Menteri Industri dan Perdagangan Federasi "
            "Rusia Anton Alikhanov di Moscow. Direktur Jenderal KPAII Kementerian Perindustrian Eko S.A. Cahyono "
            "hadir. Kata Eko Cahyono, Minsk Automobile Plant (MAZ) dan Kementerian Perindustrian Belarusia setuju.")
    assert people(text) == ["Agus Gumiwang Kartasasmita", "Anton Alikhanov", "Eko S.A. Cahyono"]


def test_hyphenated_names_are_checked_word_by_word(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    quote = evidence[0].sentences[0]
    out = check(f"{quote[:-1]} with Russia-Indonesia ties [1].", evidence, vecs, BagOfWordsEmbedder(), 0.3,
                question="Indonesia")
    assert out.citations and not out.dropped
