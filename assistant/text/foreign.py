"""Indonesian left in English text: pure language knowledge (the lexicons' function words, wordfreq's word
frequencies through text.frequency, the project's language detector).

Contract: `untranslated(sentence)` says whether one sentence of English text carries Indonesian. Quoted terms
(a span inside “…", "…", ‘…’ or «…» of at most QUOTED_TERM_MAX_WORDS words), capitalised words (names, titles,
acronyms) and tokens with a digit are not judged; of the rest, a sentence is untranslated when
  (a) one word is an Indonesian function word that English does not also list ("yang", "dan", "untuk"); or
  (b) one word is an Indonesian content word: at least MIN_LETTERS letters, a Zipf frequency of at least
      ID_MIN_ZIPF in Indonesian and at most EN_MAX_ZIPF in English, the Indonesian one higher by at least
      ID_OVER_EN ("kendaraan", "mesin"; not "halal", "agro", "data", which English writes too); or
  (c) it has at least DETECT_MIN_WORDS such words and the detector reads them, joined, as Indonesian.
The answer stage uses it to find the claims of an English answer to translate (answer.translate); the eval
uses the same definition to measure what is left (eval.failures).
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text import lexicon

QUOTED_TERM_MAX_WORDS = 8
MIN_LETTERS = 3
ID_MIN_ZIPF = 3.0
EN_MAX_ZIPF = 3.0
ID_OVER_EN = 1.5
DETECT_MIN_WORDS = 4

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|«[^»]*»")
_TOKEN = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    indonesian = lexicon.words("stopwords", "id") | lexicon.words("language_markers", "id")
    english = lexicon.words("stopwords", "en") | lexicon.words("language_markers", "en")
    return frozenset(indonesian - english)


def _zipf(word: str, lang: str) -> float:
    from assistant.text.frequency import zipf

    return zipf(word, lang)


def _detect(text: str) -> str:
    from assistant.text.language import detect

    return detect(text)[0]


def indonesian_word(word: str) -> bool:
    """Rule (a) or (b) of the module docstring, for one lower-case word."""
    if word in _function_words():
        return True
    if len(word) < MIN_LETTERS or not word.isalpha():
        return False
    id_zipf, en_zipf = _zipf(word, "id"), _zipf(word, "en")
    return id_zipf >= ID_MIN_ZIPF and en_zipf <= EN_MAX_ZIPF and id_zipf - en_zipf >= ID_OVER_EN


def _unquoted(sentence: str) -> str:
    def drop(match: re.Match[str]) -> str:
        return " " if len(match.group(0).split()) <= QUOTED_TERM_MAX_WORDS else match.group(0)

    return _QUOTED.sub(drop, sentence)


def sentence_words(sentence: str) -> list[str]:
    """The words a sentence is judged on: quoted terms, capitalised words and tokens with a digit removed."""
    return [t for t in _TOKEN.findall(_unquoted(sentence))
            if not t[0].isupper() and not any(c.isdigit() for c in t) and "_" not in t]


def untranslated(sentence: str) -> bool:
    """Whether one sentence of an English answer carries Indonesian (rules (a)-(c) of the module docstring)."""
    words = sentence_words(sentence)
    if any(indonesian_word(w) for w in words):
        return True
    return len(words) >= DETECT_MIN_WORDS and _detect(" ".join(words)) == "id"
