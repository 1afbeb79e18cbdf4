"""What reaches the log is one line of plain text: control characters (a newline that would forge a second line,
a terminal escape) are written as escapes, and a session id is written as a short hash of itself, so that the
log tells one conversation from another without holding the key to continue it."""
from __future__ import annotations

import hashlib
import logging
import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else
                        f"\\u{ord(m.group(0)):04x}", text)


def session_tag(session_id: str | None) -> str:
    """A short, stable stand-in for a session id (not reversible into one)."""
    if not session_id:
        return "-"
    return hashlib.sha256(session_id.encode()).hexdigest()[:12]


class OneLine(logging.Filter):
    """Escapes every record's formatted message (paths, exception texts, any value logged)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        safe = escape(message)
        if safe != message:
            record.msg, record.args = safe, None
        return True


def install(logger: logging.Logger) -> None:
    if not any(isinstance(f, OneLine) for f in logger.filters):
        logger.addFilter(OneLine())
