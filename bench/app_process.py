"""Run the real app (`bot serve`) as a process of its own, for the load bench and the kill -9 test.

    with AppProcess(llm_base_url, database_url) as app:   # waits for GET /healthz
        ... app.url ...
        app.kill()      # SIGKILL, as a crash would
        app.start()     # the same app again, on the same port and database
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bench.fake_llm import free_port

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BOT = Path(sys.executable).parent / "bot"
START_TIMEOUT_S = 60


class AppProcess:
    def __init__(self, llm_base_url: str, database_url: str, engine: str = "hybrid", log_path: Path | None = None,
                 **settings: str):
        self.port = free_port()
        self.log_path = log_path
        self.env = {
            **os.environ,
            "BOT_LLM_BASE_URL": llm_base_url, "BOT_LLM_MODEL": "fake", "BOT_DATABASE_URL": database_url,
            "BOT_GRADING_ENGINE": engine, "BOT_AUTH_SECRET": "load-test-secret-0123456789abcdef-0123456789",
            **{f"BOT_{name.upper()}": value for name, value in settings.items()},
        }
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115 - the child keeps it
        # Chainlit reads .chainlit/ and public/ from the working directory: the project root.
        self.process = subprocess.Popen([str(BOT), "serve", "--port", str(self.port)], cwd=PROJECT_ROOT,
                                        env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"`bot serve` exited with {self.process.returncode}{self._log_tail()}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"`bot serve` did not answer /healthz within {START_TIMEOUT_S} s{self._log_tail()}")

    def _log_tail(self) -> str:
        """The end of the app's log, for the error that says it did not start."""
        if self.log_path is None or not Path(self.log_path).exists():
            return " (no log kept)"
        return f"; the end of {self.log_path}:\n" + Path(self.log_path).read_text(errors="replace")[-3000:]

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as in a crash or an OOM kill."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> AppProcess:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
