"""A fake OpenAI-compatible chat endpoint on loopback, paced and faulty on demand.

    with FakeLLM(Pace(latency_s=0.2, tokens_per_s=50), Faults(rate=0.3)) as llm:   # a background thread
        settings = Settings(llm_base_url=llm.base_url, llm_model="fake", ...)
    python -m bench.fake_llm --port 8901 --latency 0.2 --rate 50 --faults 0.3      # its own process

It answers POST /v1/chat/completions for the three roles, told apart by what the product asks:
- judge (``response_format`` named JudgeAnswer): every criterion of the request's schema at its best level,
  quoting the first words of the fenced reply, so the answer is valid and grounded;
- debrief (DebriefDraft): one strength quoting the first agent turn of the prompt, and a summary;
- customer (streamed): the next of CUSTOMER_LINES, chosen by how many customer messages the history has
  (the first answer after the opening line is CUSTOMER_LINES[0]), so a session never hears the same line
  twice (the adherence guard would refuse a repeat) and a retried answer is the one that failed.
Every answer waits ``latency_s`` before its first token, then streams at ``tokens_per_s`` (a token = a
word). A ``rate`` share of calls instead fails with one of: 429, 500, a hang (the client times out),
malformed output (broken JSON / a broken SSE line), or a stream cut mid-way (connection reset).

GET /stats gives counters; POST /control {"fault_rate": 0.0, "down": false} changes behaviour at run time
(``down``: every call answers 503, an endpoint that is off). The HTTP is hand-written on asyncio streams:
a cut stream must be a real connection reset, which a web framework would not let us send.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

FAULT_KINDS = ("429", "500", "timeout", "malformed", "cut")
CUSTOMER_LINES = [
    "I have been waiting for three days and nobody has fixed my internet connection! I work from home.",
    "Fine. The technician never showed up on Tuesday and I lost a whole day of work.",
    "Okay, that actually helps a little. When exactly can someone come out to my place?",
    "Thursday morning could work for me. I need it confirmed in writing though.",
    "And what about the days I already lost? Nobody has even mentioned that yet.",
    "A credit would be something at least. How much are we talking about here?",
    "That is better than nothing, I suppose. Will it show up on this month's bill?",
    "Alright. Please make sure the technician actually has my address this time.",
    "It is the blue door at the back of the building. The bell does not work.",
    "Good. I will keep my phone on all morning then.",
    "Thanks for explaining it properly this time. I appreciate the straight answer.",
    "Okay, I think that covers everything for today. Goodbye.",
    "One last thing: could you send me the reference number by email please?",
    "Got it. Have a good evening.",
]
DEBRIEF_SUMMARY = "You kept the customer talking and found a next step. Next time, name the feeling earlier."


@dataclass
class Pace:
    latency_s: float = 0.0  # before the first token (or the whole JSON answer)
    tokens_per_s: float = 0.0  # streaming rate; 0 = all at once
    judge_latency_s: float | None = None  # the judge's own latency (a slow judge); None = latency_s

    def latency_for(self, role: str) -> float:
        return self.judge_latency_s if role == "judge" and self.judge_latency_s is not None else self.latency_s


@dataclass
class Faults:
    rate: float = 0.0  # share of calls that fail
    kinds: tuple[str, ...] = FAULT_KINDS
    hang_s: float = 30.0  # how long a "timeout" holds the call (the client should give up first)
    roles: tuple[str, ...] = ("customer", "judge", "debrief")


@dataclass
class Stats:
    calls: Counter = field(default_factory=Counter)  # by role
    faults: Counter = field(default_factory=Counter)  # by kind
    in_flight: int = 0
    peak_in_flight: int = 0

    def as_dict(self) -> dict:
        return {"calls": dict(self.calls), "faults": dict(self.faults), "peak_in_flight": self.peak_in_flight}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------- what each role answers


def role_of(body: dict) -> str:
    format_name = ((body.get("response_format") or {}).get("json_schema") or {}).get("name")
    return {"JudgeAnswer": "judge", "DebriefDraft": "debrief"}.get(format_name, "customer")


def prompt_text(body: dict) -> str:
    parts = []
    for message in body.get("messages", []):
        content = message.get("content")
        parts.append(content if isinstance(content, str) else json.dumps(content))
    return "\n".join(parts)


def customer_answer(body: dict) -> str:
    said = sum(1 for m in body.get("messages", []) if m.get("role") == "assistant")  # the opening line too
    return CUSTOMER_LINES[(said - 1) % len(CUSTOMER_LINES)]


def judge_answer(body: dict) -> str:
    """Every criterion of the request's schema at its first (best) level, quoting the fenced reply."""
    fenced = re.search(r"<(reply-[0-9a-f]+)>\n(.*?)\n</\1>", prompt_text(body), re.DOTALL)
    evidence = " ".join((fenced.group(2) if fenced else "").split()[:6])
    schema = body["response_format"]["json_schema"]["schema"]
    answer = {}
    for criterion_id, verdict in schema.get("properties", {}).items():
        levels = _level_enum(verdict)
        level = None if None in levels or not levels else levels[0]
        answer[criterion_id] = {"evidence": evidence, "rationale": "fake judge", "level": level}
    return json.dumps(answer)


