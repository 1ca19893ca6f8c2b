"""One bad file is reported and left out; everything else still loads."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.config import Settings
from bot.domain import Persona
from bot.files import load_catalog, load_folder


def shipped_persona_ids(project: Path) -> set[str]:
    return {path.stem for path in (project / "personas").glob("*.yaml")}


def test_the_catalog_loads_everything_from_the_settings_folders(settings):
    catalog = load_catalog(settings)
    assert catalog.ok
    assert set(catalog.personas) == shipped_persona_ids(settings.personas_dir.parent)
    assert set(catalog.rubrics) == {"deescalation"}
    assert set(catalog.prompts.prompts) == {"customer", "judge", "debrief"}


def test_one_bad_file_among_good_ones_leaves_the_rest_loaded(project, settings):
    Path("personas/broken.yaml").write_text("name: [unclosed\n")
    Path("personas/isp-dana.yaml").write_text(Path("personas/isp-dana.yaml").read_text().replace(
        "difficulty: medium", "difficulty: brutal"))
    Path("prompts/judge.md").write_text("---\nversion: 1\n---\n{{ verdict }}\n")
    catalog = load_catalog(settings)
    assert set(catalog.personas) == shipped_persona_ids(project) - {"broken", "isp-dana"}
    assert set(catalog.rubrics) == {"deescalation"}
    assert set(catalog.prompts.prompts) == {"customer", "debrief"}
    assert [(p.file, p.field) for p in catalog.problems] == [
        ("personas/broken.yaml", "line 2, column 1"),
        ("personas/isp-dana.yaml", "difficulty"),
        ("prompts/judge.md", "variable 'verdict'"),
    ]
    assert not catalog.ok


def test_two_files_with_the_same_id_keep_the_first(project):
    shutil.copy("personas/isp-dana.yaml", "personas/isp-dana.yml")
    loaded, problems = load_folder(Path("personas"), Persona)
    assert "isp-dana" in loaded
    assert [str(p) for p in problems] == [
        "personas/isp-dana.yml: id: duplicate id 'isp-dana' (personas/isp-dana.yaml already uses it; rename one)"]


def test_a_missing_folder_is_one_problem_not_a_crash(project):
    catalog = load_catalog(Settings(personas_dir=project / "nowhere", rubrics_dir=project / "rubrics",
                                    prompts_dir=project / "nothing"))
    assert catalog.personas == {} and set(catalog.rubrics) == {"deescalation"}
    assert [str(p) for p in catalog.problems] == [
        "nowhere: folder: does not exist (create it or point the setting at the right folder)",
        "nothing: folder: does not exist (create it or point BOT_PROMPTS_DIR at the right folder)",
    ]


def test_files_that_are_not_yaml_are_ignored(project):
    Path("personas/README.md").write_text("# notes for trainers\n")
    loaded, problems = load_folder(Path("personas"), Persona)
    assert problems == [] and "README" not in loaded
