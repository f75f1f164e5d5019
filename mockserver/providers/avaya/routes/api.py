"""How every Avaya route is registered and answers, so each route module is only "parse,
call the backend, render".

``Router.route("/Applications/<sid:application_sid>", ["GET"])`` serves a view under
``/v2/Accounts/<AccountSid>``, bare (XML, the default) and with a format suffix (``.json``,
``.xml``, ``.csv``). Before the view runs the request is authenticated (Basic
``AccountSid:AuthToken``, the tenant) and a POST's body type is checked; the view gets a
``Call``: the AccountSid, the format, the parameters, and ``one``/``page`` to answer with.
Parameter names joined with ``&amp;`` (as the seed recommends) are read as joined with
``&``, in the query and the body alike, and a POST body without a Content-Type is read as
form-encoded.
Links in answers are prefixed with the mount the client came through (``/avaya`` or, on a
provider hostname, nothing), so they work when followed. A request the account made that
is refused (an ``AvayaError`` after authentication) is logged as one of its Notifications.
"""
from __future__ import annotations

from typing import Callable, Iterable, Mapping
from urllib.parse import parse_qsl

from flask import Blueprint, Response, request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import BaseConverter

from ....core.body import form as body_form
from ....core.body import media_type, raw_body
from ....core.wsgi import MOUNT_KEY, identify
from ..errors import SLUG, AvayaError
from ..models import AvayaBackend
from ..paging import Listing, Window
from ..params import Params
from ..wire import CSV, JSON, XML, list_document, mounted, resource_document

ROOT = "/v2/Accounts/<sid:account_sid>"
MOUNT = f"/{SLUG}"
FORM_TYPES = ("", "application/x-www-form-urlencoded", "multipart/form-data")
#: "use the ampersand XML entity instead of &" (seed 004, Request): ``a=1&amp;b=2`` splits
#: into ``a`` and ``amp;b``, whose name is ``b``
ENTITY = "amp;"
#: the most parameters read from a body without a Content-Type (the rest are dropped)
MAX_FIELDS = 1000
#: where ``query`` and ``form`` keep what they read, once per request
_QUERY_KEY, _FORM_KEY = "mockserver.avaya.query", "mockserver.avaya.form"
#: parameters whose values a Notification shows as MASK (compared in lower case)
SECRETS = ("password", "sipauthpassword")
MASK = "********"


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
        """The query string (GET filters), ``&amp;`` read as ``&`` (see ``query``)."""
        return query()

    def params(self, allowed: Iterable[str]) -> Params:
        """A POST's parameters: the query string and the form-encoded body (the body wins),
        by their documented names; 20001 for any other name."""
        values = dict(query().items())
        values.update(form().items())
        return Params(values, allowed)

    def refused(self, err: AvayaError) -> None:
        """Log a refused request as the account's Notification: the URL as the client
        reached it (without the query), the method, and the query and form parameters,
        passwords masked (a password is never answered, not even in a Notification)."""
        values = dict(query().items())
        values.update(form().items())
        values = {key: MASK if key.lower() in SECRETS else value
                  for key, value in values.items()}
        url = host_url() + self.mount + request.path[len(MOUNT):]
        self.backend.record_refusal(self.account_sid, err, url=url, method=request.method,
                                    variables=values)

    def window(self) -> Window:
        """The page a list request asks for (``Page``, ``PageSize``)."""
        return Window.of(query())

    def one(self, data: dict, element: str, status: int = 200) -> Response:
        """Answer with one resource (``element`` names it in XML: ``IncomingPhoneNumber``)."""
        return resource_document(mounted(data, self.mount), self.format, element, status)

    def page(self, listing: Listing, list_key: str, element: str) -> Response:
        """Answer with a page of a list: ``list_key`` is the JSON array's name
        (``incoming_phone_numbers``), ``element`` each item's XML element."""
        path = self.mount + request.path[len(MOUNT):]
        return list_document(listing.paging(path, query()),
                             mounted(listing.items, self.mount, fresh=listing.fresh),
                             self.format, list_key,
                             element)


class FormatConverter(BaseConverter):
    """The optional format suffix ending a path: nothing (XML, the default) or ``.json``,
    ``.xml``, ``.csv`` (and ``.txt`` where a route allows it); the view gets the name."""

    def __init__(self, url_map, *formats: str) -> None:
        super().__init__(url_map)
        self.regex = r"(?:\.(?:%s))?" % "|".join(formats or (XML, JSON, CSV))

    def to_python(self, value: str) -> str:
        return value[1:] or XML

    def to_url(self, value: str) -> str:
        return "" if value == XML else f".{value}"


