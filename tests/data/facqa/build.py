"""Rebuild the FacQA evaluation files of this folder (provenance; CI never runs it).

    python tests/data/facqa/build.py [SOURCE_DIR]     # default /work/shared/eval/facqa

SOURCE_DIR holds the external FacQA files (IndoNLU, Apache-2.0): passages.jsonl and dev_questions.jsonl.
Writes passages.jsonl (a copy), id_tune.jsonl, id_heldout.jsonl, en_tune.jsonl, en_heldout.jsonl,
unanswerable_tune.jsonl, unanswerable_heldout.jsonl, then checks them all. See README.md.

The English translations (EN) and the unanswerable questions (UNANSWERABLE) are hand-written and live in
facqa_handwritten.py beside this script; the rest is derived from the source files, deterministically.
"""

from __future__ import annotations

import collections
import hashlib
import json
import random
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from facqa_handwritten import EN, UNANSWERABLE  # noqa: E402

SEED = 9
PER_HALF = 220
EN_PER_HALF = 100
MIN_OVERLAP = 0.4

# Question words and function words left out of the overlap check (support filter, rule 3 below).
STOP = set("""apa apakah siapa siapakah dimana dimanakah di mana manakah kapan kapankah berapa berapakah
bagaimana mengapa kenapa yang dan atau dari ke pada untuk dengan oleh dalam adalah ini itu nama tahun
sebagai tersebut akan telah sudah juga saja ada bisa dapat seperti para sebuah suatu satu salah antara
tempat kota negara lembaga organisasi jumlah sejak hingga sampai the of""".split())


def norm(text: str) -> str:
    return " ".join(text.casefold().split())


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def overlap(question: str, passage: str) -> float:
    """Share of the question's content words found in the passage (a 5-letter prefix match for words of
    5+ letters, so affixed forms count)."""
    have = set(words(passage))
    content = [w for w in words(question) if w not in STOP and not w.endswith("kah") and len(w) > 1]
    if not content:
        return 1.0
    found = [w for w in content if w in have or (len(w) >= 5 and any(h.startswith(w[:5]) for h in have))]
    return len(found) / len(content)


def half_of(doc_id: str) -> str:
    return "tune" if int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "heldout"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def eligible(passages: dict[str, str], questions: list[dict]) -> dict[str, list[dict]]:
    """Questions kept, by passage: (1) every gold answer occurs in the passage (case/space-insensitive);
    (2) the question's text is asked of no other passage (those are general-knowledge questions with
    several right passages); (3) at least MIN_OVERLAP of its content words occur in the passage (drops
    questions the snippet alone does not support, e.g. 'Di benua manakah Negara Zambia berada?')."""
    asked = collections.defaultdict(set)
    for q in questions:
        asked[norm(q["question"])].add(q["docs"][0])
    by_passage: dict[str, list[dict]] = collections.defaultdict(list)
    for q in questions:
        doc = q["docs"][0]
        if (all(norm(a) in norm(passages[doc]) for a in q["answers"]) and len(asked[norm(q["question"])]) == 1
                and overlap(q["question"], passages[doc]) >= MIN_OVERLAP):
            by_passage[doc].append(q)
    return {d: sorted(qs, key=lambda q: q["id"]) for d, qs in by_passage.items()}


