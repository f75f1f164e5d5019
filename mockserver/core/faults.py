"""Fault injection: rules that make a provider's endpoints fail, slow down or drop the
connection on demand (``/_mock/faults``), and the ``X-Mock-Fault`` header that asks the
same of one request.

A rule matches on any of ``provider``, ``method``, ``path`` (a glob, ``fnmatch`` style:
``*`` also crosses ``/``; tried against the path as the client sent it, the path the app
routed and the path below the provider's mount) and ``tenant``. A matching request counts
towards the rule's ``after`` (that many matches pass untouched first), then the rule fires
with ``probability`` (from the app's seeded random source, so a run repeats) at most
``times`` times. The first rule that fires, in the order the rules were added, decides.

Its effect (a ``Fault``) is any of: ``latency_ms`` (the answer is held that long in real
time), ``status`` with optional ``code``, ``message`` and ``headers`` (the answer is that
status in the provider's own error envelope, rendered by its ``render_error``), and
``fault``: ``connection_reset`` (the connection is closed with a TCP reset and no answer)
or ``empty_response`` (closed with nothing sent). A request that is failed this way never
reaches the provider's handler, so it changes no state; one that is only slowed down is
served as usual.

Rules without ``tenant`` are tried when a request arrives (``FrontDoor``); rules with one
only once the provider has authenticated the caller (``core.wsgi.identify``), as only then
is the tenant known.
"""
from __future__ import annotations

import itertools
import random
import threading
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from http import HTTPStatus
from typing import Any, Iterable

from .errors import BadRequest, ProviderError

FAULT_KINDS = ("connection_reset", "empty_response")
MATCH_KEYS = ("provider", "method", "path", "tenant")
LIMIT_KEYS = ("probability", "times", "after")
EFFECT_KEYS = ("latency_ms", "status", "code", "message", "headers", "fault")
RULE_KEYS = MATCH_KEYS + LIMIT_KEYS + EFFECT_KEYS
#: the longest a fault may hold an answer: long enough for any client timeout test
MAX_LATENCY_MS = 120_000
HEADER = "X-Mock-Fault"


@dataclass(frozen=True)
class Fault:
    """What happens to one request: held, failed with a status, or dropped."""

    source: str                         # the rule's id, or "header"
    latency_ms: float = 0.0
    status: int | None = None
    code: str | int | None = None
    message: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    fault: str | None = None

    @property
    def fails(self) -> bool:
        """True when the request is answered by the fault rather than by the provider."""
        return self.status is not None or self.fault is not None


class InjectedError(ProviderError):
    """A status a fault asked for, rendered in the provider's envelope like any error."""

    def __init__(self, fault: Fault) -> None:
        status = int(fault.status or 500)
        super().__init__(fault.message or _phrase(status), code=fault.code, status=status,
                         headers=fault.headers)
        self.fault = fault


class DroppedConnection(ConnectionResetError):
    """Raised out of the WSGI app for a ``connection_reset`` or ``empty_response`` fault:
    the server closes the connection without an answer (``core.wsgi.make_server`` knows
    it); an in-process client sees this exception."""

    def __init__(self, fault: Fault) -> None:
        super().__init__(f"{fault.fault} injected by fault {fault.source}")
        self.fault = fault

    @property
    def reset(self) -> bool:
        """True for a TCP reset, False for a clean close."""
        return self.fault.fault == "connection_reset"


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


@dataclass
class FaultRule:
    """A rule as added, with how often it has matched and fired."""

    id: str
    provider: str | None = None
    method: str | None = None
    path: str | None = None
    tenant: str | None = None
    probability: float = 1.0
    times: int | None = None
    after: int = 0
    effect: Fault = field(default_factory=lambda: Fault("?"))
    matched: int = 0
    fired: int = 0

    def matches(self, provider: str, method: str, paths: Iterable[str],
                tenant: str | None) -> bool:
        """True when the request is one this rule is about."""
        return ((self.provider is None or self.provider == provider)
                and (self.method is None or self.method == method)
                and (self.tenant is None or self.tenant == tenant)
                and (self.path is None or any(fnmatchcase(p, self.path) for p in paths)))

    def to_json(self) -> dict[str, Any]:
        """The rule as the control API shows it: what was asked, and the counters."""
        out: dict[str, Any] = {"id": self.id}
        for key in MATCH_KEYS:
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        out.update(probability=self.probability, times=self.times, after=self.after)
        effect = self.effect
        if effect.latency_ms:
            out["latency_ms"] = effect.latency_ms
        for key in ("status", "code", "message", "fault"):
            if getattr(effect, key) is not None:
                out[key] = getattr(effect, key)
        if effect.headers:
            out["headers"] = dict(effect.headers)
        out.update(matched=self.matched, fired=self.fired)
        return out


