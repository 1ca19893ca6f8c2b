"""The Chainlit handlers, driven through a real Chainlit websocket session whose browser is a recorder.

The runtime is real (SQLite store, the shipped personas and rubric, offline grading); only the customer
model is a FakeChatModel, so every customer line is known.
"""

from __future__ import annotations

import uuid

import chainlit as cl
import pytest
from chainlit.context import init_ws_context
from chainlit.session import WebsocketSession
from chainlit.user import PersistedUser

from bot.config import Settings
from bot.errors import LLMUnavailable
from bot.files import load_catalog
from bot.llm import ChatModels, Endpoint
from bot.store import open_store
from bot.web import chat, practice
from bot.web.datalayer import StoreDataLayer
from tests.fakes import FakeChatModel

# Chainlit's WebsocketSession.get_config calls the (async) chat-profile callback without awaiting it and
# ignores the failure; it does so in production too, harmlessly.
pytestmark = pytest.mark.filterwarnings("ignore:coroutine 'chat_profiles' was never awaited:RuntimeWarning")

EMPATHIC = "Three days without internet when you work from home is awful. What happened with the technician?"


class Browser:
    """Records what the server sends; answers the mode question with ``mode``."""

    def __init__(self, mode: str | None = "coach"):
        self.mode = mode
        self.events: list[tuple[str, dict]] = []

    async def emit(self, event: str, data) -> None:
        self.events.append((event, data))

    async def emit_call(self, event: str, data, timeout) -> dict | None:
        self.events.append((event, data))
        if self.mode is None:
            return None
        return {"name": "mode", "payload": {"mode": self.mode}, "label": self.mode, "tooltip": "", "forId": "",
                "id": "a"}

    def sent(self, event: str) -> list[dict]:
        return [data for name, data in self.events if name == event]

    def messages(self) -> list[dict]:
        return self.sent("new_message")

    def texts(self) -> str:
        return "\n".join(str(m.get("output")) for m in self.messages())

    def actions(self) -> list[str]:
        return [a["label"] for a in self.sent("action")]

    def meters(self) -> list[dict]:
        return [e for e in self.sent("element") if e["name"] == "MoodMeter"]


@pytest.fixture
async def runtime(tmp_path):
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", llm_base_url="http://127.0.0.1:9/v1",
                        llm_model="fake", grading_engine="offline",
                        auth_secret="test-secret-0123456789abcdef-0123456789")
    store = await open_store(settings.database_url)
    await store.add_user("ana", "agent", password_hash="not-used-here")
    customer = FakeChatModel()
    # The debrief writer is down, so sessions get the offline debrief (its fallback), whose numbers are known.
    debrief = FakeChatModel()
    for _ in range(4):
        debrief.enqueue_error(LLMUnavailable("The debrief model is down."))
    models = ChatModels(customer=customer, judge=FakeChatModel(), debrief=debrief,
                        endpoint=Endpoint(base_url="http://127.0.0.1:9/v1", api_key="x", label="fake"))
    runtime = await practice.start_practice(settings, store, models, load_catalog(settings))
    yield runtime
    await store.close()


@pytest.fixture
def customer(runtime) -> FakeChatModel:
    return runtime.models.customer


async def connect(runtime, persona_id="isp-dana", user="ana", mode: str | None = "coach") -> Browser:
    """A fresh Chainlit websocket session for ``user`` on this persona, made the current context."""
    browser = Browser(mode)
    stored = await runtime.store.find_user(user)
    session = WebsocketSession(
        id=str(uuid.uuid4()), socket_id=str(uuid.uuid4()), emit=browser.emit, emit_call=browser.emit_call,
        user_env={}, client_type="webapp", chat_profile=persona_id,
        user=PersistedUser(id=stored.id, identifier=user, createdAt=stored.created_at.isoformat()),
    )
    init_ws_context(session)
    return browser


def live_session():
    return cl.user_session.get(chat.SESSION)


async def started(runtime, mode="coach", **kwargs) -> Browser:
    browser = await connect(runtime, mode=mode, **kwargs)
    await chat.on_chat_start()
    return browser


async def test_profiles_are_the_personas_easiest_first(runtime):
    profiles = await chat.chat_profiles()
    assert {p.name for p in profiles} == set(runtime.catalog.personas)
    order = [runtime.catalog.personas[p.name].difficulty for p in profiles]
    assert order == sorted(order, key=chat.DIFFICULTY_ORDER.get)
    dana = next(p for p in profiles if p.name == "isp-dana")
    assert dana.display_name == runtime.catalog.personas["isp-dana"].name


