"""When to say "not found" before generating anything: the rules read the Query and its EvidenceSet only.

Contract: `should_refuse(query, evidence, settings)` is True when there is no passage, when no passage is
close enough to the question (`min_similarity`; briefing requests are vaguer, so their floor is lower), when a
how-many question meets no quantity, or when the question names a country no retrieved passage mentions.
"""

from __future__ import annotations

from assistant.records import EvidenceSet, Query
from assistant.settings import Settings

# Briefing requests ("summarize the reports") are vaguer than questions: their best match is weaker.
BRIEFING_FLOOR_DISCOUNT = 0.1


def should_refuse(query: Query, evidence: EvidenceSet, settings: Settings) -> bool:
    floor = settings.min_similarity - (BRIEFING_FLOOR_DISCOUNT if query.briefing else 0.0)
    return (not evidence.passages or evidence.best_similarity < floor or not evidence.has_quantity
            or not evidence.countries_covered)
