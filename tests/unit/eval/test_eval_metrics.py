"""`warta eval` without models: metric functions on hand-made runs (the language-pair breakdown included),
the question-file contract, the report, the runner with a fake Warta, and the choice of corpus and index."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.errors import EvalFileError, InvalidInput
from assistant.eval import metrics as ev
from assistant.eval import questions as qf
from assistant.eval import run as runner
from assistant.eval.metrics import QuestionRun
from assistant.eval.questions import Question
from assistant.eval.report import MAX_FAILURES_SHOWN, build_report, format_table
from assistant.settings import Settings

DEV_QA = Path(__file__).resolve().parents[2] / "data" / "dev_qa.jsonl"


def q(qid="q1", lang="en", docs=("A",), must=(), unanswerable=False, briefing=False, text="What?"):
    return Question(id=qid, lang=lang, question=text, docs=tuple(docs), must=tuple(tuple(g) for g in must),
                    unanswerable=unanswerable, briefing=briefing)


def run(question, ranked=(), answer="", refused=False, cited=(), answer_lang="en", search_ms=10.0, ask_ms=100.0,
        passage_lang=None):
    return QuestionRun(question=question, ranked_docs=tuple(ranked), answer=answer, refused=refused,
                       cited_docs=tuple(cited), answer_lang=answer_lang, search_ms=search_ms, ask_ms=ask_ms,
                       passage_lang=passage_lang)


# Pure functions -----------------------------------------------------------------------------------------
def test_ranks_count_distinct_documents_only():
    ranked = ["B", "B", "B", "C", "A", "A"]
    assert ev.distinct(ranked) == ["B", "C", "A"]
    assert ev.first_relevant_rank(ranked, {"A"}) == 3  # third distinct document, sixth hit
    assert not ev.recall_at_k(ranked, {"A"}, 1)
    assert ev.recall_at_k(ranked, {"A"}, 3)
    assert ev.reciprocal_rank(ranked, {"A"}) == pytest.approx(1 / 3)
    assert ev.reciprocal_rank(ranked, {"Z"}) == 0.0
    assert ev.first_relevant_rank([], {"A"}) is None


def test_reciprocal_rank_is_cut_at_k():
    ranked = [f"D{i}" for i in range(12)] + ["A"]
    assert ev.first_relevant_rank(ranked, {"A"}) == 13
    assert ev.reciprocal_rank(ranked, {"A"}, k=10) == 0.0


def test_all_recall_needs_every_expected_document():
    assert ev.all_recall_at_k(["A", "A", "B", "C"], {"A", "C"}, 3)
    assert not ev.all_recall_at_k(["A", "B", "D", "E", "F", "C"], {"A", "C"}, 5)


def test_must_groups_are_case_insensitive_alternatives():
    must = [["Letter of Intent", "LoI"], ["2022"]]
    assert ev.must_satisfied("They will sign an loi in 2022 [1].", must)
    assert ev.missing_must("They will sign a letter  of\nintent [1].", must) == [["2022"]]
    assert ev.must_satisfied("anything", [])


def test_strip_markers_reads_the_checkers_markers():
    assert ev.strip_markers("Truk dan bus [1]. Juga traktor [2, 3] dan [1; 2].") == "Truk dan bus. Juga traktor dan."
    # The citation checker parses no ranges, so neither does the eval: "[1-2]" is text, not a marker.
    assert ev.strip_markers("Truk [1-2].") == "Truk [1-2]."


def test_percentile_interpolates_like_numpy():
    values = [10.0, 20.0, 30.0, 40.0]
    assert ev.percentile(values, 50) == pytest.approx(25.0)
    assert ev.percentile(values, 95) == pytest.approx(38.5)
    assert ev.percentile([7.0], 95) == 7.0
    assert ev.percentile([], 50) is None


def test_passage_language_of_the_expected_documents():
    langs = {"A": "id", "B": "en", "C": "id"}
    assert ev.passage_language(["A"], langs) == "id"
    assert ev.passage_language(["A", "C"], langs) == "id"
    assert ev.passage_language(["C", "B"], langs) == "en+id"  # several languages, sorted
    assert ev.passage_language([], langs) == "none"  # unanswerable: no passage expected
    assert ev.passage_language(["Z"], langs) == "?"  # not in the index
    assert ev.passage_language(["Z", "B"], langs) == "en"  # the missing one shows as a recall miss instead
    assert ev.language_pair(run(q(lang="en"), passage_lang="id")) == "en->id"
    assert ev.language_pair(run(q(lang="id", docs=[], unanswerable=True))) == "id->none"
    assert ev.language_pair(run(q(lang="id"))) == "id->?"  # not resolved against an index


def test_compute_metrics_on_hand_made_runs():
    runs = [
        # right document first, cites it and a wrong one, covers must
        run(q("a1", docs=["A"], must=[["tokyo"]]), ranked=["A", "B"], answer="In Tokyo [1][2].",
            cited=["A", "B"]),
        # right document third (distinct), cites only a wrong one, misses must
        run(q("a2", docs=["C"], must=[["2021"]]), ranked=["B", "B", "D", "C"], answer="Later [1].", cited=["D"]),
        # two expected documents, both in the top 5; wrongly refused
        run(q("a3", lang="id", docs=["A", "B"], must=[["truk"]]), ranked=["B", "A"],
            answer="Tidak ditemukan.", refused=True, answer_lang="id"),
        # unanswerable, refused, answer in the wrong language
        run(q("u1", docs=[], unanswerable=True), answer="Not found.", refused=True, answer_lang="id"),
        # unanswerable, answered
        run(q("u2", lang="id", docs=[], unanswerable=True), answer="Ada [1].", cited=["A"], answer_lang="id"),
    ]
    m = ev.compute_metrics(runs)
    assert (m["n"], m["n_answerable"], m["n_unanswerable"], m["n_multi_doc"]) == (5, 3, 2, 1)
    assert m["recall@1"] == pytest.approx(2 / 3)  # a1 yes, a2 no (rank 3), a3 yes (B first)
    assert m["recall@3"] == pytest.approx(1.0)
    assert m["recall@5"] == pytest.approx(1.0)
    assert m["all_recall@5"] == pytest.approx(1.0)
    assert m["mrr@10"] == pytest.approx((1 + 1 / 3 + 1) / 3)
    # citations of answered answerable questions: a1 (A ok, B wrong), a2 (D wrong); a3 refused, u2 unanswerable
    assert m["citation_precision"] == pytest.approx(1 / 3)
    assert m["citation_recall"] == pytest.approx(1 / 3)
    assert m["must_coverage"] == pytest.approx(1 / 3)  # a1 only; a3 is refused
    assert m["answered"] == pytest.approx(3 / 5)  # a1, a2, u2
    assert m["refusal"] == {"unanswerable_refused": 0.5, "answerable_refused": pytest.approx(1 / 3)}
    assert m["language_match"] == pytest.approx(4 / 5)  # u1 answered in Indonesian to an English question
    assert m["latency_ms"]["search"]["p50"] == 10.0
    assert m["latency_ms"]["ask"]["p95"] == 100.0


def test_metrics_with_empty_denominators_are_null():
    m = ev.compute_metrics([run(q("u", docs=[], unanswerable=True), answer="", refused=True, answer_lang=None)])
    assert m["recall@1"] is None and m["mrr@10"] is None and m["all_recall@5"] is None
    assert m["citation_precision"] is None and m["must_coverage"] is None
    assert m["refusal"]["unanswerable_refused"] == 1.0 and m["refusal"]["answerable_refused"] is None
    assert m["answered"] == 0.0
    assert m["language_match"] is None  # empty answer text is not judged


def test_breakdown_by_language_pair():
    runs = [
        # id->id: first and second
        run(q("i1", lang="id", docs=["A"]), ranked=["A"], answer="a [1]", cited=["A"], passage_lang="id"),
        run(q("i2", lang="id", docs=["B"]), ranked=["A", "B"], answer="b [1]", cited=["B"], passage_lang="id"),
        # en->id: one found at rank 1, one wrongly refused with its document at rank 6
        run(q("e1", docs=["A"]), ranked=["A"], answer="a [1]", cited=["A"], passage_lang="id"),
        run(q("e2", docs=["C"]), ranked=["D", "E", "F", "G", "H", "C"], answer="Not found.", refused=True,
            passage_lang="id"),
        # en->en
        run(q("e3", docs=["X"]), ranked=["X"], answer="x [1]", cited=["X"], passage_lang="en"),
        # unanswerable in both languages: one refused, one answered
        run(q("u1", lang="id", docs=[], unanswerable=True), answer="Tidak ditemukan.", refused=True,
            passage_lang="none"),
        run(q("u2", docs=[], unanswerable=True), answer="Maybe [1].", cited=["A"], passage_lang="none"),
    ]
    pairs = ev.by_pair(runs)
    assert list(pairs) == ["en->en", "en->id", "en->none", "id->id", "id->none"]
    idid, enid = pairs["id->id"], pairs["en->id"]
    assert (idid["n"], idid["recall@1"], idid["recall@5"], idid["mrr@10"]) == (2, 0.5, 1.0, pytest.approx(0.75))
    assert idid["answered"] == 1.0 and idid["refusal"]["answerable_refused"] == 0.0
    assert idid["refusal"]["unanswerable_refused"] is None  # no unanswerable question in the pair
    assert (enid["recall@1"], enid["recall@5"], enid["mrr@10"]) == (0.5, 0.5, pytest.approx((1 + 1 / 6) / 2))
    assert enid["answered"] == 0.5 and enid["refusal"]["answerable_refused"] == 0.5
    assert pairs["en->en"]["recall@1"] == 1.0
    assert pairs["id->none"]["refusal"]["unanswerable_refused"] == 1.0 and pairs["id->none"]["answered"] == 0.0
    assert pairs["en->none"]["refusal"]["unanswerable_refused"] == 0.0 and pairs["en->none"]["recall@1"] is None
    # the per-language breakdown is still there, and the pairs partition the questions
    langs = ev.by_lang(runs)
    assert list(langs) == ["id", "en"] and langs["en"]["n"] == 4
    assert sum(m["n"] for m in pairs.values()) == len(runs)


def test_report_splits_by_language_and_pair_and_explains_failures():
    runs = [
        run(q("e1", docs=["A"], must=[["x"]]), ranked=["A"], answer="x [1]", cited=["A"], passage_lang="id"),
        run(q("i1", lang="id", docs=["B"], must=[["y"]]), ranked=["A", "B"], answer="z [1]", cited=["A"],
            answer_lang="id", passage_lang="id"),
    ]
    report = build_report(runs, extra={"generator": "fake"})
    assert set(report) >= {"n", "metrics", "by_lang", "by_pair", "per_question", "generator"}
    assert report["by_lang"]["en"]["recall@1"] == 1.0
    assert report["by_lang"]["id"]["recall@1"] == 0.0
    assert report["by_lang"]["id"]["recall@3"] == 1.0
    assert set(report["by_pair"]) == {"en->id", "id->id"}
    rows = {r["id"]: r for r in report["per_question"]}
    assert rows["e1"]["ok"] and not rows["i1"]["ok"]
    assert rows["i1"]["must_missing"] == [["y"]]
    assert rows["e1"]["pair"] == "en->id"
    json.dumps(report)  # JSON-ready
    table = format_table(report)
    assert "recall@5" in table and "i1" in table and "missing y" in table and "e1 [" not in table
    assert "By language pair" in table and "en->id" in table and "answered" in table


def test_table_lists_a_bounded_number_of_failures():
    runs = [run(q(f"x{i}", docs=["A"]), ranked=["B"], answer="b [1]", cited=["B"]) for i in range(50)]
    table = format_table(build_report(runs))
    assert f"x{MAX_FAILURES_SHOWN - 1} [" in table and f"x{MAX_FAILURES_SHOWN} [" not in table
    assert f"and {50 - MAX_FAILURES_SHOWN} more" in table


# The question file --------------------------------------------------------------------------------------
def test_dev_set_parses():
    questions = qf.load_questions(DEV_QA)
    assert len(questions) == 20
    assert {x.lang for x in questions} == {"id", "en"}
    assert sum(x.unanswerable for x in questions) == 2
    assert sum(x.briefing for x in questions) == 2
    d01 = questions[0]
    assert d01.docs == ("000_d2637c6a7287ab0d", "001_156286c4fd23f61a")
    assert d01.must == (("Letter of Intent", "LoI"),)


def test_unknown_fields_are_ignored():
    x = qf.parse_question('{"id": "x", "lang": "id", "question": "Apa?", "docs": ["A"], "note": 1}')
    assert x.docs == ("A",) and x.must == () and not x.unanswerable


@pytest.mark.parametrize("line, message", [
    ('{"id": "x", "lang": "en"', "not valid JSON"),
    ('["x"]', "JSON object"),
    ('{"lang": "en", "question": "Q?", "docs": ["A"]}', "missing required field `id`"),
    ('{"id": "x", "lang": "fr", "question": "Q?", "docs": ["A"]}', "`lang`"),
    ('{"id": "x", "lang": "en", "question": " ", "docs": ["A"]}', "`question`"),
    ('{"id": "x", "lang": "en", "question": "Q?", "docs": "A"}', "`docs`"),
    ('{"id": "x", "lang": "en", "question": "Q?", "docs": ["A"], "must": [[]]}', "`must` group 1"),
    ('{"id": "x", "lang": "en", "question": "Q?", "docs": ["A"], "unanswerable": "no"}', "`unanswerable`"),
    ('{"id": "x", "lang": "en", "question": "Q?"}', "at least one expected document"),
])
def test_bad_lines_name_the_line(tmp_path, line, message):
    path = tmp_path / "qa.jsonl"
    good = '{"id": "ok", "lang": "en", "question": "Q?", "docs": ["A"]}'
    path.write_text(good + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(EvalFileError) as info:
        qf.load_questions(path)
    assert f"{path}:3:" in str(info.value)
    assert message in str(info.value)


def test_missing_empty_and_duplicate_files(tmp_path):
    with pytest.raises(EvalFileError, match="no such file"):
        qf.load_questions(tmp_path / "nope.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="no questions"):
        qf.load_questions(tmp_path / "empty.jsonl")
    dup = tmp_path / "dup.jsonl"
    line = '{"id": "x", "lang": "en", "question": "Q?", "docs": ["A"]}\n'
    dup.write_text(line * 2, encoding="utf-8")
    with pytest.raises(EvalFileError, match=r"dup.jsonl:2: duplicate id 'x' \(first on line 1\)"):
        qf.load_questions(dup)


def _write(path: Path, *ids: str, lang: str = "en") -> Path:
    path.write_text("".join(json.dumps({"id": i, "lang": lang, "question": f"Q {i}?", "docs": ["A"]}) + "\n"
                            for i in ids), encoding="utf-8")
    return path


def test_several_files_keep_their_order_and_limit_each(tmp_path):
    first = _write(tmp_path / "en.jsonl", "e1", "e2", "e3")
    second = _write(tmp_path / "id.jsonl", "i1", "i2", lang="id")
    loaded = qf.load_question_files([first, second])
    assert [(p.name, [x.id for x in qs]) for p, qs in loaded] == [("en.jsonl", ["e1", "e2", "e3"]),
                                                                   ("id.jsonl", ["i1", "i2"])]
    limited = qf.load_question_files([first, second], limit=2)
    assert [[x.id for x in qs] for _, qs in limited] == [["e1", "e2"], ["i1", "i2"]]


def test_ids_are_unique_across_files(tmp_path):
    first = _write(tmp_path / "a.jsonl", "x1", "x2")
    second = _write(tmp_path / "b.jsonl", "y1", "x2")
    with pytest.raises(EvalFileError) as info:
        qf.load_question_files([first, second])
    assert str(info.value) == f"{second}:2: duplicate id 'x2' (first on {first}:2)"
    with pytest.raises(EvalFileError, match="given twice"):
        qf.load_question_files([first, tmp_path / "." / "a.jsonl"])


def test_a_bad_line_past_the_limit_still_fails(tmp_path):
    path = _write(tmp_path / "a.jsonl", "x1")
    path.write_text(path.read_text(encoding="utf-8") + '{"id": "x2"}\n', encoding="utf-8")
    with pytest.raises(EvalFileError, match=r"a.jsonl:2: missing required field `lang`"):
        qf.load_question_files([path], limit=1)


# The runner, with a fake Warta --------------------------------------------------------------------------
class FakeWarta:
    """Answers from a table: question -> (ranked doc ids, answer text, refused, cited doc ids)."""

    def __init__(self, table, doc_langs=None, settings=None):
        self.table = table
        self.search_k = []
        self.doc_langs = doc_langs or {}
        self.settings = settings
        self.indexed = []

    def search(self, question, k=None):
        self.search_k.append(k)
        ranked = self.table[question][0] if question in self.table else []
        hits = tuple(SimpleNamespace(chunk=SimpleNamespace(doc_id=d)) for d in ranked)
        return SimpleNamespace(hits=hits)

    def ask(self, question):
        _, text, refused, cited = self.table[question]
        return SimpleNamespace(answer=text, refused=refused, generator="fake",
                               citations=tuple(SimpleNamespace(doc_id=d) for d in cited))

    def documents(self):
        return [SimpleNamespace(doc_id=d, language=lang) for d, lang in self.doc_langs.items()]

    def index(self, rebuild=False, progress=True):
        self.indexed.append((rebuild, progress))
        return SimpleNamespace(documents=len(self.doc_langs), chunks=3, embedded=1, reused=2, removed=0,
                               rebuilt=rebuild, seconds=0.5, problems=())


def test_run_eval_with_a_fake_warta():
    questions = [q("a", docs=["A"], must=[["tokyo"]], text="Where?"),
                 q("u", lang="id", docs=[], unanswerable=True, text="Berapa?")]
    fake = FakeWarta({"Where?": (["A", "B"], "Tokyo [1].", False, ["A"]),
                      "Berapa?": (["B"], "Tidak ada jawabannya di berita.", True, [])}, doc_langs={"A": "id"})
    seen = []

    def detect(text):
        seen.append(text)
        return "id" if "Tidak" in text else "en"

    report = runner.run_eval(fake, questions, detect=detect)
    assert seen == ["Tokyo.", "Tidak ada jawabannya di berita."]  # markers stripped before detection
    assert fake.search_k == [runner.SEARCH_K, runner.SEARCH_K]
    m = report["metrics"]
    assert m["recall@1"] == 1.0 and m["citation_precision"] == 1.0 and m["must_coverage"] == 1.0
    assert m["refusal"]["unanswerable_refused"] == 1.0 and m["language_match"] == 1.0
    assert m["answered"] == 0.5
    assert list(report["by_pair"]) == ["en->id", "id->none"]  # the passage language read from documents()
    assert report["generator"] == "fake" and report["generators"] == {"fake": 2}
    assert "generator: fake (2 of 2 answers)" in format_table(report)


def test_warm_up_loads_the_retriever_and_the_llm():
    class Gen:
        loaded = False

        @property
        def llm(self):
            Gen.loaded = True
            return object()

    fake = FakeWarta({})
    fake.generator = Gen()
    runner.warm_up(fake)
    assert fake.search_k == [1] and Gen.loaded
    runner.warm_up(FakeWarta({}))  # no generator attribute: fine


def test_evaluate_over_a_corpus_indexes_it_first(tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    qfile = tmp_path / "q.jsonl"
    qfile.write_text(json.dumps({"id": "a", "lang": "en", "question": "Where?", "docs": ["A"]}) + "\n",
                     encoding="utf-8")
    made = []

    def make(settings):
        made.append(FakeWarta({"Where?": (["A"], "Tokyo [1].", False, ["A"])}, {"A": "id"}, settings))
        return made[-1]

    base = Settings(index_dir=tmp_path / "configured")
    report = runner.evaluate([qfile], base, corpus=corpus, index=tmp_path / "idx", generator="extractive",
                             make_warta=make)
    (fake,) = made
    assert fake.settings.corpus_dir == corpus and fake.settings.index_dir == tmp_path / "idx"
    assert fake.settings.generator == "extractive"
    assert fake.indexed == [(False, True)]  # incremental, with progress
    assert report["index"]["embedded"] == 1 and report["index"]["corpus"] == str(corpus)
    assert report["files"] == [{"path": str(qfile), "n": 1}]
    assert report["by_pair"]["en->id"]["recall@1"] == 1.0

    # Without --corpus the configured index is read and never written.
    made.clear()
    report = runner.evaluate([qfile], base, make_warta=make)
    assert made[0].indexed == [] and made[0].settings.index_dir == tmp_path / "configured"
    assert "index" not in report


def test_default_eval_index_is_a_cache_folder_per_corpus(tmp_path):
    settings = Settings()
    a = runner.default_index_dir(tmp_path / "facqa", settings, root=tmp_path / "cache")
    assert a.parent == tmp_path / "cache" and a.name.startswith("facqa-") and len(a.name) == len("facqa-") + 8
    assert runner.default_index_dir(tmp_path / "x" / ".." / "facqa", settings, root=tmp_path / "cache") == a
    assert runner.default_index_dir(tmp_path / "other" / "facqa", settings, root=tmp_path / "cache") != a
    smaller = settings.model_copy(update={"embed_dim": 256})
    assert runner.default_index_dir(tmp_path / "facqa", smaller, root=tmp_path / "cache") != a
    chosen = runner.eval_settings(settings, tmp_path, None)
    assert chosen.corpus_dir == tmp_path and chosen.index_dir == runner.default_index_dir(tmp_path, settings)
    with pytest.raises(InvalidInput, match="no such folder"):
        runner.eval_settings(settings, tmp_path / "missing", None)


def test_the_cache_folder_is_git_ignored():
    repo = Path(__file__).resolve().parents[3]
    if runner.cache_root() == repo / ".cache" / "eval-index":  # running from the checkout
        assert ".cache/" in (repo / ".gitignore").read_text(encoding="utf-8").split()


# The command line (fails before any model loads) --------------------------------------------------------
def test_cli_reports_a_bad_file(tmp_path, capsys):
    from assistant.cli import main

    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1}\n', encoding="utf-8")
    assert main(["eval", str(path)]) == 1
    assert f"{path}:1: missing required field `lang`" in capsys.readouterr().err


def test_cli_checks_every_file_and_the_corpus_before_loading_models(tmp_path, capsys):
    from assistant.cli import build_parser, main

    good = _write(tmp_path / "good.jsonl", "g1")
    assert main(["eval", str(good), str(tmp_path / "nope.jsonl")]) == 1
    assert "nope.jsonl: no such file" in capsys.readouterr().err
    assert main(["eval", str(good), "--corpus", str(tmp_path / "missing")]) == 1
    assert "no such folder" in capsys.readouterr().err
    args = build_parser().parse_args(["eval", "a.jsonl", "b.jsonl", "--corpus", "c", "--index", "i",
                                      "--limit", "5", "--json"])
    assert args.files == [Path("a.jsonl"), Path("b.jsonl")] and args.limit == 5
    assert args.corpus == Path("c") and args.index == Path("i") and args.json
    with pytest.raises(SystemExit):
        build_parser().parse_args(["eval", "a.jsonl", "--limit", "0"])
