"""Build the haystack corpus: the 5 seed articles among real distractor news.

- Indonesian: news sentences of `nlp-id==0.1.23.0` (`nlp_id/data/dataset_postag.txt`: one token and its
  POS tag per line, a blank line between sentences). Tokens are joined back into text and consecutive
  sentences are grouped into pseudo-articles (the sentences are unrelated to each other: these are noise
  documents, not stories).
- English: the 300 articles of `gensim==4.4.0`'s `gensim/test/test_data/lee_background.cor`.

Both are read from the downloaded wheels (zip files); neither package is installed. Each distractor is
written as a corpus file in the seeds' layout (title line, date line, paragraphs) with a synthetic date.
The folder is cached: `bench/cache/haystack/<size>/`.

    .venv/bin/python bench/haystack.py [--id-articles 120] [--en-articles 180]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CACHE, SEEDS, log  # noqa: E402

WHEELS = CACHE / "wheels"
NLP_ID = "nlp-id==0.1.23.0"
GENSIM = "gensim==4.4.0"
# Sized so that Warta's first index of it stays within ~15 min on 2 shared cores: ~560 chunks plus their
# ~3,400 sentences (Warta embeds both), against ~1,000 LangChain-recipe chunks of 1,000 characters.
ID_ARTICLES = 120
ID_SENTENCES_PER_ARTICLE = 13
EN_ARTICLES = 180


def wheel(requirement: str) -> Path:
    name = requirement.split("==")[0].replace("-", "_")
    found = sorted(WHEELS.glob(f"{name}-*.whl"))
    if not found:
        WHEELS.mkdir(parents=True, exist_ok=True)
        log(f"downloading {requirement} (wheel only, not installed)")
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", requirement, "-d", str(WHEELS)],
                       check=True, stdout=subprocess.DEVNULL)
        found = sorted(WHEELS.glob(f"{name}-*.whl"))
    return found[0]


_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "%", "…"}
_NO_SPACE_AFTER = {"(", "["}


def detokenise(tokens: list[str]) -> str:
    """Join word tokens into text: punctuation attached, clitic "nya" glued back, quotes paired."""
    out = ""
    quote_open = False
    glue_next = False
    for tok in tokens:
        if not tok:
            continue
        if tok == '"':
            if quote_open:
                out += '"'
            else:
                out += (" " if out else "") + '"'
                glue_next = True
            quote_open = not quote_open
            continue
        if tok in _NO_SPACE_BEFORE or tok.lower() == "nya" or glue_next or not out:
            out += tok
        else:
            out += " " + tok
        glue_next = tok in _NO_SPACE_AFTER
    return re.sub(r"\s+", " ", out).strip()


def indonesian_sentences() -> list[str]:
    with zipfile.ZipFile(wheel(NLP_ID)) as z:
        raw = z.read("nlp_id/data/dataset_postag.txt").decode("utf-8")
    sentences = []
    for block in raw.split("\n\n"):
        tokens = [line.split("\t")[0] for line in block.strip().split("\n") if line.strip()]
        text = detokenise(tokens)
        if len(text.split()) >= 4:
            sentences.append(text)
    return sentences


def english_articles() -> list[str]:
    with zipfile.ZipFile(wheel(GENSIM)) as z:
        raw = z.read("gensim/test/test_data/lee_background.cor").decode("utf-8", errors="replace")
    return [line.strip() for line in raw.splitlines() if line.strip()]


def _split_en(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", text) if s]


def _title(sentence: str) -> str:
    words = re.sub(r"[\"'()]", "", sentence).rstrip(".!?").split()[:10]
    return " ".join(words).rstrip(",;:")


def _file_text(sentences: list[str], published: str) -> str:
    paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    return f"{_title(sentences[0])}\n\n{published}\n\n" + "\n\n".join(paragraphs) + "\n"


def build(id_articles: int = ID_ARTICLES, en_articles: int = EN_ARTICLES, seed: int = 13) -> Path:
    """The haystack folder (seeds + distractors); built once, then reused."""
    folder = CACHE / "haystack" / f"id{id_articles}-en{en_articles}"
    stamp = folder / ".complete"
    if stamp.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rng = random.Random(seed)

    def date() -> str:
        return f"{rng.randint(2018, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    sentences = indonesian_sentences()
    per = ID_SENTENCES_PER_ARTICLE
    for i in range(id_articles):
        group = sentences[i * per:(i + 1) * per]
        if len(group) < per:
            break
        (folder / f"hs_id_{i:04d}.txt").write_text(_file_text(group, date()), encoding="utf-8")
    for i, article in enumerate(english_articles()[:en_articles]):
        (folder / f"hs_en_{i:04d}.txt").write_text(_file_text(_split_en(article), date()), encoding="utf-8")
    for seed_file in sorted(SEEDS.glob("*.txt")):
        shutil.copy2(seed_file, folder / seed_file.name)
    stamp.write_text("ok\n")
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--id-articles", type=int, default=ID_ARTICLES)
    ap.add_argument("--en-articles", type=int, default=EN_ARTICLES)
    a = ap.parse_args()
    folder = build(a.id_articles, a.en_articles)
    files = sorted(folder.glob("*.txt"))
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    print(f"{folder}: {len(files)} files, {words} words")


if __name__ == "__main__":
    main()
