"""Route rules that cost less to build, so that an app per test is cheap.

Werkzeug compiles two URL *builder* functions for every rule when it is added (for
``url_for``), through ``ast`` and ``compile``: about 80 % of ``create_app``'s time with
~150 rules. The mock never builds URLs from rules, so ``LazyBuildRule`` compiles a builder
only the first time it is called; matching is unchanged.
"""
from __future__ import annotations

from typing import Any, Callable

from werkzeug.routing import Rule


class LazyBuildRule(Rule):
    """A werkzeug Rule whose URL builders are compiled on first use."""

    def _compile_builder(self, append_unknown: bool = True) -> Callable[..., Any]:
        name = "_build_unknown" if append_unknown else "_build"

        def build(rule: Rule, *args: Any, **kwargs: Any) -> Any:
            real = Rule._compile_builder(rule, append_unknown).__get__(rule, None)
            setattr(rule, name, real)            # compiled once, then called directly
            return real(*args, **kwargs)
        return build
