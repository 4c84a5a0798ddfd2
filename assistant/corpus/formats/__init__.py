"""Readers, one per format, behind one entry point: bytes in, SourceFiles out.

    from assistant.corpus.formats import read_document
    sources = read_document(raw, "siaran-pers.pdf")            # -> list[SourceFile]
    sources = read_document(raw, "https://example.id/rss", doc_id=None)

Contract: `read_document(raw, name, doc_id=None)` picks the reader by content (`sniff`: "%PDF", a zip
holding word/document.xml, XML whose root is <rss>/<feed>/<rdf:RDF>, HTML markers), the name's suffix only
deciding between plain text and an unsupported text file. It returns one SourceFile per document (a feed:
one per entry, with ids from `stable_id`; any other format: one, with id `doc_id`, default the name's stem),
each carrying the text and the metadata the format has (title, published, outlet, author, url, language,
format) and `notes`: warnings about the read, on the first document. Anything it cannot read raises
UnreadableDocument with a message for the user (unknown binary, encrypted PDF, no text layer, invalid
feed, broken DOCX, empty file). It never touches the file system: callers (corpus.read for the corpus
folder, `warta add` for fetched bytes) keep the safety boundary and the size limit.
"""

from __future__ import annotations

from assistant.corpus.formats.common import slug, stable_id
from assistant.corpus.formats.dispatch import SUFFIXES, TEXT_SUFFIXES, read_document, sniff

__all__ = ["SUFFIXES", "TEXT_SUFFIXES", "read_document", "slug", "sniff", "stable_id"]
