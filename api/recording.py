"""What the console and the metrics learn from a visitor's step, worked out once per step after its reply: a
chat question (declined or not, its articles), an intake's progress and, at a new verdict, its audit record."""
from __future__ import annotations

import logging
from functools import wraps

from console.progress import progress

from .services import Services

log = logging.getLogger("assistant.console")


def never_fails(fn):
    """The visitor's step is stored and answered before the console learns of it: nothing here may undo that."""
    @wraps(fn)
    def guarded(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception:
            log.exception("console: %s failed", fn.__name__)
            return None
    return guarded


@never_fails
def after_chat(services: Services, session_id: str, message: str, turn, before: dict, after: dict) -> None:
    if turn.asked:
        articles = [c.article_no for c in turn.citations]
        services.console.record_question(session_id, message, declined=not articles, articles=articles)
        if services.metrics:
            services.metrics.answers.labels("declined" if not articles else "answered").inc()
    after_intake(services, session_id, before.get("intake"), after.get("intake"))


@never_fails
def after_intake(services: Services, session_id: str, before: dict | None, after: dict | None) -> str | None:
    """Returns the id of the audit record this step wrote, if it gave a new verdict."""
    if before == after:  # a step that changed nothing (a question in between, a look): nothing to record
        return None
    p = progress(before, after)
    if p is None:
        return None
    if services.metrics:
        if p.started:
            services.metrics.intakes_started.inc()
        if p.new_verdict:
            services.metrics.intakes_finished.labels(p.verdict.status).inc()
    return services.console.record_progress(session_id, p)


def with_record(services: Services, session_id: str, verdict):
    """The verdict (a model or its dict) with its audit record's id and read-only link, once one is written."""
    if verdict is None:
        return None
    try:
        link = services.console.record_link(session_id)
    except Exception:  # the console's database is down: the verdict still goes out, without its link
        log.exception("console: the record link failed")
        link = None
    if link is None:
        return verdict
    record_id, key = link
    update = {"record_id": record_id, "record_url": f"/record/{record_id}?key={key}"}
    return verdict.model_copy(update=update) if hasattr(verdict, "model_copy") else {**verdict, **update}
