"""answer.claims: the JSON claims stream -> cited sentences, as the objects complete."""

import json

from assistant.answer.claims import MAX_CLAIMS, SCHEMA, sentence, stream_claims

NF = "NOT_FOUND"


def pieces_of(text: str, size: int = 3) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)]


def test_claims_become_cited_sentences_in_order() -> None:
    obj = {"found": True, "claims": [{"passage": 2, "fact": "They signed a chrysotile MoU"},
                                     {"passage": 1, "fact": "A shipyard deal was also signed."}]}
    out = "".join(stream_claims(pieces_of(json.dumps(obj)), [1, 2], NF))
    assert out == "They signed a chrysotile MoU. [2] A shipyard deal was also signed. [1]"


def test_each_claim_is_yielded_as_soon_as_its_object_closes() -> None:
    text = '{"found": true, "claims": [{"passage": 1, "fact": "First."}, {"passage": 1, "fact": "Second."}]}'
    cut = text.index("}, {") + 1
    seen: list[str] = []

    def feed():
        yield text[:cut]
        seen.append("before the rest")
        yield text[cut:]

    out = []
    for s in stream_claims(feed(), [1], NF):
        out.append((s, list(seen)))
    assert out[0] == ("First. [1]", [])  # before the second half arrived
    assert out[1][0] == " Second. [1]"


def test_found_false_or_no_claims_is_the_sentinel() -> None:
    assert list(stream_claims(['{"found": false, "claims": []}'], [1], NF)) == [NF]
    assert list(stream_claims(['{"found": true, "claims": []}'], [1], NF)) == [NF]
    # A claim after "found": false is not shown either.
    assert list(stream_claims(['{"found": false, "claims": [{"passage": 1, "fact": "x"}]}'], [1], NF)) == [NF]


def test_a_passage_number_given_to_no_passage_gets_no_marker() -> None:
    out = "".join(stream_claims(['{"found": true, "claims": [{"passage": 7, "fact": "Something"}]}'], [1, 2], NF))
    assert out == "Something."


def test_markers_inside_the_fact_are_replaced_by_ours_and_escapes_decoded() -> None:
    fact = 'The \\"New MIDEC\\" plan [3] covers six sectors'
    out = "".join(stream_claims(['{"found": true, "claims": [{"fact": "' + fact + '", "passage": 1}]}'], [1, 3], NF))
    assert out == 'The "New MIDEC" plan covers six sectors. [1]'


def test_prose_instead_of_the_object_is_passed_on_whole() -> None:
    assert list(stream_claims(["The MoU was ", "signed [1]."], [1], NF)) == ["The MoU was signed [1]."]
    assert list(stream_claims(["NOT_FOUND"], [1], NF)) == ["NOT_FOUND"]


def test_truncated_object_keeps_the_complete_claims() -> None:
    text = '{"found": true, "claims": [{"passage": 1, "fact": "Done."}, {"passage": 2, "fact": "cut of'
    assert "".join(stream_claims([text], [1, 2], NF)) == "Done. [1]"


def test_at_most_max_claims() -> None:
    obj = {"found": True, "claims": [{"passage": 1, "fact": f"Fact {i}"} for i in range(MAX_CLAIMS + 3)]}
    out = "".join(stream_claims([json.dumps(obj)], [1], NF))
    assert out.count("[1]") == MAX_CLAIMS


def test_sentence_ends_with_a_full_stop_once() -> None:
    assert sentence("It rose 12%", 1, [1]) == "It rose 12%. [1]"
    assert sentence("It rose 12%!", 1, [1]) == "It rose 12%! [1]"


def test_schema_requires_found_and_claims() -> None:
    assert set(SCHEMA["required"]) == {"found", "claims"}
    assert set(SCHEMA["properties"]["claims"]["items"]["required"]) == {"passage", "fact"}


def test_a_repeated_claim_is_said_once() -> None:
    obj = {"found": True, "claims": [{"passage": 1, "fact": "They met."}, {"passage": 2, "fact": "they  met."}]}
    assert "".join(stream_claims([json.dumps(obj)], [1, 2], NF)) == "They met. [1]"


# The generator in the claims format, with a scripted model (the real one: tests/e2e/cli/test_pipeline.py).
class Scripted:
    def __init__(self, *replies: str) -> None:
        self.replies, self.users = list(replies), []

    def stream_chat(self, system: str, user: str, max_tokens: int):  # type: ignore[no-untyped-def]
        self.users.append((system, user))
        yield from pieces_of(self.replies.pop(0), 5)


def _query(text: str, language: str = "en"):  # type: ignore[no-untyped-def]
    from assistant.records import Query

    return Query(text=text, language=language, written_in=language, k=5, tokens=())


def test_the_llm_generator_asks_for_claims_and_translates_what_stayed_indonesian() -> None:
    from helpers import _evidence

    from assistant.answer.generators import LLMGenerator
    from assistant.settings import Settings

    evidence = [_evidence(1, "a", ["Program ini mencakup enam sektor strategis."]),
                _evidence(2, "b", ["Menteri bertemu Saito di Tokyo."])]
    reply = json.dumps({"found": True, "claims": [
        {"passage": 1, "fact": "Program ini mencakup enam sektor strategis"},
        {"passage": 2, "fact": "The minister met Saito in Tokyo"}]})
    llm = Scripted(reply, "The programme covers six strategic sectors.")
    gen = LLMGenerator(Settings(answer_format="claims"), llm=llm)
    out = "".join(gen.generate(_query("Which sectors does the programme cover?"), evidence))
    # The English claim streams first; the Indonesian one is translated and keeps its passage number.
    assert out == "The minister met Saito in Tokyo. [2] The programme covers six strategic sectors. [1]"
    system, user = llm.users[0]
    assert '"found"' in system and '<passage n="1"' in user and "Which sectors" in user
    assert "Program ini mencakup enam sektor strategis." in llm.users[1][1]  # translated alone, no marker


def test_the_llm_generator_in_claims_format_refuses_with_the_sentinel() -> None:
    from helpers import _evidence

    from assistant.answer.generators import NOT_FOUND, LLMGenerator
    from assistant.settings import Settings

    gen = LLMGenerator(Settings(answer_format="claims"), llm=Scripted('{"found": false, "claims": []}'))
    assert "".join(gen.generate(_query("Siapa presiden Mars?", "id"), [_evidence(1, "a", ["Teks."])])) == NOT_FOUND
