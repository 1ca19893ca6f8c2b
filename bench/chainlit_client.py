"""A trainee without a browser: Chainlit's socket.io protocol spoken by python-socketio, as the web page does.

    client = ChatClient(app_url, persona_id="isp-dana", persona_name="Dana Okafor")
    await client.open()                 # log in, connect, choose coach mode, wait for the opening line
    timing = await client.say("I'm sorry to hear that. What happened?")
    await client.close()

Handshake (chainlit/socket.py): POST /auth/header (no-login mode) or /login sets the access_token cookie;
connect to /ws/socket.io with that cookie and auth {sessionId, clientType, chatProfile, threadId}; emit
`connection_successful` (on_chat_start runs; its mode question arrives as an `ask` call, answered by this
client's return value); a reply is `client_message`; the customer streams as `stream_start` + `stream_token`,
and `task_end` says the server is done with the message. ``thread_id`` resumes a thread (on_chat_resume);
a button press is POST /project/action (its answer can overtake the messages it sent: wait with `notice`).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

import httpx
import socketio

TURN_TIMEOUT_S = 120


@dataclass(frozen=True)
class ChatTiming:
    first_text_s: float | None  # until the customer's first streamed text arrived
    total_s: float  # until the server finished with the message (task_end)
    first_text: str


@dataclass
class ChatClient:
    app_url: str
    persona_id: str
    persona_name: str
    mode: str = "coach"
    thread_id: str | None = None  # set to resume that thread
    password_login: tuple[str, str] | None = None
    transports: tuple[str, ...] = ("websocket",)  # ("polling",): socket.io's HTTP fallback, many requests
    notices: list[str] = field(default_factory=list)  # what the app itself said ("Practice" messages)
    customer_messages: list[str] = field(default_factory=list)
    asked_mode: bool = False
    resumed_steps: list[dict] = field(default_factory=list)  # the transcript the app sent back on resume

    def __post_init__(self) -> None:
        self.sio = socketio.AsyncClient(reconnection=False)
        self._session_id, self._cookie = str(uuid.uuid4()), ""
        self._first_text: asyncio.Future | None = None
        self._task_end: asyncio.Event = asyncio.Event()
        self._opening = asyncio.Event()
        self.sio.on("ask", self._on_ask)
        self.sio.on("new_message", self._on_message)
        self.sio.on("stream_start", self._on_stream_start)
        self.sio.on("task_end", self._on_task_end)
        self.sio.on("first_interaction", self._on_first_interaction)
        self.sio.on("resume_thread", self._on_resume)

    async def open(self, timeout: float = TURN_TIMEOUT_S) -> None:
        self._cookie = await self._log_in()
        auth = {"sessionId": self._session_id, "clientType": "webapp", "chatProfile": self.persona_id,
                "threadId": self.thread_id, "userEnv": "{}"}
        await self.sio.connect(self.app_url, headers={"Cookie": self._cookie}, auth=auth,
                               socketio_path="/ws/socket.io",
                               transports=list(self.transports), wait_timeout=timeout)
        resuming = self.thread_id is not None
        await self.sio.emit("connection_successful")
        await asyncio.wait_for(self._opening.wait(), timeout)
        if not resuming:  # on_chat_start ends with a task_end after the opening line (and the mood meter)
            await asyncio.wait_for(self._task_end.wait(), timeout)

    async def _log_in(self) -> str:
        async with httpx.AsyncClient(base_url=self.app_url, timeout=30) as http:
            if self.password_login:
                name, password = self.password_login
                response = await http.post("/login", data={"username": name, "password": password})
            else:
                response = await http.post("/auth/header")
            response.raise_for_status()
            return "; ".join(f"{name}={value}" for name, value in response.cookies.items())

    async def say(self, text: str, timeout: float = TURN_TIMEOUT_S) -> ChatTiming:
        """Send a reply; time until the customer's first text and until the server is done."""
        self._first_text = asyncio.get_running_loop().create_future()
        self._task_end.clear()
        step = {"id": str(uuid.uuid4()), "threadId": self.thread_id, "name": "trainee", "type": "user_message",
                "output": text, "createdAt": datetime.now(timezone.utc).isoformat()}
        started = time.perf_counter()
        await self.sio.emit("client_message", {"message": step, "fileReferences": []})
        first_text = None
        try:
            first_text = await asyncio.wait_for(asyncio.shield(self._first_text), timeout)
            first_at = time.perf_counter() - started
        except asyncio.TimeoutError:
            first_at = None
        await asyncio.wait_for(self._task_end.wait(), timeout)
        return ChatTiming(first_at, time.perf_counter() - started, first_text or "")

    async def act(self, name: str, **payload: object) -> None:
        """Press a button (a Chainlit action), as the page does: POST /project/action."""
        action = {"name": name, "payload": payload, "id": str(uuid.uuid4()), "label": name}
        async with httpx.AsyncClient(base_url=self.app_url, timeout=TURN_TIMEOUT_S) as http:
            response = await http.post("/project/action", json={"sessionId": self._session_id, "action": action},
                                       headers={"Cookie": self._cookie})
            response.raise_for_status()

    async def notice(self, starting: str, timeout: float = TURN_TIMEOUT_S) -> str:
        """The app's message that starts with ``starting``, once it has arrived. An action's HTTP answer can
        overtake the messages its callback sent over the socket, so a caller waits for them here."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = next((text for text in self.notices if text.startswith(starting)), None)
            if found is not None:
                return found
            await asyncio.sleep(0.05)
        raise AssertionError(f"no notice starting {starting!r} within {timeout} s; got {self.notices!r}")

    async def close(self) -> None:
        await self.sio.disconnect()

    # ------------------------------------------------------------------ server events

    async def _on_ask(self, data: dict) -> dict:
        self.asked_mode = True
        return {"name": "mode", "payload": {"mode": self.mode}, "label": self.mode, "tooltip": "", "forId": "",
                "id": str(uuid.uuid4())}

    async def _on_message(self, step: dict) -> None:
        author, text = step.get("name"), str(step.get("output") or "")
        if author == self.persona_name:
            self.customer_messages.append(text)
            if not self._opening.is_set():
                self._task_end.clear()  # the mode question's own task_end came before the opening line
                self._opening.set()
            self._got_first_text(text)
        elif author == "Practice":
            self.notices.append(text)

    async def _on_stream_start(self, step: dict) -> None:
        if step.get("name") == self.persona_name:
            self._got_first_text(str(step.get("output") or ""))

    def _got_first_text(self, text: str) -> None:
        if self._first_text is not None and not self._first_text.done():
            self._first_text.set_result(text)

    async def _on_resume(self, thread: dict) -> None:
        self.resumed_steps = thread.get("steps") or []
        self._opening.set()

    async def _on_task_end(self, _data) -> None:
        self._task_end.set()

    async def _on_first_interaction(self, data: dict) -> None:
        self.thread_id = data.get("thread_id") or self.thread_id
