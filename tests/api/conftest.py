import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.settings import Settings


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """The whole app in-process on a fresh data folder, limits off."""
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("data"), rate_limit=0))
    with TestClient(app) as c:
        yield c
