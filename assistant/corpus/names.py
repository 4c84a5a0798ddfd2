"""Names for documents that enter the corpus folder through `warta add` and `warta sync`. Pure functions.

Contract:
- `safe_name(name)` turns any file name a user hands over (with folders, "..", spaces, accents, a leading dot,
  control characters) into a plain, visible, portable name of at most NAME_MAX characters, suffix lower case.
  The result never leaves the folder it is joined to and is never hidden (the corpus reader skips hidden
  files).
- `canonical_url(url)` is the form two spellings of one address share: scheme and host lower case, default
  port, fragment and tracking parameters (utm_*) dropped, the other query parameters sorted.
- `url_doc_id(url)` is the stable document id of a fetched page or a feed entry: a slug of the URL's last
  path segment plus the first 10 hex digits of sha256(canonical URL). Re-adding the URL, or syncing the entry
  again, lands on the same id, so it updates instead of duplicating.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

NAME_MAX = 100
SLUG_MAX = 60
HASH_CHARS = 10
DEFAULT_PORTS = {"http": 80, "https": 443}
TRACKING_PREFIXES = ("utm_",)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DASHES = re.compile(r"-{2,}")


def _ascii(text: str) -> str:
    """Accents dropped ("é" -> "e"); any other non-ASCII character becomes a dash."""
    bare = "".join(ch for ch in unicodedata.normalize("NFKD", text) if unicodedata.category(ch) != "Mn")
    return "".join(ch if ch.isascii() else "-" for ch in bare)


def slug(text: str, limit: int = SLUG_MAX) -> str:
    """Lower-case ASCII letters, digits and single dashes ("Ekspor ke Belarus, 2020" -> "ekspor-ke-belarus-2020")."""
    ascii_text = _ascii(text).lower()
    out = _DASHES.sub("-", re.sub(r"[^a-z0-9]+", "-", ascii_text)).strip("-")
    return out[:limit].rstrip("-")


def safe_name(name: str, default_stem: str = "document") -> str:
    """See the module contract. "../../etc/passwd" -> "passwd"; ".bashrc" -> "bashrc";
    "Siaran Pers (final).PDF" -> "Siaran-Pers-final-.pdf" -> "Siaran-Pers-final.pdf"."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")  # control characters out
    base = _ascii(base)
    stem, dot, suffix = base.rpartition(".")
    if not dot or not stem.strip(". "):  # "passwd", ".bashrc": no suffix, the whole name is the stem
        stem, suffix = base, ""
    stem = _DASHES.sub("-", _UNSAFE.sub("-", stem)).strip("-._ ") or default_stem
    suffix = re.sub(r"[^a-z0-9]", "", suffix.lower())[:10]
    stem = stem[: NAME_MAX - len(suffix) - 1].rstrip("-._")
    return f"{stem}.{suffix}" if suffix else stem


def canonical_url(url: str) -> str:
    """See the module contract."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not k.lower().startswith(TRACKING_PREFIXES))
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def url_hash(url: str) -> str:
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:HASH_CHARS]


def url_doc_id(url: str) -> str:
    """See the module contract: "https://x.id/berita/ri-dan-rusia.html?utm_source=a" -> "ri-dan-rusia-<hash>"."""
    parts = urlsplit(url.strip())
    segments = [s for s in parts.path.split("/") if s]
    last = segments[-1].rsplit(".", 1)[0] if segments else ""
    stem = slug(last) or slug(parts.hostname or "") or "page"
    return f"{stem}-{url_hash(url)}"


def numbered(stem: str, n: int) -> str:
    """The n-th alternative of a taken stem: "laporan" -> "laporan-2"."""
    return f"{stem}-{n}"
