"""Build progress: counts on a terminal, nothing in CI or a pipe."""

from __future__ import annotations

import io

from sitrep.pipeline import build_project
from sitrep.progress import TerminalProgress, terminal_progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_when_not_a_terminal():
    assert terminal_progress(io.StringIO()) is None


def test_counts_on_a_terminal_end_each_stage_with_a_newline():
    terminal = FakeTerminal()
    progress = terminal_progress(terminal)
    assert isinstance(progress, TerminalProgress)
    for done in range(1, 4):
        progress("render", done, 3)
    assert terminal.getvalue().startswith("\rrender 1/3")
    assert terminal.getvalue().endswith("\rrender 3/3\n")


def test_the_build_reports_every_stage(seed_project, tmp_path):
    calls = []
    build_project(seed_project, tmp_path / "out", progress=lambda *call: calls.append(call))
    stages = {stage for stage, _done, _total in calls}
    assert {"extract", "render"} <= stages
    assert all(done <= total for _stage, done, total in calls)
    assert ("extract", 2, 2) in calls             # the seed and its translation