def _level_enum(schema: object) -> list:
    """The ``level`` enum somewhere inside one criterion's schema (it may sit under anyOf)."""
    if isinstance(schema, dict):
        level = (schema.get("properties") or {}).get("level")
        if isinstance(level, dict) and "enum" in level:
            return level["enum"]
        children = list(schema.values())
    elif isinstance(schema, list):
        children = schema
    else:
        return []
    for child in children:
        if found := _level_enum(child):
            return found
    return []


def debrief_answer(body: dict) -> str:
    """One strength grounded in the first agent turn of the prompt (the product checks the quote)."""
    text = prompt_text(body)
    turn = re.search(r"^Turn (\d+) AGENT: (.+)$", text, re.MULTILINE)
    criterion = re.search(r"^- .+? \(([a-z0-9_]+)\): ", text, re.MULTILINE)
    strengths = []
    if turn and criterion:
        quote = " ".join(turn.group(2).split()[:5])
        strengths.append({"criterion": criterion.group(1), "turn": int(turn.group(1)), "quote": quote,
                          "why": "it answered the customer directly"})
    return json.dumps({"strengths": strengths, "improvements": [], "summary": DEBRIEF_SUMMARY})


ANSWERS = {"customer": customer_answer, "judge": judge_answer, "debrief": debrief_answer}


def tokens(text: str) -> list[str]:
    """Words with their leading space, as BPE tokenizers cut text: a sentence's end is only known once
    the next token (or the end of the stream) arrives."""
    return re.findall(r"\s*\S+", text)


# --------------------------------------------------------------------------- HTTP on asyncio streams


def _head(status: int, content_type: str, length: int | None = None) -> bytes:
    reason = {200: "OK", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error",
              503: "Service Unavailable"}[status]
    framing = f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked"
    return f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n{framing}\r\n\r\n".encode()


def _json_response(status: int, payload: object) -> bytes:
    data = json.dumps(payload).encode()
    return _head(status, "application/json", len(data)) + data


def _chunk(data: str) -> bytes:
    raw = data.encode()
    return f"{len(raw):x}\r\n".encode() + raw + b"\r\n"


def _sse(model: str, delta: dict, finish: str | None = None) -> str:
    payload = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
               "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(payload)}\n\n"


def _completion(model: str, text: str) -> dict:
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": len(tokens(text)),
                      "total_tokens": 10 + len(tokens(text))}}