async def test_start_asks_the_mode_then_the_customer_opens(runtime):
    browser = await started(runtime, mode="exam")
    session = live_session()
    persona = runtime.catalog.personas["isp-dana"]

    assert browser.sent("ask")[0]["spec"]["type"] == "action"
    opening = browser.messages()[-1]
    assert opening["name"] == persona.name and opening["output"] in persona.opening_lines
    assert browser.actions()[-1] == "End & debrief"
    record = await runtime.store.load_session(session.session_id)
    assert record.mode == "exam" and record.persona_id == "isp-dana"
    # the Chainlit thread is the practice session, announced with the first reply
    from chainlit.context import context
    assert context.session.thread_id == session.session_id and not context.session.has_first_interaction
    meter = browser.meters()[-1]
    assert (meter["props"]["anger"], meter["props"]["trust"]) == (persona.temperament.anger, persona.temperament.trust)


async def test_no_mode_chosen_starts_nothing(runtime):
    browser = await started(runtime, mode=None)
    assert live_session() is None
    assert "No mode was chosen" in browser.texts()


async def test_a_button_pressed_before_there_is_a_session_says_so(runtime):
    # e.g. "Show debrief" pressed while a reopened session is still loading: the press must not look lost
    browser = await started(runtime, mode=None)
    await chat.on_end(cl.Action(name="end_session", payload={}))
    await chat.on_retry(cl.Action(name="retry_customer", payload={}))
    assert browser.texts().count("This chat has no practice session yet") == 2
    assert live_session() is None


async def test_coach_reply_streams_the_customer_and_shows_coaching(runtime, customer):
    browser = await started(runtime)
    customer.enqueue("Fine. The technician never came on Tuesday. I lost a day of work.")

    await chat.on_message(cl.Message(content=EMPATHIC))

    coaching = next(m for m in browser.messages() if m["type"] == "tool")
    assert coaching["name"].startswith("coaching - ")
    done = [s for s in browser.sent("update_message") if s["id"] == coaching["id"]][-1]
    assert "Specific empathy" in done["output"] and "Open questions" in done["output"]
    assert browser.sent("stream_start"), "the customer's answer is streamed"
    answer = browser.messages()[-1]
    assert answer["output"] == "Fine. The technician never came on Tuesday. I lost a day of work."
    # the End button moved to the newest customer message
    ends = [a for a in browser.sent("action") if a["name"] == "end_session"]
    assert [a["forId"] for a in browser.sent("remove_action") if a["name"] == "end_session"] == [ends[0]["forId"]]
    assert ends[-1]["forId"] == answer["id"]


async def test_mood_meter_is_one_element_updated_per_reply(runtime, customer):
    browser = await started(runtime)
    customer.enqueue("Fine. The technician never came on Tuesday.")
    await chat.on_message(cl.Message(content=EMPATHIC))

    meters = browser.meters()
    assert len({m["id"] for m in meters}) == 1 and meters[-1]["display"] == "side"
    assert len(meters[-1]["props"]["history"]) == 2
    assert meters[-1]["props"]["anger"] < meters[0]["props"]["anger"], "specific empathy calms the customer"


async def test_exam_mode_shows_no_grades(runtime, customer):
    browser = await started(runtime, mode="exam")
    customer.enqueue("Fine. The technician never came on Tuesday.")
    await chat.on_message(cl.Message(content=EMPATHIC))
    assert not [m for m in browser.messages() if m["type"] == "tool"]
    assert browser.messages()[-1]["output"] == "Fine. The technician never came on Tuesday."


async def test_llm_outage_keeps_the_reply_and_offers_retry(runtime, customer):
    browser = await started(runtime)
    session = live_session()
    customer.enqueue_error(LLMUnavailable("The LLM endpoint did not answer.", hint="is it running?"))

    await chat.on_message(cl.Message(content=EMPATHIC))

    assert "The customer could not answer" in browser.texts() and "Your reply is saved" in browser.texts()
    retry = next(a for a in browser.sent("action") if a["label"] == "Retry")
    stored = await runtime.store.load_session(session.session_id)
    assert stored.turns[-1].agent_text == EMPATHIC and stored.turns[-1].customer_text is None

    customer.enqueue("Fine. The technician never came on Tuesday.")
    await chat.on_retry(cl.Action(**{k: retry[k] for k in ("name", "payload", "label", "id")}))

    assert browser.messages()[-1]["output"] == "Fine. The technician never came on Tuesday."
    stored = await runtime.store.load_session(session.session_id)
    assert stored.turns[-1].customer_text == "Fine. The technician never came on Tuesday."


async def test_too_long_reply_is_refused_and_empty_one_ignored(runtime):
    browser = await started(runtime)
    session = live_session()
    before = len(browser.events)

    await chat.on_message(cl.Message(content="   "))
    assert len(browser.events) == before

    await chat.on_message(cl.Message(content="x" * (runtime.settings.max_message_chars + 1)))
    assert f"the limit is {runtime.settings.max_message_chars}" in browser.messages()[-1]["output"]
    assert len((await runtime.store.load_session(session.session_id)).turns) == 1


