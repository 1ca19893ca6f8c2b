"""trigger_phrases: does the reply avoid phrases that shut the customer down?

A listed phrase stays a trigger when help follows it; "I don't know" is one only without an offer to find out.
Policing the language of a customer who was not abusive ("I won't tolerate language like that", ending the
chat over swearing at a product) is tone-policing, a trigger too. Where no rule fires, the learned reading
(detectors/learned.py) may still find a paraphrase: blame ("ideally you'd have called sooner"), deflection
("that one's for the manufacturer"), mockery. Where a rule fires on a reply the reading is sure is clean (a listed
phrase in an innocent look-alike), the reading overrules it.
"""

from __future__ import annotations

from bot.domain import Message, latest_customer_text
from bot.grading.detectors.abuse import abuse_at_the_agent
from bot.grading.detectors.boundary import BOUNDARY, ENDING, TURNED_BACK
from bot.grading.detectors.learned import learned_reading, vetoed
from bot.grading.detectors.phrases import SHUTTING_DOWN, first_hit
from bot.grading.detectors.result import Detection
from bot.grading.detectors.text import find_first


def detect_triggers(reply: str, history: list[Message], policy: str | None) -> Detection:
    found = _rule_hit(reply, history)
    if found is not None:
        return vetoed("trigger_phrases", reply, found, "clean")
    model = learned_reading("trigger_phrases")
    if model is not None and (sure := model.sure_of(reply)) is not None:
        p, quoted = sure
        return Detection("trigger", quoted.text, f"reads like a shutting-down phrase (learned model, p={p:.2f})")
    return Detection("clean", None, "no shutting-down phrase")


def _rule_hit(reply: str, history: list[Message]) -> Detection | None:
    hit = first_hit(reply, SHUTTING_DOWN)
    if hit is not None:
        return Detection("trigger", hit.span.text, f"{hit.family} phrase")
    turned = None if reply.isupper() else TURNED_BACK.search(reply)
    if turned is not None:
        return Detection("trigger", turned.group(0), "mockery: the customer's question turned back on them")
    policing = _policing_a_calm_customer(reply, history)
    if policing is not None:
        return Detection("trigger", policing, "tone-policing a customer who was not abusive")
    return None


def _policing_a_calm_customer(reply: str, history: list[Message]) -> str | None:
    match = find_first(BOUNDARY, reply) or find_first(ENDING, reply)
    if match is None:
        return None
    latest = latest_customer_text(history)
    if latest is not None and abuse_at_the_agent(latest) is not None:
        return None
    return reply[match.start(): match.end()]