class FakeLLM:
    def __init__(self, pace: Pace | None = None, faults: Faults | None = None, seed: int = 0, port: int = 0):
        self.pace, self.faults = pace or Pace(), faults or Faults()
        self.random = random.Random(seed)
        self.port = port
        self.down = False
        self.stats = Stats()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.base_events.Server | None = None
        self._connections: set[asyncio.Task] = set()
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # ------------------------------------------------------------------ running

    async def start(self) -> None:
        # IPPROTO_TCP named, as a real server's socket has it: asyncio switches Nagle's algorithm off only on
        # such sockets. With it on, a token written right after the response head waited for the client's
        # delayed ACK (40 ms) on a kept-alive connection, which the benches counted as the app's overhead.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        self.port = sock.getsockname()[1]
        self._server = await asyncio.start_server(self._connection, sock=sock, backlog=1024)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._connections):  # e.g. a "timeout" fault still holding its call
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)

    def __enter__(self) -> FakeLLM:
        """Serve from a background thread with its own event loop."""
        ready = threading.Event()

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            self._loop.run_until_complete(self.start())
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="fake-llm", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the fake LLM server did not start")
        return self

    def __exit__(self, *exc) -> None:
        assert self._loop is not None and self._thread is not None
        asyncio.run_coroutine_threadsafe(self.stop(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def control(self, *, fault_rate: float | None = None, down: bool | None = None) -> None:
        if fault_rate is not None:
            self.faults.rate = fault_rate
        if down is not None:
            self.down = down

    # ------------------------------------------------------------------ one connection, several requests

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._connections.add(task)
        task.add_done_callback(self._connections.discard)
        try:
            while request := await _read_request(reader):
                method, path, body = request
                if not await self._respond(method, path, body, writer):
                    break
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        except asyncio.CancelledError:  # stop(): end quietly (asyncio logs a connection task cancelled)
            pass
        finally:
            writer.close()

    async def _respond(self, method: str, path: str, body: bytes, writer: asyncio.StreamWriter) -> bool:
        """Answer one request; False when the connection must close (a fault cut it)."""
        if method == "GET" and path == "/stats":
            writer.write(_json_response(200, self.stats.as_dict()))
        elif method == "POST" and path == "/control":
            self.control(**json.loads(body or b"{}"))
            writer.write(_json_response(200, {"fault_rate": self.faults.rate, "down": self.down}))
        elif method == "GET" and path == "/v1/models":
            writer.write(_json_response(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]}))
        elif method == "POST" and path == "/v1/chat/completions":
            self.stats.in_flight += 1
            self.stats.peak_in_flight = max(self.stats.peak_in_flight, self.stats.in_flight)
            try:
                return await self._chat(json.loads(body), writer)
            finally:
                self.stats.in_flight -= 1
        else:
            writer.write(_json_response(404, {"error": {"message": f"no route {method} {path}"}}))
        await writer.drain()
        return True

    async def _chat(self, body: dict, writer: asyncio.StreamWriter) -> bool:
        role = role_of(body)
        self.stats.calls[role] += 1
        if self.down:
            writer.write(_json_response(503, {"error": {"message": "fake outage", "type": "server_error"}}))
            await writer.drain()
            return True
        fault = self._fault(role)
        if fault:
            self.stats.faults[fault] += 1
        if fault in ("429", "500"):
            error = {"error": {"message": f"fake fault {fault}", "type": "fake_fault", "code": fault}}
            writer.write(_json_response(int(fault), error))
            await writer.drain()
            return True
        if fault == "timeout":
            await asyncio.sleep(self.faults.hang_s)
            return False
        await asyncio.sleep(self.pace.latency_for(role))
        text = ANSWERS[role](body)
        model = body.get("model", "fake-model")
        if body.get("stream"):
            return await self._stream(text, model, body, writer, fault)
        if fault == "malformed":
            text = text[: max(1, len(text) // 2)]  # JSON cut in the middle of a value
        payload = json.dumps(_completion(model, text)).encode()
        if fault == "cut":
            writer.write(_head(200, "application/json", len(payload)) + payload[: len(payload) // 2])
            await writer.drain()
            writer.transport.abort()
            return False
        writer.write(_head(200, "application/json", len(payload)) + payload)
        await writer.drain()
        return True

    async def _stream(self, text: str, model: str, body: dict, writer, fault: str | None) -> bool:
        pieces = tokens(text)
        writer.write(_head(200, "text/event-stream") + _chunk(_sse(model, {"role": "assistant", "content": ""})))
        for number, piece in enumerate(pieces):
            if fault in ("cut", "malformed") and number == len(pieces) // 2:
                if fault == "cut":
                    await writer.drain()
                    writer.transport.abort()
                    return False
                writer.write(_chunk("data: {\"choices\": [{\"delta\": {\"content\": \n\n"))
            writer.write(_chunk(_sse(model, {"content": piece})))
            await writer.drain()
            if self.pace.tokens_per_s:
                await asyncio.sleep(1 / self.pace.tokens_per_s)
        writer.write(_chunk(_sse(model, {}, "stop")))
        if (body.get("stream_options") or {}).get("include_usage"):
            usage = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": model,
                     "choices": [], "usage": _completion(model, text)["usage"]}
            writer.write(_chunk(f"data: {json.dumps(usage)}\n\n"))
        writer.write(_chunk("data: [DONE]\n\n") + b"0\r\n\r\n")
        await writer.drain()
        return True

    def _fault(self, role: str) -> str | None:
        if role not in self.faults.roles or self.random.random() >= self.faults.rate:
            return None
        return self.random.choice(self.faults.kinds)


async def _read_request(reader: asyncio.StreamReader) -> tuple[str, str, bytes] | None:
    """(method, path, body) of the next request on the connection; None when the client closed it."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length") or 0)
    body = await reader.readexactly(length) if length else b""
    return method, path.split("?")[0], body


# --------------------------------------------------------------------------- its own process


@contextmanager
def spawn_fake_llm(*args: str) -> Iterator[str]:
    """Run the fake in a process of its own (so it does not share the measured process's CPU); yields its
    base URL. ``args`` are this module's command-line options, e.g. ("--latency", "0.2")."""
    process = subprocess.Popen([sys.executable, "-m", "bench.fake_llm", *args], stdout=subprocess.PIPE, text=True,
                               cwd=Path(__file__).resolve().parent.parent)
    try:
        line = process.stdout.readline()
        if "listening on" not in line:
            raise RuntimeError(f"the fake LLM did not start: {line!r}")
        yield line.split("listening on ")[1].strip()
    finally:
        process.terminate()
        process.wait(10)


def post_control(base_url: str, **changes: object) -> dict:
    """POST /control to a fake running elsewhere (see FakeLLM.control)."""
    import httpx

    return httpx.post(base_url.removesuffix("/v1") + "/control", json=changes, timeout=5).json()


def get_stats(base_url: str) -> dict:
    import httpx

    return httpx.get(base_url.removesuffix("/v1") + "/stats", timeout=5).json()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0, help="0 = a free port (printed)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before the first token")
    parser.add_argument("--judge-latency", type=float, default=None, help="the judge's latency (default: --latency)")
    parser.add_argument("--rate", type=float, default=0.0, help="tokens per second (0 = at once)")
    parser.add_argument("--faults", type=float, default=0.0, help="share of calls that fail")
    parser.add_argument("--hang", type=float, default=30.0, help="seconds a 'timeout' fault holds the call")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    async def serve() -> None:
        pace = Pace(args.latency, args.rate, args.judge_latency)
        llm = FakeLLM(pace, Faults(args.faults, hang_s=args.hang), args.seed, args.port)
        await llm.start()
        print(f"fake LLM listening on {llm.base_url}", flush=True)
        await asyncio.Event().wait()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
