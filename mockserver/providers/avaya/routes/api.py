"""How every Avaya route is registered and answers, so each route module is only "parse,
call the backend, render".

``Router.route("/Applications/<sid:application_sid>", ["GET"])`` registers a view under
``/v2/Accounts/<AccountSid>`` twice: bare (XML, the default) and with a format suffix
(``.json``, ``.xml``, ``.csv``). Before the view runs the request is authenticated (Basic
``AccountSid:AuthToken``, the tenant) and a POST's body type is checked; the view gets a
``Call``: the AccountSid, the format, the parameters, and ``one``/``page`` to answer with.
Links in answers are prefixed with the mount the client came through (``/avaya`` or, on a
provider hostname, nothing), so they work when followed.
"""
from __future__ import annotations

from typing import Callable, Iterable, Mapping

from flask import Blueprint, Response, request
from werkzeug.routing import BaseConverter

from ....core.body import media_type
from ....core.wsgi import MOUNT_KEY, TENANT_KEY
from ..errors import SLUG, AvayaError
from ..models import AvayaBackend
from ..paging import Listing, Window
from ..params import Params
from ..wire import CSV, JSON, XML, list_document, mounted, resource_document

ROOT = "/v2/Accounts/<sid:account_sid>"
MOUNT = f"/{SLUG}"
FORM_TYPES = ("", "application/x-www-form-urlencoded", "multipart/form-data")


class SidConverter(BaseConverter):
    """A path segment without a dot, so that ``{Sid}.json`` splits into SID and format."""

    regex = r"[^/.]+"


class Call:
    """One authenticated request to the Avaya API, as a view sees it."""

    def __init__(self, backend: AvayaBackend, account_sid: str, fmt: str) -> None:
        self.backend = backend
        self.account_sid = account_sid
        self.format = fmt
        self.mount = request.environ.get(MOUNT_KEY, MOUNT)

    @property
    def args(self) -> Mapping[str, str]:
        """The query string (GET filters)."""
        return request.args

    def params(self, allowed: Iterable[str]) -> Params:
        """A POST's parameters: the query string and the form-encoded body (the body wins),
        by their documented names; 20001 for any other name."""
        values = dict(request.args.items())
        values.update(request.form.items())
        return Params(values, allowed)

    def window(self) -> Window:
        """The page a list request asks for (``Page``, ``PageSize``)."""
        return Window.of(request.args)

    def one(self, data: dict, element: str, status: int = 200) -> Response:
        """Answer with one resource (``element`` names it in XML: ``IncomingPhoneNumber``)."""
        return resource_document(mounted(data, self.mount), self.format, element, status)

    def page(self, listing: Listing, list_key: str, element: str) -> Response:
        """Answer with a page of a list: ``list_key`` is the JSON array's name
        (``incoming_phone_numbers``), ``element`` each item's XML element."""
        path = self.mount + request.path[len(MOUNT):]
        return list_document(listing.paging(path, request.args),
                             mounted(listing.items, self.mount), self.format, list_key,
                             element)


class Router:
    """Registers views under ``/v2/Accounts/<AccountSid>`` with authentication."""

    def __init__(self, bp: Blueprint, backend: AvayaBackend) -> None:
        self.bp = bp
        self.backend = backend

        @bp.record_once
        def _converters(setup) -> None:
            setup.app.url_map.converters.setdefault("sid", SidConverter)

    def route(self, rule: str, methods: list[str],
              formats: tuple[str, ...] = (XML, JSON, CSV)) -> Callable:
        """Register the decorated ``view(call, **path_values)`` at ``ROOT + rule``, bare
        and with each of ``formats`` as a suffix."""
        def decorator(view: Callable[..., Response]) -> Callable[..., Response]:
            def endpoint(account_sid: str, fmt: str = XML, **values: str) -> Response:
                return view(self.begin(account_sid, fmt), **values)
            endpoint.__doc__ = view.__doc__
            path = ROOT + rule
            suffixes = ",".join(f for f in formats if f != XML) + ",xml"
            self.bp.add_url_rule(path, view.__name__, endpoint, methods=methods)
            self.bp.add_url_rule(f"{path}.<any({suffixes}):fmt>", view.__name__, endpoint,
                                 methods=methods)
            return view
        return decorator

    def begin(self, account_sid: str, fmt: str) -> Call:
        """Authenticate the request and check a POST's body type; the view's Call."""
        sid = self.backend.authenticate(request.environ.get("HTTP_AUTHORIZATION"),
                                        account_sid)
        request.environ[TENANT_KEY] = sid
        if request.method == "POST" and media_type(request) not in FORM_TYPES:
            raise AvayaError(12300, status=415,
                             details=f"parameters are form-encoded, not {media_type(request)}")
        return Call(self.backend, sid, fmt)
