"""Chainlit's thread history, read from the project's store: a thread is a practice session.

The store is the source of truth. Chainlit's own writes (steps, elements, feedback, thread names, its
session metadata) are not needed, since the session core saves every turn itself, so they are accepted
and dropped. Reads are rebuilt from the store: a thread's steps are the session's turns, its metadata
carries the chat profile (persona) so a resumed chat knows which customer it is talking to.

Who may read a thread: Chainlit asks ``get_thread_author`` before every thread read, rename, delete and
socket resume, and refuses unless the author is the logged-in user, so an agent only ever reaches their
own sessions here. Reviewers read other people's sessions on the review pages, not in the practice app.
Thread sharing stays off: no thread ever carries the ``is_shared`` flag Chainlit's share page looks for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from chainlit.data.base import BaseDataLayer
from chainlit.types import PageInfo, PaginatedResponse
from chainlit.user import PersistedUser, User
from fastapi import HTTPException

from bot.domain import Persona
from bot.errors import NotFound
from bot.ports import SessionRecord
from bot.web.render import session_title

if TYPE_CHECKING:
    from chainlit.element import Element, ElementDict
    from chainlit.step import StepDict
    from chainlit.types import Feedback, Pagination, ThreadDict, ThreadFilter

    from bot.store import SessionSummary, SqlStore
    from bot.store.records import User as StoreUser

PersonaLookup = Callable[[str], "Persona | None"]
LoginCheck = Callable[["StoreUser"], bool]


def iso(moment: datetime) -> str:
    return moment.isoformat()


def chainlit_user(user: StoreUser) -> PersistedUser:
    return PersistedUser(
        id=user.id, identifier=user.name, display_name=user.name, createdAt=iso(user.created_at),
        metadata={"role": user.role, "team": user.team},
    )


def thread_name(persona_id: str, started_at: datetime, personas: PersonaLookup) -> str:
    persona = personas(persona_id)
    return session_title(persona.name if persona else persona_id, started_at)


def transcript_steps(record: SessionRecord, agent_name: str, customer_name: str) -> list[StepDict]:
    """The session's turns as Chainlit messages: the agent's reply, then the customer's answer."""
    steps: list[StepDict] = []
    for turn in record.turns:
        at = iso(turn.created_at)
        if turn.agent_text is not None:
            steps.append(_message(record.id, f"{record.id}-{turn.index}-agent", "user_message", agent_name,
                                  turn.agent_text, at))
        if turn.customer_text is not None:
            steps.append(_message(record.id, f"{record.id}-{turn.index}-customer", "assistant_message",
                                  customer_name, turn.customer_text, at))
    return steps


def _message(thread_id: str, step_id: str, kind: str, author: str, text: str, at: str) -> StepDict:
    return {
        "id": step_id, "threadId": thread_id, "parentId": None, "type": kind, "name": author, "output": text,
        "input": "", "createdAt": at, "start": at, "end": at, "streaming": False, "metadata": {},
    }  # type: ignore[return-value]


