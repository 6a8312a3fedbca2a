"""The `sitrep` command line: user errors become `path:line: message` and exit code 1."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from pathlib import Path

from sitrep.errors import ErrorCollector, SitrepError, SitrepErrors


def _add_content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=None,
                        help="content folder (default: ./content)")


def _briefing_paths(arguments: list[Path], errors: ErrorCollector) -> list[Path]:
    paths: list[Path] = []
    for argument in arguments:
        if argument.is_dir():
            paths.extend(sorted(argument.rglob("*.fr.md")))
        elif argument.is_file():
            paths.append(argument)
        else:
            errors.add("no such file or folder", argument)
    return paths


def cmd_extract(args: argparse.Namespace) -> int:
    from sitrep.content import load_briefing
    from sitrep.extract import extract
    from sitrep.extract.table import format_table
    from sitrep.facts_json import facts_document
    from sitrep.gazetteer import load_gazetteer
    from sitrep.project import find_content_dir

    gazetteer = load_gazetteer(find_content_dir(args.content) / "gazetteer")
    errors = ErrorCollector()
    reports = []
    warnings: list[SitrepError] = []
    for path in _briefing_paths(args.paths, errors):
        with errors.collect():
            briefing = load_briefing(path, lenient=True)
            if briefing.language != "fr":
                raise SitrepError("extraction reads French originals (*.fr.md)", path)
            reports.append(extract(briefing, gazetteer))
            warnings += [SitrepError(f"warning: {message}", path, line)
                         for message, line in briefing.meta.get("warnings", ())]
    if args.json:
        json.dump(facts_document(reports), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_table(reports))
    for error in sorted([*errors.errors, *warnings], key=SitrepError.sort_key):
        print(error, file=sys.stderr)
    return 1 if errors.errors else 0


def cmd_check(args: argparse.Namespace) -> int:
    from sitrep.pipeline import check_project
    warnings = check_project(find_root(args))
    for warning in warnings:
        print(f"{warning} (warning)", file=sys.stderr)
    print("content OK" + (f", {len(warnings)} warning(s)" if warnings else ""))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from sitrep.collector import collector_paused
    with collector_paused():
        return _build(args)


def _build(args: argparse.Namespace) -> int:
    from sitrep.manifest import build_state
    root = find_root(args)
    # The same state build_project would take first; asked here so that a build with
    # nothing to do does not import the pipeline (its regular expressions alone take
    # longer to compile than the two folder walks).
    state = build_state(root, args.output, search=not args.no_search,
                        use_cache=not args.no_cache)
    if state.unchanged:
        print(f"nothing changed since the last build of {state.output}")
        return 0
    from sitrep.pipeline import build_project
    from sitrep.progress import terminal_progress
    result = build_project(root, output=args.output, progress=terminal_progress(),
                           search=not args.no_search, use_cache=not args.no_cache,
                           jobs=args.jobs, state=state)
    if result.unchanged:
        print(f"nothing changed since the last build of {result.output}")
    else:
        print(f"built {result.pages} pages and {result.files} files into {result.output} "
              f"({result.rendered} pages drawn, {result.written} files written)")
    return 0


def cmd_i18n(args: argparse.Namespace) -> int:
    from sitrep.i18n import untranslated, update_catalogs
    from sitrep.model import LANGUAGES
    templates = find_root(args) / "templates"
    for path in update_catalogs(templates, LANGUAGES):
        print(f"updated {path}")
    missing = {lang: untranslated(templates, lang) for lang in LANGUAGES}
    for lang, messages in missing.items():
        for message in messages:
            print(f"{lang}: untranslated: {message}", file=sys.stderr)
    return 1 if any(missing.values()) else 0


def find_root(args: argparse.Namespace) -> Path:
    from sitrep.project import find_content_dir
    return find_content_dir(args.content).parent


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitrep", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = sub.add_parser("extract", help="print the facts found in French briefings")
    extract.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                         help="a *.fr.md file or a folder searched for them")
    extract.add_argument("--json", action="store_true", help="print the facts JSON document")
    _add_content_option(extract)
    extract.set_defaults(func=cmd_extract)

    build = sub.add_parser("build", help="build the bilingual site into public/")
    build.add_argument("--output", type=Path, default=None, help="output folder (default: public)")
    build.add_argument("--no-search", action="store_true",
                       help="skip the Pagefind search index (faster; the site has no search)")
    build.add_argument("--no-cache", action="store_true",
                       help="build from scratch, ignoring and not updating .sitrep-cache/")
    build.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="processes for the heavy stages (default: one per core)")
    _add_content_option(build)
    build.set_defaults(func=cmd_build)

    check = sub.add_parser("check", help="validate all content, report every problem at once")
    _add_content_option(check)
    check.set_defaults(func=cmd_check)
    i18n = sub.add_parser("i18n", help="extract interface messages from the templates into "
                                        "the catalogs and list untranslated ones")
    _add_content_option(i18n)
    i18n.set_defaults(func=cmd_i18n)
    from sitrep.cli_tools import add_tool_commands
    add_tool_commands(sub)
    return parser


# A build holds a few hundred thousand long-lived objects (briefings, facts, their views)
# and makes millions of short-lived ones; at Python's default threshold (700) the cycle
# collector scans the long-lived ones again and again, about 15 % of a large build.
# Nothing sitrep makes is freed only by the cycle collector in bulk, so collecting
# less often costs no memory worth measuring (benchmarks/PROFILE.md).
GC_THRESHOLDS = (20_000, 20, 100)


def main(argv: list[str] | None = None) -> int:
    gc.set_threshold(*GC_THRESHOLDS)
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except SitrepErrors as many:
        print(many, file=sys.stderr)
        return 1
    except SitrepError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
