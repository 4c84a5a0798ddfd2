"""The failure-class metrics of `warta eval` (assistant.eval.failures) on hand-built runs: untranslated share,
list completeness, wrong-fact rate, false premises handled; the optional `false_premise` and `split` fields
of the question file; where the new figures show in the report."""

from __future__ import annotations

import json

import pytest

from assistant.errors import EvalFileError
from assistant.eval import failures as fl
from assistant.eval import questions as qf
from assistant.eval.metrics import QuestionRun, by_lang, compute_metrics, question_detail
from assistant.eval.questions import Question
from assistant.eval.report import build_report, format_table


def q(qid="q1", lang="en", docs=("A",), must=(), text="What?", unanswerable=False, false_premise=False,
      split=None):
    return Question(id=qid, lang=lang, question=text, docs=tuple(docs), must=tuple(tuple(g) for g in must),
                    unanswerable=unanswerable, false_premise=false_premise, split=split)


def run(question, answer="", refused=False, cited=("A",), cited_texts=(), ranked=("A",)):
    return QuestionRun(question=question, ranked_docs=tuple(ranked), answer=answer, refused=refused,
                       cited_docs=tuple(cited) if not refused else (), answer_lang=question.lang,
                       cited_texts=tuple(cited_texts))


# Untranslated sentences ----------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "Belarus wants components for mesin pertanian and kendaraan khusus.",  # content words (wordfreq)
    "The ministry said the cooperation yang discussed will start soon.",  # a function word (the lexicon)
    "Eko berharap kerja sama ini will benefit the automotive sector.",
    "“Pada Februari, kami akan kembali melakukan pertemuan bilateral dengan Belarusia dan Rusia tahun ini,” he said.",
])
def test_sentences_carrying_indonesian(sentence):
    assert fl.untranslated(sentence)


def test_a_lower_case_word_inside_a_title_is_judged():
    assert fl.untranslated("Agus met the Menteri Industri dan Perdagangan of Russia.")


@pytest.mark.parametrize("sentence", [
    "Indonesia and Belarus plan to sign a Letter of Intent this year.",
    "Agus Gumiwang met Anton Alikhanov, Russia's Menteri Perdagangan, in Moscow.",  # a title is a name
    "The sectors are automotive components, “kimia hulu” and agro.",  # a quoted term
    "Both sides discussed halal products and data programs.",  # words English writes too
    "From the sources (quoted in their original language):",
    "Kemenperin, METI and MAZ.",
])
def test_english_sentences(sentence):
    assert not fl.untranslated(sentence)


def test_the_detector_judges_words_no_list_knows(monkeypatch):
    seen = []

    def detect(text):
        seen.append(text)
        return "id"

    from assistant.text import foreign

    monkeypatch.setattr(foreign, "_detect", detect)  # the rule lives in text.foreign
    # unknown to wordfreq and to the lexicon: the detector decides, given at least DETECT_MIN_WORDS words
    assert fl.untranslated("and krisotil nirawak qwertz zyxwv") and seen == ["and krisotil nirawak qwertz zyxwv"]
    seen.clear()
    assert not fl.untranslated("Krisotil nirawak qwertz zyxwv.") and seen == []  # the capitalised word is a name


def test_untranslated_share_pools_the_sentences_of_english_answers():
    runs = [
        run(q("e1"), "Belarus hopes to supply agro and kimia hulu [1]. MAZ is run by the government [1]."),
        run(q("e2"), "The LoI is to be signed this year [1]. A meeting follows in February [2]."),
        run(q("e3"), "Tidak ditemukan di korpus.", refused=True),  # a refusal is not judged
        run(q("i1", lang="id"), "Truk sampah dan sasis kendaraan khusus [1]."),  # Indonesian question: not judged
    ]
    m = compute_metrics(runs)
    assert m["untranslated_share"] == pytest.approx(1 / 4)
    assert m["untranslated_answers"] == pytest.approx(1 / 2)
    assert m["n_english_answers"] == 2
    assert by_lang(runs)["id"]["untranslated_share"] is None
    row = question_detail(runs[0])
    assert row["untranslated_sentences"] == ["Belarus hopes to supply agro and kimia hulu."]  # markers stripped
    assert question_detail(runs[3])["untranslated_sentences"] is None


def test_an_extractive_answer_under_an_english_heading_is_untranslated():
    answer = ("From the sources (quoted in their original language):\n"
              "Pada 2020, nilai ekspor ke Belarusia US$ 38,03 juta. [1]")
    m = compute_metrics([run(q("e1"), answer)])
    assert m["untranslated_share"] == pytest.approx(1 / 2) and m["untranslated_answers"] == 1.0


