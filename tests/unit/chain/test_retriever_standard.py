"""WartaRetriever under LangChain's own standard retriever tests (langchain-tests), over the real index of
the seeds (session fixtures: real embedder, real Chroma), plus its metadata, date window and k forms."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.documents import Document
from langchain_core.runnables import ConfigurableField
from langchain_tests.integration_tests import RetrieversIntegrationTests

from assistant.chain import WartaRetriever
from assistant.errors import InvalidInput

pytestmark = pytest.mark.slow

QUESTION = "What did Indonesia sign with Russia?"


# The standard suite's ainvoke test is a coroutine: pytest-asyncio runs it (strict mode needs the mark; on
# the suite's sync tests the mark is only a warning, silenced here).
@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore:.*is marked with '@pytest.mark.asyncio':pytest.PytestWarning")
class TestWartaRetrieverStandard(RetrieversIntegrationTests):
    service: Any = None

    @pytest.fixture(autouse=True)
    def _service(self, warta) -> None:  # type: ignore[no-untyped-def]
        type(self).service = warta

    @property
    def retriever_constructor(self) -> type[WartaRetriever]:
        return WartaRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        return {"warta": self.service}

    @property
    def retriever_query_example(self) -> str:
        return QUESTION


def test_documents_are_the_hybrid_search_hits_with_their_metadata(warta) -> None:  # type: ignore[no-untyped-def]
    docs = warta.as_retriever(k=5).invoke(QUESTION)
    hits = warta.search(QUESTION, k=5).hits
    assert [d.metadata["chunk_id"] for d in docs] == [h.chunk.chunk_id for h in hits]
    for d, h in zip(docs, hits):
        assert isinstance(d, Document) and d.page_content == h.chunk.text and d.id == h.chunk.chunk_id
        assert d.metadata["doc_id"] == h.chunk.doc_id and d.metadata["title"] == h.chunk.title
        assert d.metadata["outlet"] == h.chunk.source and d.metadata["published"] == h.chunk.published
        assert d.metadata["score"] == pytest.approx(h.score) and d.metadata["rank"] == h.rank


def test_date_window_and_k_from_constructor_call_bind_and_config(warta) -> None:  # type: ignore[no-untyped-def]
    everything = warta.as_retriever(k=20).invoke(QUESTION)
    dates = sorted({d.metadata["published"][:10] for d in everything if d.metadata["published"]})
    cut = dates[len(dates) // 2]
    later = warta.as_retriever(k=20, date_from=cut).invoke(QUESTION)
    assert later and all(d.metadata["published"][:10] >= cut for d in later)
    earlier = warta.as_retriever(k=20).invoke(QUESTION, date_to=cut)
    assert earlier and all(d.metadata["published"][:10] <= cut for d in earlier)
    retriever = warta.as_retriever()
    assert len(retriever.bind(k=2).invoke(QUESTION)) == 2
    configurable = retriever.configurable_fields(k=ConfigurableField(id="k"))
    assert len(configurable.with_config(configurable={"k": 4}).invoke(QUESTION)) == 4
    assert [len(r) for r in retriever.batch([QUESTION, "Apa saja MoU dengan Rusia?"], k=3)] == [3, 3]


def test_bad_parameters_are_named(warta) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput, match="k must be a whole number"):
        warta.as_retriever(k=0).invoke(QUESTION)
    with pytest.raises(InvalidInput, match="date_from"):
        warta.as_retriever().invoke(QUESTION, date_from="2021-02-30")
