"""Session lists: filters, sorting, pagination with totals, scores from debriefs."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain import utcnow
from bot.errors import InputError
from bot.store import SessionFilter
from tests.store.builders import debrief, turn


@pytest.fixture
async def sessions(store):
    """dana (blue): 3 sessions, lee (red): 2 sessions; ids in creation order."""
    dana = await store.add_user("dana", "agent", team="blue")
    lee = await store.add_user("lee", "agent", team="red")
    created = []
    for user, persona, mode in [(dana, "isp", "coach"), (dana, "bank", "exam"), (lee, "isp", "coach"),
                                (dana, "isp", "coach"), (lee, "airline", "exam")]:
        session_id = await store.start_session(user_id=user.id, persona_id=persona, rubric_id="deescalation",
                                               mode=mode)
        created.append(session_id)
    for index in range(3):
        await store.save_turn(created[0], turn(index))
    await store.save_debrief(created[0], debrief(30.0))
    await store.save_debrief(created[0], debrief(65.0))
    return created


def ids(page) -> list[str]:
    return [item.id for item in page.items]


async def test_newest_first_with_counts_and_scores(store, sessions):
    page = await store.list_sessions()

    assert page.total == 5
    assert ids(page) == list(reversed(sessions))
    oldest = page.items[-1]
    assert (oldest.agent, oldest.team, oldest.turn_count, oldest.overall) == ("dana", "blue", 3, 65.0)
    assert page.items[0].turn_count == 0 and page.items[0].overall is None


async def test_filters_combine(store, sessions):
    assert ids(await store.list_sessions(SessionFilter(agent="dana"))) == [sessions[3], sessions[1], sessions[0]]
    assert ids(await store.list_sessions(SessionFilter(agent="dana", persona_id="isp"))) == [sessions[3], sessions[0]]
    assert ids(await store.list_sessions(SessionFilter(mode="exam"))) == [sessions[4], sessions[1]]
    assert ids(await store.list_sessions(SessionFilter(team="red"))) == [sessions[4], sessions[2]]
    assert (await store.list_sessions(SessionFilter(agent="nobody"))).total == 0


async def test_date_range(store, sessions):
    now = utcnow()
    assert (await store.list_sessions(SessionFilter(started_from=now - timedelta(hours=1)))).total == 5
    assert (await store.list_sessions(SessionFilter(started_from=now + timedelta(seconds=1)))).total == 0
    assert (await store.list_sessions(SessionFilter(started_before=now - timedelta(hours=1)))).total == 0


async def test_pages_cover_everything_once_with_the_total(store, sessions):
    pages = [await store.list_sessions(page=n, per_page=2) for n in (1, 2, 3)]

    assert [p.total for p in pages] == [5, 5, 5]
    assert [len(p.items) for p in pages] == [2, 2, 1]
    assert pages[0].pages == 3
    assert sum((ids(p) for p in pages), []) == list(reversed(sessions))


async def test_sort_orders(store, sessions):
    assert ids(await store.list_sessions(sort="oldest")) == sessions
    by_agent = await store.list_sessions(sort="agent")
    assert [i.agent for i in by_agent.items] == ["dana"] * 3 + ["lee"] * 2
    by_persona = await store.list_sessions(sort="persona")
    assert [i.persona_id for i in by_persona.items] == ["airline", "bank", "isp", "isp", "isp"]


async def test_bad_paging_is_refused(store, sessions):
    with pytest.raises(InputError):
        await store.list_sessions(page=0)
    with pytest.raises(InputError):
        await store.list_sessions(per_page=1000)
    with pytest.raises(InputError, match="sort"):
        await store.list_sessions(sort="score")


async def test_sessions_for_user(store, sessions):
    lee = await store.find_user("lee")
    assert [s.id for s in await store.sessions_for_user(lee.id)] == [sessions[4], sessions[2]]
