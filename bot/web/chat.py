"""The practice app's Chainlit handlers: thin glue between the browser and ``PracticeSession``.

A chat profile is a persona; a Chainlit thread is a practice session: the thread id is set to the store's
session id before the first reply, so history, resume and review all name the same thing. "Try again"
starts a new session in the same chat; it is listed in the history under its own id. What the
trainee sees is built by ``bot.web.render``; product errors become UI text here and nowhere else.

A dropped connection does not end anything: Chainlit keeps the user session (and so the live
PracticeSession) for `session_timeout`, and after that the stored session is reopened from history.
"""

from __future__ import annotations

import functools
import logging

import chainlit as cl
from chainlit.context import context

from bot.customer import CustomerDraft
from bot.errors import AccessDenied, BotError, LLMUnavailable
from bot.session import CustomerMessage, Ended, Graded, PracticeSession
from bot.web import render
from bot.web.practice import current

log = logging.getLogger(__name__)

SESSION = "practice_session"  # user_session key of the live PracticeSession
END_ACTIONS = "end_actions"  # the "End & debrief" buttons on the latest customer message
MOOD_METER = "mood_meter"
APP_AUTHOR = "Practice"
MODE_CHOICE_TIMEOUT_S = 3600
DIFFICULTY_ORDER = {"easy": 0, "medium": 1, "hard": 2}
ENDINGS = {
    "resolved": "The customer is satisfied: the conversation is resolved.",
    "escalated": "The customer demanded a supervisor: the conversation was escalated.",
    "hung_up": "The customer hung up.",
    "turn_cap": "That was the last reply of this session.",
    "agent_ended": "You ended the session.",
}


def shows_errors(handler):
    """Product errors become a message in the chat; anything else is Chainlit's to report."""

    @functools.wraps(handler)
    async def wrapper(*args, **kwargs):
        try:
            return await handler(*args, **kwargs)
        except BotError as error:
            await cl.Message(author=APP_AUTHOR, content=f"⚠ {error}").send()

    return wrapper


def action(name: str, label: str, icon: str, **payload) -> cl.Action:
    return cl.Action(name=name, label=label, icon=icon, payload=payload)


# --------------------------------------------------------------------------- wiring


@cl.set_chat_profiles
async def chat_profiles(user=None, language=None) -> list[cl.ChatProfile]:
    personas = sorted(current().catalog.personas.values(), key=lambda p: (DIFFICULTY_ORDER[p.difficulty], p.name))
    return [
        cl.ChatProfile(name=p.id, display_name=p.name, markdown_description=render.persona_profile_markdown(p))
        for p in personas
    ]


async def store_user():
    return await current().user(cl.user_session.get("user").identifier)


# --------------------------------------------------------------------------- starting


@cl.on_chat_start
@shows_errors
async def on_chat_start() -> None:
    runtime = current()
    persona = runtime.persona(cl.user_session.get("chat_profile"))
    await store_user()  # refuses a login that is no longer valid before anything starts
    await cl.Message(author=APP_AUTHOR,
                     content=render.welcome_markdown(persona, local_mode=not runtime.login_required)).send()
    # Chainlit announces the thread on the first answer; this thread's id must be the session's, which
    # exists only once the mode is chosen: hold the announcement until then.
    context.session.has_first_interaction = True
    choice = await cl.AskActionMessage(
        author=APP_AUTHOR,
        content="How do you want to practise?",
        actions=[action("mode", "Coach mode", "graduation-cap", mode="coach"),
                 action("mode", "Exam mode", "clipboard-check", mode="exam")],
        timeout=MODE_CHOICE_TIMEOUT_S,
    ).send()
    if choice is None:
        await cl.Message(author=APP_AUTHOR, content="No mode was chosen: start a new chat to practise.").send()
        return
    session = await begin(persona.id, choice["payload"]["mode"])
    context.session.thread_id = session.session_id
    context.session.has_first_interaction = False  # the first reply announces the thread, with this id


