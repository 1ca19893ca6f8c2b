"""Load and validate the trainer's files: personas/*.yaml, rubrics/*.yaml, prompts/*.md.

A file's id is its name without the extension. Every problem becomes a LoadError naming the file, the field
and the fix; one bad file is reported and left out, the others still load.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

import yaml
from pydantic import ValidationError

from bot.config import get_settings
from bot.domain import Persona, Rubric
from bot.errors import LoadError
from bot.file_errors import display_path, load_errors, not_utf8
from bot.prompts import PromptLibrary

YAML_SUFFIXES = (".yaml", ".yml")
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

Model = TypeVar("Model", Persona, Rubric)


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key written twice (PyYAML would silently keep the last one)."""

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):
                continue  # a list or mapping as a key: SafeLoader refuses it below, with its position
            if key in seen:
                mark = key_node.start_mark
                raise _DuplicateKey(problem=f"'{key}' is written twice in the same block", problem_mark=mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml_mapping(path: Path) -> dict:
    """The file's top-level mapping, or a LoadError saying why there is none."""
    file = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise LoadError(file, "file", f"cannot be read: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise not_utf8(file, error) from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass
    except _DuplicateKey as error:
        raise LoadError(file, _where(error), error.problem, "keep only one of them") from None
    except yaml.MarkedYAMLError as error:
        raise LoadError(file, _where(error), f"YAML syntax error: {error.problem or error.context}",
                        "check the indentation, and put text containing ': ' or '#' in quotes") from None
    except yaml.YAMLError as error:
        raise LoadError(file, "YAML", f"YAML syntax error: {error}") from None
    if data is None:
        raise LoadError(file, "file", "is empty", "see the 'Trainer files' section of README.md for an example")
    if not isinstance(data, dict):
        raise LoadError(file, "(top level)", f"expected a mapping of fields (name: value), got a {_kind(data)}",
                        "start each top-level field at the beginning of a line, e.g. 'name: Dana'")
    return data


def _where(error: yaml.MarkedYAMLError) -> str:
    mark = error.problem_mark or error.context_mark
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark else "YAML"


def _kind(value: object) -> str:
    return {list: "list", str: "single text", int: "number", float: "number", bool: "true/false"}.get(
        type(value), type(value).__name__)


def _file_id(path: Path, data: dict) -> str:
    """The id is the file name; a stated id must agree with it."""
    file, file_id = display_path(path), path.stem
    if not _ID_PATTERN.match(file_id):
        raise LoadError(file, "id", f"file name '{file_id}' is not a valid id",
                        "use lower-case letters, digits, '-' and '_', e.g. isp-dana.yaml")
    stated = data.get("id", file_id)
    if stated != file_id:
        raise LoadError(file, "id", f"'{stated}' does not match the file name '{file_id}'",
                        f"remove the id line or rename the file to {stated}{path.suffix}")
    return file_id


def validate_file(path: Path, model: type[Model]) -> tuple[Model | None, list[LoadError]]:
    """Parse one YAML file into ``model``; the problems instead when it is invalid."""
    try:
        data = read_yaml_mapping(path)
        data = {**data, "id": _file_id(path, data)}
    except LoadError as error:
        return None, [error]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, load_errors(display_path(path), model, error)


def _load_one(path: Path, model: type[Model]) -> Model:
    loaded, problems = validate_file(path, model)
    if problems:
        first = problems[0]
        more = f"{len(problems) - 1} more problem(s): run `bot check {first.file}`" if len(problems) > 1 else None
        raise LoadError(first.file, first.field, first.problem, "; ".join(filter(None, [first.hint, more])) or None)
    return loaded


def load_persona(path: Path) -> Persona:
    return _load_one(Path(path), Persona)


def load_rubric(path: Path) -> Rubric:
    return _load_one(Path(path), Rubric)


def load_folder(folder: Path, model: type[Model]) -> tuple[dict[str, Model], list[LoadError]]:
    """Every valid file of a folder by id, and the problems of the others."""
    folder = Path(folder)
    if not folder.is_dir():
        return {}, [LoadError(display_path(folder), "folder", "does not exist",
                              "create it or point the setting at the right folder")]
    loaded: dict[str, Model] = {}
    problems: list[LoadError] = []
    first_file: dict[str, Path] = {}
    for path in sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES):
        if path.stem in first_file:
            problems.append(LoadError(display_path(path), "id", f"duplicate id '{path.stem}'",
                                      f"{display_path(first_file[path.stem])} already uses it; rename one"))
            continue
        first_file[path.stem] = path
        item, item_problems = validate_file(path, model)
        problems.extend(item_problems)
        if item is not None:
            loaded[item.id] = item
    return loaded, problems


class CatalogFolders(Protocol):
    """Where the files are; ``Settings`` is one."""

    personas_dir: Path
    rubrics_dir: Path
    prompts_dir: Path


@dataclass
class Catalog:
    personas: dict[str, Persona]
    rubrics: dict[str, Rubric]
    prompts: PromptLibrary
    problems: list[LoadError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def load_catalog(folders: CatalogFolders | None = None) -> Catalog:
    """Load all three folders; ``folders`` defaults to the Settings."""
    folders = folders or get_settings()
    personas, persona_problems = load_folder(folders.personas_dir, Persona)
    rubrics, rubric_problems = load_folder(folders.rubrics_dir, Rubric)
    prompts = PromptLibrary.load(Path(folders.prompts_dir))
    return Catalog(personas, rubrics, prompts, persona_problems + rubric_problems + prompts.problems)

