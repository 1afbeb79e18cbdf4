"""Work the service does on its own while it runs: expired sessions and, past ASSISTANT_RETENTION_DAYS, the
console's records are deleted in the background, and the access log replaces uvicorn's."""
from __future__ import annotations

import asyncio
import logging
import sys

log = logging.getLogger("assistant.api")

MAX_PURGE_INTERVAL_S = 300.0


def purge_interval_s(ttl_minutes: int) -> float:
    """Often enough that an expired session is gone within a tenth of its lifetime past expiry, at most every
    five minutes: a purge is one indexed DELETE."""
    return min(MAX_PURGE_INTERVAL_S, ttl_minutes * 60 / 10)


async def purge_periodically(store, every_s: float, retention: tuple | None = None) -> None:
    """Calls ``store.purge_expired()`` every ``every_s`` seconds until cancelled, off the event loop; with
    ``retention=(console, days)`` also deletes the console's records older than ``days``."""
    while True:
        await asyncio.sleep(every_s)
        try:
            purged = await asyncio.to_thread(store.purge_expired)
            if retention is not None:
                console, days = retention
                if old := await asyncio.to_thread(console.purge_older_than, days):
                    log.info("deleted %d console records older than %d days", old, days)
        except Exception:  # the next round tries again; housekeeping must never stop the service
            log.exception("purging expired sessions failed")
            continue
        if purged:
            log.info("purged %d expired sessions", purged)


async def write_behind(console, store, every_s: float) -> None:
    """Every ``every_s`` seconds until cancelled, off the event loop: writes the intakes' steps waiting for the
    funnel (``ConsoleStore.flush_progress``) and checkpoints the sessions' log (``SessionStore.checkpoint``).
    The service does both once more as it shuts down (``finish_writing``)."""
    while True:
        await asyncio.sleep(every_s)
        try:
            await asyncio.to_thread(console.flush_progress)
            await asyncio.to_thread(store.checkpoint)
        except Exception:  # the next round tries again; this task must outlive any one failure
            log.exception("writing the console's waiting steps or checkpointing failed")


def finish_writing(console, store) -> None:
    """What ``write_behind`` would have written next, written now: the service is stopping."""
    try:
        console.flush_progress()
        store.checkpoint()
    except Exception:
        log.exception("writing the console's waiting steps at shutdown failed")


def use_own_access_log() -> None:
    """uvicorn's access line carries the client address and the query string (a search query is a visitor's
    own words): silence it, and make sure our line (api.middleware.AccessLogMiddleware) is shown instead."""
    logging.getLogger("uvicorn.access").disabled = True
    from .logsafe import install

    for name in ("assistant.access", "assistant.api", "assistant", "uvicorn.error"):
        install(logging.getLogger(name))  # whatever is logged stays one line of plain text
    ours = logging.getLogger("assistant.access")
    ours.setLevel(logging.INFO)
    if not ours.handlers and not logging.getLogger().handlers:  # nobody configured logging: print to stderr
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        ours.addHandler(handler)
