"""The service's view of the index (issue 14): one generation check per request, a new reader and Retriever
when the index changed, and an old reader closed only when its last request ends. The reader and retriever
are stand-ins here; tests/e2e/api/test_fresh_index.py proves the same with a real server, Chroma and
`warta index` in another process."""

from __future__ import annotations

from typing import Any

import pytest

import assistant.service as service
from assistant.errors import NotIndexed
from assistant.settings import Settings


class FakeReader:
    opened: list["FakeReader"] = []

    def __init__(self, settings: Settings) -> None:
        self.closed = False
        self.indexed = True
        FakeReader.opened.append(self)

    def check(self) -> None:
        if not self.indexed:
            raise NotIndexed("no index. Run: warta index")

    def close(self) -> None:
        self.closed = True

    def documents(self) -> list[str]:
        return [f"doc from reader {FakeReader.opened.index(self)}"]


class FakeRetriever:
    def __init__(self, settings: Settings, reader: FakeReader, embedder: Any) -> None:
        self.reader = reader

    def search(self, query: Any) -> str:
        assert not self.reader.closed, "searched a closed reader"
        return f"hits from reader {FakeReader.opened.index(self.reader)}"


@pytest.fixture()
def warta(monkeypatch: pytest.MonkeyPatch) -> tuple[service.Warta, dict[str, Any]]:
    disk: dict[str, Any] = {"generation": (1, 1, 1)}
    FakeReader.opened = []
    monkeypatch.setattr(service, "IndexReader", FakeReader)
    monkeypatch.setattr(service, "Retriever", FakeRetriever)
    monkeypatch.setattr(service, "generation", lambda folder: disk["generation"])
    return service.Warta(Settings(), embedder=object()), disk  # type: ignore[arg-type]


def test_same_generation_same_view(warta) -> None:  # type: ignore[no-untyped-def]
    w, _ = warta
    assert w.search("MoU Indonesia Rusia") == "hits from reader 0"
    assert w.search("MoU Indonesia Rusia") == "hits from reader 0"
    assert w.documents() == ["doc from reader 0"]
    assert len(FakeReader.opened) == 1


def test_a_changed_index_is_read_at_the_next_request(warta) -> None:  # type: ignore[no-untyped-def]
    w, disk = warta
    assert w.search("MoU Indonesia Rusia") == "hits from reader 0"
    disk["generation"] = (2, 2, 2)  # another process ran `warta index`
    assert w.documents() == ["doc from reader 1"]
    assert w.search("MoU Indonesia Rusia") == "hits from reader 1"
    assert FakeReader.opened[0].closed and not FakeReader.opened[1].closed


def test_a_request_in_flight_keeps_its_reader_until_it_ends(warta) -> None:  # type: ignore[no-untyped-def]
    w, disk = warta
    with w._using() as old:
        disk["generation"] = (2, 2, 2)
        assert w.search("MoU Indonesia Rusia") == "hits from reader 1"  # others see the new index at once
        assert not old.reader.closed  # ... while this request still reads the old one
        assert old.retriever.search(None) == "hits from reader 0"
    assert old.reader.closed


def test_a_missing_index_is_checked_again_at_every_request(warta) -> None:  # type: ignore[no-untyped-def]
    w, disk = warta
    disk["generation"] = None
    w.reader.indexed = False
    with pytest.raises(NotIndexed):
        w.search("MoU Indonesia Rusia")
    disk["generation"] = (3, 3, 3)  # `warta index` ran: the next request finds the index
    assert w.search("MoU Indonesia Rusia") == "hits from reader 1"


def test_bad_input_is_refused_before_the_index_is_opened(warta) -> None:  # type: ignore[no-untyped-def]
    from assistant.errors import InvalidInput

    w, _ = warta
    with pytest.raises(InvalidInput, match="k must be"):
        w.search("MoU Indonesia Rusia", k=0)
    assert FakeReader.opened == []
