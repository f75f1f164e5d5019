"""Response Paging (seed 004): ``Page`` is zero-based, ``PageSize`` defaults to 50 and is
at most 50. Every list carries ``page``, ``num_pages``, ``page_size``, ``total``, ``start``,
``end``, ``uri``, ``first_page_uri``, ``previous_page_uri``, ``next_page_uri`` and
``last_page_uri``; a link that does not exist (no previous page on the first) is ``""``, as
the Zang SDKs' recorded responses show.

Each page link repeats the request's own filters, so following ``next_page_uri`` walks the
same filtered list. A page beyond the end is an empty page, not an error.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Any, Callable, Mapping, Sequence
from urllib.parse import urlencode

from .errors import AvayaError

DEFAULT_SIZE = 50
MAX_SIZE = 50
PAGING_KEYS = ("Page", "PageSize")


def _integer(args: Mapping[str, str], name: str, default: int) -> int:
    raw = args.get(name)       # "&amp;PageSize" arrives as PageSize (routes/api.py query)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw.strip())
    except ValueError:
        raise AvayaError(10022, details=f"{name} must be an integer, got {raw!r}") from None


class KeyOrder:
    """A dict's keys in insertion order, as a list kept beside it (never in a snapshot), so
    that any page of a long collection is taken by index: page 1,000 of 100,000 messages
    costs what page 0 does. ``sync`` brings it up to date in the time of what was added;
    anything else (a record deleted) rebuilds it."""

    __slots__ = ("keys",)

    def __init__(self) -> None:
        self.keys: list = []

    def sync(self, records: dict) -> list:
        """The keys of ``records`` in order, up to date."""
        keys, size = self.keys, len(records)
        if size == len(keys) and (not size or keys[-1] == next(reversed(records))):
            return keys
        added = size - len(keys)
        if added > 0 and keys:
            tail = list(islice(reversed(records), added + 1))   # newest first
            if tail[-1] == keys[-1]:                            # nothing but additions
                tail.pop()
                tail.reverse()
                keys.extend(tail)
                return keys
        self.keys = keys = list(records)
        return keys


def key_order(holder: Any, name: str) -> list:
    """The insertion order of ``holder``'s dict attribute ``name`` (a tenant state's
    ``sms``, ``calls``...), kept up to date beside it."""
    order = holder.__dict__.setdefault(f"_order_{name}", KeyOrder())
    return order.sync(getattr(holder, name))


class NewestFirst:
    """A collection's records newest first (its dict's values reversed), as a sequence a
    ``Window`` slices without copying the collection: a page is taken by index from the
    collection's key order (``key_order``) when given, else from whichever end is nearer,
    in C."""

    def __init__(self, records: dict, keys: list | None = None) -> None:
        self.records = records
        self.keys = keys

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, index: slice) -> list:
        size = len(self.records)
        start, stop, _ = index.indices(size)
        if stop <= start:
            return []
        if self.keys is not None:
            records = self.records
            return [records[key] for key in reversed(self.keys[size - stop:size - start])]
        if start <= size - stop:
            return list(islice(reversed(self.records.values()), start, stop))
        page = list(islice(self.records.values(), size - stop, size - start))
        page.reverse()
        return page


@dataclass(frozen=True)
class Window:
    """The page a list request asks for."""

    page: int = 0
    size: int = DEFAULT_SIZE

    @classmethod
    def of(cls, args: Mapping[str, str]) -> "Window":
        """``Page`` and ``PageSize`` of a query; a PageSize above 50 is served as 50;
        10022 for a negative page, a size below 1 or a value that is not an integer."""
        page = _integer(args, "Page", 0)
        size = _integer(args, "PageSize", DEFAULT_SIZE)
        if page < 0:
            raise AvayaError(10022, details=f"Page must be 0 or more, got {page}")
        if size < 1:
            raise AvayaError(10022, details=f"PageSize must be 1 or more, got {size}")
        return cls(page, min(size, MAX_SIZE))

    @property
    def start(self) -> int:
        """The position of this page's first item in the whole list."""
        return self.page * self.size

    def slice(self, items: Sequence, present: Callable[[Any], Any] | None = None
              ) -> "Listing":
        """This page of a whole list; ``present`` (a stored record as the API shows it, in a
        new dict) is applied to the page's items only, so a long list costs no copies
        beyond a page."""
        page = list(items[self.start:self.start + self.size])
        if present is None:
            return Listing(page, len(items), self)
        return Listing([present(item) for item in page], len(items), self, fresh=True)


@dataclass
class Listing:
    """One page of a list: its items, the size of the whole list, and the window."""

    items: list
    total: int
    window: Window
    #: the items are new dicts made for this answer (by ``Window.slice``'s ``present``)
    fresh: bool = False

    def paging(self, path: str, args: Mapping[str, str]) -> dict:
        """The documented paging fields, in the seed's order; ``path`` is the list's path
        as the client reached it (mount and format suffix included), ``args`` its query."""
        window = self.window
        size = window.size
        num_pages = -(-self.total // size)
        filters = [(key, value) for key, value in args.items() if key not in PAGING_KEYS]

        base = f"{path}?{urlencode(filters)}&" if filters else f"{path}?"

        def link(page: int) -> str:         # urlencode(filters + [("Page", page), ...])
            return f"{base}Page={page}&PageSize={size}"

        start = window.start
        end = start + len(self.items) - 1 if self.items else start
        last = max(num_pages - 1, 0)
        return {
            "page": window.page, "num_pages": num_pages, "page_size": size,
            "total": self.total, "start": start, "end": end,
            "uri": base[:-1] if filters else path,
            "first_page_uri": link(0),
            "previous_page_uri": link(min(window.page - 1, last)) if window.page > 0 else "",
            "next_page_uri": link(window.page + 1) if window.page < last else "",
            "last_page_uri": link(last),
        }
