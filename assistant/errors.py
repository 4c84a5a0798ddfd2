"""Every error a user can act on, in one place. All are `WartaError`s; `user_message` turns one into the
line the CLI, the UI and the API show. Anything else is a bug: it is logged with its traceback, and the user
sees a generic message. Standard library only (the model fetcher imports this before anything is set up).
"""

from __future__ import annotations


class WartaError(Exception):
    """Base for errors whose message is meant for the user."""


# Input --------------------------------------------------------------------------------------------------
class EmptyQuestion(WartaError):
    """The question is empty or only whitespace."""

    def __init__(self, message: str = "the question is empty") -> None:
        super().__init__(message)


class InvalidInput(WartaError):
    """A parameter (k, a date, a language, a question too long) is malformed; the message names it."""


class QuestionTooLong(InvalidInput):
    """The question is longer than `max_question_chars` (WARTA_MAX_QUESTION_CHARS)."""


class UnsupportedLanguage(InvalidInput):
    """The question is in a language Warta does not answer. The message is in both answer languages: the
    asker reads neither language's UI for sure."""

    def __init__(self, message: str = ("Warta answers questions in Bahasa Indonesia or English / "
                                       "Warta menjawab pertanyaan dalam Bahasa Indonesia atau Inggris")) -> None:
        super().__init__(message)


# Corpus and index ---------------------------------------------------------------------------------------
class NoArticleText(WartaError):
    """A file holds no article text after cleaning."""


class UnreadableDocument(WartaError):
    """A file's bytes cannot be read as a document: an unknown binary, a PDF without a text layer or with a
    password, a feed that is not valid XML, a broken DOCX. The message says which and what to do."""


class CorpusMissing(WartaError):
    """The corpus folder does not exist (or is not a folder): nothing is indexed and the index is left as is."""


class OutsideCorpus(WartaError):
    """A path (an upload's name, a file to add) would leave the corpus folder."""


class UnknownDocument(WartaError):
    """A document id (`warta remove`, the Corpus tab) names no indexed document."""


class NotIndexed(WartaError):
    """The index is empty or missing."""


class IndexMismatch(WartaError):
    """The index on disk was built with other settings than the current ones."""


class IndexBusy(WartaError):
    """Another process is writing the index."""


class FetchError(WartaError):
    """A URL given to `warta add` or a feed could not be fetched: not http(s), a redirect elsewhere, a timeout,
    an HTTP error, too large, or a type Warta does not read. Nothing was written."""


class FeedError(WartaError):
    """The feed list (the hidden state file in the corpus folder) is unreadable, or a feed is not configured."""


# Data files and models ----------------------------------------------------------------------------------
class PromptError(WartaError):
    """A prompt file is missing, unreadable, or lacks a key or placeholder."""


class LexiconError(WartaError):
    """A word-list file is missing, unreadable, or its languages do not have the same keys."""


class ModelError(WartaError):
    """A model could not be fetched, failed verification, or is not installed."""


class EvalFileError(WartaError):
    """An evaluation question file is missing or a line of it is malformed."""


# Server -------------------------------------------------------------------------------------------------
class RequestRefused(WartaError):
    """The server refuses a request before any route sees it (a foreign Host or Origin, a missing MCP token, a
    body too large, an upload of the wrong type): `status` is the HTTP code, the message the reason."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.headers = status, detail, dict(headers or {})


class MalformedUpload(InvalidInput):
    """An upload's multipart body cannot be parsed."""


# LLM provider -------------------------------------------------------------------------------------------
class LLMUnavailable(WartaError):
    """A remote LLM server could not be reached, timed out, has no such model, refused the key or broke off
    mid-answer. The message names the server ("LLM server at URL did not answer in 30 s"); the answer stage
    falls back to the extractive answer and shows it as a note."""
# Briefings ----------------------------------------------------------------------------------------------
class ExportError(WartaError):
    """A brief could not be written as a file: an unknown format, no Unicode font for the PDF, an unwritable
    path. The message says what to install or change."""


def user_message(exc: BaseException) -> str | None:
    """The message to show for a known error, or None for a bug (which should surface with a traceback)."""
    if isinstance(exc, WartaError):
        return str(exc)
    return None