class FaultRules:
    """The rules of one app, thread-safe; ``active`` is a lock-free check for the hot path."""

    def __init__(self, rng: random.Random, providers: Iterable[str]) -> None:
        self._rng = rng
        self._providers = set(providers)
        self._rules: list[FaultRule] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.active = False            # any rule at all
        self.tenant_scoped = False     # any rule with a tenant

    def add(self, specs: list[Any]) -> list[dict[str, Any]]:
        """Validate every spec, then add them all (or none: a bad one is a 400 naming its
        field, with its index when a list was given); return the rules as shown."""
        parsed = [_parse_rule(spec, self._providers, f"[{n}]." if len(specs) > 1 else "")
                  for n, spec in enumerate(specs)]
        with self._lock:
            rules = []
            for kwargs in parsed:
                rule_id = f"fault-{next(self._ids)}"
                kwargs["effect"] = with_source(kwargs["effect"], rule_id)
                rules.append(FaultRule(id=rule_id, **kwargs))
            self._rules.extend(rules)
            self._refresh()
            return [rule.to_json() for rule in rules]

    def list(self) -> list[dict[str, Any]]:
        """Every rule, in the order they are tried."""
        with self._lock:
            return [rule.to_json() for rule in self._rules]

    def remove(self, rule_id: str) -> bool:
        """Remove one rule; False when there is none with that id."""
        with self._lock:
            kept = [rule for rule in self._rules if rule.id != rule_id]
            found = len(kept) != len(self._rules)
            self._rules = kept
            self._refresh()
            return found

    def clear(self) -> int:
        """Remove every rule; return how many there were."""
        with self._lock:
            count = len(self._rules)
            self._rules = []
            self._refresh()
            return count

    def pick(self, provider: str, method: str, paths: Iterable[str],
             tenant: str | None = None, *, scoped: bool = False) -> Fault | None:
        """The fault for a request, or None. ``scoped`` False tries the rules without a
        tenant (on arrival), True those with one (once ``tenant`` is known)."""
        paths = tuple(paths)
        with self._lock:
            for rule in self._rules:
                if (rule.tenant is not None) != scoped \
                        or not rule.matches(provider, method, paths, tenant):
                    continue
                rule.matched += 1
                if rule.matched <= rule.after:
                    continue
                if rule.times is not None and rule.fired >= rule.times:
                    continue
                if rule.probability < 1 and self._rng.random() >= rule.probability:
                    continue
                rule.fired += 1
                return rule.effect
        return None

    def _refresh(self) -> None:
        self.active = bool(self._rules)
        self.tenant_scoped = any(rule.tenant is not None for rule in self._rules)


# -- validation --------------------------------------------------------------------------

def _refuse(field_name: str, why: str) -> BadRequest:
    return BadRequest(fields={field_name: why})


def _number(spec: dict, key: str, prefix: str, *, integer: bool, low: float,
            high: float | None = None) -> Any:
    value = spec[key]
    ok_type = isinstance(value, int) if integer else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok_type or value != value:
        raise _refuse(prefix + key, f"must be {'an integer' if integer else 'a number'}, "
                                    f"not {value!r}")
    if value < low or (high is not None and value > high):
        bounds = f"between {low:g} and {high:g}" if high is not None else f"at least {low:g}"
        raise _refuse(prefix + key, f"must be {bounds}, not {value!r}")
    return value


def _text(spec: dict, key: str, prefix: str) -> str:
    value = spec[key]
    if not isinstance(value, str) or not value:
        raise _refuse(prefix + key, f"must be a non-empty string, not {value!r}")
    return value


