"""Which embedded model stays in character as an angry customer?

    .venv/bin/python bench/embedded_adherence.py [smollm2 gemma3 ...] [--samples 2] [--temperatures 0.5 0.8]

Starts each embedded model in turn (one server at a time), plays a customer-style system prompt against
six scripted agent replies, samples each several times at the customer temperatures, and classifies
each reply: in character (first person, about her problem), role reversal (talks like the agent or an
assistant), off topic, or broken (empty, template tokens, not English). Prints every reply with its
class, then the counts per model and temperature.
"""

from __future__ import annotations

import argparse
import asyncio
import re
from collections import Counter

import httpx

from bot.config import Settings
from bot.embedded import EmbeddedServer

SYSTEM = """You are Dana Whitfield, a customer writing to Netlink support in a chat about home fibre internet.
What happened: your internet has been down for three days; you work from home and lost a day's pay. You already called twice and were promised a callback that never came.
What you want: a technician this week and a refund for the days without service.
Right now you are furious (anger 8/10, trust in the agent 2/10).
How you write when furious:
- This is the third time I'm explaining this!
- I don't want excuses, I want my internet back.

Write ONE short chat message (1 to 3 sentences) as Dana Whitfield, the customer. Do not write the agent's reply. Do not offer help or apologise for the company. Never say you are an AI."""

AGENT_LINES = [
    "Hi, thanks for contacting Netlink support, my name is Sam. How can I help you today?",
    "I'm really sorry your connection has been down for three days. Can you tell me which lights are on on the router?",
    "Please calm down. That's our policy, there's nothing I can do about it.",
    "I understand how stressful it is to lose work because of this. Let me check the outage map for your street.",
    "I can see a fault on your line. A technician can come tomorrow between 8 and 12. Would that work for you?",
    "Is there anything else I can help you with today?",
]

# Talk that belongs to the agent or to a chat assistant, not to Dana.
ASSISTANT_TALK = re.compile(
    r"how (can|may) i (help|assist)|\bassist|happy to help|glad to help|here to help|\bAI\b|"
    r"sorry (to hear|for the|for your|about that|that you)|thank(s| you) for (calling|contacting|reaching|your)|"
    r"is there anything else|let me (check|help|look|see)|i('ll| will) (check|look into|escalate|help)|"
    r"(provide|offer) (a|you)|\bwe (do|can|will|have)\b|glad you're here|^(agent|sam|support)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
# In character = Dana speaking in the first person about her own problem.
FIRST_PERSON = re.compile(r"\b(i|i'm|i've|my|me)\b", re.IGNORECASE)
HER_PROBLEM = re.compile(
    r"internet|connection|router|fibre|fiber|technician|refund|days|work|call|fix|service|line|netlink|outage|"
    r"pay|excuse|week|tomorrow",
    re.IGNORECASE,
)
PROMPT_ECHO = re.compile(r"^you are|what (happened|you want|i want):", re.IGNORECASE | re.MULTILINE)
BROKEN = re.compile(r"<\|?(im_start|im_end|start_of_turn|end_of_turn)|^\W*$")


def classify(reply: str) -> str:
    text = reply.strip()
    ascii_share = sum(ch.isascii() for ch in text) / max(len(text), 1)
    if BROKEN.search(text) or len(text.split()) < 3 or ascii_share < 0.95:
        return "broken"
    if ASSISTANT_TALK.search(text):
        return "reversal"
    if PROMPT_ECHO.search(text):
        return "off_topic"
    if FIRST_PERSON.search(text) and HER_PROBLEM.search(text):
        return "in_character"
    return "off_topic"


async def sample(base_url: str, agent_line: str, temperature: float, seed: int, max_tokens: int) -> str:
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": agent_line}]
    body = {"messages": messages, "temperature": temperature, "max_tokens": max_tokens, "seed": seed}
    async with httpx.AsyncClient(timeout=600) as client:  # a shared, busy machine can be very slow
        response = await client.post(f"{base_url}/chat/completions", json=body)
    response.raise_for_status()
    return response.json()["choices"][0]["message"]["content"] or ""


async def measure(model: str, samples: int, temperatures: list[float], max_tokens: int) -> None:
    server = EmbeddedServer.from_settings(Settings(embedded_model=model))
    async with server:
        for temperature in temperatures:
            counts: Counter[str] = Counter()
            print(f"\n# {model} @ temperature {temperature}")
            for line in AGENT_LINES:
                print(f"  agent: {line[:70]}")
                for seed in range(samples):
                    reply = await sample(server.endpoint.base_url, line, temperature, seed, max_tokens)
                    counts[classify(reply)] += 1
                    print(f"    -> [{classify(reply)}] {reply.strip()[:200]!r}")
            total = sum(counts.values())
            print(f"## {model} @ temperature {temperature}: in character {counts['in_character']}/{total}, "
                  f"role reversal {counts['reversal']}, off topic {counts['off_topic']}, broken {counts['broken']}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("models", nargs="*", default=["smollm2", "gemma3"])
    parser.add_argument("--samples", type=int, default=2)
    parser.add_argument("--temperatures", type=float, nargs="*", default=[0.5, 0.8])
    parser.add_argument("--max-tokens", type=int, default=60)
    args = parser.parse_args()
    for model in args.models:
        asyncio.run(measure(model, args.samples, args.temperatures, args.max_tokens))


if __name__ == "__main__":
    main()
