"""When to say "not found" before generating anything: the rules read the Query and its EvidenceSet only.

Contract: `should_refuse(query, evidence, settings)` is True when there is no passage, when no passage is
close enough to the question (`min_similarity`; briefing requests are vaguer, so their floor is lower), when a
how-many question meets no quantity, or when none of the best passages mentions enough of the names and
numbers the question asserts (`min_name_coverage`: a question about a person, place or year that the
passages never name is about something else), or when none names the question's identifiers and years
exactly (a question about "Shenzhou 7" or about 2009 is not answered by a passage on Shenzhou 6 or 2005). Thresholds were set from the measured distributions of
answerable and unanswerable questions on the FacQA tuning split, both languages (see the README).
"""

from __future__ import annotations

from assistant.records import EvidenceSet, Query
from assistant.settings import Settings

# Briefing requests ("summarize the reports") are vaguer than questions: their best match is weaker.
BRIEFING_FLOOR_DISCOUNT = 0.1


def should_refuse(query: Query, evidence: EvidenceSet, settings: Settings) -> bool:
    floor = settings.min_similarity - (BRIEFING_FLOOR_DISCOUNT if query.briefing else 0.0)
    return (not evidence.passages or evidence.best_similarity < floor or not evidence.has_quantity
            or evidence.name_coverage < settings.min_name_coverage or not evidence.exact_names_met)
