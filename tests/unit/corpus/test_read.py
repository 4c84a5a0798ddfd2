"""Fast unit tests of pure logic: citation checking (with a tiny deterministic embedder), prompts, ingest
of bad files, language detection, date parsing, chunking."""

from __future__ import annotations

from pathlib import Path



from assistant.corpus.read import read_corpus

REPO = Path(__file__).resolve().parents[3]



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
