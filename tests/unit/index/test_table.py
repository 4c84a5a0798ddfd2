"""The chunk table (index.table): the records of one build read back one at a time, equal to what was
written; per-chunk language, date and document without parsing; and a table of another build, a truncated
or a damaged one is never used."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.index import table
from assistant.index.table import ChunkTable
from assistant.records import Chunk


def _chunks() -> list[Chunk]:
    return [Chunk(chunk_id=f"d{i // 2}#{i % 2}", doc_id=f"d{i // 2}", ordinal=i % 2, text=f"Teks “{i}” é.",
                  sentences=(f"Teks “{i}” é.",), title="Judul", published=None if i % 3 == 0 else f"2021-02-{10 + i}",
                  source="Antara", language="en" if i == 4 else "id",
                  flags=("instructions",) if i == 3 else ()) for i in range(8)]


def test_round_trip_and_lookups(tmp_path: Path) -> None:
    chunks = _chunks()
    table.write(tmp_path, "k1", list(reversed(chunks)))  # written in any order, kept in (doc, ordinal) order
    t = ChunkTable.open(tmp_path, "k1")
    assert t is not None
    assert list(t) == [c.chunk_id for c in chunks] and len(t) == 8
    assert list(t.values()) == chunks  # equal records, tuples and all
    assert t["d2#1"] == chunks[5] and t["d0#0"] == chunks[0]  # random reads
    assert "d3#1" in t and "d9#0" not in t
    assert t.language("d2#0") == "en" and t.language("d0#1") == "id"
    assert t.date("d0#0") == 0 and t.date("d0#1") == 20210211
    assert t.doc("d3#1") == "d3"
    rows = t.rows_in(20210212, 20210215)
    assert [t.ids[i] for i in rows] == ["d1#0", "d2#0", "d2#1"]
    assert t.undated_documents() == 3  # d0#0, d1#1, d3#0 are undated
    t.close()


def test_stale_truncated_or_damaged_tables_are_not_used(tmp_path: Path) -> None:
    table.write(tmp_path, "k1", _chunks())
    assert ChunkTable.open(tmp_path, "k2") is None  # another build
    records = tmp_path / table.RECORDS
    records.write_bytes(records.read_bytes()[:-20])  # truncated
    assert ChunkTable.open(tmp_path, "k1") is None
    table.write(tmp_path, "k1", _chunks())
    (tmp_path / table.INDEX).write_text("{broken", encoding="utf-8")
    assert ChunkTable.open(tmp_path, "k1") is None
    assert ChunkTable.open(tmp_path / "absent", "k1") is None


def test_empty_table(tmp_path: Path) -> None:
    table.write(tmp_path, "k", [])
    t = ChunkTable.open(tmp_path, "k")
    assert t is not None and len(t) == 0 and list(t.values()) == [] and t.undated_documents() == 0
    assert t.rows_in(0, 99991231).size == 0 and isinstance(t.dates, np.ndarray)


def test_a_table_keeps_reading_its_own_build_after_the_next_one_replaced_it(tmp_path: Path) -> None:
    old = _chunks()
    table.write(tmp_path, "k1", old)
    t = ChunkTable.open(tmp_path, "k1")
    assert t is not None
    rewritten = [Chunk(**{**c.__dict__, "text": "Teks yang jauh lebih panjang dari sebelumnya " * 3}) for c in old]
    table.write(tmp_path, "k2", rewritten)  # the next build, while this table is in use
    assert t["d2#1"] == old[5] and list(t.values()) == old
    assert ChunkTable.open(tmp_path, "k2")["d2#1"] == rewritten[5]  # type: ignore[index]
    t.close()
