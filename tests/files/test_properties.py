"""Property tests (hypothesis) over trainers' files: whatever a persona, rubric or prompt file contains,
loading it gives the model or LoadErrors that name the file and a field, never another exception, and one
bad file never keeps the others from loading."""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.config import PROJECT_ROOT, Settings
from bot.domain import Persona, Rubric
from bot.errors import LoadError
from bot.file_errors import display_path
from bot.files import load_catalog, validate_file
from bot.prompts import PromptLibrary

PERSONA = yaml.safe_load((PROJECT_ROOT / "personas" / "isp-dana.yaml").read_text(encoding="utf-8"))
RUBRIC = yaml.safe_load((PROJECT_ROOT / "rubrics" / "deescalation.yaml").read_text(encoding="utf-8"))
SHIPPED_PERSONAS = sorted(path.stem for path in (PROJECT_ROOT / "personas").glob("*.yaml"))
EXAMPLES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True)
           | st.text(max_size=30))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6)
# Text a trainer could type, including control characters, right-to-left marks and markup.
nasty_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200) | st.sampled_from(
    ["\u202eevil", "<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "\x00\x1b[2J", "a: b: c", "- -", "&x;"])


def key_paths(data: object, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside nested dicts and lists."""
    found = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for key, value in items:
        found.append((*prefix, key))
        found.extend(key_paths(value, (*prefix, key)))
    return found


def parent_of(data: object, path: tuple) -> object:
    for key in path[:-1]:
        data = data[key]
    return data


@st.composite
def mutated(draw, original: dict) -> dict:
    """A trainer's file after 1-3 random edits: a value deleted, replaced (any type), or a key added."""
    data = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, 3))):
        paths = key_paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = parent_of(data, path), path[-1]
        edit = draw(st.sampled_from(["delete", "replace", "add"]))
        if edit == "delete":
            del parent[key]
        elif edit == "replace":
            parent[key] = draw(values | nasty_text)
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12))] = draw(values)
    return data


def check_errors(path: Path, model: type, loaded: object, errors: list) -> None:
    """The contract: a model and no errors, or no model and LoadErrors naming this file and a field."""
    assert (loaded is None) == bool(errors)
    for error in errors:
        assert isinstance(error, LoadError)
        assert error.file == display_path(path) and error.field.strip()
        assert str(error).startswith(f"{error.file}: {error.field}: ")


def write_and_validate(folder: Path, name: str, content: str | bytes, model: type) -> tuple[Path, object, list]:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    loaded, errors = validate_file(path, model)
    return path, loaded, errors


@EXAMPLES
@given(data=mutated(PERSONA))
@example(data={**PERSONA, " ": "x"})  # found by hypothesis: a blank key once gave the message "file:  : ..."
def test_any_edited_persona_loads_or_names_file_and_field(data):
    with tempfile.TemporaryDirectory() as folder:
        path, loaded, errors = write_and_validate(Path(folder), "isp-dana.yaml",
                                                  yaml.safe_dump(data, allow_unicode=True), Persona)
        check_errors(path, Persona, loaded, errors)


@EXAMPLES
@given(data=mutated(RUBRIC))
def test_any_edited_rubric_loads_or_names_file_and_field(data):
    with tempfile.TemporaryDirectory() as folder:
        path, loaded, errors = write_and_validate(Path(folder), "deescalation.yaml",
                                                  yaml.safe_dump(data, allow_unicode=True), Rubric)
        check_errors(path, Rubric, loaded, errors)


@EXAMPLES
@given(field=st.sampled_from(sorted(name for name, info in Persona.model_fields.items()
                                    if info.is_required() and name != "id")))
def test_a_missing_required_field_is_named(field):
    data = {key: value for key, value in PERSONA.items() if key != field}
    with tempfile.TemporaryDirectory() as folder:
        path, loaded, errors = write_and_validate(Path(folder), "isp-dana.yaml", yaml.safe_dump(data), Persona)
        check_errors(path, Persona, loaded, errors)
        assert [error.field for error in errors] == [field]


@EXAMPLES
@given(key=st.text(st.characters(codec="ascii", categories=["Ll", "Lu", "Nd"]), min_size=1, max_size=12)
       .filter(lambda key: key not in Persona.model_fields))
def test_an_unknown_field_is_named(key):
    with tempfile.TemporaryDirectory() as folder:
        path, loaded, errors = write_and_validate(Path(folder), "isp-dana.yaml",
                                                  yaml.safe_dump({**PERSONA, key: "x"}), Persona)
        check_errors(path, Persona, loaded, errors)
        assert key in [error.field for error in errors]


@EXAMPLES
@given(content=st.binary(max_size=300) | nasty_text)
def test_arbitrary_bytes_in_any_file_kind_never_raise(content):
    with tempfile.TemporaryDirectory() as folder:
        for model, name in ((Persona, "any-persona.yaml"), (Rubric, "any-rubric.yaml")):
            path, loaded, errors = write_and_validate(Path(folder), name, content, model)
            check_errors(path, model, loaded, errors)
        prompts = Path(folder) / "prompts"
        prompts.mkdir()
        (prompts / "judge.md").write_bytes(content if isinstance(content, bytes) else content.encode())
        library = PromptLibrary.load(prompts)  # customer.md and debrief.md are missing: problems too
        about_judge = [problem for problem in library.problems if problem.file.endswith("judge.md")]
        assert all(isinstance(problem, LoadError) and problem.field for problem in library.problems)
        assert ("judge" in library.prompts) != bool(about_judge)


@settings(max_examples=40, deadline=None)
@given(data=mutated(PERSONA) | st.binary(max_size=200))
def test_one_bad_persona_never_keeps_the_others_from_loading(data):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name in ("personas", "rubrics", "prompts"):
            shutil.copytree(PROJECT_ROOT / name, root / name)
        bad = root / "personas" / "zz-edited.yaml"
        bad.write_bytes(data if isinstance(data, bytes) else yaml.safe_dump({**data, "id": "zz-edited"}).encode())
        catalog = load_catalog(Settings(personas_dir=root / "personas", rubrics_dir=root / "rubrics",
                                        prompts_dir=root / "prompts"))
        assert set(SHIPPED_PERSONAS) <= set(catalog.personas)
        assert all(problem.file == display_path(bad) for problem in catalog.problems)
        assert ("zz-edited" in catalog.personas) == (not catalog.problems)
