"""The GitHub Actions workflow: its commands exist, and it runs what the README says."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from sitrep.cli import make_parser

PROJECT = Path(__file__).resolve().parents[1]
WORKFLOW = PROJECT / ".github" / "workflows" / "site.yml"
EXPRESSION = re.compile(r"\$\{\{[^}]*\}\}")
INSTALL = re.escape("python3 -m venv .venv && .venv/bin/pip install -e '.[test]'")


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def commands(workflow: dict) -> list[str]:
    """Every simple command of every `run:` (split at &&, ||, ; and newlines)."""
    found = []
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            for line in step.get("run", "").splitlines():
                found += [c.strip() for c in re.split(r"&&|\|\||;", line) if c.strip()]
    return found


def readme_command(pattern: str) -> str:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    match = re.search(pattern, readme)
    assert match, pattern
    return match.group(0)


def test_triggers(workflow):
    triggers = workflow.get("on", workflow.get(True))      # YAML 1.1 reads `on` as true
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]


def test_every_sitrep_command_parses(workflow):
    sitrep_commands = [c for c in commands(workflow) if c.startswith(".venv/bin/sitrep ")]
    assert {shlex.split(c)[1] for c in sitrep_commands} >= {"build", "diff", "check"}
    parser = make_parser()
    for command in sitrep_commands:
        words = shlex.split(EXPRESSION.sub("main", command.split(">>")[0]))
        args = parser.parse_args(words[1:])                # SystemExit if it does not exist
        assert callable(args.func), command


def test_pull_requests_run_the_readme_tests_and_post_the_diff(workflow):
    review = steps(workflow, "review")
    checkout = next(s for s in review if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    runs = [s.get("run", "") for s in review]
    assert "bash .ci/run" in runs
    # .ci/run installs as the README says and runs exactly the README's test command.
    ci = (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_command(r"\.venv/bin/python -m pytest") in ci
    assert "python3 -m venv .venv" in ci
    assert re.search(r"\.venv/bin/pip install .*-e '\.\[test\]'", ci)
    diff = next(r for r in runs if " diff " in r)
    assert diff == '.venv/bin/sitrep diff "origin/${{ github.base_ref }}" >> "$GITHUB_STEP_SUMMARY"'
    assert runs.index(diff) > runs.index(".venv/bin/sitrep build") > runs.index("bash .ci/run")


def test_main_deploys_with_the_official_pages_actions(workflow):
    build = steps(workflow, "build")
    uses = [s.get("uses", "").split("@")[0] for s in build]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert ["actions/configure-pages", "actions/upload-pages-artifact"] == uses[-2:]
    assert build[-1]["with"]["path"] == "public"
    assert any(s.get("run") == readme_command(INSTALL) for s in build)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")
    assert workflow["permissions"] == {"contents": "read"}      # nothing more by default


def test_diff_help_exists(capsys):
    with pytest.raises(SystemExit) as exit_info:
        make_parser().parse_args(["diff", "--help"])
    assert exit_info.value.code == 0
    assert "BASE" in capsys.readouterr().out
