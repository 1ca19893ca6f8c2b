"""Every prompt the LLM sees is a file in prompts/, rendered by one Jinja2 engine.

A prompt file starts with a front matter block naming its version (recorded with every grade), then the
template::

    ---
    version: 1
    ---
    You are {{ persona.name }} ...

Each prompt may use only the variables registered for it in ``PROMPT_VARIABLES``. An unknown variable is
a load-time error, and rendering without a registered variable is an error too: a typo never becomes a
silent blank in what the model reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import jinja2
import jinja2.meta
import yaml

from bot.domain import Criterion, HiddenFact, Message, Mood, Persona, Rubric, Turn
from bot.errors import LoadError
from bot.file_errors import did_you_mean, display_path, not_utf8
from bot.prompt_attributes import attribute_problems


class Variable(NamedTuple):
    type: object  # what the code passes; attributes used in the template are checked against it
    description: str


# Prompt name (file name without .md) -> variable -> what the code passes in.
PROMPT_VARIABLES: dict[str, dict[str, Variable]] = {
    "customer": {
        "persona": Variable(Persona, "the customer being played"),
        "mood": Variable(Mood, "current anger and trust, 0-10"),
        "band": Variable(str, "current mood band: calm, annoyed, furious or abusive"),
        "band_lines": Variable(list[str], "the persona's example lines for that band"),
        "reveal_facts": Variable(list[HiddenFact], "hidden facts the agent has earned this turn"),
        "guidance": Variable(str, "per-turn instruction, e.g. how to react to a boundary; may be empty"),
    },
    "judge": {
        "rubric": Variable(Rubric, "the whole rubric"),
        "criteria": Variable(list[Criterion], "the criteria that apply to this reply"),
        "persona": Variable(str, "one line about the customer"),
        "policy": Variable(str | None, "the agent's policy limits"),
        "history": Variable(list[Message], "the conversation so far, ending with the customer"),
        "reply": Variable(str, "the trainee's reply, to be placed between delimiters"),
        "delimiter": Variable(str, "the marker fencing the reply"),
    },
    "debrief": {
        "persona": Variable(Persona, "the customer played"),
        "rubric": Variable(Rubric, "the rubric used"),
        "turns": Variable(list[Turn], "every turn with its grade"),
        "scores": Variable(dict[str, float | None], "0-100 per criterion; None = never applied"),
        "mood_curve": Variable(list[Mood], "mood after each turn"),
    },
}

FRONT_MATTER_FIELDS = {"version", "description"}
_FENCE = "---"

_environment = jinja2.Environment(
    undefined=jinja2.StrictUndefined,
    autoescape=False,  # prompts are plain text for a model, not HTML
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


@dataclass(frozen=True)
class Prompt:
    name: str
    file: str
    version: str
    template: jinja2.Template


def _split_front_matter(text: str, file: str) -> tuple[dict, str, int]:
    """Return (front matter, template body, number of lines before the body)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != _FENCE:
        raise LoadError(file, "version", "missing front matter",
                        "start the file with three lines: ---, version: 1, ---")
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() == _FENCE:
            break
    else:
        raise LoadError(file, "line 1", "front matter is never closed", "add a line with --- after version")
    try:
        header = yaml.safe_load("".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        raise LoadError(file, "front matter", f"YAML syntax error: {error}") from None
    if not isinstance(header, dict):
        raise LoadError(file, "front matter", "expected 'version: N' lines", "e.g. version: 1")
    unknown = sorted(set(header) - FRONT_MATTER_FIELDS)
    if unknown:
        raise LoadError(file, unknown[0], "unknown front matter field",
                        f"allowed: {', '.join(sorted(FRONT_MATTER_FIELDS))}")
    if header.get("version") in (None, ""):
        raise LoadError(file, "version", "missing", "add 'version: 1' to the front matter")
    return header, "".join(lines[end + 1:]), end + 1


def parse_prompt(path: Path) -> tuple[Prompt | None, list[LoadError]]:
    """Read and check one prompt file. Never raises for a bad file: returns its problems."""
    file = display_path(path)
    name = path.stem
    allowed = PROMPT_VARIABLES.get(name)
    if allowed is None:
        known = sorted(PROMPT_VARIABLES)
        return None, [LoadError(file, "file name", f"unknown prompt '{name}'",
                                f"{did_you_mean(name, known)}known prompts: {', '.join(known)}")]
    try:
        header, body, offset = _split_front_matter(path.read_text(encoding="utf-8"), file)
        ast = _environment.parse(body)
        template = _environment.from_string(ast)  # compiling finds unknown filters and tests
    except LoadError as error:
        return None, [error]
    except OSError as error:
        return None, [LoadError(file, "file", f"cannot be read: {error.strerror}")]
    except UnicodeDecodeError as error:
        return None, [not_utf8(file, error)]
    except jinja2.TemplateSyntaxError as error:
        line = (error.lineno or 1) + offset
        return None, [LoadError(file, f"line {line}", f"template syntax error: {error.message}",
                                "check the {{ }} and {% %} pairs")]
    problems = [
        LoadError(file, f"variable '{variable}'", "unknown variable",
                  f"{did_you_mean(variable, sorted(allowed))}allowed: {', '.join(sorted(allowed))}")
        for variable in sorted(jinja2.meta.find_undeclared_variables(ast) - set(allowed))
    ]
    types = {variable: declared.type for variable, declared in allowed.items()}
    problems += [LoadError(file, where, problem, hint) for where, problem, hint in attribute_problems(ast, types)]
    if problems:
        return None, problems
    return Prompt(name, file, str(header["version"]), template), []


@dataclass
class PromptLibrary:
    """The loaded prompts. A prompt with problems is unavailable; the others still render."""

    prompts: dict[str, Prompt] = field(default_factory=dict)
    problems: list[LoadError] = field(default_factory=list)

    @classmethod
    def load(cls, directory: Path) -> PromptLibrary:
        library = cls()
        if not directory.is_dir():
            library.problems.append(LoadError(display_path(directory), "folder", "does not exist",
                                              "create it or point BOT_PROMPTS_DIR at the right folder"))
            return library
        for path in sorted(directory.glob("*.md")):
            prompt, problems = parse_prompt(path)
            library.problems.extend(problems)
            if prompt:
                library.prompts[prompt.name] = prompt
        for name in sorted(set(PROMPT_VARIABLES) - {p.stem for p in directory.glob("*.md")}):
            library.problems.append(LoadError(display_path(directory / f"{name}.md"), "file", "missing",
                                              f"every registered prompt needs a file; variables: "
                                              f"{', '.join(PROMPT_VARIABLES[name])}"))
        return library

    @classmethod
    def shared(cls, directory: Path) -> PromptLibrary:
        """The library of ``directory``, parsed once per process and again only when a prompt file changed:
        the judge and debrief factories run for every grader a CLI command or a bench builds."""
        key = Path(directory).resolve()
        stamp = _folder_stamp(key)
        loaded = _SHARED.get(key)
        if loaded is None or loaded[0] != stamp:
            loaded = _SHARED[key] = (stamp, cls.load(Path(directory)))
        return loaded[1]

    def _get(self, name: str) -> Prompt:
        if name in self.prompts:
            return self.prompts[name]
        for problem in self.problems:
            if Path(problem.file).stem == name:
                raise problem
        raise LoadError(f"prompts/{name}.md", "file", "not loaded", "run `bot check` to see why")

    def version(self, name: str) -> str:
        return self._get(name).version

    def render(self, name: str, **variables: object) -> str:
        prompt = self._get(name)
        expected = set(PROMPT_VARIABLES[name])
        missing, extra = sorted(expected - set(variables)), sorted(set(variables) - expected)
        if missing:
            raise LoadError(prompt.file, f"variable '{missing[0]}'", "not given when rendering",
                            f"render('{name}', ...) needs: {', '.join(sorted(expected))}")
        if extra:
            raise LoadError(prompt.file, f"variable '{extra[0]}'", "not registered for this prompt",
                            "add it to PROMPT_VARIABLES in bot/prompts.py")
        try:
            return prompt.template.render(**variables).strip()
        except jinja2.UndefinedError as error:
            raise LoadError(prompt.file, "render", error.message or "undefined value",
                            "check the attribute names used in the template") from None


_SHARED: dict[Path, tuple[tuple, PromptLibrary]] = {}


def _folder_stamp(directory: Path) -> tuple:
    """What changes when a prompt file is added, removed or edited."""
    if not directory.is_dir():
        return ()
    return tuple((path.name, path.stat().st_mtime_ns, path.stat().st_size) for path in sorted(directory.glob("*.md")))
