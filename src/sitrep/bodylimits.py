"""Markdown a briefing body may not contain because rendering it would hang or crash.

Python-Markdown scans from every '[' to its closing ']' (or to the end of the paragraph),
so thousands of nested or unclosed brackets cost minutes, and lists nested hundreds of
levels deep exhaust its recursion. No real briefing comes near either limit; a body that
does is refused with the line to fix instead of stalling or breaking the build.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitrep.errors import ErrorCollector

# Characters Python-Markdown's link scanner may visit in one body (about half a second).
MAX_BRACKET_SCAN = 4_000_000
# Columns of indentation and '>' before a line's text (lists and quotes nest by them).
MAX_INDENT = 128

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
LEADING = re.compile(r"[ \t>]*")


def bracket_scan_cost(paragraph: str) -> int:
    """How many characters the link scanner visits: from each '[' to its match, or to the
    end of the paragraph for one never closed. Escaped brackets (\\[) are not scanned."""
    cost = 0
    opened: list[int] = []
    escaped = False
    for index, char in enumerate(paragraph):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            opened.append(index)
        elif char == "]" and opened:
            cost += index - opened.pop()
    return cost + sum(len(paragraph) - start for start in opened)


def check_body(body: str, path: Path, body_line: int, errors: ErrorCollector) -> None:
    """Add a located error for each part of body that would make rendering hang or crash."""
    if "[" in body:
        cost = 0
        start = 0
        for match in [*PARAGRAPH_BREAK.finditer(body), None]:
            end = match.start() if match else len(body)
            cost += bracket_scan_cost(body[start:end])
            if cost > MAX_BRACKET_SCAN:
                line = body_line + body.count("\n", 0, start)
                errors.add("too many nested or unclosed '[' in this part of the body: close "
                           "them, or write \\[ for a bracket meant as text", path, line)
                break
            start = match.end() if match else end
    for number, text in enumerate(body.split("\n")):
        indent = LEADING.match(text).group(0)
        if len(indent.expandtabs(4)) > MAX_INDENT:
            errors.add(f"line nested too deeply: more than {MAX_INDENT} columns of indentation "
                       "and '>' before its text", path, body_line + number)
            break
