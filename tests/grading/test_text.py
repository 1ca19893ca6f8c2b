"""Money written out in words or currency codes is read as money, and evidence still quotes the reply as written."""

import pytest

from bot.domain import Message
from bot.grading.detectors.promises import detect_promises
from bot.grading.detectors.text import respell_money


@pytest.mark.parametrize(("written", "read"), [
    ("I've put 40 pounds on your account.", "I've put £40 on your account."),
    ("Max GBP 25 per visit, or 2,000 quid.", "Max £25 per visit, or £2,000."),
    ("A 25 pound voucher and USD30 back.", "A £25 voucher and $30 back."),
    ("That's 120 euros, or EUR 99.50 with the code.", "That's €120, or €99.50 with the code."),
    ("£5 stays £5, and 3 pounds of apples... no, 3 pounds.", "£5 stays £5, and £3 of apples... no, £3."),
    ("Room 12 pounds on the door; 40 poundshop.", "Room £12 on the door; 40 poundshop."),
])
def test_money_is_respelled_in_symbols(written, read):
    assert respell_money(written).text == read


def test_the_evidence_quotes_the_reply_as_written():
    reply = "Sorry about that. I've put 40 pounds on your account as a thank-you."
    found = detect_promises(reply, [Message(role="customer", text="Nobody came.")], "Missed visits: GBP 25 voucher, up to GBP 25.")
    assert found.level == "unkeepable"
    assert found.evidence == "I've put 40 pounds on your account as a thank-you."


def test_no_pattern_source_holds_a_control_character():
    # a "\b" written where r"\b" was meant becomes a backspace: the pattern then never matches (it happened once)
    from pathlib import Path
    root = Path(__file__).resolve().parents[2] / "bot"
    bad = [str(path) for path in root.rglob("*.py") if any(ord(c) < 32 and c not in "\n\t\r" for c in path.read_text())]
    assert bad == []
