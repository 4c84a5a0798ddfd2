"""Shared fixtures. The session index is built once, with the real embedding model and a real Chroma
store on disk, from a copy of the seed corpus."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
from pathlib import Path

import pytest

from assistant.offline import enforce_offline

enforce_offline()

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "corpus").glob("*.txt"))
DEV_QA = REPO / "tests" / "data" / "dev_qa.jsonl"


def dev_questions() -> list[dict]:
    return [json.loads(line) for line in DEV_QA.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for f in SEEDS:
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture(scope="session")
def settings(seed_corpus: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from assistant.settings import Settings

    return Settings(corpus_dir=seed_corpus, index_dir=tmp_path_factory.mktemp("index"), generator="extractive")


@pytest.fixture(scope="session")
def warta(settings):  # type: ignore[no-untyped-def]
    """An indexed Warta over the five seeds (extractive generator: instant)."""
    from assistant.service import Warta

    w = Warta(settings)
    report = w.index(progress=False)
    assert report.documents == len(SEEDS) and report.chunks > 0 and not report.problems
    return w


@pytest.fixture(scope="session")
def indexed_env(warta, settings) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Environment for subprocesses (CLI, server) that use the session index."""
    env = dict(os.environ)
    env.update({"WARTA_CORPUS_DIR": str(settings.corpus_dir), "WARTA_INDEX_DIR": str(settings.index_dir),
                "WARTA_GENERATOR": "extractive", "PYTHONPATH": str(REPO)})
    return env


def copy_index(settings, dest: Path) -> Path:  # type: ignore[no-untyped-def]
    """A private copy of the session index: tests that change it must not disturb others."""
    shutil.copytree(settings.index_dir, dest, ignore=shutil.ignore_patterns(".lock"))
    return dest


PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


ARTIFACTS = REPO / "tests" / "artifacts"


class ServeProcess:
    """`python -m assistant serve` on a free port in a subprocess (env on top of os.environ); its output goes
    to `log_path` (default tests/artifacts/serve-<name>.log). `wait_ready` returns once the page answers."""

    def __init__(self, env: dict[str, str], name: str, log_path: Path | None = None) -> None:
        import subprocess

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = log_path or ARTIFACTS / f"serve-{name}.log"
        self.log = self.log_path.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=REPO, env={**os.environ, **env}, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 240, log_line: str | None = None) -> None:
        """Until the page answers 200 (and the log shows `log_line`, when given); fails the test on exit or
        timeout, with the server's log."""
        import time
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"warta serve exited with {self.proc.returncode}:\n{self.log_path.read_text()}")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as response:
                    if response.status == 200 and (log_line is None or log_line in self.log_path.read_text()):
                        return
            except OSError:
                pass
            time.sleep(0.5)
        self.stop()
        pytest.fail(f"warta serve did not answer within {timeout} s:\n{self.log_path.read_text()}")

    def __enter__(self) -> "ServeProcess":
        """`with ServeProcess(env, name) as srv:` waits until it answers and stops it on the way out."""
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        import subprocess

        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.log.close()


# Headless Chromium (Debian's /usr/bin/chromium through Playwright; never a browser download) ---------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
    # Hermetic: every host name but 127.0.0.1 fails to resolve, so any outbound request would show up as an error.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """One Chromium per browser test module (each test opens its own context); skipped, with the reason, when
    Debian's chromium or Playwright is not installed. Module scope, not session: Playwright's sync API keeps an
    event loop running on the main thread while it is open, which would break every later test that calls
    asyncio.run (the ASGI guard and login tests did, in CI's order)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
