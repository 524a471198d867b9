"""The site as production runs it, for the HTTP benchmarks: gunicorn with the
repository's gunicorn.conf.py, production settings (DJANGO_DEBUG unset) over plain HTTP
on 127.0.0.1, static files collected and served by WhiteNoise.

The settings module is tests.benchmarks.http.settings: the site's own, plus the bare
view the figures are compared with."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from tests.benchmarks.http.client import Browser
from tests.benchmarks.http.pages import BARE_PATH

REPO = Path(__file__).resolve().parents[3]
SETTINGS_MODULE = "tests.benchmarks.http.settings"
HOST = "127.0.0.1"


def production_environment(
    *,
    database_url: str,
    static_root: Path,
    workers: int = 3,
    base: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The environment for gunicorn, collectstatic and the harness itself (which must
    share the secret key, or its sessions would not be valid on the server)."""
    env = dict(os.environ if base is None else base)
    # `make bench` exports DJANGO_DEBUG=1 for the test suite: production means unset.
    env.pop("DJANGO_DEBUG", None)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        DATABASE_URL=database_url,
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_ALLOWED_HOSTS=HOST,
        # Plain HTTP here; the requests say they came through a TLS proxy instead.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL=env.get("DJANGO_LOG_LEVEL", "WARNING"),
        WEB_CONCURRENCY=str(workers),
    )
    env.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    return env


def collect_static(env: Mapping[str, str], static_root: Path) -> bool:
    """collectstatic into `static_root` (compressed, with a manifest, as production
    does), unless an earlier run already did. Returns whether it ran."""
    if (static_root / "staticfiles.json").exists():
        return False
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=REPO,
        env=dict(env),
        check=True,
    )
    return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn started with the repository's configuration on one port; stopped (by
    the process id it was started with) on leaving the `with` block."""

    def __init__(self, env: Mapping[str, str], port: int, log_path: Path) -> None:
        self.env = dict(env)
        self.port = port
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def __enter__(self) -> Gunicorn:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self, ready_within: float = 120) -> None:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "learning.wsgi",
            "-c",
            str(REPO / "gunicorn.conf.py"),
            "--bind",
            f"{HOST}:{self.port}",
        ]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        self._wait_until_ready(ready_within)

    def _wait_until_ready(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
            probe = Browser(self.base_url, timeout=5)
            reply = probe.get(BARE_PATH)
            probe.close()
            if reply.status == 200 and len(self.worker_pids()) == int(self.env["WEB_CONCURRENCY"]):
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {seconds:.0f} s:\n{self.log()}")

    def log(self, lines: int = 40) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def worker_pids(self) -> list[int]:
        return [] if self.process is None else child_pids(self.process.pid)

    def stop(self, within: float = 30) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # TERM is gunicorn's graceful shutdown: workers finish their request first.
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(within)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def child_pids(parent: int) -> list[int]:
    """The processes whose parent is `parent` (gunicorn's workers, for its master)."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name, in brackets, may hold spaces: the fields follow the last ")".
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == parent:
            children.append(int(entry.name))
    return sorted(children)


def memory_kb(pid: int, field: str) -> int | None:
    """A field of /proc/<pid>/status in kB: VmRSS now, or VmHWM (the peak resident
    set since the process started or its peak was last reset)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def reset_peak_memory(pids: list[int]) -> bool:
    """Set each process's VmHWM back to its present resident size (Linux: writing 5
    to /proc/<pid>/clear_refs), so that the next peak belongs to the next requests.
    False when the kernel does not allow it; peaks are then since start-up."""
    try:
        for pid in pids:
            Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def peak_memory_mb(pids: list[int]) -> float | None:
    peaks = [kb for kb in (memory_kb(pid, "VmHWM") for pid in pids) if kb is not None]
    return max(peaks) / 1024 if peaks else None