def _parse_rule(spec: Any, providers: set[str], prefix: str = "") -> dict[str, Any]:
    """The keyword arguments of a FaultRule from a JSON rule, or a 400 naming the field."""
    if not isinstance(spec, dict):
        raise BadRequest(details=f"{prefix or 'the body'} must be a JSON object (a rule), "
                                 f"not {type(spec).__name__}")
    unknown = sorted(set(spec) - set(RULE_KEYS))
    if unknown:
        raise _refuse(prefix + unknown[0], f"unknown key; a rule takes {', '.join(RULE_KEYS)}")
    out: dict[str, Any] = {}
    if spec.get("provider") is not None:
        out["provider"] = _text(spec, "provider", prefix)
        if out["provider"] not in providers:
            raise _refuse(prefix + "provider", f"unknown provider {out['provider']!r}; known: "
                                               f"{', '.join(sorted(providers))}")
    if spec.get("method") is not None:
        out["method"] = _text(spec, "method", prefix).upper()
    if spec.get("path") is not None:
        out["path"] = _text(spec, "path", prefix)
        if out["path"][0] not in "/*?[":
            raise _refuse(prefix + "path", "must start with / (or a glob character)")
    if spec.get("tenant") is not None:
        out["tenant"] = _text(spec, "tenant", prefix)
    if spec.get("probability") is not None:
        out["probability"] = float(_number(spec, "probability", prefix, integer=False,
                                           low=0, high=1))
    if spec.get("times") is not None:
        out["times"] = _number(spec, "times", prefix, integer=True, low=1)
    if spec.get("after") is not None:
        out["after"] = _number(spec, "after", prefix, integer=True, low=0)
    out["effect"] = _parse_effect(spec, prefix, source="?")
    return out


def _parse_effect(spec: dict, prefix: str, source: str) -> Fault:
    """The Fault a rule (or header) describes; at least one effect is required."""
    effect: dict[str, Any] = {}
    if spec.get("latency_ms") is not None:
        effect["latency_ms"] = float(_number(spec, "latency_ms", prefix, integer=False, low=0,
                                             high=MAX_LATENCY_MS))
    if spec.get("status") is not None:
        effect["status"] = _number(spec, "status", prefix, integer=True, low=400, high=599)
    if spec.get("code") is not None:
        code = spec["code"]
        if isinstance(code, bool) or not isinstance(code, (str, int)) or code == "":
            raise _refuse(prefix + "code", f"must be a string or an integer, not {code!r}")
        effect["code"] = code
    if spec.get("message") is not None:
        effect["message"] = _text(spec, "message", prefix)
    if spec.get("headers") is not None:
        headers = spec["headers"]
        if not isinstance(headers, dict) or not all(
                isinstance(k, str) and k and isinstance(v, str) for k, v in headers.items()):
            raise _refuse(prefix + "headers", "must be an object of header names to strings")
        if any(not k.isascii() or not k.replace("-", "").isalnum() for k in headers):
            raise _refuse(prefix + "headers", "header names are letters, digits and '-'")
        effect["headers"] = dict(headers)
    if spec.get("fault") is not None:
        if spec["fault"] not in FAULT_KINDS:
            raise _refuse(prefix + "fault", f"must be one of {', '.join(FAULT_KINDS)}, "
                                            f"not {spec['fault']!r}")
        effect["fault"] = spec["fault"]
    if ("code" in effect or "message" in effect or "headers" in effect) \
            and "status" not in effect:
        name = next(k for k in ("code", "message", "headers") if k in effect)
        raise _refuse(prefix + name, "only goes with a status")
    if not (effect.get("latency_ms") or "status" in effect or "fault" in effect):
        raise _refuse(prefix + "status", "a rule needs an effect: status, latency_ms or fault")
    if "status" in effect and "fault" in effect:
        raise _refuse(prefix + "fault", "a dropped connection has no status: give one of them")
    return Fault(source=source, **effect)


def with_source(fault: Fault, source: str) -> Fault:
    """``fault`` attributed to ``source`` (a rule's id)."""
    return Fault(source, fault.latency_ms, fault.status, fault.code, fault.message,
                 dict(fault.headers), fault.fault)


def from_header(value: str) -> Fault:
    """The fault an ``X-Mock-Fault`` header asks for: ``status=503``, ``latency_ms=800``,
    ``fault=connection_reset`` (and ``code=``, ``message=``), separated by ``,`` or ``;``.
    A malformed header is a 400 naming the field."""
    spec: dict[str, Any] = {}
    for part in value.replace(";", ",").split(","):
        if not part.strip():
            continue
        key, sep, raw = part.partition("=")
        key, raw = key.strip(), raw.strip()
        if not sep or key not in ("status", "latency_ms", "fault", "code", "message"):
            raise _refuse(f"{HEADER}: {key or part.strip()}",
                          "expected status=, latency_ms=, fault=, code= or message=")
        try:
            spec[key] = (int(raw) if key == "status" else float(raw) if key == "latency_ms"
                         else raw)
        except ValueError:
            raise _refuse(f"{HEADER}: {key}", f"must be a number, not {raw!r}") from None
    return _parse_effect(spec, f"{HEADER}: ", source="header")
