"""Time sitrep, Pelican and Hugo on the same synthetic archive, in one run.

    pip install -r benchmarks/requirements.txt
    python benchmarks/bench.py [--count 5000] [--runs 3] [--work DIR] [--skip-peers]

Prints a table (median wall time of the runs, peak memory of the process tree) with
each tool's ratio to sitrep's cold build, the Python-Markdown floor on one process and on
every core beside them (floor.py: the same bodies through Markdown and a one-line
template, nothing else), then sitrep's incremental figures: rebuild
with nothing changed, after editing a briefing's text, after edits that add and remove
a fact, after edits that change a figure (the output then checked byte-identical to a
clean build), and the Pagefind index timed on its own. Output goes to tmpfs when
/dev/shm exists. The machine is noisy: compare the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent


def measure(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """(seconds, peak MB) of one run, peak taken over the process and its children."""
    wrapper = ("import resource, subprocess, sys, time\n"
               "start = time.perf_counter()\n"
               "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
               "elapsed = time.perf_counter() - start\n"
               "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
               "print(elapsed, peak, code)\n")
    result = subprocess.run([sys.executable, "-c", wrapper, *command], cwd=cwd, env=env,
                            capture_output=True, text=True, check=True)
    elapsed, peak, code = result.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command)} failed in {cwd} (exit {code})")
    return float(elapsed), float(peak)


def median_run(label: str, runs: int, prepare, command: list[str], cwd: Path, env=None):
    times, peaks = [], []
    for _ in range(runs):
        prepare()
        seconds, peak = measure(command, cwd, env)
        times.append(seconds)
        peaks.append(peak)
    return label, statistics.median(times), max(peaks)


def sitrep_code() -> str:
    """The digest sitrep keys its cache with, as a fresh process computes it."""
    return subprocess.run([sys.executable, "-c", "from sitrep.cache import code_digest; "
                           "print(code_digest())"], capture_output=True, text=True,
                          check=True).stdout.strip()


def site_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--skip-peers", action="store_true")
    args = parser.parse_args()
    code_at_start = sitrep_code()
    base = args.work or Path(tempfile.mkdtemp(dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
    generate(base, args.count)
    sitrep_dir, pelican_dir, hugo_dir = base / "sitrep", base / "pelican", base / "hugo"
    env = dict(os.environ)
    # Every tool runs from compiled bytecode, as after `pip install`: Pelican's was
    # compiled when it was installed, sitrep's (an editable install) is written by its
    # first run, unless PYTHONDONTWRITEBYTECODE (set on some machines) forbids it; each
    # build would then compile sitrep's modules again, about 60 ms.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # The search index is timed on its own (the peers build none): sitrep runs skip it.
    build = [str(BIN / "sitrep"), "build", "--no-search"]
    cache = sitrep_dir / ".sitrep-cache"
    public = sitrep_dir / "public"

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(public, ignore_errors=True)

    rows = [median_run("sitrep, cold full build", args.runs, cold,
                       build, sitrep_dir, env)]
    if not args.skip_peers:
        rows.append(median_run("Pelican 4.12, native translations", args.runs,
                               lambda: shutil.rmtree(pelican_dir / "output", ignore_errors=True),
                               [str(BIN / "pelican"), "content", "-o", "output", "-s",
                                "pelicanconf.py", "-q"], pelican_dir))
        rows.append(median_run("Hugo 0.168, multilingual, minimal templates", args.runs,
                               lambda: shutil.rmtree(hugo_dir / "public", ignore_errors=True),
                               [str(BIN / "hugo"), "--quiet"], hugo_dir))
    floor_out = base / "floor"
    for jobs in (1, os.cpu_count() or 1):
        rows.append(median_run(f"Python-Markdown floor, {jobs} process{'es' if jobs > 1 else ''}",
                               args.runs, lambda: shutil.rmtree(floor_out, ignore_errors=True),
                               [sys.executable, str(HERE / "floor.py"), "content",
                                str(floor_out), "--jobs", str(jobs)], sitrep_dir, env))
    cold_time = rows[0][1]
    print(f"\n{args.count} briefings ({sum(1 for _ in (sitrep_dir / 'content/briefings').glob('*.en.md'))}"
          f" with translations), {os.cpu_count()} cores, median of {args.runs}\n")
    print(f"| {'tool':<46} | {'time':>8} | {'peak memory':>11} | {'vs sitrep cold':>14} |")
    print(f"|{'-' * 48}|{'-' * 10}|{'-' * 13}|{'-' * 16}|")
    for label, seconds, peak in rows:
        print(f"| {label:<46} | {seconds:7.2f}s | {peak:8.0f} MB | {seconds / cold_time:13.2f}x |")

    # Incremental: build once, then nothing changed, then one briefing edited.
    measure(build, sitrep_dir, env)
    noop = median_run("rebuild, nothing changed", args.runs, lambda: None,
                      build, sitrep_dir, env)
    french = sorted((sitrep_dir / "content/briefings").glob("*.fr.md"))
    target = next(path for path in french[len(french) // 2:]
                  if "Les combats" in path.read_text(encoding="utf-8"))
    original = target.read_text(encoding="utf-8")
    counter = iter(range(1000))

    def text_edit() -> None:
        """A few words more in a sentence that carries no fact."""
        target.write_text(original.replace("Les combats", "Les" + " très" * next(counter)
                                           + " durs combats", 1), encoding="utf-8")

    def fact_edit() -> None:
        """A casualty figure in the sentence: a fact more than the original has (the
        lists that count facts change too), or the figure changed (the pages that show
        it)."""
        target.write_text(original.replace("Les combats", f"Les combats ont fait "
                                           f"{200 + next(counter)} morts russes ; ils", 1),
                          encoding="utf-8")

    added_last = [False]

    def fact_added_or_removed() -> None:
        """The casualty figure added, then taken out again, and so on; each time with a
        word more elsewhere, so no edit gives bytes the cache has seen."""
        if added_last[0]:
            text_edit()
        else:
            fact_edit()
        added_last[0] = not added_last[0]

    # The first edit of a translated briefing turns its translation stale, which the
    # translations page shows: a full incremental build. The edits after it are what an
    # editor saving again and again makes.
    text_edit()
    measure(build, sitrep_dir, env)
    one = median_run("rebuild after editing a briefing's text", args.runs, text_edit,
                     build, sitrep_dir, env)
    added = median_run("rebuild after adding or removing a fact", args.runs,
                       fact_added_or_removed, build, sitrep_dir, env)
    if not added_last[0]:
        fact_edit()                         # the figure to change is there
        measure(build, sitrep_dir, env)
    fact = median_run("rebuild after an edit that changes a figure", args.runs, fact_edit,
                      build, sitrep_dir, env)
    incremental = site_bytes(public)
    clean_dir = base / "clean"
    shutil.rmtree(clean_dir, ignore_errors=True)
    subprocess.run([*build, "--output", str(clean_dir), "--no-cache"],
                   cwd=sitrep_dir, check=True, stdout=subprocess.DEVNULL)
    identical = site_bytes(clean_dir) == incremental
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(public), "--output-path",
                    str(base / "pagefind-alone"), "--quiet"], check=True)
    pagefind_time = time.perf_counter() - start
    print()
    for label, seconds, peak in (noop, one, added, fact):
        print(f"| {label:<46} | {seconds:7.2f}s | {peak:8.0f} MB |")
    print(f"\nincremental output byte-identical to a clean build: {identical}")
    print(f"Pagefind index on its own: {pagefind_time:.2f}s")
    if sitrep_code() != code_at_start:
        # A build after the edit misses the cache (its key holds the code) and redraws
        # every page: the incremental figures above would be a full build's.
        print("WARNING: sitrep's code changed during the run; these figures are not valid")
    print(json.dumps({"count": args.count, "rows": rows, "noop": noop[1], "text_edit": one[1],
                      "fact_added": added[1], "fact_edit": fact[1],
                      "identical": identical, "pagefind": pagefind_time}))
    if not args.work:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