def sample(by_passage: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Passage ids (sorted, then shuffled with Random(SEED)) are walked in order; each goes to the half
    its hash names, until that half holds PER_HALF; one question per passage, drawn with the same rng."""
    rng = random.Random(SEED)
    order = sorted(by_passage)
    rng.shuffle(order)
    halves: dict[str, list[dict]] = {"tune": [], "heldout": []}
    for doc in order:
        half = halves[half_of(doc)]
        if len(half) < PER_HALF:
            q = rng.choice(by_passage[doc])
            half.append({"id": q["id"], "lang": "id", "question": q["question"].strip(), "docs": [doc],
                         "must": [list(dict.fromkeys(a.strip().rstrip(",;").strip() for a in q["answers"]))]})
        if all(len(h) == PER_HALF for h in halves.values()):
            return halves
    raise SystemExit("not enough eligible passages for two halves")


def english(rows: list[dict]) -> list[dict]:
    out = []
    for q in rows[:EN_PER_HALF]:
        question, extra = EN[q["id"]]
        group = list(dict.fromkeys(q["must"][0] + list(extra)))
        out.append({"id": q["id"] + "-en", "lang": "en", "question": question, "docs": q["docs"],
                    "must": [group]})
    return out


def _found(term: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(term) + r"(?!\w)", text, re.IGNORECASE) is not None


def absence_check(passages: dict[str, str]) -> None:
    """Each unanswerable question lists its key entities: no passage may contain one (case-insensitive, as a
    whole word or phrase; a tuple is a set of terms no passage may hold together). A near-miss also names a
    topic word the corpus does hold."""
    texts = list(passages.values())
    bad = 0
    for u in UNANSWERABLE:
        hits = {}
        for key in u["keys"]:
            terms = key if isinstance(key, tuple) else (key,)
            hits["+".join(terms)] = sum(all(_found(t, text) for t in terms) for text in texts)
        near = ""
        if u["near"]:
            near = f" near-miss '{u['near']}' in {sum(_found(u['near'], t) for t in texts)} passages"
        ok = not any(hits.values()) and (not u["near"] or _found(u["near"], " ".join(texts)))
        bad += not ok
        keys = ", ".join(f"{k}={n}" for k, n in hits.items())
        print(f"{'ok ' if ok else 'BAD'} {u['id']} [{keys}]{near} | {u['question']}")
    if bad:
        raise SystemExit(f"{bad} unanswerable question(s) name an entity found in the passages")


def unanswerable(split: str) -> list[dict]:
    return [{"id": u["id"], "lang": u["lang"], "question": u["question"], "docs": [], "unanswerable": True}
            for u in UNANSWERABLE if u["split"] == split]


def check(ok: bool, message: str) -> None:
    if not ok:
        raise SystemExit(f"check failed: {message}")


def verify(passages: dict[str, str]) -> None:
    """Every file parses; ids are unique across files; every docs id is a passage; each half only holds
    passages its hash names; Indonesian gold strings occur in their passage; must groups are non-empty."""
    seen: dict[str, str] = {}
    docs_of: dict[str, set] = {"tune": set(), "heldout": set()}
    for path in sorted(HERE.glob("*.jsonl")):
        rows = read_jsonl(path)
        if path.name == "passages.jsonl":
            check([r["doc_id"] for r in rows] == list(passages), "passages.jsonl is not the source copy")
            print(f"{path.name}: {len(rows)} passages")
            continue
        split = "tune" if path.stem.endswith("_tune") else "heldout"
        for r in rows:
            check(r["id"] not in seen, f"duplicate id {r['id']} ({path.name}, {seen.get(r['id'])})")
            seen[r["id"]] = path.name
            check(all(d in passages for d in r["docs"]), f"{r['id']}: unknown doc id")
            check(all(half_of(d) == split for d in r["docs"]), f"{r['id']}: passage of the other half")
            if r.get("unanswerable"):
                check(r["docs"] == [], f"{r['id']}: unanswerable with docs")
                continue
            groups_ok = bool(r["must"]) and all(g and all(a.strip() for a in g) for g in r["must"])
            check(bool(r["docs"]) and groups_ok, f"{r['id']}: needs docs and non-empty must groups")
            if r["lang"] == "id":
                text = norm(passages[r["docs"][0]])
                check(all(norm(a) in text for a in r["must"][0]), f"{r['id']}: gold not in its passage")
            docs_of[split].update(r["docs"])
        langs = collections.Counter(r["lang"] for r in rows)
        print(f"{path.name}: {len(rows)} questions {dict(langs)}")
    shared = docs_of["tune"] & docs_of["heldout"]
    check(not shared, f"tune and heldout share passages: {sorted(shared)[:5]}")
    print(f"ids unique across files: {len(seen)}; tune passages {len(docs_of['tune'])}, heldout passages "
          f"{len(docs_of['heldout'])}, shared 0; every docs id is in passages.jsonl")


def main() -> None:
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/eval/facqa")
    shutil.copyfile(src / "passages.jsonl", HERE / "passages.jsonl")
    passages = {p["doc_id"]: p["text"] for p in read_jsonl(src / "passages.jsonl")}
    questions = [q for q in read_jsonl(src / "dev_questions.jsonl") if q["lang"] == "id"]
    by_passage = eligible(passages, questions)
    print(f"eligible: {sum(map(len, by_passage.values()))} of {len(questions)} questions, "
          f"{len(by_passage)} of {len(passages)} passages")
    halves = sample(by_passage)
    absence_check(passages)
    for split, rows in halves.items():
        write_jsonl(HERE / f"id_{split}.jsonl", rows)
        write_jsonl(HERE / f"en_{split}.jsonl", english(rows))
        write_jsonl(HERE / f"unanswerable_{split}.jsonl", unanswerable(split))
    verify(passages)


if __name__ == "__main__":
    main()
