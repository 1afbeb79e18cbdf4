"""Several machines: two service processes, each with its own data folder, share one PostgreSQL and one Chroma
server. The index is built once beforehand (``assistant index build``), as the README's Deployment section says."""
import subprocess

import httpx
import pytest

from intake.migrations import head_revision

from tests.api.test_console_api import TOKEN, assert_one_console

from .conftest import VENV_BIN, Service
from .intakes import CASES, run_intake

pytestmark = pytest.mark.slow


@pytest.fixture()
def replicas(tmp_path, postgres_url, chroma_url):
    env = {"ASSISTANT_DATABASE_URL": postgres_url, "ASSISTANT_CHROMA_URL": chroma_url, "ASSISTANT_ADMIN_TOKEN": TOKEN}
    build = Service(tmp_path / "build" / "data", **env)
    done = subprocess.run([str(VENV_BIN / "assistant"), "index", "build"], env=build.env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    done = subprocess.run([str(VENV_BIN / "assistant"), "db", "upgrade"], env=build.env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and f"to {head_revision()}" in done.stdout, done.stderr[-3000:]
    # the replicas run as an operator would with upgrades done beforehand: an old schema would stop them
    services = [Service(tmp_path / name / "data", ASSISTANT_MIGRATE_ON_START="false", **env) for name in "ab"]
    try:
        for s in services:
            s.start()
        yield services
    finally:
        for s in services:
            s.stop()


def _decision(verdict: dict) -> dict:
    """A verdict without its own record's id and link (each conversation's record is its own)."""
    return {k: v for k, v in verdict.items() if k not in ("record_id", "record_url")}


def test_an_intake_begun_on_one_replica_is_finished_on_the_other_with_the_verdict_of_one_process(replicas):
    a, b = replicas
    for name, (facts, status) in CASES.items():
        verdict, views = run_intake([a.base, b.base], facts)
        alone, _ = run_intake([a.base], facts)
        assert verdict["status"] == status and _decision(verdict) == _decision(alone), name
        assert views[0] == views[1] and views[0]["done"], name


def test_both_replicas_search_the_shared_index_without_building_it(replicas):
    for s in replicas:
        hits = httpx.get(s.base + "/api/search", params={"q": "评价报告通过什么平台提交", "k": 3}).json()["hits"]
        assert {6, 11} & {h["article_no"] for h in hits}
        assert "building index" not in s.log()
        assert not (s.data_dir / "chroma").exists()  # the vectors live in the Chroma server only


def test_the_console_of_two_replicas_on_one_postgresql_is_one(replicas):
    a, b = (httpx.Client(base_url=s.base, timeout=60) for s in replicas)
    with a, b:
        assert_one_console(a, b)
