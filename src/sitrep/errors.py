"""The one family of errors a user can cause, each located as `path:line: message`."""

from __future__ import annotations

import contextlib
from pathlib import Path


class SitrepError(Exception):
    """A problem in content, configuration or arguments: reported, never a traceback."""

    def __init__(self, message: str, path: str | Path | None = None,
                 line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.path or ""
        if self.path and self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message

    def sort_key(self) -> tuple:
        return (self.path or "", self.line or 0, self.column or 0, self.message)


class SitrepErrors(SitrepError):
    """Several problems found at once (MkDocs-style: collect them all, abort once)."""

    def __init__(self, errors: list[SitrepError]):
        self.errors = sorted(errors, key=SitrepError.sort_key)
        super().__init__(f"{len(self.errors)} problem(s) found")

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class ErrorCollector:
    """Gathers problems across files so that every one is reported in a single run."""

    def __init__(self) -> None:
        self.errors: list[SitrepError] = []

    def add(self, message: str, path: str | Path | None = None,
            line: int | None = None, column: int | None = None) -> None:
        self.errors.append(SitrepError(message, path, line, column))

    @contextlib.contextmanager
    def collect(self):
        """Record a SitrepError raised inside the block instead of stopping."""
        try:
            yield
        except SitrepErrors as many:
            self.errors.extend(many.errors)
        except SitrepError as one:
            self.errors.append(one)

    def raise_if_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise SitrepErrors(self.errors)
