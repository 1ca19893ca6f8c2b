"""Fixtures for the trainer-file tests: a scratch project with copies of the shipped files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, Settings

SHIPPED = {name: PROJECT_ROOT / name for name in ("personas", "rubrics", "prompts")}


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A copy of personas/, rubrics/ and prompts/ in a temporary folder that is also the working directory,
    so messages name files as a trainer sees them (personas/x.yaml)."""
    for name, folder in SHIPPED.items():
        shutil.copytree(folder, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def settings(project) -> Settings:
    return Settings(personas_dir=project / "personas", rubrics_dir=project / "rubrics",
                    prompts_dir=project / "prompts")
