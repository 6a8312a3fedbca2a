"""The editor and reviewer subcommands: diff, publish, serve, new and translations."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from sitrep.cli import _add_content_option, find_root
from sitrep.errors import ErrorCollector


def cmd_diff(args: argparse.Namespace) -> int:
    from sitrep.diff import fact_diff, format_markdown, localizer, to_json
    root = find_root(args)
    diff = fact_diff(root, args.base, args.head)
    if args.format == "json":
        json.dump(to_json(diff), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_markdown(diff, localizer(root, args.lang)))
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from sitrep.progress import terminal_progress
    from sitrep.publish import describe, publish
    published = publish(find_root(args), args.output, branch=args.branch, push=args.push,
                        remote=args.remote, allow_dirty=args.allow_dirty,
                        progress=terminal_progress())
    for warning in published.warnings:
        print(f"{warning} (warning)", file=sys.stderr)
    for line in describe(published):
        print(line)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from sitrep.serve import serve
    serve(find_root(args), args.output, args.port)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from sitrep.project import find_content_dir
    from sitrep.scaffold import new_briefing, parse_day
    day = parse_day(args.date) if args.date else dt.date.today()
    path = new_briefing(find_content_dir(args.content), args.title, day)
    print(f"created {path}")
    return 0


def cmd_translations(args: argparse.Namespace) -> int:
    from sitrep.model import Report
    from sitrep.pair import pair
    from sitrep.content import load_briefings
    from sitrep.project import find_content_dir
    from sitrep.translations import mark_reviewed, needing_work
    content_dir = find_content_dir(args.content)
    if args.mark:
        path, digest = mark_reviewed(content_dir / "briefings", args.mark)
        print(f"{path}: translation_of: {digest} (marked as a translation of the current French)")
        return 0
    errors = ErrorCollector()
    briefings = load_briefings(content_dir / "briefings", errors)
    errors.raise_if_any()
    # Translation status needs the French bodies only, not their facts.
    reports = [Report(b, []) for b in briefings if b.language == "fr"]
    todo = needing_work(pair(reports, briefings))
    for sitrep in todo:
        where = sitrep.en.path if sitrep.en is not None else \
            f"no {sitrep.fr.path.with_name(sitrep.id + '.en.md')}"
        print(f"{sitrep.translation_status:<11} {sitrep.id}  ({where})")
    counts = {status: sum(s.translation_status == status for s in todo)
              for status in ("missing", "stale", "unverified")}
    print(f"{len(todo)} translation(s) need work: "
          + ", ".join(f"{n} {status}" for status, n in counts.items()))
    return 0


def add_tool_commands(sub: argparse._SubParsersAction) -> None:
    diff = sub.add_parser("diff", help="the facts and translations that changed between two "
                                       "revisions, as a pull-request comment")
    diff.add_argument("base", nargs="?", metavar="BASE",
                      help="base revision (default: the merge base of HEAD with main)")
    diff.add_argument("head", nargs="?", metavar="HEAD",
                      help="head revision (default: the working tree)")
    diff.add_argument("--format", choices=("markdown", "json"), default="markdown")
    diff.add_argument("--lang", choices=("fr", "en"), default="fr",
                      help="language of the Markdown report (default: fr)")
    _add_content_option(diff)
    diff.set_defaults(func=cmd_diff)

    publish = sub.add_parser("publish", help="build, check, then commit public/ to the "
                                             "gh-pages branch (local unless --push)")
    publish.add_argument("--output", type=Path, default=None,
                         help="output folder (default: public)")
    publish.add_argument("--branch", default="gh-pages", help="branch to commit the site to")
    publish.add_argument("--push", action="store_true", help="push the branch to the remote")
    publish.add_argument("--remote", default="origin", help="remote for --push (default: origin)")
    publish.add_argument("--allow-dirty", action="store_true",
                         help="publish even with uncommitted changes (said in the commit)")
    _add_content_option(publish)
    publish.set_defaults(func=cmd_publish)

    serve = sub.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild and reload "
                                         "on every change")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free)")
    serve.add_argument("--output", type=Path, default=None,
                       help="output folder (default: public)")
    _add_content_option(serve)
    serve.set_defaults(func=cmd_serve)

    new = sub.add_parser("new", help="start a French briefing: "
                                     "content/briefings/<date>-<slug>.fr.md")
    new.add_argument("title", metavar="TITLE", help="the briefing's French title")
    new.add_argument("--date", default=None, help="day it is issued, YYYY-MM-DD (default: today)")
    _add_content_option(new)
    new.set_defaults(func=cmd_new)

    translations = sub.add_parser("translations", help="list missing, stale and unverified "
                                                       "translations, or mark one as reviewed")
    translations.add_argument("--mark", metavar="ID", default=None,
                              help="write the current French body hash into ID.en.md")
    _add_content_option(translations)
    translations.set_defaults(func=cmd_translations)