async def begin(persona_id: str, mode: str) -> PracticeSession:
    """Open a fresh practice session in this chat: the customer speaks first."""
    runtime = current()
    session = runtime.session(runtime.persona(persona_id), await store_user(), mode)
    opening = await session.start()
    cl.user_session.set(SESSION, session)
    await show_customer(session, cl.Message(author=session.persona.name, content=opening.customer_text))
    await show_mood(session)
    return session


# --------------------------------------------------------------------------- one reply


@cl.on_message
@shows_errors
async def on_message(message: cl.Message) -> None:
    session: PracticeSession | None = cl.user_session.get(SESSION)
    if not message.content.strip():
        return
    if session is None:
        await cl.Message(author=APP_AUTHOR, content="Choose **Coach mode** or **Exam mode** above to start.").send()
        return
    await play(session, session.reply(message.content))


async def play(session: PracticeSession, events) -> None:
    """Show what a reply caused, as it happens: coaching, the mood, the streamed customer, an ending."""
    customer: cl.Message | None = None
    try:
        async for event in events:
            if isinstance(event, Graded):
                if session.mode == "coach":
                    await show_coaching(session, event)
                await show_mood(session)
            elif isinstance(event, CustomerDraft):
                customer = customer or cl.Message(author=session.persona.name, content="")
                await customer.stream_token(event.text[len(customer.content):])
            elif isinstance(event, CustomerMessage):
                customer = customer or cl.Message(author=session.persona.name, content="")
                customer.content = event.turn.customer_text or ""
                await show_customer(session, customer)
            elif isinstance(event, Ended):
                await show_ending(session, event)
    except LLMUnavailable as error:
        await cl.Message(
            author=APP_AUTHOR,
            content=f"⚠ The customer could not answer: {error}\n\nYour reply is saved. Press **Retry** to ask "
                    "the customer again.",
            actions=[action("retry_customer", "Retry", "refresh-cw")],
        ).send()


async def show_coaching(session: PracticeSession, graded: Graded) -> None:
    async with cl.Step(name=render.coaching_title(graded.turn.grade), type="tool", show_input=False) as step:
        step.output = render.coaching_markdown(graded.turn.grade, session.rubric)


async def show_customer(session: PracticeSession, message: cl.Message) -> None:
    """Send the customer's message with the End button, taken off the previous one."""
    for old in cl.user_session.get(END_ACTIONS) or []:
        await old.remove()
    message.actions = [] if session.end_reason else [action("end_session", "End & debrief", "flag")]
    await message.send()
    cl.user_session.set(END_ACTIONS, message.actions)


def mood_meter(session: PracticeSession) -> cl.CustomElement:
    """The chat's one MoodMeter (public/elements/MoodMeter.jsx), with this session's current mood.

    Chainlit shows every element displayed "side" in the panel beside the chat, so the same element is
    updated in place rather than a new one added per reply."""
    props = render.mood_meter_props(session.persona, [turn.mood for turn in session.turns])
    meter = cl.user_session.get(MOOD_METER)
    if meter is None:
        meter = cl.CustomElement(name="MoodMeter", props=props, display="side")
        cl.user_session.set(MOOD_METER, meter)
    meter.props = props
    return meter


async def show_mood(session: PracticeSession) -> None:
    meter = mood_meter(session)
    if meter.chainlit_key is None:
        await meter.update()  # the first time: Chainlit registers the element (and keeps it as a file)
    else:
        # Then only the new props travel: Chainlit's update() would write the element to a new file on disk
        # on every reply, and the meter is drawn from its props, never from that file.
        await context.emitter.send_element(meter.to_dict())


# --------------------------------------------------------------------------- ending


async def show_ending(session: PracticeSession, ended: Ended) -> None:
    for old in cl.user_session.get(END_ACTIONS) or []:
        await old.remove()
    await cl.Message(author=APP_AUTHOR, content=ENDINGS[ended.reason]).send()
    await show_debrief(session, ended.debrief)


