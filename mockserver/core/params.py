"""Query-string parameters parsed the same way for every provider."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping

from .errors import BadRequest

_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


def boolean(args: Mapping[str, str], name: str) -> bool | None:
    """``true``/``false`` (also 1/0, yes/no, any case) or None when absent; BadRequest
    naming the parameter for anything else."""
    if name not in args:          # (a missing key costs MultiDict.get an exception)
        return None
    raw = args.get(name)
    if raw is None or raw == "":
        return None
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise BadRequest(f"Invalid {name}", fields={name: f"must be true or false, got {raw!r}"})


def listed(args: Mapping[str, str], *names: str) -> list[str]:
    """Values of a parameter that may be repeated, comma separated, or spelled in several
    ways (``ids`` and ``ids[]``), in order, blanks dropped."""
    values = [v for name in names if name in args for v in args.getlist(name)]  # type: ignore[attr-defined]
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def flag(name: str, value: Any) -> bool:
    """A yes/no value given as JSON or as text (what ``boolean`` reads, or a JSON
    boolean); BadRequest naming ``name`` for anything else, an empty value included."""
    if isinstance(value, bool):
        return value
    found = boolean({name: str(value)}, name)
    if found is None:
        raise BadRequest(f"Invalid {name}", fields={name: f"must be true or false, got "
                                                          f"{value!r}"})
    return found


def refuse_unknown(given: Iterable[str], allowed: Iterable[str]) -> None:
    """BadRequest naming the first key of ``given`` that is not in ``allowed`` (for the
    control API, whose endpoints name every option they take)."""
    allowed = tuple(allowed)
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        takes = f"this endpoint takes {', '.join(allowed)}" if allowed else \
            "this endpoint takes none"
        raise BadRequest(fields={unknown[0]: f"unknown key; {takes}"})


def status_matcher(value: Any) -> Callable[[int | None], bool]:
    """A predicate over HTTP statuses for a ``status`` filter: ``503``, a class such as
    ``5xx``, or ``none`` (no answer); BadRequest naming ``status`` for anything else."""
    text = str(value).strip().lower()
    if text == "none":
        return lambda status: status is None
    if len(text) == 3 and text[0] in "12345" and text[1:] == "xx":
        return lambda status: status is not None and str(status)[0] == text[0]
    if not text.isdigit():
        raise BadRequest(fields={"status": f"must be a status such as 503, a class such as "
                                           f"5xx, or none; not {value!r}"})
    code = int(text)
    return lambda status: status == code