class Router:
    """Registers views under ``/v2/Accounts/<AccountSid>`` with authentication.

    Views are collected by path and installed by ``install``: one URL rule per path (all
    its methods, every format suffix), because werkzeug compiles each rule and an app is
    built per test."""

    def __init__(self, bp: Blueprint, backend: AvayaBackend) -> None:
        self.bp = bp
        self.backend = backend
        self._paths: dict[str, tuple[tuple[str, ...], dict[str, Callable]]] = {}

        @bp.record_once
        def _converters(setup) -> None:
            setup.app.url_map.converters.setdefault("sid", SidConverter)
            setup.app.url_map.converters.setdefault("fmt", FormatConverter)

    def route(self, rule: str, methods: list[str],
              formats: tuple[str, ...] = (XML, JSON, CSV)) -> Callable:
        """Serve the decorated ``view(call, **path_values)`` at ``ROOT + rule`` for
        ``methods``, bare and with each of ``formats`` as a suffix."""
        def decorator(view: Callable[..., Response]) -> Callable[..., Response]:
            known, views = self._paths.setdefault(rule, (tuple(formats), {}))
            if known != tuple(formats):
                raise ValueError(f"{rule}: every method of a path takes the same formats")
            for method in methods:
                views[method] = view
            return view
        return decorator

    def install(self) -> None:
        """Add one URL rule per path collected by ``route``."""
        for rule, (formats, views) in self._paths.items():
            self.bp.add_url_rule(f"{ROOT}{rule}<fmt({', '.join(formats)}):fmt>",
                                 "+".join(sorted({v.__name__ for v in views.values()})),
                                 self._endpoint(views), methods=list(views))

    def _endpoint(self, views: dict[str, Callable]) -> Callable[..., Response]:
        def endpoint(account_sid: str, fmt: str = XML, **values: str) -> Response:
            view = views[request.method if request.method != "HEAD" else "GET"]
            call = self.begin(account_sid, fmt)
            try:
                check_body()
                return view(call, **values)
            except AvayaError as err:     # refused: logged as a Notification
                call.refused(err)
                raise
        endpoint.__doc__ = " ".join(view.__doc__ or "" for view in views.values())
        return endpoint

    def begin(self, account_sid: str, fmt: str) -> Call:
        """Authenticate the request; the view's Call."""
        sid = self.backend.authenticate(request.environ.get("HTTP_AUTHORIZATION"),
                                        account_sid)
        identify(request.environ, sid)
        return Call(self.backend, sid, fmt)


_HOST_URLS: dict[tuple, str] = {}


def host_url() -> str:
    """``request.host_url`` without its trailing slash (``http://127.0.0.1:8080``), worked
    out by werkzeug once per scheme, Host header, server and script root (about 15 us)."""
    environ = request.environ
    key = (environ.get("wsgi.url_scheme"), environ.get("HTTP_HOST"),
           environ.get("SERVER_NAME"), environ.get("SERVER_PORT"), environ.get("SCRIPT_NAME"))
    url = _HOST_URLS.get(key)
    if url is None:
        url = request.host_url.rstrip("/")
        if len(_HOST_URLS) < 256:
            _HOST_URLS[key] = url
    return url


def unescaped(pairs: Iterable[tuple[str, str]]) -> MultiDict:
    """Parameters with ``amp;`` taken off the front of each name: a client that follows
    the seed's advice ("use the ampersand XML entity instead of &") sends
    ``To=...&amp;From=...``, which splits into ``To`` and ``amp;From``."""
    fixed = MultiDict()
    for key, value in pairs:
        while key.startswith(ENTITY) and len(key) > len(ENTITY):
            key = key[len(ENTITY):]
        fixed.add(key, value)
    return fixed


def query() -> MultiDict:
    """The request's query string, names unescaped (``unescaped``): the one source of
    every Avaya filter, paging parameter and page link."""
    environ = request.environ
    found = environ.get(_QUERY_KEY)
    if found is None:
        found = environ[_QUERY_KEY] = (unescaped(request.args.items(multi=True))
                                       if environ.get("QUERY_STRING") else _NO_QUERY)
    return found


#: the parameters of a request without a query string (never changed: read only)
_NO_QUERY = ImmutableMultiDict()


def form() -> MultiDict:
    """The request's form body, names unescaped (``unescaped``). A body that comes
    without a Content-Type (as an older official Avaya SDK sends it) is read as
    form-encoded, the only encoding the seed's examples use; a GET's body is ignored."""
    if _FORM_KEY not in request.environ:
        if request.method == "POST" and media_type(request) == "":
            fields = raw_body(request).decode("utf-8", "replace").split("&")
            pairs = parse_qsl("&".join(fields[:MAX_FIELDS]), keep_blank_values=True)
        else:
            pairs = body_form(request).items(multi=True)
        request.environ[_FORM_KEY] = unescaped(pairs)
    return request.environ[_FORM_KEY]


def check_body() -> None:
    """12300 (415) for a POST whose body is declared as anything but form-encoded (a body
    that declares nothing is read as form-encoded: ``form``)."""
    if request.method == "POST" and media_type(request) not in FORM_TYPES:
        raise AvayaError(12300, status=415,
                         details=f"parameters are form-encoded, not {media_type(request)}")
