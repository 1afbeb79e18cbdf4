"""Fixtures of the API tests: the app in-process on a data folder of its own, built from one index made once."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.settings import Settings
from tests.support import Service, free_port, running_service  # noqa: F401 - shared with the test modules

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
    for vectors in built.glob("scope-examples-*.npy"):  # the scope examples, embedded once
        shutil.copy2(vectors, target / vectors.name)
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


