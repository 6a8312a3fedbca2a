"""Shared fixtures: small projects built in temporary folders."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tests"))

from gitrepo import write_briefing  # noqa: E402,F401 (tests import it from here too)

SEED_ID = "2025-06-15-koursk-pertes-nord-coreennes"


@pytest.fixture
def seed_project(tmp_path: Path) -> Path:
    """A project folder with the real templates, gazetteer, site.yaml and the seed briefing."""
    from golden import make_seed_project
    return make_seed_project(tmp_path / "project")


@pytest.fixture
def full_project(tmp_path: Path) -> Path:
    """A copy of the whole project content and templates."""
    folder = tmp_path / "full"
    shutil.copytree(PROJECT / "content", folder / "content")
    shutil.copytree(PROJECT / "templates", folder / "templates")
    return folder

