"""One normal visitor's chat latency while 8 clients send 2,000-character searches and chats, against the same
visitor alone. Traffic goes to loopback only, for a bounded time.

    python scripts/attack_benchmark.py [--url http://127.0.0.1:8000] [--attackers 8] [--seconds 15]

Without --url it starts the service itself with its default rate limit (ASSISTANT_RATE_LIMIT=30), each
attacker from its own loopback address (127.0.0.2, 127.0.0.3, …: eight clients, eight budgets) and the visitor
from 127.0.0.1 at a visitor's pace (one question every --pause seconds, within its own budget). --rate-limit 0
measures what the bounded cost per request buys alone. Target: the visitor's p50 under attack at most 3x the
unattacked p50; the exit status is 1 when missed.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_benchmark import pct, start_service  # noqa: E402


def stop_service(proc) -> None:
    import os
    import signal

    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(30)

TARGET_RATIO = 3.0
VISITOR_QUESTIONS = ["绿色工厂申报条件是什么", "评价报告在哪里提交", "培育对象有效期几年", "年度动态管理表什么时候填报",
                     "哪些情况不能申请", "名称变更后向谁报告"]
LONG = ("我们想了解绿色工厂申报条件和停产的规定，还有评价报告、动态管理和支持政策，" * 60)[:2000]


def visitor(base: str, seconds: float, tag: str, pause: float) -> list[float]:
    """One visitor asking short questions (distinct ones: no cache helps), one every ``pause`` seconds; its chat
    latencies in ms (a refusal would count as a failure of the test, not as a fast answer)."""
    out: list[float] = []
    stop = time.monotonic() + seconds
    with httpx.Client(base_url=base, timeout=120) as c:
        i = 0
        while time.monotonic() < stop:
            t = time.perf_counter()
            r = c.post("/api/chat", json={"message": f"{VISITOR_QUESTIONS[i % len(VISITOR_QUESTIONS)]}（{tag}{i}）"})
            if r.status_code != 200:
                raise SystemExit(f"the visitor was refused: {r.status_code} (raise --pause)")
            out.append((time.perf_counter() - t) * 1000)
            i += 1
            time.sleep(max(0.0, pause - (time.perf_counter() - t)))
    return out


def attacker(base: str, stop: float, n: int) -> None:
    # each attacker from its own loopback address, so each has a budget of its own
    transport = httpx.HTTPTransport(local_address=f"127.0.0.{2 + n}")
    with httpx.Client(base_url=base, timeout=120, transport=transport) as c:
        i = 0
        while time.monotonic() < stop:
            text = f"（{n}-{i}）" + LONG[: 2000 - 12]
            try:
                if i % 2:
                    c.get("/api/search", params={"q": text, "k": 20})
                else:
                    c.post("/api/chat", json={"message": text})
            except httpx.HTTPError:
                pass
            i += 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url")
    ap.add_argument("--attackers", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=40)
    ap.add_argument("--rate-limit", type=int, default=30, help="the service's ASSISTANT_RATE_LIMIT (0: off)")
    ap.add_argument("--pause", type=float, default=2.1, help="seconds between the visitor's questions")
    args = ap.parse_args()
    proc = None
    base = args.url
    if base is None:
        import os

        os.environ["ASSISTANT_RATE_LIMIT_OVERRIDE"] = str(args.rate_limit)
        proc, base = start_service(Path(tempfile.mkdtemp(prefix="attack-data-")))
    try:
        httpx.post(base + "/api/chat", json={"message": "热身"}, timeout=120)
        calm = visitor(base, args.seconds, "a", args.pause)
        stop = time.monotonic() + args.seconds
        threads = [threading.Thread(target=attacker, args=(base, stop, n)) for n in range(args.attackers)]
        for th in threads:
            th.start()
        time.sleep(0.5)  # the attack is under way before the visitor measures
        attacked = visitor(base, args.seconds - 0.5, "b", args.pause)
        for th in threads:
            th.join()
    finally:
        if proc is not None:
            stop_service(proc)
    p50_calm, p50_attacked = statistics.median(calm), statistics.median(attacked)
    ratio = p50_attacked / p50_calm
    print(f"visitor alone:        p50 {p50_calm:.0f} ms  p95 {pct(calm, 0.95):.0f} ms  ({len(calm)} chats)")
    print(f"under {args.attackers} attackers:   p50 {p50_attacked:.0f} ms  p95 {pct(attacked, 0.95):.0f} ms  "
          f"({len(attacked)} chats)")
    print(f"p50 ratio {ratio:.2f} (target at most {TARGET_RATIO:g})")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
