"""Memory and cold start.

1. Peak RSS of the UI server: `python -m assistant serve` on a free loopback port over the seeds index,
   one warm-up question through its HTTP API (/gradio_api/call/ask), then the kernel's high-water mark
   (VmHWM) and current RSS of the server process (and any children). The server is stopped afterwards.
2. Cold start of `warta ask` and `warta search`: wall time of a fresh subprocess, median of N runs, with the
   extractive generator (and the default `auto` generator, which loads the LLM when it is installed).

    .venv/bin/python bench/memory.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CACHE, REPO, SEEDS, log, save, summary  # noqa: E402

PY = str(REPO / ".venv" / "bin" / "python")
QUESTION = "Which Indonesian minister visited Moscow?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def proc_status(pid: int) -> dict[str, int]:
    """VmHWM / VmRSS in kB from /proc."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmHWM:", "VmRSS:")):
                key, value = line.split(":", 1)
                out[key] = int(value.split()[0])
    except OSError:
        pass
    return out


def tree(pid: int) -> list[int]:
    import psutil

    try:
        p = psutil.Process(pid)
        return [pid] + [c.pid for c in p.children(recursive=True)]
    except psutil.Error:
        return [pid]


def env_for(generator: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"WARTA_INDEX_DIR": str(CACHE / "warta-index" / "seeds"), "WARTA_CORPUS_DIR": str(SEEDS),
                "WARTA_GENERATOR": generator})
    return env


def call_api(port: int, name: str, data: list[Any], timeout: float = 300) -> Any:
    base = f"http://127.0.0.1:{port}/gradio_api/call/{name}"
    req = urllib.request.Request(base, data=json.dumps({"data": data}).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        event_id = json.loads(r.read())["event_id"]
    with urllib.request.urlopen(f"{base}/{event_id}", timeout=timeout) as r:
        event = None
        for raw in r:
            line = raw.decode().strip()
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                payload = line.split(":", 1)[1].strip()
                if event == "error":
                    raise RuntimeError(f"API error: {payload}")
                return json.loads(payload)
    raise RuntimeError("API stream ended without a result")


def server_memory(generator: str) -> dict[str, Any]:
    port = free_port()
    log(f"starting the server on 127.0.0.1:{port} (generator {generator})")
    t0 = time.perf_counter()
    proc = subprocess.Popen([PY, "-m", "assistant", "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=env_for(generator), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        deadline = time.time() + 300
        while time.time() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("server did not start within 300 s")
        ready_s = time.perf_counter() - t0
        idle = {pid: proc_status(pid) for pid in tree(proc.pid)}
        t1 = time.perf_counter()
        answer = call_api(port, "ask", [QUESTION, "auto"])
        first_s = time.perf_counter() - t1
        t1 = time.perf_counter()
        call_api(port, "ask", ["Siapa pejabat Rusia yang ditemui Menperin di Moskow?", "auto"])
        second_s = time.perf_counter() - t1
        after = {pid: proc_status(pid) for pid in tree(proc.pid)}
        result = answer[0] if isinstance(answer, list) and answer else answer
        return {
            "generator": generator,
            "startup_to_http_s": round(ready_s, 2),
            "rss_before_question_mb": round(sum(s.get("VmRSS", 0) for s in idle.values()) / 1024, 1),
            "rss_after_warmup_mb": round(sum(s.get("VmRSS", 0) for s in after.values()) / 1024, 1),
            "peak_rss_mb": round(sum(s.get("VmHWM", 0) for s in after.values()) / 1024, 1),
            "processes": len(after),
            "first_question_s": round(first_s, 2),
            "second_question_s": round(second_s, 2),
            "answer_generator": result.get("generator") if isinstance(result, dict) else None,
            "answer_refused": result.get("refused") if isinstance(result, dict) else None,
        }
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)


def cold(args: list[str], generator: str, runs: int) -> dict[str, Any]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run([PY, "-m", "assistant", *args], env=env_for(generator), cwd=REPO,
                              capture_output=True, text=True, timeout=600)
        times.append(time.perf_counter() - t0)
        if done.returncode != 0:
            raise RuntimeError(f"{args} failed: {done.stderr[-2000:]}")
    return {"command": "warta " + " ".join(args), "generator": generator, "wall_s": summary(times)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-server", action="store_true")
    a = ap.parse_args()
    log("indexing the seeds into bench/cache/warta-index/seeds (no-op when up to date)")
    done = subprocess.run([PY, "-m", "assistant", "index"], env=env_for("extractive"), cwd=REPO,
                          capture_output=True, text=True)
    if done.returncode != 0:  # e.g. built by an older Warta
        subprocess.run([PY, "-m", "assistant", "index", "--rebuild"], env=env_for("extractive"), cwd=REPO, check=True)

    from assistant.backends.llm import llama_available

    out: dict[str, Any] = {"llm_installed": llama_available(), "question": QUESTION}
    if not a.skip_server:
        out["server"] = server_memory("auto")
    log("cold starts")
    out["cold_start"] = [
        cold(["--help"], "extractive", a.runs),
        cold(["search", QUESTION, "--json"], "extractive", a.runs),
        cold(["ask", QUESTION, "--json"], "extractive", a.runs),
    ]
    if out["llm_installed"]:
        out["cold_start"].append(cold(["ask", QUESTION, "--json"], "auto", a.runs))
    save("memory", out)


if __name__ == "__main__":
    main()
