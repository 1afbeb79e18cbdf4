"""Slow clients against a server on this machine: connections that send their headers (or body) a byte at a time
and then stall. Prints, for each kind, how long the server kept the connection open before closing it, and
whether a normal request still got through meanwhile. Loopback only, bounded in count and time.

    python scripts/slow_client.py --port 8080 [--connections 20] [--give-up 40]
"""
from __future__ import annotations

import argparse
import socket
import threading
import time

import httpx

KINDS = {
    "headers": b"GET /api/health HTTP/1.1\r\nHost: assistant.example.gov.cn\r\nX-Slow: ",
    "body": (b"POST /api/chat HTTP/1.1\r\nHost: assistant.example.gov.cn\r\nContent-Type: application/json\r\n"
             b"Content-Length: 100\r\n\r\n{\"message\": \""),
}


def hold(port: int, prefix: bytes, give_up: float, out: list[float]) -> None:
    """Send the prefix, then one byte every 15 s until the server closes (or we give up)."""
    t0 = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=give_up) as s:
            s.sendall(prefix)
            while time.monotonic() - t0 < give_up:
                s.settimeout(15)
                try:
                    if s.recv(1024) == b"":
                        break  # closed by the server
                except socket.timeout:
                    s.sendall(b"x")
                    continue
                break  # the server answered (a timeout response) and will close
    except OSError:
        pass
    out.append(time.monotonic() - t0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--connections", type=int, default=20)
    ap.add_argument("--give-up", type=float, default=40)
    args = ap.parse_args()
    for kind, prefix in KINDS.items():
        held: list[float] = []
        threads = [threading.Thread(target=hold, args=(args.port, prefix, args.give_up, held))
                   for _ in range(args.connections)]
        for th in threads:
            th.start()
        time.sleep(1)
        t = time.perf_counter()
        ok = httpx.get(f"http://127.0.0.1:{args.port}/api/health",
                       headers={"Host": "assistant.example.gov.cn"}, timeout=10).status_code
        normal_ms = (time.perf_counter() - t) * 1000
        for th in threads:
            th.join()
        print(f"slow {kind}: {len(held)} connections held at most {max(held):.1f} s (median "
              f"{sorted(held)[len(held) // 2]:.1f} s); a normal request meanwhile: {ok} in {normal_ms:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
