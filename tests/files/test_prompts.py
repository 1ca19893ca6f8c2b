"""Prompt files: unknown variables and syntax errors fail at load time; rendering is strict."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain import Mood
from bot.errors import LoadError
from bot.prompts import PROMPT_VARIABLES, PromptLibrary, parse_prompt

CUSTOMER = "prompts/customer.md"
CUSTOMER_VARIABLES = "band, band_lines, guidance, mood, persona, reveal_facts"


def write(path: str | Path, text: str) -> Path:
    file = Path(path)
    file.write_text(text)
    return file


def problems_of(path: Path) -> list[str]:
    prompt, problems = parse_prompt(path)
    assert prompt is None
    return [str(problem) for problem in problems]


@pytest.mark.parametrize(("text", "expected"), [
    ("---\nversion: 1\n---\nHi {{ persna.name }} and {{ moood }}\n",
     [f"{CUSTOMER}: variable 'moood': unknown variable (did you mean 'mood'? allowed: {CUSTOMER_VARIABLES})",
      f"{CUSTOMER}: variable 'persna': unknown variable (did you mean 'persona'? allowed: {CUSTOMER_VARIABLES})"]),
    ("---\nversion: 1\n---\nline one\n{% for line in band_lines %}{{ line }}\n",
     [f"{CUSTOMER}: line 5: template syntax error: Unexpected end of template. Jinja was looking for the "
      "following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'. "
      "(check the {{ }} and {% %} pairs)"]),
    ("---\nversion: 1\n---\n{{ persona.name }\n",
     [CUSTOMER + ": line 4: template syntax error: unexpected '}' (check the {{ }} and {% %} pairs)"]),
    ("---\nversion: 1\n---\n\n{{ band | shout }}\n",
     [CUSTOMER + ": line 5: template syntax error: No filter named 'shout'. (check the {{ }} and {% %} pairs)"]),
    ("You are {{ persona.name }}\n",
     [f"{CUSTOMER}: version: missing front matter (start the file with three lines: ---, version: 1, ---)"]),
    ("---\nversion: 1\nYou are {{ persona.name }}\n",
     [f"{CUSTOMER}: line 1: front matter is never closed (add a line with --- after version)"]),
    ("---\ndescription: no version\n---\nHi\n",
     [f"{CUSTOMER}: version: missing (add 'version: 1' to the front matter)"]),
    ("---\nversion: 1\nmodel: gpt\n---\nHi\n",
     [f"{CUSTOMER}: model: unknown front matter field (allowed: description, version)"]),
])
def test_broken_prompt_gives_exact_messages(project, text, expected):
    assert problems_of(write(CUSTOMER, text)) == expected


def test_a_prompt_file_nobody_uses_is_reported(project):
    assert problems_of(write("prompts/custommer.md", "---\nversion: 1\n---\nHi\n")) == [
        "prompts/custommer.md: file name: unknown prompt 'custommer' "
        "(did you mean 'customer'? known prompts: customer, debrief, judge)"]


def test_one_broken_prompt_leaves_the_others_usable(project):
    write(CUSTOMER, "---\nversion: 1\n---\n{{ nope }}\n")
    library = PromptLibrary.load(Path("prompts"))
    assert set(library.prompts) == {"judge", "debrief"}
    assert [p.field for p in library.problems] == ["variable 'nope'"]
    with pytest.raises(LoadError, match="variable 'nope': unknown variable"):
        library.render("customer", **dict.fromkeys(PROMPT_VARIABLES["customer"]))


def test_a_missing_prompt_file_is_a_problem(project):
    Path("prompts/debrief.md").unlink()
    library = PromptLibrary.load(Path("prompts"))
    assert [str(p) for p in library.problems] == [
        "prompts/debrief.md: file: missing (every registered prompt needs a file; "
        "variables: persona, rubric, turns, scores, mood_curve)"]


def test_the_version_comes_from_the_front_matter(project):
    write(CUSTOMER, "---\nversion: 7\n---\n{{ band }}\n")
    assert PromptLibrary.load(Path("prompts")).version("customer") == "7"


def _customer_variables(**overrides) -> dict:
    values = dict(persona=None, mood=Mood(anger=3, trust=4), band="calm", band_lines=["Fine."],
                  reveal_facts=[], guidance="")
    return {**values, **overrides}


def test_rendering_without_a_registered_variable_is_an_error(project):
    library = PromptLibrary.load(Path("prompts"))
    variables = _customer_variables()
    del variables["guidance"]
    with pytest.raises(LoadError) as raised:
        library.render("customer", **variables)
    assert str(raised.value) == (f"{CUSTOMER}: variable 'guidance': not given when rendering "
                                 f"(render('customer', ...) needs: {CUSTOMER_VARIABLES})")


def test_rendering_with_an_unregistered_variable_is_an_error(project):
    library = PromptLibrary.load(Path("prompts"))
    with pytest.raises(LoadError, match="variable 'history': not registered for this prompt"):
        library.render("customer", **_customer_variables(history=[]))


def test_a_wrong_attribute_is_caught_at_load_time(project):
    text = ("---\nversion: 1\n---\n{{ persona.temperament.angr }}\n"
            "{% for fact in reveal_facts %}{{ fact.fcat }}{% endfor %}{{ persona.policy_text }}{{ band.upper() }}\n")
    assert problems_of(write(CUSTOMER, text)) == [
        f"{CUSTOMER}: persona.temperament.angr: 'Temperament' has no attribute 'angr' "
        "(did you mean 'anger'? allowed: abusive_at, anger, hangs_up_at, on_boundary, trust)",
        f"{CUSTOMER}: fact.fcat: 'HiddenFact' has no attribute 'fcat' "
        "(did you mean 'fact'? allowed: ask_about, fact, topic)",
    ]


def test_what_cannot_be_checked_early_still_fails_loudly_when_rendering(project):
    write(CUSTOMER, "---\nversion: 1\n---\nFirst line: {{ band_lines[3] }}\n")
    library = PromptLibrary.load(Path("prompts"))
    with pytest.raises(LoadError, match=r"prompts/customer.md: render: .*has no element 3"):
        library.render("customer", **_customer_variables())
    write(CUSTOMER, "---\nversion: 1\n---\nAnger {{ mood.anger }}, {{ band }}\n")
    assert PromptLibrary.load(Path("prompts")).render("customer", **_customer_variables()) == "Anger 3, calm"


def test_the_shared_library_is_parsed_once_and_again_after_an_edit(tmp_path):
    for name in PROMPT_VARIABLES:
        write(tmp_path / f"{name}.md", "---\nversion: 1\n---\nhello\n")
    first = PromptLibrary.shared(tmp_path)
    assert PromptLibrary.shared(tmp_path) is first  # the judge and debrief factories share one parse
    assert first.version("judge") == "1" and not first.problems

    write(tmp_path / "judge.md", "---\nversion: 2\n---\nhello again\n")
    edited = PromptLibrary.shared(tmp_path)
    assert edited is not first and edited.version("judge") == "2"
