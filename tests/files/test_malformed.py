"""Each kind of broken file gives one exact, useful message: file, field, what is wrong, and a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain import Persona, Rubric
from bot.errors import LoadError
from bot.files import load_persona, load_rubric, validate_file

PERSONA = "personas/isp-dana.yaml"
RUBRIC = "rubrics/deescalation.yaml"
TEMPERAMENT_FIELDS = "abusive_at, anger, hangs_up_at, on_boundary, trust"
REACTION_KINDS = ("asked_details, asked_open, asked_yes_no, boundary, brushed_off, empty_promise, escalated, heard, "
                  "hung_up, next_step, platitude, resolved, unresolved")


def edit(path: str, old: str | None, new: str) -> Path:
    """Replace ``old`` (which must be there) with ``new``; old=None replaces the whole file."""
    file = Path(path)
    text = file.read_text()
    if old is not None:
        assert text.count(old) == 1, f"test bug: {old!r} must occur once in {path}"
        text = text.replace(old, new)
    else:
        text = new
    file.write_text(text)
    return file


CASES = [
    # (id, file, old text, new text, expected messages)
    ("unknown field", PERSONA, "  trust: 3\n", "  trust: 3\n  mood: angry\n",
     [f"{PERSONA}: temperament.mood: unknown field (allowed: {TEMPERAMENT_FIELDS})"]),
    ("unknown field, a typo", PERSONA, "  trust: 3\n", "  trsut: 3\n",
     [f"{PERSONA}: temperament.trsut: unknown field (did you mean 'trust'? allowed: {TEMPERAMENT_FIELDS})"]),
    ("missing field", PERSONA, "name: Dana Okafor\n", "",
     [f"{PERSONA}: name: required field is missing"]),
    ("wrong type", PERSONA, "  anger: 7\n", "  anger: very\n",
     [f"{PERSONA}: temperament.anger: wrong type: got 'very' (expected a whole number, e.g. 5)"]),
    ("text expected, number given", RUBRIC, 'version: "1"', "version: 1",
     [f'{RUBRIC}: version: wrong type: got 1 (expected text; put it in quotes: "1")']),
    ("list expected", PERSONA, "    ask_about: [router, lights, light, box, equipment, modem]\n",
     "    ask_about: router\n",
     [f"{PERSONA}: hidden_facts[0].ask_about: wrong type: got 'router' (expected a list: one '- item' per line)"]),
    ("out-of-range anger", PERSONA, "  anger: 7\n", "  anger: 11\n",
     [f"{PERSONA}: temperament.anger: must be at most 10, got 11"]),
    ("out-of-range cue", PERSONA, "    anger: 2\n    trust: -1\n  - when: [\"24 hours\"",
     "    anger: 9\n    trust: -1\n  - when: [\"24 hours\"",
     [f"{PERSONA}: triggers[0].anger: must be at most 5, got 9"]),
    ("value not allowed", PERSONA, "difficulty: medium", "difficulty: medum",
     [f"{PERSONA}: difficulty: 'medum' is not an allowed value "
      "(did you mean 'medium'? use one of: 'easy', 'medium' or 'hard')"]),
    ("unknown mood band", PERSONA, "  furious:\n", "  fury:\n",
     [f"{PERSONA}: lines.fury: 'fury' is not an allowed key "
      "(did you mean 'furious'? use one of: 'calm', 'annoyed', 'furious' or 'abusive')"]),
    ("YAML syntax", PERSONA, "name: Dana Okafor", "name: Dana: Okafor",
     [f"{PERSONA}: line 2, column 11: YAML syntax error: mapping values are not allowed here "
      "(check the indentation, and put text containing ': ' or '#' in quotes)"]),
    ("key written twice", PERSONA, "  trust: 3\n", "  trust: 3\n  anger: 2\n",
     [f"{PERSONA}: line 32, column 3: 'anger' is written twice in the same block (keep only one of them)"]),
    ("empty file", PERSONA, None, "# nothing yet\n",
     [f"{PERSONA}: file: is empty (see the 'Trainer files' section of README.md for an example)"]),
    ("not a mapping", PERSONA, None, "- name: Dana\n- story: down\n",
     [f"{PERSONA}: (top level): expected a mapping of fields (name: value), got a list "
      "(start each top-level field at the beginning of a line, e.g. 'name: Dana')"]),
    ("id mismatch", PERSONA, "name: Dana Okafor", "id: dana\nname: Dana Okafor",
     [f"{PERSONA}: id: 'dana' does not match the file name 'isp-dana' "
      "(remove the id line or rename the file to dana.yaml)"]),
    ("abusive_at without abusive lines", PERSONA, "  trust: 3\n", "  trust: 3\n  abusive_at: 9\n",
     [f"{PERSONA}: lines: temperament.abusive_at is set, so lines needs an 'abusive' band too"]),
    ("a band without lines", PERSONA, '    - "Okay. That actually helps, thank you."\n'
     '    - "Fine, I can work with that. What do you need from me?"\n'
     '    - "Thanks for not reading me a script. So what happens next?"\n', "    []\n",
     [f"{PERSONA}: lines: needs at least one example line for the 'calm' band"]),
    ("unknown reaction kind", PERSONA, "  heard:\n", "  herd:\n",
     [f"{PERSONA}: reactions.herd: unknown field (did you mean 'heard'? allowed: {REACTION_KINDS})"]),
    ("reaction line too long", PERSONA, "    - \"Yes. And it still doesn't work.\"\n", f"    - \"{'No' * 81}.\"\n",
     [f"{PERSONA}: reactions.asked_yes_no[2]: at most 160 characters, got 163: '{'No' * 20}...'"]),
    ("reaction line of many sentences", PERSONA, "Twenty-four hours. I've heard that one before, twice.",
     "One. Two. Three. Four.",
     [f"{PERSONA}: triggers[1].says[0]: at most 3 sentences: 'One. Two. Three. Four.'"]),
    ("empty reaction line", PERSONA, "    - \"Yes. And it still doesn't work.\"\n", "    - \"\"\n",
     [f"{PERSONA}: reactions.asked_yes_no[2]: a line must not be empty"]),
    ("reaction lines not a list", PERSONA, "  escalated:\n    - \"I'm done going in circles. Put me through to a "
     "supervisor, please.\"\n    - \"I want to speak to your supervisor. Now.\"\n", "  escalated: Supervisor, now.\n",
     [f"{PERSONA}: reactions.escalated: wrong type: got 'Supervisor, now.' (expected a list: one '- item' per line)"]),
    ("duplicate criterion id", RUBRIC, "  - id: promises\n", "  - id: empathy\n",
     [f"{RUBRIC}: criteria: criterion ids must be unique; repeated: empathy"]),
    ("duplicate level id", RUBRIC, "      - id: generic\n", "      - id: specific\n",
     [f"{RUBRIC}: criteria[0].levels: level ids must be unique; repeated: specific"]),
    ("rubric without criteria", RUBRIC, None, "name: Empty\nversion: '1'\n",
     [f"{RUBRIC}: criteria: required field is missing"]),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_malformed_file_gives_exact_messages(project, file, old, new, expected):
    path = edit(file, old, new)
    model = Rubric if file.startswith("rubrics/") else Persona
    loaded, problems = validate_file(path, model)
    assert loaded is None
    assert [str(problem) for problem in problems] == expected


def test_load_persona_raises_the_first_problem_and_counts_the_rest(project):
    path = edit(PERSONA, "  trust: 3\n", "  trust: 30\n  mood: angry\n")
    with pytest.raises(LoadError) as raised:
        load_persona(path)
    assert raised.value.file == PERSONA and raised.value.field == "temperament.trust"
    assert str(raised.value) == (f"{PERSONA}: temperament.trust: must be at most 10, got 30 "
                                 f"(1 more problem(s): run `bot check {PERSONA}`)")


def test_load_rubric_accepts_a_valid_file_and_rejects_a_broken_one(project):
    assert load_rubric(Path(RUBRIC)).id == "deescalation"
    edit(RUBRIC, "    weight: 1.5", "    weight: -1")
    with pytest.raises(LoadError, match=r"criteria\[0\]\.weight: must be more than 0, got -1"):
        load_rubric(Path(RUBRIC))


def test_a_file_name_that_is_not_an_id_is_refused(project):
    path = Path("personas/Dana Okafor.yaml")
    Path(PERSONA).rename(path)
    _, problems = validate_file(path, Persona)
    assert [str(p) for p in problems] == [
        "personas/Dana Okafor.yaml: id: file name 'Dana Okafor' is not a valid id "
        "(use lower-case letters, digits, '-' and '_', e.g. isp-dana.yaml)"]


def test_a_persona_without_reactions_or_cue_lines_still_loads(project):
    """Reactions and cue ``says`` are optional: files written before them keep working."""
    text = Path(PERSONA).read_text()
    reactions = text[text.index("reactions:"):text.index("opening_lines:")]
    older = "".join(line for line in text.replace(reactions, "").splitlines(keepends=True)
                    if not line.lstrip().startswith("says:"))
    persona = load_persona(edit(PERSONA, None, older))
    assert persona.reaction_lines == [] and persona.reactions.heard == []