class StoreDataLayer(BaseDataLayer):
    """Chainlit data layer over ``SqlStore``. ``personas`` maps a persona id to the loaded persona;
    ``may_log_in`` says whether a user can log in now: users who cannot (a password removed, a token from
    before login was switched on) are unknown here, and so are their sessions."""

    def __init__(self, store: SqlStore, personas: PersonaLookup, may_log_in: LoginCheck = lambda user: True):
        self.store, self.personas, self.may_log_in = store, personas, may_log_in

    async def _owner(self, thread_id: str) -> tuple[SessionRecord, StoreUser] | None:
        try:
            record = await self.store.load_session(thread_id)
            owner = await self.store.get_user(record.user_id)
        except NotFound:
            return None
        return (record, owner) if self.may_log_in(owner) else None

    # ------------------------------------------------------------------ users

    async def get_user(self, identifier: str) -> PersistedUser | None:
        user = await self.store.find_user(identifier)
        return chainlit_user(user) if user and self.may_log_in(user) else None

    async def create_user(self, user: User) -> PersistedUser | None:
        """Users are made with `bot users add` (or are the local user), never from a login: look them up."""
        return await self.get_user(user.identifier)

    # ------------------------------------------------------------------ threads = practice sessions

    async def get_thread_author(self, thread_id: str) -> str:
        """The owner's user name, or "" for an unknown thread (Chainlit then answers 404)."""
        found = await self._owner(thread_id)
        return found[1].name if found else ""

    async def get_thread(self, thread_id: str) -> ThreadDict | None:
        found = await self._owner(thread_id)
        if found is None:
            return None
        record, owner = found
        persona = self.personas(record.persona_id)
        customer = persona.name if persona else record.persona_id
        return {
            "id": record.id,
            "createdAt": iso(record.started_at),
            "name": thread_name(record.persona_id, record.started_at, self.personas),
            "userId": owner.id,
            "userIdentifier": owner.name,
            "tags": [record.persona_id, record.mode],
            "metadata": {"chat_profile": record.persona_id, "mode": record.mode, "ended": record.ended_at is not None},
            "steps": transcript_steps(record, owner.name, customer),
            "elements": [],
        }

    async def list_threads(self, pagination: Pagination, filters: ThreadFilter) -> PaginatedResponse[ThreadDict]:
        """The user's sessions that got at least one reply, newest first; `search` matches the customer."""
        if not filters.userId:
            return PaginatedResponse(pageInfo=PageInfo(hasNextPage=False, startCursor=None, endCursor=None), data=[])
        sessions = [s for s in await self.store.sessions_for_user(filters.userId) if s.turn_count > 1]
        if filters.search:
            needle = filters.search.lower()
            sessions = [s for s in sessions if needle in self._title(s).lower()]
        start = next((i + 1 for i, s in enumerate(sessions) if s.id == pagination.cursor), 0)
        page = sessions[start : start + pagination.first]
        has_next = start + pagination.first < len(sessions)
        return PaginatedResponse(
            pageInfo=PageInfo(
                hasNextPage=has_next,
                startCursor=page[0].id if page else None,
                endCursor=page[-1].id if page else None,
            ),
            data=[self._summary_thread(s) for s in page],
        )

    def _title(self, summary: SessionSummary) -> str:
        return thread_name(summary.persona_id, summary.started_at, self.personas)

    def _summary_thread(self, summary: SessionSummary) -> ThreadDict:
        return {
            "id": summary.id, "createdAt": iso(summary.started_at), "name": self._title(summary),
            "userId": summary.user_id, "userIdentifier": summary.agent, "tags": [summary.persona_id, summary.mode],
            "metadata": {"chat_profile": summary.persona_id, "mode": summary.mode}, "steps": [], "elements": [],
        }

    async def delete_thread(self, thread_id: str):
        raise HTTPException(status_code=403,
                            detail="Practice sessions are kept for your reviewers and cannot be deleted.")

    async def update_thread(self, thread_id: str, name=None, user_id=None, metadata=None, tags=None):
        """Names come from the persona and metadata from the store, so Chainlit's updates are not kept."""

    # ------------------------------------------------------------------ written by the session core instead

    async def create_step(self, step_dict: StepDict):
        pass

    async def update_step(self, step_dict: StepDict):
        pass

    async def delete_step(self, step_id: str):
        pass

    async def create_element(self, element: Element):
        pass

    async def get_element(self, thread_id: str, element_id: str) -> ElementDict | None:
        return None

    async def delete_element(self, element_id: str, thread_id: str | None = None):
        pass

    async def upsert_feedback(self, feedback: Feedback) -> str:
        return feedback.id or ""

    async def delete_feedback(self, feedback_id: str) -> bool:
        return True

    async def get_favorite_steps(self, user_id: str) -> list[StepDict]:
        return []

    async def build_debug_url(self) -> str:
        return ""

    async def close(self) -> None:
        """The store belongs to the app and is closed by its lifespan."""
