"""telco-mockserver: a faithful, stateful mock of five telephony providers' REST APIs."""
from __future__ import annotations

__version__ = "0.1.0"


def create_app(config=None):
    """Build a fresh mock server app (see :func:`mockserver.app.create_app`)."""
    from .app import create_app as _create_app
    return _create_app(config)


__all__ = ["create_app", "__version__"]
