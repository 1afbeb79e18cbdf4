"""Fixtures of the deployment tests: real engines started in temporary folders (PostgreSQL from Debian's binaries,
a Chroma server from the installed chromadb package) and the service as uvicorn subprocesses."""
from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import pytest

from tests import support
from tests.support import CHECKOUT, VENV_BIN, free_port  # noqa: F401 - VENV_BIN is used by the test modules
# Every log line carries the process id: the tests tell uvicorn's workers apart by it
LOG_CONFIG = {
    "version": 1, "disable_existing_loggers": False,
    "formatters": {"pid": {"format": "pid=%(process)d %(name)s %(levelname)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "pid", "stream": "ext://sys.stderr"}},
    "root": {"handlers": ["stderr"], "level": "INFO"},
}


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


class Service(support.Service):
    """The service as deployed, every log line marked with the process that wrote it."""

    def __init__(self, data_dir: Path, *, workers: int = 1, cli: bool = False, **env: str):
        super().__init__(data_dir, workers=workers, cli=cli, log_config=None if cli else LOG_CONFIG, **env)

    def pids_that_served(self, path_part: str) -> set[int]:
        """Processes whose access log shows a request whose path contains ``path_part``."""
        return {int(m.group(1)) for m in re.finditer(r"^pid=(\d+) assistant\.access INFO \S+ (\S+)", self.log(), re.M)
                if path_part in m.group(2)}
