"""Warta's hybrid search as a LangChain retriever.

    retriever = WartaRetriever(warta=warta, k=5, date_from="2021-01-01")   # or warta.as_retriever(k=5)
    docs = retriever.invoke("Apa saja MoU dengan Rusia?")                # also ainvoke, batch, stream
    docs = retriever.invoke("...", k=2, date_to="2021-12-31")            # per call (or .bind(k=2))

Contract: the documents are `warta.search(question, k, date_from, date_to)`'s hits, best first: dense +
BM25, fused, at most `per_doc_max` chunks per document, inside the date window. Each Document's
page_content is the chunk's text; its metadata: doc_id, chunk_id, title, outlet, published (None when
undated), score (the fused score), rank, language, flags (a list). The parameters are checked where every
entry point's are (search.query): a bad k or date raises InvalidInput naming it. A call's keyword arguments
win over the constructor's; `configurable_fields(k=ConfigurableField(id="k"))` + `with_config` work too.
"""

from __future__ import annotations

from typing import Any, Protocol

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.records import Hit, SearchResult

__all__ = ["SearchHost", "WartaRetriever", "hit_to_document"]


class SearchHost(Protocol):
    """What the retriever needs of the service (`Warta.search`)."""

    def search(self, question: str, k: int | str | None = None, date_from: str | None = None,
               date_to: str | None = None) -> SearchResult: ...


def hit_to_document(hit: Hit) -> Document:
    c = hit.chunk
    return Document(page_content=c.text, id=c.chunk_id, metadata={
        "doc_id": c.doc_id, "chunk_id": c.chunk_id, "title": c.title, "outlet": c.source,
        "published": c.published, "score": float(hit.score), "rank": hit.rank, "language": c.language,
        "flags": list(c.flags)})


class WartaRetriever(BaseRetriever):
    """Documents from Warta's hybrid search (see the module docstring)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    warta: Any  # a SearchHost: the Warta service
    k: int | None = None  # None: WARTA_TOP_K
    date_from: str | None = None  # "YYYY-MM-DD", inclusive
    date_to: str | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun,
                                k: int | str | None = None, date_from: str | None = None,
                                date_to: str | None = None) -> list[Document]:
        result = self.warta.search(query, k=self.k if k is None else k,
                                   date_from=self.date_from if date_from is None else date_from,
                                   date_to=self.date_to if date_to is None else date_to)
        return [hit_to_document(h) for h in result.hits]
