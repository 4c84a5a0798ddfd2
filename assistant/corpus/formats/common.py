"""What every reader shares: decoding bytes to text, telling binary from text, normalising a date to the
project's ISO form, stable ids for documents that have no file of their own, and building the SourceFile.

Contract: pure functions of their arguments; no third-party imports (each library lives in its reader).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from assistant.records import SourceFile

WIB_OFFSET = "+07:00"

WIB = timezone(timedelta(hours=7))


def looks_binary(raw: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB: not a text file."""
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(8, len(sample) // 50)


def decode(raw: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with. UTF-8 first; then Windows-1252/Latin-1, common in old
    Indonesian scrapes."""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def iso_date(value: str | None) -> str | None:
    """A date as the project stores it: "YYYY-MM-DDTHH:MM:SS+07:00" when a time is known (a time with an
    offset is converted to WIB; one without is taken as WIB, the convention of Indonesian outlets), else
    "YYYY-MM-DD". Reads ISO 8601 (meta tags, JSON-LD, Atom), RFC 822 (RSS) and, failing those, Indonesian or
    English dates in words (text.dates: "Jumat, 21 Januari 2022 08:41 WIB"). None when there is no full date."""
    if not value or not value.strip():
        return None
    text = value.strip()
    parsed: datetime | None = None
    if re.match(r"\d{4}-\d{2}-\d{2}", text):
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            parsed = None
        if parsed is not None and len(text) <= 10:
            return parsed.date().isoformat()
    if parsed is None and re.match(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", text):
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            parsed = None
    if parsed is None:
        from assistant.text import dates  # the word tables load on first use: corpus.read stays light

        return dates.parse_datetime(text)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(WIB)
    return parsed.replace(tzinfo=None).isoformat(timespec="seconds") + WIB_OFFSET


def slug(text: str, limit: int = 48) -> str:
    """Lower-case ASCII words joined by "-" (accents folded), at most `limit` characters, cut at a word."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + (1 if out else 0) > limit:
            break
        out = f"{out}-{word}" if out else word
    return out or "entry"


def stable_id(title: str | None, key: str) -> str:
    """The id of a document without a file of its own (a feed entry, a fetched URL): a slug of its title
    plus a short hash of `key` (its guid or link), so re-reading the feed gives the same id, and two
    entries with the same headline still get two ids."""
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    return f"{slug(title or '')}-{digest}"


def source(doc_id: str, name: str, text: str, raw: bytes, fmt: str, encoding: str = "utf-8",
           **meta: object) -> SourceFile:
    """A SourceFile read from `raw`; `meta` are SourceFile's metadata fields (title, published, …)."""
    return SourceFile(doc_id=doc_id, path=name, text=text, encoding=encoding,
                      sha256=hashlib.sha256(raw).hexdigest(), format=fmt, **meta)  # type: ignore[arg-type]


def replace_notes(src: SourceFile, notes: tuple[str, ...]) -> SourceFile:
    """`src` with `notes` added to its own: file-level warnings travel on a file's first document."""
    from dataclasses import replace

    return replace(src, notes=src.notes + notes)


# "Jakarta, 3 Maret 2025 – Pemerintah …": the dateline that opens an Indonesian press release's lead.
_DATED_LEAD = re.compile(r"^(?P<city>[A-Z][\w .]{1,30}?),\s*(?P<date>[^–—]{6,45}?)\s+[-–—]\s+(?P<rest>\S.*)$", re.S)
LEAD_LINES = 6  # the dateline is in the first lines (after the headline and a date or place line)


def dated_lead(lines: list[str]) -> tuple[str | None, list[str]]:
    """(publication date, lines) when one of the first lines opens with "<city>, <date> – ", which is then
    removed from it (it is header, not body); else (None, lines) unchanged."""
    for i, line in enumerate(lines[:LEAD_LINES]):
        match = _DATED_LEAD.match(line)
        if not match:
            continue
        published = iso_date(match["date"])
        if published:
            return published, lines[:i] + [match["rest"]] + lines[i + 1:]
    return None, lines
