"""Driving one intake over HTTP across several services (or several workers of one)."""
from __future__ import annotations

import httpx

from tests.support import answer_body

from tests.intake.conftest import CLEAN

# Facts by the verdict they must give: one of each outcome the intake can end on, and each applicant type
CASES = {
    "an eligible factory": ({**CLEAN["factory"]}, "eligible"),
    "a deregistered factory": ({**CLEAN["factory"], "deregistered": True}, "ineligible"),
    "a park with too little industry": ({**CLEAN["park"], "industrial_value_added_share": 40}, "ineligible"),
    "a nationally listed supply chain": ({**CLEAN["supply_chain"], "already_national_listed": True}, "already_listed"),
}


def run_intake(bases: list[str], facts: dict, *, fresh_connections: bool = False) -> tuple[dict, list[dict]]:
    """Starts an intake on the first service, sends each answer to the next service in turn; returns the final
    verdict and the stored intake as each service shows it. ``fresh_connections``: a new TCP connection per
    request, so that the kernel hands each one to whichever worker of a service accepts first."""
    clients = [httpx.Client(base_url=b, timeout=30) for b in bases]

    def post(i: int, path: str, body: dict) -> dict:
        if fresh_connections:
            r = httpx.post(bases[i] + path, json=body, timeout=30)
        else:
            r = clients[i].post(path, json=body)
        assert r.status_code == 200, (bases[i], path, r.status_code, r.text[:500])
        return r.json()

    try:
        reply = post(0, "/api/intake", {})
        sid, step = reply["session_id"], 0
        while not reply["done"]:
            step += 1
            assert step < 60, "the intake kept asking"
            reply = post(step % len(bases), f"/api/intake/{sid}/answer", answer_body(reply["question"], facts))
        views = [c.get(f"/api/intake/{sid}").json() for c in clients]
        return reply["verdict"], views
    finally:
        for c in clients:
            c.close()


def verdict_for(base: str, facts: dict) -> dict:
    """The verdict the service gives for the facts at once (POST /api/eligibility)."""
    r = httpx.post(base + "/api/eligibility", json=facts, timeout=30)
    assert r.status_code == 200, r.text[:500]
    return r.json()
