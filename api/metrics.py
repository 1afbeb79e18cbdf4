"""Metrics for whoever runs the service: ``/metrics`` in the Prometheus text format (the official
prometheus-client), off unless ASSISTANT_METRICS is set. One registry per app, so that several apps in one
process (the tests) do not share counters. Under several uvicorn workers each worker counts its own requests."""
from __future__ import annotations

import time
from typing import Callable

from starlette.types import ASGIApp, Receive, Scope, Send


class Metrics:
    def __init__(self, queue_length: Callable[[], int] = lambda: 0):
        from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

        self.registry = CollectorRegistry()
        self.requests = Counter("assistant_requests", "HTTP requests by route, method and status",
                                ["route", "method", "status"], registry=self.registry)
        self.latency = Histogram("assistant_request_seconds", "Time to answer a request, by route", ["route"],
                                 registry=self.registry,
                                 buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
        self.answers = Counter("assistant_answers", "Chat questions answered or declined", ["outcome"],
                               registry=self.registry)
        self.intakes_started = Counter("assistant_intakes_started", "Eligibility checks started",
                                       registry=self.registry)
        self.intakes_finished = Counter("assistant_intakes_finished", "Eligibility checks that reached a verdict",
                                        ["status"], registry=self.registry)
        queue = Gauge("assistant_embedder_queue_length", "Calls waiting for a free embedding engine",
                      registry=self.registry)
        queue.set_function(queue_length)

    def render(self) -> tuple[bytes, str]:
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

        return generate_latest(self.registry), CONTENT_TYPE_LATEST


METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def route_of(scope: Scope) -> str:
    """The route's template (/api/intake/{session_id}/answer), never the path a visitor typed: bounded labels."""
    route = scope.get("route")
    return getattr(route, "path", None) or "unmatched"


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics):
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start, status = time.perf_counter(), 500

        async def sending(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = route_of(scope)
            method = scope["method"] if scope["method"] in METHODS else "other"  # a client may send any word
            self.metrics.requests.labels(route, method, str(status)).inc()
            self.metrics.latency.labels(route).observe(time.perf_counter() - start)
