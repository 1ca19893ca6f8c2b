"""Turn pydantic validation errors on a trainer's file into ``file: field: what is wrong (hint)``.

Pydantic's own messages name types ("Input should be a valid integer"); a trainer needs the field's dotted
path, what was found, and what to write instead.
"""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from bot.errors import LoadError

_EXPECTED = {
    "int": "a whole number, e.g. 5",
    "float": "a number, e.g. 1.5",
    "string": "text",
    "bool": "true or false",
    "list": "a list: one '- item' per line",
    "dict": "a mapping: one 'name: value' per line",
    "model": "a mapping: one 'name: value' per line",
}
_BOUNDS = {"greater_than_equal": ("ge", "at least"), "less_than_equal": ("le", "at most"),
           "greater_than": ("gt", "more than"), "less_than": ("lt", "less than")}


def field_path(loc: tuple) -> str:
    """('hidden_facts', 0, 'ask_about') -> 'hidden_facts[0].ask_about'."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part != "[key]":
            # a blank or space-padded key would vanish from the message: show it quoted
            name = repr(part) if not str(part).strip() or str(part) != str(part).strip() else str(part)
            path += f".{name}" if path else name
    return path or "(top level)"


def without_none(annotation: object) -> object:
    """``X | None`` -> X; a union of several types -> None (unknown); anything else unchanged."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return options[0] if len(options) == 1 else None
    return annotation


def _model_at(root: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that holds the field at the end of ``loc`` (so we can list its allowed fields)."""
    current: object = root
    for part in loc:
        if _is_model(current) and part in current.model_fields:
            current = without_none(current.model_fields[part].annotation)
        elif not _is_model(current):
            # an index into a list or a key of a dict: step to the item type
            args = typing.get_args(current)
            current = without_none(args[-1]) if args else None
    return current if _is_model(current) else None


def _is_model(candidate: object) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def closest(word: object, choices: list[str]) -> str | None:
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.5)
    return close[0] if close else None


def did_you_mean(word: object, choices: list[str]) -> str:
    """A hint prefix naming the closest allowed word, or nothing."""
    close = closest(word, choices)
    return f"did you mean '{close}'? " if close else ""


def not_utf8(file: str, error: UnicodeDecodeError) -> LoadError:
    byte = error.object[error.start]
    return LoadError(file, "file", f"is not UTF-8 text (byte 0x{byte:02x} at position {error.start})",
                     "save it with the UTF-8 encoding")


def display_path(path: Path) -> str:
    """How a trainer's file is named in messages: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _translate(root: type[BaseModel], error: dict) -> tuple[str, str | None]:
    """(problem, hint) for one pydantic error."""
    kind, loc, value, ctx = error["type"], error["loc"], error.get("input"), error.get("ctx") or {}
    if kind == "extra_forbidden":
        owner = _model_at(root, loc[:-1])
        allowed = sorted(owner.model_fields) if owner else []
        return "unknown field", f"{did_you_mean(loc[-1], allowed)}allowed: {', '.join(allowed)}"
    if kind == "missing":
        owner = _model_at(root, loc[:-1])
        info = owner.model_fields.get(str(loc[-1])) if owner else None
        return "required field is missing", info.description if info and info.description else None
    if kind in ("enum", "literal_error"):
        expected = ctx.get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        where = "key" if loc and loc[-1] == "[key]" else "value"
        return f"{_shown(value)} is not an allowed {where}", f"{did_you_mean(value, choices)}use one of: {expected}"
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        return f"must be {words} {ctx[key]:g}, got {_shown(value)}", None
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s)", None
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), None
    for prefix, expected in _EXPECTED.items():
        if kind.startswith(prefix):
            hint = f"expected {expected}"
            if prefix == "string" and isinstance(value, int | float | bool):
                hint += f"; put it in quotes: \"{value}\""
            return f"wrong type: got {_shown(value)}", hint
    return error["msg"], None


def _misspelt(root: type[BaseModel], errors: list[dict]) -> set[tuple]:
    """Locations of required fields that are only "missing" because they were misspelt."""
    meant = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            owner = _model_at(root, error["loc"][:-1])
            close = closest(error["loc"][-1], sorted(owner.model_fields)) if owner else None
            if close:
                meant.add((*error["loc"][:-1], close))
    return meant


def load_errors(file: str, root: type[BaseModel], error: ValidationError) -> list[LoadError]:
    """One LoadError per pydantic error, in the order the fields appear. A misspelt required field gives
    one message (unknown field, did you mean...), not a second one saying the right name is missing."""
    errors = error.errors(include_url=False)
    misspelt = _misspelt(root, errors)
    problems = []
    for item in errors:
        if item["type"] == "missing" and tuple(item["loc"]) in misspelt:
            continue
        problem, hint = _translate(root, item)
        problems.append(LoadError(file, field_path(item["loc"]), problem, hint))
    return problems
