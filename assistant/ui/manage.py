"""The Corpus tab's upload and remove handlers, over one Warta.

    Manage(warta).upload(files, …)   save the dropped files (corpus.manage: type allow-list, size limit, safe
                                     names, no overwrite), index with visible progress, report per file
    Manage(warta).remove(doc_id, …)  take a document out of the corpus and the index (Warta.remove)

Both return the outputs of a Refresh (labels.LISTING_OUTPUTS: the table and the remove choices re-read),
then the result line (Markdown, every name shown literally) and a cleared upload box: MANAGE_OUTPUTS.
Files reach the handler only through the server's guard (ui/guard.py: body size, upload names) and
Gradio's own upload route (which keeps only the last component of a name); corpus.manage checks again.

No `from __future__ import annotations` here: Gradio inspects the handlers' signatures (gr.Progress).
"""

from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.offline import enforce_offline

enforce_offline()  # before gradio is imported: no analytics, no hub calls

import gradio as gr  # noqa: E402

from assistant.records import AddedFile, IndexReport  # noqa: E402
from assistant.ui.failures import known_message  # noqa: E402
from assistant.ui.labels import LISTING_OUTPUTS, REFRESH_INPUTS, Corpus, labels_language  # noqa: E402
from assistant.ui.safe import markdown_literal  # noqa: E402
from assistant.ui.state import PanelState, StatusState  # noqa: E402
from assistant.ui.words import t  # noqa: E402

if TYPE_CHECKING:
    from assistant.service import Warta

UPLOAD_INPUTS = ("upload", *REFRESH_INPUTS)
REMOVE_INPUTS = ("remove_choice", *REFRESH_INPUTS)
MANAGE_OUTPUTS = (*LISTING_OUTPUTS, "manage_md", "upload")


def _name(file: Any) -> tuple[str, Path]:
    """(the name the client gave, where the bytes are) for what gr.File hands over."""
    path = Path(str(getattr(file, "path", None) or file))
    return str(getattr(file, "orig_name", None) or path.name), path


def added_lines(results: list[AddedFile], report: IndexReport | None, lang: str) -> list[str]:
    """One line per offered file, then the index's own per-file problems and its totals."""
    lines = []
    for r in results:
        name = markdown_literal(r.name)
        if r.doc_id is None:
            lines.append(t(lang, "upload_refused", name=name, reason=markdown_literal(r.note)))
        else:
            note = f" ({markdown_literal(r.note)})" if r.note else ""
            lines.append(t(lang, "upload_saved", name=name, doc_id=markdown_literal(r.doc_id)) + note)
    if report is not None:
        saved = {r.doc_id for r in results if r.doc_id}
        lines += [t(lang, "upload_problem", name=markdown_literal(Path(p.path).name), reason=markdown_literal(p.reason))
                  for p in report.problems if p.doc_id in saved]
        lines.append(t(lang, "upload_indexed", docs=report.documents, chunks=report.chunks, embedded=report.embedded))
    return lines


class Manage:
    """The handlers, as bound methods; a Corpus (labels.py) re-lists the documents afterwards."""

    def __init__(self, warta: "Warta") -> None:
        self._warta = warta
        self._corpus = Corpus(warta)

    def _after(self, choice: str, fallback: str, panel: PanelState, status: StatusState, lines: list[str]) -> tuple:
        return self._corpus.refresh(choice, fallback, panel, status) + ("\n".join(f"- {line}" for line in lines),
                                                                         None)

    def upload(self, files: list | None, choice: str, fallback: str, panel: PanelState, status: StatusState,
               progress: gr.Progress = gr.Progress(track_tqdm=True)) -> tuple:
        lang = labels_language(choice, fallback)
        offered = [_name(f) for f in (files or [])]
        if not offered:
            return self._after(choice, fallback, panel, status, [])
        progress(0.05, desc=t(lang, "upload_saving"))
        try:
            progress(0.1, desc=t(lang, "upload_indexing"))
            # progress=True: the embedding bar (tqdm) is what gr.Progress(track_tqdm) shows on the page.
            results, report = self._warta.add_files(offered, progress=True)
            lines = added_lines(results, report, lang)
        except Exception as exc:  # noqa: BLE001 - shown on the tab; a bug is logged by known_message
            lines = [markdown_literal(known_message(exc, "adding files") or t(lang, "internal_detail"))]
        return self._after(choice, fallback, panel, status, lines)

    def remove(self, doc_id: str | None, choice: str, fallback: str, panel: PanelState, status: StatusState,
               progress: gr.Progress = gr.Progress(track_tqdm=True)) -> tuple:
        lang = labels_language(choice, fallback)
        if not doc_id:
            return self._after(choice, fallback, panel, status, [t(lang, "remove_none")])
        try:
            _, report = self._warta.remove(doc_id)
            lines = [t(lang, "removed", doc_id=markdown_literal(doc_id), docs=report.documents)]
        except Exception as exc:  # noqa: BLE001 - shown on the tab
            lines = [markdown_literal(known_message(exc, "removing a document") or t(lang, "internal_detail"))]
        return self._after(choice, fallback, panel, status, lines)
