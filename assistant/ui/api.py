"""The API endpoints `ask`, `search`, `documents` and `brief` (gradio_client and MCP), over one Warta.

Their names become the MCP tool names and their docstrings the tool descriptions; they return the JSON shapes
of `assistant.serialize` (as `warta ask/search/docs --json`). A failure is a `gr.Error` with a readable
message, never a traceback (bugs are logged).

No `from __future__ import annotations` here: `gr.api` reads the endpoints' type hints at run time.
"""

from typing import TYPE_CHECKING

from assistant.offline import enforce_offline

enforce_offline()  # before gradio is imported: no analytics, no hub calls

import gradio as gr  # noqa: E402

from assistant.serialize import answer_to_dict, docinfo_to_dict, search_to_dict  # noqa: E402
from assistant.ui.failures import known_message  # noqa: E402
from assistant.ui.words import t  # noqa: E402

if TYPE_CHECKING:
    from assistant.service import Warta

LANGUAGES = ("auto", "id", "en")


def _api_error(exc: BaseException, endpoint: str) -> gr.Error:
    # API clients read English (as the CLI's error lines are).
    return gr.Error(known_message(exc, f"the /{endpoint} API call") or t("en", "internal_detail"),
                    print_exception=False)


class Api:
    """The endpoints, as bound methods (Gradio sees their signatures without `self`)."""

    def __init__(self, warta: "Warta") -> None:
        self._warta = warta

    def ask(self, question: str, language: str = "auto", history: list | None = None) -> dict:
        """Answer a question about the indexed news articles (Indonesian and English), citing numbered sources.

        The answer text carries [n] markers that refer to `citations[n-1]` (each with the document id, title,
        outlet, date and the quoted passage). When the articles do not contain the answer, `refused` is true
        and `closest` lists the nearest passages instead.

        Args:
            question: The question, in Bahasa Indonesia or English.
            language: Language of the answer: "auto" (the question's language), "id" (Bahasa Indonesia) or "en" (English).
            history: The conversation so far, oldest first: a list of {"question": ..., "answer": ...}. A follow-up ("And with Japan?", "dan dengan Rusia?") is searched as the standalone question it stands for.

        Returns:
            The answer as a dict with keys question, language, answer, refused, citations, closest, generator, dropped, timings_ms, standalone_question (what was searched), date_window ({"from", "to"} or null: the publication dates the articles were taken from) and undated_excluded.
        """
        if language not in LANGUAGES:
            raise gr.Error('language must be "auto", "id" or "en"', print_exception=False)
        try:
            return answer_to_dict(self._warta.ask(question, language=None if language == "auto" else language,  # type: ignore[arg-type]
                                                  history=history or ()))  # checked in search.condense
        except Exception as exc:
            raise _api_error(exc, "ask") from exc

    def search(self, question: str, k: int = 8) -> dict:
        """Search the indexed news articles (hybrid semantic + keyword search, Indonesian and English) without generating an answer.

        Args:
            question: What to look for, in Bahasa Indonesia or English.
            k: How many passages to return (1-100).

        Returns:
            A dict with the question, the ranked hits (doc_id, chunk_id, title, published, source, language, text, score) and timings_ms.
        """
        try:
            # Checked once, where every entry point's question is read (search.query): same messages as the CLI.
            return search_to_dict(self._warta.search(question, k=k))
        except Exception as exc:
            raise _api_error(exc, "search") from exc

    def documents(self) -> list:
        """List the indexed news articles.

        Returns:
            One dict per article: doc_id, title, published (ISO date or null), source (outlet), language ("id" or "en"), chunks.
        """
        try:
            return [docinfo_to_dict(d) for d in self._warta.documents()]
        except Exception as exc:
            raise _api_error(exc, "documents") from exc

    def brief(self, topic: str, language: str = "auto", date_from: str = "", date_to: str = "") -> dict:
        """Write a cited, dated briefing on a topic from the indexed news articles (Indonesian and English).

        The brief has a summary, key points, a timeline ordered by event date, actors with their stated roles,
        what comes next, coverage by outlet and the numbered sources; every statement carries [n] citation
        numbers (`cites`) that were checked against the articles. When no article covers the topic, `refused`
        is true and the sections are empty.

        Args:
            topic: What the brief is about, e.g. "Indonesia–Japan industrial cooperation" (several parts such as "Japan and Russia" are each covered).
            language: Language of the brief: "auto" (the topic's language), "id" (Bahasa Indonesia) or "en" (English).
            date_from: Only articles published on or after this date (YYYY-MM-DD), or "" for no limit.
            date_to: Only articles published on or before this date (YYYY-MM-DD), or "" for no limit.

        Returns:
            The brief as a dict with keys topic, language, parts, window, refused, summary, key_points, timeline, actors, next_steps, coverage, sources, generator, notes, timings_ms.
        """
        if language not in LANGUAGES:
            raise gr.Error('language must be "auto", "id" or "en"', print_exception=False)
        try:
            from assistant.answer.brief.render import to_dict

            forced = None if language == "auto" else language
            return to_dict(self._warta.brief(topic, language=forced, date_from=date_from or None,  # type: ignore[arg-type]
                                             date_to=date_to or None))
        except Exception as exc:
            raise _api_error(exc, "brief") from exc