async def show_debrief(session: PracticeSession, debrief) -> None:
    again = [action("try_again", "Try again", "rotate-ccw", persona=session.persona.id, mode=session.mode)]
    if debrief is None:
        await cl.Message(author=APP_AUTHOR, content="No debrief is available for this session.", actions=again).send()
        return
    chart = cl.Image(name="mood-curve.svg", content=render.mood_curve_svg(debrief.mood_curve).encode(),
                     mime="image/svg+xml", display="inline", size="large")
    await cl.Message(author=APP_AUTHOR, content=render.debrief_markdown(debrief, session.rubric),
                     elements=[chart], actions=again).send()


async def no_session_yet() -> None:
    """A button pressed on a connection with no practice session: a reopened session still loading, or a chat
    whose mode was never chosen. Say so rather than do nothing (the press would otherwise look lost)."""
    await cl.Message(author=APP_AUTHOR, content="This chat has no practice session yet. If you have just reopened a "
                     "session, wait until its mood meter shows and press the button again; otherwise choose **Coach "
                     "mode** or **Exam mode** above to start.").send()


@cl.action_callback("end_session")
@shows_errors
async def on_end(_: cl.Action) -> None:
    session: PracticeSession | None = cl.user_session.get(SESSION)
    if session is None:
        await no_session_yet()
        return
    if session.end_reason is not None:
        record = await current().store.load_session(session.session_id)
        await show_debrief(session, record.debrief)
        return
    await show_ending(session, await session.end("agent_ended"))


@cl.action_callback("retry_customer")
@shows_errors
async def on_retry(retry: cl.Action) -> None:
    session: PracticeSession | None = cl.user_session.get(SESSION)
    if session is None:
        await no_session_yet()
        return
    await retry.remove()
    await play(session, session.retry_customer())


@cl.action_callback("try_again")
@shows_errors
async def on_try_again(again: cl.Action) -> None:
    await again.remove()
    await cl.Message(author=APP_AUTHOR, content="---\n**New attempt**: same customer, fresh start.").send()
    await begin(again.payload["persona"], again.payload["mode"])


# --------------------------------------------------------------------------- history


@cl.on_chat_resume
@shows_errors
async def on_chat_resume(thread: dict) -> None:
    """Reopen a past session: Chainlit shows the transcript; this adds the mood and what can be done next."""
    runtime = current()
    record, user = await runtime.store.load_session(thread["id"]), await store_user()
    if record.user_id != user.id:  # Chainlit checked the thread's author already; the store has the last word
        raise AccessDenied("This practice session belongs to someone else.")
    session = runtime.reopened(record, user)
    cl.user_session.set(SESSION, session)
    again = action("try_again", "Try again", "rotate-ccw", persona=record.persona_id, mode=record.mode)
    if record.ended_at is not None:
        note = f"{ENDINGS.get(record.end_reason or '', 'This session has ended.')} Open its debrief or try again."
        actions = [action("end_session", "Show debrief", "clipboard-list"), again]
    elif record.turns[-1].customer_text is None:
        note = ("The customer never answered your last reply (the model was unavailable). End the session for "
                "the debrief, or try again.")
        actions = [action("end_session", "End & debrief", "flag"), again]
    else:
        note = "Welcome back: this session is still open. Type your next reply, or end it for the debrief."
        actions = [action("end_session", "End & debrief", "flag")]
    # Chainlit replaces the chat with the thread's steps and elements after this handler: what this
    # handler adds joins them, and only the buttons are sent.
    note_message = cl.Message(author=APP_AUTHOR, content=note, actions=actions)
    thread["steps"].append(note_message.to_dict())
    thread["elements"] = [*(thread.get("elements") or []), mood_meter(session).to_dict()]
    for button in actions:
        await button.send(for_id=note_message.id)
    cl.user_session.set(END_ACTIONS, actions)


@cl.on_chat_end
async def on_chat_end() -> None:
    session: PracticeSession | None = cl.user_session.get(SESSION)
    if session is not None and session.end_reason is None:
        log.info("connection closed; session %s stays open and resumable", session.session_id)
