"""Offline and private by default: set before any third-party import, at every entry point.

These switch off model-hub downloads and telemetry only. The one request a user can make leave the machine
is a remote LLM they configure (WARTA_LLM_PROVIDER=openai|ollama with WARTA_LLM_BASE_URL, backends.chat):
it is unaffected here, and `warta settings` and the page footer name its URL."""

from __future__ import annotations

import os

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "DO_NOT_TRACK": "1",
    "TOKENIZERS_PARALLELISM": "false",
    # Two cores shared by torch, the LLM and the web server: busy-waiting OpenMP threads starve the rest.
    "OMP_WAIT_POLICY": "PASSIVE",
}


def enforce_offline() -> None:
    """Entry points call this first. A user's explicit value wins only where it keeps things private."""
    for key, value in OFFLINE_ENV.items():
        os.environ[key] = value
