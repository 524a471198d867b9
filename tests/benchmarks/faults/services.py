"""The fault runs' own PostgreSQL cluster and Redis server, on ports of their own.

The machine's main PostgreSQL (5432) and Redis (6379) serve other work, so the runs
never stop them: they create a cluster and a Redis of their own, stop and start those,
and remove them afterwards. Each is stopped by its own cluster name or port, never by
a process name."""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

POSTGRES_ETC = Path("/etc/postgresql")


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, capture_output=True, text=True)


def postgres_version() -> str:
    """The newest PostgreSQL installed as a Debian cluster version (/etc/postgresql)."""
    versions = sorted(
        (p.name for p in POSTGRES_ETC.iterdir() if p.name.replace(".", "").isdigit()),
        key=lambda name: float(name),
    )
    if not versions:
        raise LookupError(f"no PostgreSQL versions under {POSTGRES_ETC}")
    return versions[-1]


@dataclass
class FaultPostgres:
    """A cluster of its own (pg_createcluster), trusting local TCP connections, with
    one database for the hub."""

    name: str = "hubfaults"
    port: int = 5439
    database: str = "hubfaults"
    version: str = ""
    created_here: bool = False  # only a cluster this object created is ever removed

    def __post_init__(self) -> None:
        if self.port == 5432:
            raise ValueError("5432 is the machine's main PostgreSQL: choose another port")
        self.version = self.version or postgres_version()

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{self.database}"

    def exists(self) -> bool:
        return (POSTGRES_ETC / self.version / self.name).is_dir()

    def create(self) -> None:
        """Create and start the cluster and its database (refusing one that exists, so
        a cluster someone else made is never taken over)."""
        if self.exists():
            raise RuntimeError(
                f"cluster {self.version}/{self.name} exists already: remove it with "
                f"`pg_dropcluster --stop {self.version} {self.name}` or choose --cluster-name"
            )
        _run(
            "pg_createcluster",
            self.version,
            self.name,
            "--port",
            str(self.port),
            "--",
            "--auth-local=trust",
            "--auth-host=trust",
        )
        self.created_here = True
        try:
            self.start()
            _run(
                "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", self.database
            )
        except BaseException:
            self.remove()  # half made, and ours: the caller cannot know to remove it
            raise

    def start(self) -> None:
        # Returns once the server accepts connections (pg_ctl start waits).
        _run("pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, "start")

    def stop(self) -> None:
        # fast: connections are cut at once, as when the database host goes away.
        _run(
            "pg_ctlcluster",
            "--skip-systemctl-redirect",
            self.version,
            self.name,
            "stop",
            "-m",
            "fast",
        )

    def remove(self) -> None:
        if self.created_here and self.exists():
            _run("pg_dropcluster", "--stop", self.version, self.name)


@dataclass
class FaultRedis:
    """A redis-server of its own that keeps nothing on disk."""

    port: int = 6390
    started_here: bool = False  # only a server this object started is ever shut down

    def __post_init__(self) -> None:
        if self.port == 6379:
            raise ValueError("6379 is the machine's main Redis: choose another port")
        if shutil.which("redis-server") is None:
            raise LookupError("redis-server is not installed")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def answers(self) -> bool:
        reply = subprocess.run(
            ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
        )
        return reply.stdout.strip() == "PONG"

    def start(self, ready_within: float = 10) -> None:
        if self.answers():
            raise RuntimeError(
                f"something answers on Redis port {self.port} already (a run kept with "
                f"--keep? `redis-cli -p {self.port} shutdown nosave`), or choose --redis-port"
            )
        _run(
            "redis-server",
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
        )
        self.started_here = True
        deadline = time.monotonic() + ready_within
        while not self.answers():
            if time.monotonic() > deadline:
                raise RuntimeError(f"redis-server on port {self.port} did not answer")
            time.sleep(0.05)

    def stop(self) -> None:
        if not self.started_here:
            raise RuntimeError(f"the Redis on port {self.port} was not started by this run")
        subprocess.run(
            ["redis-cli", "-p", str(self.port), "shutdown", "nosave"], capture_output=True
        )
        while self.answers():
            time.sleep(0.05)

    def keys(self) -> int:
        reply = _run("redis-cli", "-p", str(self.port), "dbsize")
        return int(reply.stdout.strip() or 0)