# List completeness ---------------------------------------------------------------------------------------
def test_list_completeness_is_the_mean_share_of_groups_covered():
    three = [["chrysotile", "krisotil"], ["shipbuilding", "galangan kapal"], ["halal"]]
    runs = [
        run(q("l1", must=three), "They agreed MoUs on chrysotile research and galangan kapal [1]."),  # 2 of 3
        run(q("l2", must=[["a1"], ["b2"]]), "a1 and b2 [1]"),  # 2 of 2
        run(q("l3", must=[["a1"], ["b2"]]), "a1 and b2", refused=True),  # a refusal covers none
        run(q("l4", must=[["tokyo"]]), "Tokyo [1]."),  # one group: not a list question
        run(q("l5", must=[["x"], ["y"]], false_premise=True), "x [1]"),  # a correction, not a list
        run(q("l6", docs=(), unanswerable=True), "Not found.", refused=True),
    ]
    m = compute_metrics(runs)
    assert m["n_list"] == 3
    assert m["list_completeness"] == pytest.approx((2 / 3 + 1 + 0) / 3)
    assert question_detail(runs[0])["groups_covered"] == pytest.approx(0.667)
    assert question_detail(runs[3])["groups_covered"] is None
    assert compute_metrics(runs[3:4])["list_completeness"] is None


# Wrong facts ---------------------------------------------------------------------------------------------
PASSAGE = ("Sebagai bagian dari kerja sama tersebut, dua tenaga laboratorium asal Indonesia telah mengikuti "
           "pelatihan yang didukung Pemerintah Rusia pada September 2024. Jelang Innoprom 2026, Menperin ke Moskow.")


def test_a_number_from_the_cited_passage_instead_of_the_asked_one_is_a_wrong_fact():
    when = q("w1", text="When did the lab staff train in Russia?", must=[["September 2024"]])
    wrong = run(when, "They trained ahead of Innoprom 2026 [1].", cited_texts=[PASSAGE])
    assert fl.wrong_numbers(wrong) == ["2026"]
    right = run(when, "In September 2024, ahead of Innoprom 2026 [1].", cited_texts=[PASSAGE])
    assert fl.wrong_numbers(right) == []  # the asked date is there: extra numbers are no wrong fact
    invented = run(when, "In 2019 [1].", cited_texts=[PASSAGE])
    assert fl.wrong_numbers(invented) == []  # not a number of the cited passage
    vague = run(when, "They trained in Russia [1].", cited_texts=[PASSAGE])
    refused = run(when, "Not found.", refused=True, cited_texts=[PASSAGE])
    not_numeric = run(q("n1", must=[["Tokyo"]]), "In 2026 [1].", cited_texts=[PASSAGE])
    m = compute_metrics([wrong, right, invented, vague, refused, not_numeric])
    assert m["n_number_answered"] == 4  # refused and non-number questions left out
    assert m["wrong_fact_rate"] == pytest.approx(1 / 4)
    assert question_detail(wrong)["wrong_numbers"] == ["2026"]
    assert question_detail(not_numeric)["wrong_numbers"] is None
    assert "gives 2026 instead" in format_table(build_report([wrong]))


def test_numbers_compare_across_separators_parts_and_the_question():
    passage = "Pada 2020, nilai ekspor ke Belarusia US$ 38,03 juta. Sekitar 2.000 perusahaan, Minggu (28/2/2021)."
    exports = q("n1", text="What was the export value in 2020?", must=[["38.03 million"]])
    # "38,03" is the asked 38.03 written the Indonesian way; 2020 is the question's own year
    assert fl.wrong_numbers(run(exports, "In 2020 it was US$ 38,03 juta [1].", cited_texts=[passage])) == []
    companies = q("n2", text="How many Japanese companies?", must=[["2,000 companies"]])
    assert fl.wrong_numbers(run(companies, "About 2.000 [1].", cited_texts=[passage])) == []
    assert fl.wrong_numbers(run(companies, "About 2020 [1].", cited_texts=[passage])) == ["2020"]
    when = q("n3", text="When did he say it?", must=[["2021"], ["Sunday", "Minggu"]])
    # "28/2/2021" has the asked 2021 as a part; the other group has no digit and does not count
    assert fl.wrong_numbers(run(when, "On 28/2/2021 [1].", cited_texts=[passage])) == []
    assert fl.numbers("US$ 38,03 juta, 2.000 and 2,000") == {"3803", "2000"}
    assert fl.number_parts("Jumat (21/6)") == {"21/6", "21", "6"}
    assert "99" not in fl.number_parts("1999")


