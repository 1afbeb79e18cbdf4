"""Fixtures of the API tests: the app in-process on a data folder of its own, built from one index made once."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.settings import Settings

CHECKOUT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def built_data_dir(tmp_path_factory) -> Path:
    """A data folder whose index is built: copies of it start in a second instead of re-embedding."""
    data_dir = tmp_path_factory.mktemp("built")
    with TestClient(create_app(Settings(data_dir=data_dir, rate_limit=0))):
        pass
    return data_dir


def copy_of(built: Path, target: Path) -> Path:
    shutil.copytree(built / "chroma", target / "chroma")
    return target


@pytest.fixture(scope="module")
def client(built_data_dir, tmp_path_factory):
    """The whole app in-process on a fresh data folder, limits off."""
    app = create_app(Settings(data_dir=copy_of(built_data_dir, tmp_path_factory.mktemp("data")), rate_limit=0))
    with TestClient(app) as c:
        yield c


@pytest.fixture()
def data_dir(built_data_dir, tmp_path) -> Path:
    return copy_of(built_data_dir, tmp_path / "data")


@pytest.fixture()
def make_client(data_dir):
    """``make_client(**settings)``: a TestClient on this test's data folder, rate limiting off unless given."""
    opened = []

    def make(**overrides) -> TestClient:
        settings = Settings(**{"data_dir": data_dir, "rate_limit": 0, **overrides})
        client = TestClient(create_app(settings))
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for client in reversed(opened):
        client.__exit__(None, None, None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    """The real service as deployed: uvicorn in its own process group, on a free port."""

    def __init__(self, data_dir: Path, **env: str):
        self.data_dir, self.port = data_dir, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, ASSISTANT_DATA_DIR=str(data_dir), ASSISTANT_RATE_LIMIT="0",
                        HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", **env)
        self.log_path = data_dir.parent / f"service-{self.port}.log"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 90) -> "Service":
        with open(self.log_path, "a") as log:
            self.proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.app:app", "--host", "127.0.0.1",
                                          "--port", str(self.port)], cwd=CHECKOUT, env=self.env, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the service exited with {self.proc.returncode}: "
                                   f"{self.log_path.read_text()[-2000:]}")
            try:
                if httpx.get(self.base + "/api/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop(signal.SIGKILL)
        raise RuntimeError(f"the service was not healthy within {timeout}s")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, sig)
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(15)
        except ProcessLookupError:
            pass


@contextmanager
def running_service(data_dir: Path, **env: str):
    service = Service(data_dir, **env).start()
    try:
        yield service
    finally:
        service.stop()
