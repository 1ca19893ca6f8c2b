"""Hostile or odd trainee messages through the session core into the real store (SQLite, and PostgreSQL
with BOT_TEST_DATABASE_URL): refused with a clear message, or stored and shown escaped."""

from __future__ import annotations

import tomllib

import pytest

from bot.config import PROJECT_ROOT, Settings
from bot.customer import CustomerVoice
from bot.errors import InputError
from bot.files import load_persona
from bot.grading.offline import OfflineGrader
from bot.review.dashboard import load_dashboard
from bot.review.report import render_report
from bot.session import PracticeSession
from bot.store.records import SessionFilter
from tests.fakes import FakeChatModel
from tests.store.conftest import store, store_url  # noqa: F401  SQLite, and PostgreSQL when configured

DANA = load_persona(PROJECT_ROOT / "personas" / "isp-dana.yaml")
MARKUP_NAME = "<img/src=x/onerror=alert(1)>"  # a user name may not hold spaces, but may hold markup


async def started_session(store, rubric, prompts, user_name: str = "ana") -> PracticeSession:
    user = await store.add_user(user_name, "agent")
    customer = FakeChatModel().enqueue(*[f"Line number {n} from the customer, still upset." for n in range(5)])
    session = PracticeSession(persona=DANA, rubric=rubric, customer=CustomerVoice(customer, prompts),
                              mood_grader=OfflineGrader(), store=store, settings=Settings(max_message_chars=300),
                              user_id=user.id)
    await session.start()
    return session


async def send(session: PracticeSession, text: str) -> None:
    async for _ in session.reply(text):
        pass


@pytest.mark.parametrize("text, stored", [
    ("I hear you\x00, three days\x07 is awful.\x1b[2J What happened?",
     "I hear you, three days is awful.[2J What happened?"),
    ("Line one\nline two\twith a tab", "Line one\nline two\twith a tab"),
    ("\u202eevil\u202c but the words stay", "\u202eevil\u202c but the words stay"),  # right-to-left: kept as text
    ("<script>alert('x')</script> I'm sorry", "<script>alert('x')</script> I'm sorry"),  # data, escaped on output
])
async def test_odd_text_is_stored_as_text_without_control_characters(store, rubric, prompts, text, stored):
    session = await started_session(store, rubric, prompts)
    await send(session, text)
    assert (await store.load_session(session.session_id)).turns[1].agent_text == stored


@pytest.mark.parametrize("text, problem", [
    ("", "empty"), ("   \n\t ", "empty"), ("\x00\x07\x1b", "empty"),
    ("x" * 301, "301 characters long; the limit is 300"),
])
async def test_empty_or_oversized_replies_are_refused_and_nothing_is_stored(store, rubric, prompts, text, problem):
    session = await started_session(store, rubric, prompts)
    with pytest.raises(InputError, match=problem):
        await send(session, text)
    assert len((await store.load_session(session.session_id)).turns) == 1  # the opening line only


async def test_the_html_report_escapes_what_users_typed(store, rubric, prompts):
    session = await started_session(store, rubric, prompts, user_name=MARKUP_NAME)
    await send(session, "<script>alert('x')</script> Three days offline is awful. What happened?")
    html = render_report(await load_dashboard(store, SessionFilter(), rubric), scope=MARKUP_NAME)
    assert MARKUP_NAME not in html and "<script>alert" not in html
    assert "&lt;img/src=x/onerror=alert(1)&gt;" in html


def test_the_chat_never_renders_html_from_messages():
    config = tomllib.loads((PROJECT_ROOT / ".chainlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["features"]["unsafe_allow_html"] is False