# False premises ------------------------------------------------------------------------------------------
def test_false_premises_handled_by_a_refusal_or_a_correction():
    corrected = q("f1", must=[["Chrysotile", "Shipbuilding"]], false_premise=True,
                  text="Why did they sign an MoU on nuclear energy?")
    nothing = q("f2", docs=(), unanswerable=True, false_premise=True, text="What did Belarus pay after the fire?")
    runs = [
        run(corrected, "The articles do not say that; the MoUs were on shipbuilding and chrysotile [1]."),
        run(corrected, "Not found in the corpus.", refused=True),
        run(corrected, "Energy cooperation was discussed [1]."),  # neither refused nor corrected
        run(nothing, "Not found in the corpus.", refused=True),
        run(nothing, "Belarus paid compensation [1]."),
    ]
    m = compute_metrics(runs)
    assert m["n_false_premise"] == 5
    assert m["false_premise_handled"] == pytest.approx(3 / 5)
    rows = [question_detail(r) for r in runs]
    assert [r["premise_handled"] for r in rows] == [True, True, False, True, False]
    assert [r["ok"] for r in rows] == [True, True, False, True, False]
    assert "false premise neither refused nor corrected" in format_table(build_report(runs[2:3]))


def test_false_premise_questions_stay_out_of_the_refusal_and_coverage_of_answerable_ones():
    plain = run(q("a1", must=[["tokyo"]]), "Tokyo [1].")
    premise_refused = run(q("f1", must=[["saito"]], false_premise=True), "Not found.", refused=True)
    m = compute_metrics([plain, premise_refused])
    assert m["refusal"]["answerable_refused"] == 0.0 and m["must_coverage"] == 1.0 and m["citation_recall"] == 1.0
    assert m["n_answerable"] == 2 and m["recall@1"] == 1.0  # retrieval still judged on both
    unchanged = compute_metrics([plain, run(q("a2", must=[["x"]]), "no", refused=True)])
    assert unchanged["refusal"]["answerable_refused"] == 0.5 and unchanged["must_coverage"] == 0.5


# The question file and the report ------------------------------------------------------------------------
def test_false_premise_and_split_fields():
    line = {"id": "x", "lang": "en", "question": "Why?", "docs": ["A"], "must": [["y"]], "false_premise": True,
            "split": "heldout"}
    parsed = qf.parse_question(json.dumps(line))
    assert parsed.false_premise and parsed.split == "heldout"
    del line["false_premise"], line["split"]
    parsed = qf.parse_question(json.dumps(line))
    assert not parsed.false_premise and parsed.split is None


@pytest.mark.parametrize("extra, message", [
    ({"split": "train"}, "`split` must be \"tune\" or \"heldout\""),
    ({"split": 1}, "`split`"),
    ({"false_premise": "yes"}, "`false_premise` must be true or false"),
    ({"false_premise": True, "must": []}, "correcting fact"),
])
def test_bad_fields_name_the_line(extra, message):
    line = {"id": "x", "lang": "en", "question": "Why?", "docs": ["A"], "must": [["y"]], **extra}
    with pytest.raises(EvalFileError, match=message):
        qf.parse_question(json.dumps(line), "qa.jsonl:4")
    unanswerable = {"id": "x", "lang": "en", "question": "Why?", "false_premise": True, "unanswerable": True}
    assert qf.parse_question(json.dumps(unanswerable)).false_premise  # nothing corrects it: no must needed


def test_report_splits_by_split_and_shows_the_new_rows():
    runs = [run(q("t1", must=[["a"], ["b"]], split="tune"), "a [1]"),
            run(q("h1", must=[["a"], ["b"]], split="heldout"), "a and b [1]")]
    report = build_report(runs)
    assert list(report["by_split"]) == ["tune", "heldout"]
    assert report["by_split"]["tune"]["list_completeness"] == 0.5
    assert report["by_split"]["heldout"]["list_completeness"] == 1.0
    rows = {r["id"]: r for r in report["per_question"]}
    assert rows["t1"]["split"] == "tune" and rows["t1"]["false_premise"] is False
    table = format_table(report)
    for label in ("untranslated_share", "list_completeness", "wrong_fact_rate", "false_premise_handled",
                  "heldout"):
        assert label in table
    assert "by_split" not in build_report([run(q("x"), "x [1]")])  # a set without splits: no such key


def test_the_digits_of_a_name_are_no_number():
    assert fl.numbers("the G20, Covid-19 and Telkom-3 in 2020-2021") == {"2020-2021"}
    assert not fl.is_number_question(run(q(must=[["G20"]]), "Indonesia is a G20 member [1]."))
    assert fl.is_number_question(run(q(must=[["G20"], ["2,000", "2.000"]]), "x"))
