"""Review pages and their JSON API under /review: session list, session view with overrides and comments,
team dashboard, exports. Handlers are glue: access rules come from bot.accounts, logic from bot.review,
rows from the store. Product errors become a status code and a message here and nowhere else.

    app.include_router(review.router)   # before Chainlit is mounted, whose catch-all would shadow it
"""

from __future__ import annotations

import functools
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

from bot import accounts
from bot.domain import Rubric
from bot.errors import AccessDenied, BotError, ConfigError, InputError, NotFound
from bot.files import Catalog
from bot.ports import SessionRecord
from bot.review.dashboard import Dashboard, load_dashboard
from bot.review.export_files import export_text, labelled_text
from bot.review.filters import PER_PAGE, SCORE_BANDS, SORTS, ListQuery, session_filter
from bot.review.overrides import NOT_APPLICABLE, check_comment, check_override, chips
from bot.review.session_view import session_view
from bot.review.templates import environment
from bot.store import SqlStore, User
from bot.web.review_auth import api_user, page_user, require_reviewer, same_origin

router = APIRouter(prefix="/review", tags=["review"])
templates = Jinja2Templates(env=environment())
STATUS = {AccessDenied: 403, NotFound: 404, InputError: 400, ConfigError: 500}

PageUser = Annotated[User, Depends(page_user)]
ApiUser = Annotated[User, Depends(api_user)]


def _status(error: BotError) -> int:
    return next((code for kind, code in STATUS.items() if isinstance(error, kind)), 500)


def html_errors(handler):
    @functools.wraps(handler)
    async def wrapper(request: Request, *args, **kwargs):
        try:
            return await handler(request, *args, **kwargs)
        except BotError as error:
            return templates.TemplateResponse(request, "review/error.html", {"error": error, "user": None},
                                              status_code=_status(error))
    return wrapper


def json_errors(handler):
    @functools.wraps(handler)
    async def wrapper(*args, **kwargs):
        try:
            return await handler(*args, **kwargs)
        except BotError as error:
            return JSONResponse({"error": error.message, "hint": error.hint}, status_code=_status(error))
    return wrapper


def _store(request: Request) -> SqlStore:
    return request.app.state.store


def _catalog(request: Request) -> Catalog:
    return request.app.state.catalog


def _rubric(request: Request, rubric_id: str | None = None) -> Rubric:
    rubrics = _catalog(request).rubrics
    rubric = rubrics.get(rubric_id or "") or rubrics.get(request.app.state.settings.default_rubric)
    if rubric is None:
        raise ConfigError("No rubric is loaded.", hint="run `bot check` to see what is wrong with rubrics/")
    return rubric


async def _readable(request: Request, user: User, session_id: str) -> SessionRecord:
    """The session if `user` may read it; another's session looks the same as a missing one to an agent."""
    try:
        return await accounts.readable_session(_store(request), user, session_id)
    except AccessDenied:
        if user.role == "agent":
            raise NotFound(f"No practice session with id {session_id}.") from None
        raise


async def _list_query(request: Request, user: User, query: ListQuery):
    return await _store(request).list_sessions(session_filter(query, accounts.visible_sessions(user)),
                                               sort=query.sort, page=query.page, per_page=PER_PAGE)


def list_query(agent: str = "", persona: str = "", mode: str = "", date_from: str = "", date_to: str = "",
               score: str = "", sort: str = "newest", page: Annotated[int, Query(ge=1)] = 1) -> ListQuery:
    return ListQuery(agent, persona, mode, date_from, date_to, score, sort, page)


# --------------------------------------------------------------------------- pages


@router.get("", include_in_schema=False)
@router.get("/", include_in_schema=False)
async def review_home() -> RedirectResponse:
    return RedirectResponse("/review/sessions", status_code=303)


@router.get("/sessions", response_class=HTMLResponse)
@html_errors
async def sessions_page(request: Request, user: PageUser, query: Annotated[ListQuery, Depends(list_query)]):
    found = await _list_query(request, user, query)
    return templates.TemplateResponse(request, "review/sessions.html", {
        "user": user, "page": found, "query": query, **await _filter_choices(request, user),
        "bands": list(SCORE_BANDS), "sorts": SORTS,
    })


async def _filter_choices(request: Request, user: User) -> dict[str, list[str]]:
    """The agents (those the user may see) and personas to offer in the filter forms."""
    scope = accounts.visible_sessions(user)
    agents = [u.name for u in await _store(request).list_users()
              if u.role == "agent" and (scope.user_id in (None, u.id)) and (scope.team in (None, u.team))]
    return {"agents": agents, "personas": sorted(_catalog(request).personas)}


@router.get("/sessions/{session_id}", response_class=HTMLResponse)
@html_errors
async def session_page(request: Request, user: PageUser, session_id: str):
    record = await _readable(request, user, session_id)
    store = _store(request)
    rubric = _rubric(request, record.rubric_id)
    view = session_view(record, rubric, await store.grade_edits([record.id]), await store.turn_comments(record.id))
    persona = _catalog(request).personas.get(record.persona_id)
    return templates.TemplateResponse(request, "review/session.html", {
        "user": user, "view": view, "rubric": rubric, "persona": persona, "owner": await store.get_user(record.user_id),
        "can_review": user.role != "agent", "not_applicable": NOT_APPLICABLE,
        "levels": {c.id: [lv.id for lv in c.levels] for c in rubric.criteria},
    })


