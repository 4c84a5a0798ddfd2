"""answer.translate: the claims of an English answer still in Indonesian are translated one by one; the rest and
anything that fails keep their words and markers."""

from assistant.answer import prompts, translate
from assistant.settings import Settings


class Scripted:
    """A stand-in model (backends.chat.chat_pieces accepts `stream_chat`): replies in order, records prompts."""

    def __init__(self, *replies: str) -> None:
        self.replies, self.users = list(replies), []

    def stream_chat(self, system: str, user: str, max_tokens: int):  # type: ignore[no-untyped-def]
        self.users.append(user)
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        yield reply


P = prompts.load(None, "en")
S = Settings()
ID = "Saat ini proporsi pemilik kendaraan roda empat di Indonesia adalah 99 kendaraan per 1.000 penduduk. [2]"
EN = "The plan covers six sectors. [1]"


def test_only_flagged_sentences_go_to_the_model_and_keep_their_markers() -> None:
    llm = Scripted("Currently 99 of every 1,000 people in Indonesia own a car.")
    out = translate.translated([EN, ID], llm, P, S)
    assert out == [EN, "Currently 99 of every 1,000 people in Indonesia own a car. [2]"]
    assert len(llm.users) == 1 and "[2]" not in llm.users[0] and "kendaraan roda empat" in llm.users[0]


def test_a_translation_still_in_indonesian_or_too_short_keeps_the_original() -> None:
    assert translate.translated([ID], Scripted("Saat ini proporsi kendaraan roda empat tinggi."), P, S) == [ID]
    assert translate.translated([ID], Scripted("Cars."), P, S) == [ID]


def test_a_failing_model_keeps_every_sentence() -> None:
    assert translate.translated([ID, ID], Scripted(RuntimeError("down")), P, S) == [ID, ID]


def test_at_most_max_sentences_are_translated() -> None:
    many = [ID] * (translate.MAX_SENTENCES + 2)
    llm = Scripted(*["Four-wheel vehicles number 99 per 1,000 people."] * len(many))
    out = translate.translated(many, llm, P, S)
    assert len(llm.users) == translate.MAX_SENTENCES
    assert out[translate.MAX_SENTENCES:] == [ID, ID]


def test_english_sentences_need_no_call() -> None:
    llm = Scripted()
    assert translate.translated([EN, "Agus met Saito in Tokyo. [1]"], llm, P, S) == [EN, "Agus met Saito in Tokyo. [1]"]
    assert llm.users == []
