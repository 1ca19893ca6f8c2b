"""Two `bot serve` processes on one database behind nginx configured by deploy/nginx.conf: trainees
practise through it, on WebSocket and on socket.io's long-polling fallback; without the stickiness
(ip_hash) long-polling breaks, which is why the configuration has it."""

from __future__ import annotations

import asyncio
import shutil
import subprocess

import pytest

from bench.app_process import AppProcess
from bench.chainlit_client import ChatClient
from bench.fake_llm import FakeLLM, Pace, free_port
from bench.practice_driver import AGENT_REPLIES
from bot.config import PROJECT_ROOT
from bot.files import load_persona
from bot.store import opened_store

pytestmark = pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed (apt-get install nginx)")
DANA = load_persona(PROJECT_ROOT / "personas" / "isp-dana.yaml")
CONFIG = (PROJECT_ROOT / "deploy" / "nginx.conf").read_text()


@pytest.fixture(scope="module")
def backends(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lb")
    database_url = f"sqlite+aiosqlite:///{folder / 'bot.db'}"
    with FakeLLM(Pace(latency_s=0.05, tokens_per_s=400)) as llm:
        apps = [AppProcess(llm.base_url, database_url, engine="offline", log_path=folder / f"app{n}.log")
                for n in (1, 2)]
        for app in apps:
            app.start()
        try:
            yield folder, database_url, apps
        finally:
            for app in apps:
                app.stop()


def start_nginx(folder, apps, sticky: bool) -> tuple[subprocess.Popen, str]:
    port = free_port()
    config = (CONFIG.replace("127.0.0.1:8001", f"127.0.0.1:{apps[0].port}")
              .replace("127.0.0.1:8002", f"127.0.0.1:{apps[1].port}")
              .replace("listen 8080;", f"listen 127.0.0.1:{port};").replace("/tmp/bot-nginx", str(folder / "nginx")))
    if not sticky:
        config = config.replace("ip_hash;", "")
    path = folder / f"nginx-{'sticky' if sticky else 'round-robin'}.conf"
    path.write_text(config)
    process = subprocess.Popen(["nginx", "-c", str(path), "-g", "daemon off;"], stderr=subprocess.DEVNULL)
    return process, f"http://127.0.0.1:{port}"


async def practise(url: str, transports: tuple[str, ...]) -> str:
    client = ChatClient(url, DANA.id, DANA.name, transports=transports)
    await client.open(timeout=30)
    for text in AGENT_REPLIES[:2]:
        assert (await client.say(text, timeout=30)).first_text_s is not None
    await client.close()
    return client.thread_id


async def wait_until_up(url: str) -> None:
    import httpx

    for _ in range(50):  # bounded: nginx starts in well under 5 s
        try:
            async with httpx.AsyncClient() as http:
                if (await http.get(f"{url}/healthz")).status_code == 200:
                    return
        except httpx.TransportError:
            await asyncio.sleep(0.1)
    raise RuntimeError("nginx did not start")


async def test_trainees_practise_through_the_sticky_balancer(backends):
    folder, database_url, apps = backends
    nginx, url = start_nginx(folder, apps, sticky=True)
    try:
        await wait_until_up(url)
        threads = await asyncio.gather(*(practise(url, transports) for transports in
                                         [("websocket",), ("websocket",), ("polling",), ("polling",)]))
    finally:
        nginx.terminate()
        nginx.wait(10)
    async with opened_store(database_url) as store:
        for thread_id in threads:
            record = await store.load_session(thread_id)
            assert [t.agent_text for t in record.turns[1:]] == AGENT_REPLIES[:2]


async def test_without_stickiness_long_polling_breaks(backends):
    folder, _, apps = backends
    nginx, url = start_nginx(folder, apps, sticky=False)
    try:
        await wait_until_up(url)
        outcomes = await asyncio.gather(*(practise(url, ("polling",)) for _ in range(4)), return_exceptions=True)
    finally:
        nginx.terminate()
        nginx.wait(10)
    assert any(isinstance(outcome, Exception) for outcome in outcomes)
