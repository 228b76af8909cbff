"""Errors raised while rendering, in one line led by the template file and line they happened at."""

from __future__ import annotations

import traceback

TEMPLATE_SUFFIXES = (".html", ".xml", ".txt")


def template_error(exc: BaseException) -> str:
    """The error in one line, led by the template file and line it happened at when it happened in a template.

    Jinja rewrites tracebacks so that template frames carry the template's own file name and line number.
    """
    from jinja2 import TemplateSyntaxError

    where = None
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        where = f"{exc.filename}:{exc.lineno}"
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(TEMPLATE_SUFFIXES)]
        if frames:
            where = f"{frames[-1].filename}:{frames[-1].lineno}"
    message = f"{type(exc).__name__}: {exc}"
    return f"{where}: {message}" if where else message
