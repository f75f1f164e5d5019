"""Route rules that cost less to build and to match.

Werkzeug compiles two URL *builder* functions for every rule when it is added (for
``url_for``), through ``ast`` and ``compile``: about 80 % of ``create_app``'s time with
~150 rules. The mock never builds URLs from rules, so ``LazyBuildRule`` compiles a builder
only the first time it is called; matching is unchanged.

Matching a path whose rules share a prefix of converters (``/Accounts/<sid>/...<format>``)
tries one regular expression after another: 25 to 35 us a request. A client calls the same
few paths again and again (its account's messages, its calls), so ``CachedMap`` remembers
what each (host, path, method) matched: the rule and its arguments, never a refusal
(404, 405 or a redirect, which werkzeug raises and which are worked out each time). The
memory is cleared whenever a rule is added, and when it holds ``MATCHES_CACHED`` paths.
"""
from __future__ import annotations

from typing import Any, Callable, MutableMapping

from werkzeug.routing import Map, Rule
from werkzeug.routing.matcher import StateMachineMatcher

#: (host, path, method) answers CachedMap keeps before it starts again
MATCHES_CACHED = 4096


class LazyBuildRule(Rule):
    """A werkzeug Rule whose URL builders are compiled on first use."""

    def _compile_builder(self, append_unknown: bool = True) -> Callable[..., Any]:
        name = "_build_unknown" if append_unknown else "_build"

        def build(rule: Rule, *args: Any, **kwargs: Any) -> Any:
            real = Rule._compile_builder(rule, append_unknown).__get__(rule, None)
            setattr(rule, name, real)            # compiled once, then called directly
            return real(*args, **kwargs)
        return build


class CachedMatcher(StateMachineMatcher):
    """werkzeug's state-machine matcher, remembering what each request matched."""

    def __init__(self, merge_slashes: bool) -> None:
        super().__init__(merge_slashes)
        self.matched: dict[tuple, tuple[Rule, dict]] = {}

    def add(self, rule: Rule) -> None:
        """Add ``rule`` and forget every remembered match."""
        self.matched.clear()
        super().add(rule)

    def update(self) -> None:
        """Sort the rules (werkzeug's) and forget every remembered match."""
        self.matched.clear()
        super().update()

    def match(self, domain: str, path: str, method: str,
              websocket: bool) -> tuple[Rule, MutableMapping[str, Any]]:
        """The rule ``path`` matches and its arguments (a fresh dict each time); werkzeug's
        exceptions for no match, as before."""
        key = (domain, path, method, websocket)
        found = self.matched.get(key)
        if found is None:
            rule, values = super().match(domain, path, method, websocket)
            if len(self.matched) >= MATCHES_CACHED:
                self.matched.clear()
            found = self.matched[key] = (rule, dict(values))
        return found[0], dict(found[1])


class CachedMap(Map):
    """A werkzeug Map matching through ``CachedMatcher``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        merge_slashes = kwargs.get("merge_slashes", True)
        super().__init__(*args, **kwargs)
        self._matcher = CachedMatcher(merge_slashes)
        for rule in self._rules:            # rules given to the constructor, if any
            if not rule.build_only:
                self._matcher.add(rule)
