"""The Python-Markdown floor: every body of an archive through Markdown and a trivial page.

    python benchmarks/floor.py CONTENT_DIR OUTPUT_DIR [--jobs N]

What the issue on archive scale calls the floor: Python-Markdown alone on the same
bodies (the extensions sitrep uses), each wrapped in a one-line Jinja template and
written to a file, in one process or several. No facts, lists, feeds or links: any
site generator that renders these bodies pays at least this, so a cold build can be no
faster. bench.py times it beside sitrep and the peers.
"""

from __future__ import annotations

import argparse
import multiprocessing
from pathlib import Path

import jinja2
import markdown

_PAGE = jinja2.Template("<!doctype html><html lang=\"{{ lang }}\"><title>{{ title }}</title>"
                        "<main>{{ body }}</main></html>\n")


def _render(paths: list[Path], output: Path) -> int:
    engine = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        header, _, body = text.partition("\n---\n")
        title = next((line[7:] for line in header.splitlines() if line.startswith("title: ")), "")
        html = engine.reset().convert(body)
        page = _PAGE.render(lang=path.suffixes[0][1:], title=title, body=html)
        (output / (path.stem + ".html")).write_text(page, encoding="utf-8")
    return len(paths)


def render_all(content: Path, output: Path, jobs: int) -> int:
    """Render every briefing body under content/briefings into output; the count."""
    paths = sorted((content / "briefings").glob("*.md"))
    output.mkdir(parents=True, exist_ok=True)
    if jobs == 1:
        return _render(paths, output)
    shares = [paths[index::jobs] for index in range(jobs)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return sum(pool.starmap(_render, [(share, output) for share in shares]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    render_all(args.content, args.output, args.jobs)


if __name__ == "__main__":
    main()
