from fastapi import APIRouter

from assistant.chat import run_turn
from intake.store import is_well_formed

from ..deps import ServicesDep
from ..errors import ApiError
from ..schemas import ChatIn, ChatOut

router = APIRouter(prefix="/api", tags=["chat"])


@router.post("/chat", response_model=ChatOut)
def chat(body: ChatIn, services: ServicesDep) -> ChatOut:
    """Answer a message from the regulation, with citations; hands over to the eligibility intake when asked."""
    store = services.store
    if not body.message.strip():
        raise ApiError(422, "empty_message", "消息不能为空。", "The message must not be empty.", field="message")
    limit = services.settings.max_message_chars
    if len(body.message) > limit:
        raise ApiError(422, "message_too_long", f"消息过长：最多 {limit} 个字符。",
                       f"The message is too long: at most {limit} characters.", field="message")
    sid = body.session_id
    if sid is not None and not is_well_formed(sid):
        raise ApiError(422, "invalid_session_id", "会话编号无效。", "This session_id is not one this service issues.",
                       field="session_id")
    state = store.get(sid) if sid else None
    if state is None:  # new, unknown or expired: a new conversation
        state = {"intake": None}
        sid = store.create("chat", state)
    # The answer is worked out before the store's lock is taken (retrieval takes tens of milliseconds); only a
    # message of the same conversation that got in first makes it work the answer out again, on the newer state.
    outcome = dict(zip(("state", "turn"), run_turn(services.answerer, state, body.message)))

    def step(current: dict) -> dict:
        if current != state:
            outcome.update(zip(("state", "turn"), run_turn(services.answerer, current, body.message)))
        return outcome["state"]

    store.update(sid, step)
    turn = outcome["turn"]
    return ChatOut(session_id=sid, answer=turn.answer, citations=turn.citations, intake=turn.intake,
                   verdict=turn.verdict, feedback=turn.feedback, hint=turn.hint)
