"""The filters of the phone number lists (seed 004, List Available Numbers and List
Numbers): the number type of a path, ``Contains`` and ``AreaCode``, as the Avaya backend
reads them."""
from __future__ import annotations

import re

from .errors import AvayaError
from .inventory import NUMBER_TYPES

_KEYPAD = {letter: str(digit) for digit, letters in
           ((2, "abc"), (3, "def"), (4, "ghi"), (5, "jkl"), (6, "mno"), (7, "pqrs"),
            (8, "tuv"), (9, "wxyz")) for letter in letters}
_SEPARATORS = re.compile(r"[\s+\-().]")
_AREA_CODE = re.compile(r"[2-9]\d\d")


def number_type(raw: str) -> str | None:
    """``Local`` or ``Tollfree`` (any case; ``toll-free`` too) as ``local``/``tollfree``."""
    value = raw.strip().lower().replace("-", "").replace("_", "")
    return value if value in NUMBER_TYPES else None


def contains_pattern(raw: str | None) -> re.Pattern | None:
    """The ``Contains`` filter as a regex over a number's digits: digits match themselves,
    letters their keypad digit (``MOCK`` = 6625), ``*`` any one digit; spaces, ``+``,
    ``-``, ``.`` and brackets are ignored. None when nothing is left; 10022 for any other
    character."""
    if raw is None:
        return None
    text = _SEPARATORS.sub("", raw)
    if not text:
        return None
    parts = []
    for char in text.lower():
        if char.isdigit():
            parts.append(char)
        elif char in _KEYPAD:
            parts.append(_KEYPAD[char])
        elif char == "*":
            parts.append(r"\d")
        else:
            raise AvayaError(10022, details=f"Contains may hold digits, letters and *, "
                                            f"not {char!r}")
    return re.compile("".join(parts))


def area_code(raw: str) -> str:
    """A North American area code: three digits, the first 2 to 9; 21451 otherwise."""
    value = raw.strip()
    if not _AREA_CODE.fullmatch(value):
        raise AvayaError(21451, details=f"AreaCode must be a three-digit North American area "
                                        f"code, got {raw!r}")
    return value