async def _override(request: Request, user: User, session_id: str, turn: int, criterion: str, level: str,
                    comment: str):
    require_reviewer(user)
    same_origin(request)
    record = await _readable(request, user, session_id)
    graded = next((t for t in record.turns if t.index == turn and t.grade is not None), None)
    if graded is None:
        raise InputError(f"Turn {turn} has no graded agent reply to change.")
    store = _store(request)
    rubric = _rubric(request, record.rubric_id)
    edits = [e for e in await store.grade_edits([record.id]) if e.turn_index == turn]
    current = {chip.criterion: chip.shown for chip in chips(rubric, graded.grade, edits)}
    checked = check_override(rubric, criterion, level, comment, current.get(criterion, "ungraded"))
    return await store.add_grade_edit(record.id, turn, checked.criterion, checked.to_level, comment=checked.comment,
                                      reviewer_id=user.id)


async def _comment(request: Request, user: User, session_id: str, turn: int, text: str):
    require_reviewer(user)
    same_origin(request)
    record = await _readable(request, user, session_id)
    return await _store(request).add_turn_comment(record.id, turn, author_id=user.id, text=check_comment(text))


@router.post("/sessions/{session_id}/turns/{turn}/override")
@html_errors
async def override_form(request: Request, user: PageUser, session_id: str, turn: int,
                        criterion: Annotated[str, Form()], level: Annotated[str, Form()],
                        comment: Annotated[str, Form()] = ""):
    await _override(request, user, session_id, turn, criterion, level, comment)
    return RedirectResponse(f"/review/sessions/{session_id}#turn-{turn}", status_code=303)


@router.post("/sessions/{session_id}/turns/{turn}/comments")
@html_errors
async def comment_form(request: Request, user: PageUser, session_id: str, turn: int,
                       text: Annotated[str, Form()] = ""):
    await _comment(request, user, session_id, turn, text)
    return RedirectResponse(f"/review/sessions/{session_id}#turn-{turn}", status_code=303)


@router.get("/dashboard", response_class=HTMLResponse)
@html_errors
async def dashboard_page(request: Request, user: PageUser, query: Annotated[ListQuery, Depends(list_query)]):
    """The list's filters apply: pick an agent to see their own trend."""
    dashboard = await _dashboard(request, user, query)
    return templates.TemplateResponse(request, "review/dashboard.html", {
        "user": user, "query": query, "dashboard": dashboard, **await _filter_choices(request, user),
    })


async def _dashboard(request: Request, user: User, query: ListQuery) -> Dashboard:
    require_reviewer(user)
    return await load_dashboard(_store(request), session_filter(query, accounts.visible_sessions(user)),
                                _rubric(request))


@router.get("/export.{fmt}")
@html_errors
async def export_file(request: Request, user: PageUser, fmt: str, query: Annotated[ListQuery, Depends(list_query)]):
    """Every graded reply of the listed sessions (the list's filters apply), as csv or jsonl."""
    require_reviewer(user)
    body = await export_text(_store(request), _rubric(request),
                             session_filter(query, accounts.visible_sessions(user)), fmt)
    media = "text/csv" if fmt == "csv" else "application/x-ndjson"
    return PlainTextResponse(body, media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="review-export.{fmt}"'})


@router.get("/labelled.jsonl")
@html_errors
async def labelled_file(request: Request, user: PageUser, query: Annotated[ListQuery, Depends(list_query)]):
    """The listed sessions' overridden replies as labelled items, for `bot calibrate`."""
    require_reviewer(user)
    where = session_filter(query, accounts.visible_sessions(user))
    body = await labelled_text(_store(request), _catalog(request), where)
    return PlainTextResponse(body, media_type="application/x-ndjson",
                             headers={"Content-Disposition": 'attachment; filename="labelled.jsonl"'})


# --------------------------------------------------------------------------- JSON API


class OverrideRequest(BaseModel):
    turn: int
    criterion: str
    level: str
    comment: str


class CommentRequest(BaseModel):
    turn: int
    text: str


@router.get("/api/sessions")
@json_errors
async def api_sessions(request: Request, user: ApiUser, query: Annotated[ListQuery, Depends(list_query)]):
    return (await _list_query(request, user, query)).model_dump(mode="json")


@router.get("/api/sessions/{session_id}")
@json_errors
async def api_session(request: Request, user: ApiUser, session_id: str):
    record = await _readable(request, user, session_id)
    store = _store(request)
    return {"session": record.model_dump(mode="json"),
            "edits": [e.model_dump(mode="json") for e in await store.grade_edits([record.id])],
            "comments": [c.model_dump(mode="json") for c in await store.turn_comments(record.id)]}


@router.post("/api/sessions/{session_id}/overrides", status_code=201)
@json_errors
async def api_override(request: Request, user: ApiUser, session_id: str, body: OverrideRequest):
    edit = await _override(request, user, session_id, body.turn, body.criterion, body.level, body.comment)
    return JSONResponse(edit.model_dump(mode="json"), status_code=201)


@router.post("/api/sessions/{session_id}/comments", status_code=201)
@json_errors
async def api_comment(request: Request, user: ApiUser, session_id: str, body: CommentRequest):
    comment = await _comment(request, user, session_id, body.turn, body.text)
    return JSONResponse(comment.model_dump(mode="json"), status_code=201)


@router.get("/api/dashboard")
@json_errors
async def api_dashboard(request: Request, user: ApiUser, query: Annotated[ListQuery, Depends(list_query)]):
    board = await _dashboard(request, user, query)
    return {
        "agents": [{"agent": a.scores.group, "overall": a.scores.overall, "per_criterion": a.scores.per_criterion,
                    "weakest": a.weakest} for a in board.agents],
        "personas": [{"persona": p.group, "overall": p.overall} for p in board.personas],
        "weeks": [{"week": w.group, "overall": w.overall, "per_criterion": w.per_criterion} for w in board.weeks],
        "team": None if board.team is None else {"overall": board.team.overall,
                                                 "per_criterion": board.team.per_criterion},
    }