async def test_message_before_a_mode_is_chosen_is_answered(runtime):
    browser = await connect(runtime)
    await chat.on_message(cl.Message(content="hello?"))
    assert "Choose **Coach mode** or **Exam mode**" in browser.texts()


async def test_end_shows_the_debrief_with_chart_and_try_again(runtime, customer):
    browser = await started(runtime)
    customer.enqueue("Fine. The technician never came on Tuesday.")
    await chat.on_message(cl.Message(content=EMPATHIC))
    session = live_session()

    await chat.on_end(cl.Action(name="end_session", payload={}))

    debrief = browser.messages()[-1]
    assert debrief["output"].startswith("## Debrief: ") and "| Specific empathy |" in debrief["output"]
    chart = browser.sent("element")[-1]
    assert chart["mime"] == "image/svg+xml" and chart["forId"] == debrief["id"]
    assert browser.actions()[-1] == "Try again"
    record = await runtime.store.load_session(session.session_id)
    assert record.end_reason == "agent_ended" and record.debrief is not None


async def test_try_again_is_a_fresh_session_with_the_same_persona_and_mode(runtime, customer):
    await started(runtime, mode="exam")
    first = live_session()
    await chat.on_end(cl.Action(name="end_session", payload={}))

    await chat.on_try_again(cl.Action(name="try_again", payload={"persona": "isp-dana", "mode": "exam"}))

    second = live_session()
    assert second.session_id != first.session_id and second.persona.id == "isp-dana" and second.mode == "exam"
    assert len(second.turns) == 1 and second.end_reason is None


async def test_a_dropped_connection_ends_nothing(runtime):
    await started(runtime)
    session = live_session()
    await chat.on_chat_end()
    record = await runtime.store.load_session(session.session_id)
    assert record.ended_at is None


async def test_resume_reopens_an_open_session_where_it_stopped(runtime, customer):
    await started(runtime)
    customer.enqueue("Fine. The technician never came on Tuesday.")
    await chat.on_message(cl.Message(content=EMPATHIC))
    session_id = live_session().session_id
    thread = await StoreDataLayer(runtime.store, runtime.find_persona).get_thread(session_id)

    browser = await connect(runtime)  # a new connection, e.g. after a restart
    await chat.on_chat_resume(thread)

    assert thread["steps"][-1]["output"].startswith("Welcome back")
    assert browser.actions() == ["End & debrief"]
    assert thread["elements"][-1]["name"] == "MoodMeter"
    customer.enqueue("Okay. When can someone come?")
    await chat.on_message(cl.Message(content="What time suits you best for the visit?"))
    assert len((await runtime.store.load_session(session_id)).turns) == 3


async def test_resume_of_an_ended_session_offers_its_debrief(runtime):
    await started(runtime)
    session_id = live_session().session_id
    await chat.on_end(cl.Action(name="end_session", payload={}))
    thread = await StoreDataLayer(runtime.store, runtime.find_persona).get_thread(session_id)

    browser = await connect(runtime)
    await chat.on_chat_resume(thread)
    assert browser.actions() == ["Show debrief", "Try again"]

    await chat.on_end(cl.Action(name="end_session", payload={}))
    assert browser.messages()[-1]["output"].startswith("## Debrief: ")


async def test_a_login_that_is_no_longer_valid_is_refused(runtime):
    await runtime.store.add_user("old", "agent")  # no password: cannot log in while login is required
    browser = await started(runtime, user="old")
    assert live_session() is None
    assert "cannot use the practice app" in browser.texts()


async def test_resume_after_an_unanswered_reply_offers_to_end_or_try_again(runtime, customer):
    await started(runtime)
    customer.enqueue_error(LLMUnavailable("The LLM endpoint did not answer."))
    await chat.on_message(cl.Message(content=EMPATHIC))
    thread = await StoreDataLayer(runtime.store, runtime.find_persona).get_thread(live_session().session_id)

    browser = await connect(runtime)
    await chat.on_chat_resume(thread)

    assert "never answered your last reply" in thread["steps"][-1]["output"]
    assert browser.actions() == ["End & debrief", "Try again"]


async def test_nobody_resumes_another_agents_session(runtime):
    await started(runtime)
    thread = await StoreDataLayer(runtime.store, runtime.find_persona).get_thread(live_session().session_id)
    await runtime.store.add_user("bob", "agent", password_hash="not-used-here")

    browser = await connect(runtime, user="bob")
    await chat.on_chat_resume(thread)

    assert live_session() is None and browser.actions() == []
    assert "belongs to someone else" in browser.texts()
