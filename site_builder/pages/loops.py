"""loops: a template that extends, includes or imports itself, directly or through others -> that
loop, and the file and line of its first step: what a RecursionError while drawing means."""

from __future__ import annotations

from pathlib import Path

import jinja2
import jinja2.nodes

from site_builder.errors import Problem

_STEPS = (jinja2.nodes.Extends, jinja2.nodes.Include, jinja2.nodes.Import, jinja2.nodes.FromImport)


def template_loop(env: jinja2.Environment, start: str) -> Problem | None:
    """The first loop of templates named outright that drawing `start` runs into, as a problem
    at the line where the loop's first template names the next; None if there is none."""
    path: list[tuple[str, str, int]] = []  # (template, its file, the line naming the next)
    on_path: set[str] = set()
    done: set[str] = set()

    def visit(name: str) -> Problem | None:
        if name in on_path:
            loop = path[[step[0] for step in path].index(name):]
            names = " -> ".join([*(step[0] for step in loop), name])
            return Problem(Path(loop[0][1]), loop[0][2],
                           f"template error: templates include each other without end ({names})")
        if name in done:
            return None
        done.add(name)
        on_path.add(name)
        for target, line, filename in _steps(env, name):
            path.append((name, filename, line))
            found = visit(target)
            path.pop()
            if found is not None:
                return found
        on_path.discard(name)
        return None

    return visit(start)


def _steps(env: jinja2.Environment, name: str) -> list[tuple[str, int, str]]:
    """(template named, line, this template's file) for each template `name` names outright."""
    try:
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        tree = env.parse(source, name, filename)
    except (jinja2.TemplateError, OSError):
        return []
    steps = []
    for node in tree.find_all(_STEPS):
        target = node.template
        if isinstance(target, jinja2.nodes.Const) and isinstance(target.value, str):
            steps.append((target.value, node.lineno, filename or name))
    return steps
