"""Requests generated from our own OpenAPI schema: whatever they hold, no operation answers with a 5xx."""
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api.app import create_app
from assistant.settings import Settings

from .conftest import copy_of

EXAMPLES = 30  # per operation: enough to reach the edge cases schemathesis aims at, bounded for CI
# Not created until the fixture fills it: collecting this module leaves nothing behind.
DATA_DIR = Path(tempfile.gettempdir()) / f"assistant-fuzz-{os.getpid()}"

# The schema has to exist when the tests are collected; schemathesis.pytest.from_fixture would defer that to a
# fixture, but it does not run under pytest 9 (it reads Function._nodeid). The lifespan runs in the fixture below.
# Admin is on with a token no generator will hit: the 401 path gets fuzzed, not a 20-second rebuild.
app = create_app(Settings(data_dir=DATA_DIR, rate_limit=0, api_docs=True,
                          admin_token="no-generated-header-is-this-token-9f3c1a"))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(scope="module", autouse=True)
def running_app(built_data_dir):
    shutil.rmtree(DATA_DIR, ignore_errors=True)
    copy_of(built_data_dir, DATA_DIR)
    with TestClient(app):  # runs the lifespan: the services the handlers need
        yield
    shutil.rmtree(DATA_DIR, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_with_a_server_error(case):
    case.call_and_validate(checks=[not_a_server_error])
