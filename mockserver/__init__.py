"""telco-mockserver: a faithful, stateful mock of five telephony providers' REST APIs."""
from __future__ import annotations

__version__ = "0.1.0"


def create_app(config=None):
    """Build a fresh mock server app (see :func:`mockserver.app.create_app`)."""
    from .app import create_app as _create_app
    return _create_app(config)


def intercept(app=None, config=None):
    """Send ``requests`` (and ``httpx``) calls for the providers' real hostnames to an
    in-process app, for a ``with`` block (see :func:`mockserver.interception.intercept`)."""
    from .interception import intercept as _intercept
    return _intercept(app, config)


__all__ = ["create_app", "intercept", "__version__"]
