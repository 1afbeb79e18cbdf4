"""Fixtures of the deployment tests: real engines started in temporary folders (PostgreSQL from Debian's binaries,
a Chroma server from the installed chromadb package) and the service as uvicorn subprocesses."""
from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import pytest

CHECKOUT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
# Every log line carries the process id: the tests tell uvicorn's workers apart by it
LOG_CONFIG = {
    "version": 1, "disable_existing_loggers": False,
    "formatters": {"pid": {"format": "pid=%(process)d %(name)s %(levelname)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "pid", "stream": "ext://sys.stderr"}},
    "root": {"handlers": ["stderr"], "level": "INFO"},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_bin() -> Path | None:
    """Debian's server binaries (initdb, pg_ctl), newest version first; None when PostgreSQL is not installed."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name),
                   reverse=True) if Path("/usr/lib/postgresql").is_dir() else []
    if found:
        return found[0].parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl and shutil.which("initdb") else None


class Postgres:
    """A throwaway cluster on a free port. PostgreSQL refuses to run as root: as root it runs as `postgres`."""

    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        # mkdtemp, not pytest's tmp_path: the postgres user must reach the folder, and pytest's root is private
        self.root = Path(tempfile.mkdtemp(prefix="assistant-pg-"))
        self.port = free_port()
        self.as_owner: list[str] = []
        if os.geteuid() == 0:
            pg = pwd.getpwnam("postgres")
            os.chown(self.root, pg.pw_uid, pg.pw_gid)
            self.as_owner = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run(self.as_owner + [str(self.bin / args[0]), *args[1:]], check=True, capture_output=True,
                       timeout=120)

    def start(self) -> "Postgres":
        self._run("initdb", "-D", f"{self.root}/db", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        # fsync off: a test cluster need not survive a power cut, and CI's disk is slow to flush
        self._run("pg_ctl", "-D", f"{self.root}/db", "-l", f"{self.root}/log", "-w", "-t", "60", "-o",
                  f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                  "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh empty database; returns its SQLAlchemy URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run(self.as_owner + [str(self.bin / "pg_ctl"), "-D", f"{self.root}/db", "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres():
    """One PostgreSQL server for the session; tests take a database each with ``postgres.new_database()``."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL's server binaries are not installed (Debian: apt-get install postgresql)")
    server = Postgres(bin_dir).start()
    yield server
    server.stop()


@pytest.fixture()
def postgres_url(postgres) -> str:
    return postgres.new_database()


@pytest.fixture(scope="session")
def chroma_url(tmp_path_factory):
    """A Chroma server from the installed chromadb package, on a free port."""
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = open(path.parent / f"chroma-{port}.log", "w")
    proc = subprocess.Popen([str(VENV_BIN / "chroma"), "run", "--path", str(path), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                            env=dict(os.environ, ANONYMIZED_TELEMETRY="False"))
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the Chroma server exited with {proc.returncode}; see {log.name}")
            try:
                if httpx.get(url + "/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the Chroma server did not answer its heartbeat within 60 s; see {log.name}")
            time.sleep(0.3)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(15)
        log.close()


class Service:
    """The service as deployed: ``command`` (uvicorn or ``assistant serve``) in its own process group."""

    def __init__(self, data_dir: Path, *, workers: int = 1, cli: bool = False, **env: str):
        self.data_dir, self.port = data_dir, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, ASSISTANT_DATA_DIR=str(data_dir), ASSISTANT_RATE_LIMIT="0",
                        HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False", **env)
        self.log_path = data_dir.parent / f"service-{self.port}.log"
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        if cli:
            self.command = [str(VENV_BIN / "assistant"), "serve", "--port", str(self.port), "--workers", str(workers)]
        else:
            config = data_dir.parent / f"logging-{self.port}.json"
            config.write_text(json.dumps(LOG_CONFIG))
            self.command = [sys.executable, "-m", "uvicorn", "api.app:app", "--host", "127.0.0.1",
                            "--port", str(self.port), "--workers", str(workers), "--log-config", str(config)]
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 180) -> "Service":
        with open(self.log_path, "a") as log:
            self.proc = subprocess.Popen(self.command, cwd=CHECKOUT, env=self.env, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the service exited with {self.proc.returncode}: {self.log()[-3000:]}")
            try:
                if httpx.get(self.base + "/api/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop(signal.SIGKILL)
        raise RuntimeError(f"the service was not healthy within {timeout}s: {self.log()[-3000:]}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def pids_that_served(self, path_part: str) -> set[int]:
        """Processes whose access log shows a request whose path contains ``path_part``."""
        return {int(m.group(1)) for m in re.finditer(r"^pid=(\d+) assistant\.access INFO \S+ (\S+)", self.log(), re.M)
                if path_part in m.group(2)}

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, sig)
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(15)
        except ProcessLookupError:
            pass

    def __enter__(self) -> "Service":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
