"""Language identification, Indonesian vs English (the lingua adapter; lingua is imported only here).

Lingua alone misreads some short queries; a vote on common function words settles those. Malay is left
out on purpose: it swallows short Indonesian queries.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.records import Lang
from assistant.text import lexicon

# The words that vote for each language (function and question words).
_ID_WORDS = lexicon.words("language_markers", "id")
_EN_WORDS = lexicon.words("language_markers", "en")


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.INDONESIAN, Language.ENGLISH).build()


def _vote(text: str) -> float:
    """Function-word vote in [-1, 1]: positive means Indonesian."""
    words = re.findall(r"[a-zA-Z]+", text.lower())
    ind = sum(w in _ID_WORDS for w in words)
    eng = sum(w in _EN_WORDS for w in words)
    return 0.0 if ind + eng == 0 else (ind - eng) / (ind + eng)


def detect(text: str, fallback: Lang = "en") -> tuple[Lang, float]:
    """(language, confidence in [0, 1]). Below ~0.6 the caller should prefer the UI or previous turn's
    language: name-only queries ("ACME trucks Indonesia") carry no signal."""
    if not re.search(r"[A-Za-z]", text):
        return fallback, 0.0
    from lingua import Language

    # Names carry their own language, not the sentence's ("Budi Santoso Wibowo visited Paris."):
    # lingua reads the text without capitalised words after the first, when enough words remain.
    plain = re.sub(r"(?<=\S)(\s+)[A-Z][\w.-]*", "", text)
    sample = plain if len(re.findall(r"[A-Za-z]+", plain)) >= 2 else text
    values = {v.language: v.value for v in _detector().compute_language_confidence_values(sample)}
    p_id = float(values.get(Language.INDONESIAN, 0.5))
    vote = _vote(text)
    words = re.findall(r"[a-zA-Z]+", text.lower())
    if len(words) <= 4 and not any(w in _ID_WORDS or w in _EN_WORDS for w in words) and 0.1 < p_id < 0.9:
        # Names only ("ACME XYZ"): no real signal; let the caller's fallback decide.
        return fallback, 0.5
    # Function words are strong evidence on short questions; lingua dominates on passages.
    n_words = len(text.split())
    weight = 0.6 if n_words <= 12 else 0.25
    score = (1 - weight) * p_id + weight * (vote + 1) / 2
    if abs(score - 0.5) < 0.08:
        return fallback, 0.5 + abs(score - 0.5)
    lang: Lang = "id" if score > 0.5 else "en"
    return lang, max(score, 1 - score)
