"""How common a word is in general English and Indonesian text: wordfreq's frequency lists (data, offline).

Contract: `translated_in_indonesian(word)` is True for a common English word that Indonesian text rarely
writes as such ("Forestry", "Security", "Cup", "Week"): an English question title-cases such words
("the Forestry Minister", "the World Cup"), but an Indonesian article says "Menteri Kehutanan", "Piala
Dunia", so they are no names a passage must repeat. Names stay: they are rare words ("Sharapova"), or
written as often in Indonesian as in English ("China", "Twitter", "Hamas"). wordfreq is imported here only.
"""

from __future__ import annotations

from functools import lru_cache

# Zipf scale: log10 of occurrences per billion words (3 = once per million). Both figures were set on the
# FacQA tuning split's English questions (bench/refusal.py): at 3.3 and 1.0 the common nouns of English
# questions stop causing false refusals while names still count.
COMMON_IN_ENGLISH = 3.3
MORE_COMMON_IN_ENGLISH_BY = 1.0


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


def translated_in_indonesian(word: str) -> bool:
    if any(ch.isdigit() for ch in word):
        return False
    en = zipf(word, "en")
    return en >= COMMON_IN_ENGLISH and en - zipf(word, "id") >= MORE_COMMON_IN_ENGLISH_BY
