from fastapi import APIRouter, Response

from assistant.chat import run_turn
from assistant.conversation import KIND, conversation_of
from intake.store import is_well_formed

from ..deps import ServicesDep
from ..errors import ApiError, invalid_session_id
from ..recording import after_chat, with_record
from ..schemas import ChatIn, ChatOut, typed

router = APIRouter(prefix="/api", tags=["chat"])


@router.post("/chat", response_model=ChatOut)
def chat(body: ChatIn, services: ServicesDep) -> Response:
    """Answer a message from the regulation, with citations; hands over to the eligibility intake when asked."""
    store = services.store
    if not body.message.strip():
        raise ApiError(422, "empty_message", "消息不能为空。", "The message must not be empty.", field="message")
    sid = body.session_id
    if sid is not None and not is_well_formed(sid):
        raise invalid_session_id()
    # One conversation, one id: a check started by the button goes on here (contract §3)
    stored = store.get(sid) if sid else None
    state = conversation_of(stored) if stored is not None else None
    if state is None:
        before = {"intake": None}
        after, turn = run_turn(services.answerer, before, body.message)
        sid = store.create(KIND, after)
    else:
        # The answer is worked out before the store's lock is taken (retrieval takes tens of milliseconds); only
        # a message of the same conversation that got in first makes it work the answer out again, on its state.
        outcome = dict(zip(("state", "turn"), run_turn(services.answerer, state, body.message)), before=state)

        def step(current: dict) -> dict:
            current = conversation_of(current)
            if current != state:
                outcome.update(zip(("state", "turn"), run_turn(services.answerer, current, body.message)),
                               before=current)
            return outcome["state"]

        if store.update(sid, step) is None:  # expired in between: the answer starts a new conversation
            sid = store.create(KIND, outcome["state"])
        before, after, turn = outcome["before"], outcome["state"], outcome["turn"]
    after_chat(services, sid, body.message, turn, before, after)
    return typed(ChatOut(session_id=sid, answer=turn.answer, citations=turn.citations, intake=turn.intake,
                         verdict=with_record(services, sid, turn.verdict), feedback=turn.feedback, hint=turn.hint, conclusion=turn.conclusion,
                         recorded=turn.recorded, recorded_text=turn.recorded_text, asked=turn.asked,
                         suggestions=turn.suggestions, calendar=turn.calendar))
