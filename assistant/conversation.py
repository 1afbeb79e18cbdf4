"""A conversation as the store keeps it: one id for the chat and the check (contract §3, one conversation).

Its state is ``{"intake": <the check's state> | None, "last": …}``; the chat and the intake endpoints read and
write the same record. Records written before checks lived inside conversations (kind "intake", the check's
state at the top) are read as a conversation holding that check."""
from __future__ import annotations

KIND = "chat"


def conversation_of(stored: dict) -> dict:
    """The conversation a stored state is (an older intake-only record becomes one holding its check)."""
    if "answers" in stored and "intake" not in stored:
        return {"intake": stored}
    return stored


def check_of(conversation: dict) -> dict | None:
    return conversation.get("intake")


def with_check(conversation: dict, check: dict | None) -> dict:
    return {**conversation, "intake": check}
