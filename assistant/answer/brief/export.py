"""A brief as a file: Markdown, JSON, PDF or DOCX, with a safe file name made from the topic.

Contract: `render_bytes(brief, fmt, settings)` -> the file's bytes (`fmt` one of FORMATS, else
ExportError); `file_name(topic, fmt)` -> "briefing-<topic words>.<ext>": letters and digits of any script
kept, everything else (slashes, dots, quotes, control characters) a single dash, at most MAX_NAME characters,
never empty, never hidden, never a path. `write(brief, fmt, path, settings)` writes the file (ExportError
naming the path when it cannot).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from assistant.answer.brief.render import blocks, to_dict, to_markdown
from assistant.errors import ExportError
from assistant.records import Briefing
from assistant.settings import Settings

FORMATS = ("md", "json", "pdf", "docx")
MAX_NAME = 80


def file_name(topic: str, fmt: str) -> str:
    text = unicodedata.normalize("NFKC", topic).lower()
    slug = re.sub(r"[^\w]+|_+", "-", text).strip("-")[:MAX_NAME].strip("-")
    return f"briefing-{slug or 'topic'}.{fmt}"


def render_bytes(brief: Briefing, fmt: str, settings: Settings) -> bytes:
    if fmt == "md":
        return to_markdown(brief, settings).encode("utf-8")
    if fmt == "json":
        return (json.dumps(to_dict(brief), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "pdf":
        from assistant.answer.brief.pdf_file import pdf_bytes

        return pdf_bytes(blocks(brief, settings))
    if fmt == "docx":
        from assistant.answer.brief.docx_file import docx_bytes

        return docx_bytes(blocks(brief, settings))
    raise ExportError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")


def write(brief: Briefing, fmt: str, path: Path, settings: Settings) -> Path:
    data = render_bytes(brief, fmt, settings)
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise ExportError(f"cannot write the brief to {path}: {exc.strerror or exc}") from exc
    return Path(path)
