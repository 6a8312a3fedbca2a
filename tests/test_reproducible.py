"""Same input, same bytes: whatever the environment, the clock or the order of the disk;
and a one-word edit changes only the pages that show that briefing."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path


from golden import site_files
from gitrepo import PROJECT, run_sitrep
from sitrep.pipeline import build_project

# Loaded by the build's interpreter (via PYTHONPATH): every clock Python code reads is
# moved about eleven years ahead.
SHIFTED_CLOCK = '''
import datetime as _dt, time as _time
_SHIFT = 4000 * 86400
_time_time, _time_ns = _time.time, _time.time_ns
_time.time = lambda: _time_time() + _SHIFT                 # date.today() reads this too
_time.time_ns = lambda: _time_ns() + _SHIFT * 10**9
for _name in ("localtime", "gmtime", "ctime"):
    def _shifted(secs=None, _f=getattr(_time, _name)):
        return _f(_time.time() if secs is None else secs)
    setattr(_time, _name, _shifted)
_strftime = _time.strftime
_time.strftime = lambda format, t=None: _strftime(format, _time.localtime() if t is None else t)
class _DateTime(_dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return _dt.datetime.fromtimestamp(_time.time(), tz)
    @classmethod
    def utcnow(cls):
        return _dt.datetime.fromtimestamp(_time.time(), _dt.timezone.utc).replace(tzinfo=None)
    today = now
_dt.datetime = _DateTime
'''


def copy_project(destination: Path, reverse: bool = False) -> Path:
    """content/ and templates/ copied file by file, in sorted or reversed order."""
    for name in ("content", "templates"):
        files = sorted(p for p in (PROJECT / name).rglob("*") if p.is_file())
        for path in reversed(files) if reverse else files:
            target = destination / path.relative_to(PROJECT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return destination


def build_in_subprocess(project: Path, output: Path, cwd: Path, **env: str) -> dict[str, bytes]:
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("SOURCE_DATE_EPOCH", "TZ", "LANG", "LC_ALL", "PYTHONHASHSEED")}
    environment.update(env)
    done = run_sitrep("build", "--content", str(project / "content"), "--output", str(output),
                      cwd=cwd, env=environment)
    assert done.returncode == 0, done.stderr
    return site_files(output)


def assert_same_site(first: dict[str, bytes], second: dict[str, bytes]) -> None:
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert differing == []


def test_same_bytes_whatever_the_environment(tmp_path):
    one = copy_project(tmp_path / "one")
    two = copy_project(tmp_path / "elsewhere" / "two", reverse=True)
    (tmp_path / "cwd").mkdir()
    first = build_in_subprocess(one, tmp_path / "out1", cwd=one, PYTHONHASHSEED="0",
                                TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    second = build_in_subprocess(two, tmp_path / "out2", cwd=tmp_path / "cwd",
                                 PYTHONHASHSEED="4242", TZ="Pacific/Kiritimati",
                                 LANG="fr_FR.UTF-8", LC_ALL="fr_FR.UTF-8")
    assert_same_site(first, second)
    assert not any(str(tmp_path).encode() in data for data in first.values())


class _Reversed:
    """os.scandir's result, in reverse order, usable the same ways."""

    def __init__(self, entries):
        self.entries = list(entries)[::-1]

    def __iter__(self):
        return iter(self.entries)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def close(self):
        pass


def test_same_bytes_whatever_the_directory_order(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    build_project(project, tmp_path / "sorted")
    real_scandir, real_listdir = os.scandir, os.listdir

    def reversed_scandir(path="."):
        with real_scandir(path) as entries:
            return _Reversed(entries)

    # pathlib's glob walks with scandir, iterdir with listdir: both now list backwards.
    monkeypatch.setattr(os, "scandir", reversed_scandir)
    monkeypatch.setattr(os, "listdir", lambda path=".": sorted(real_listdir(path))[::-1])
    build_project(project, tmp_path / "reversed")
    monkeypatch.undo()
    assert_same_site(site_files(tmp_path / "sorted"), site_files(tmp_path / "reversed"))


def test_the_clock_matters_only_through_source_date_epoch(tmp_path):
    project = copy_project(tmp_path / "project")
    clock = tmp_path / "clock"
    clock.mkdir()
    (clock / "sitecustomize.py").write_text(SHIFTED_CLOCK, encoding="utf-8")
    shifted = {"PYTHONPATH": str(clock)}
    today = "import datetime; print(datetime.date.today().year)"
    year = subprocess.run([sys.executable, "-c", today], capture_output=True, text=True,
                          env={**os.environ, **shifted}, check=True)
    assert int(year.stdout) > dt.date.today().year + 5                 # the shift takes hold
    epoch = {"SOURCE_DATE_EPOCH": "1750000000"}
    now = build_in_subprocess(project, tmp_path / "now", cwd=project)
    later = build_in_subprocess(project, tmp_path / "later", cwd=project, **shifted)
    # Nothing in the output depends on the clock today...
    assert_same_site(now, later)
    # ...and with SOURCE_DATE_EPOCH set, the clock never may.
    assert_same_site(build_in_subprocess(project, tmp_path / "e1", cwd=project, **epoch),
                     build_in_subprocess(project, tmp_path / "e2", cwd=project,
                                         **epoch, **shifted))


def not_search(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in files.items() if not path.startswith("pagefind/")}


def briefing_pages(files: dict[str, bytes], briefing_id: str) -> set[str]:
    return {path for path in files if f"/{briefing_id}/" in path}


def test_one_word_edit_changes_only_the_pages_that_show_it(tmp_path):
    project = copy_project(tmp_path / "project")
    before = site_files(build_project(project).output)
    french = sorted((project / "content" / "briefings").glob("*.fr.md"))
    # One without annotations: an edit must not break a quote the header anchors on.
    plain = [path for path in french if "\nfacts:" not in path.read_text(encoding="utf-8")]
    edited = plain[len(plain) // 2]
    briefing_id = edited.name.removesuffix(".fr.md")
    text = edited.read_text(encoding="utf-8")
    body_start = text.index("\n---\n") + 5
    last_line = text.rstrip("\n").rsplit("\n", 1)[1]
    assert text.index(last_line) >= body_start
    edited.write_text(text.replace(last_line, last_line.replace(" ", " vraiment ", 1)),
                      encoding="utf-8")
    after = site_files(build_project(project).output)

    # The search bundle indexes the text and names its files by content: it may change
    # as a whole. Everything else keeps its name.
    pages_before, pages_after = (not_search(before), not_search(after))
    assert sorted(pages_before) == sorted(pages_after)             # no page came or went
    changed = {path for path in pages_before if before[path] != after[path]}
    assert f"fr/briefings/{briefing_id}/index.html" in changed
    others = {other.name.removesuffix(".fr.md") for other in french} - {briefing_id}
    for other in others:
        assert not changed & briefing_pages(before, other), other
    assert not {path for path in changed if path.startswith("static/")}
    assert "index.html" not in changed                             # the bilingual root page
