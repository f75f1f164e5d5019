"""Host-header routing: a provider also answers at its documented paths when a request
arrives with its real hostname, as when a client's DNS or proxy points that name at us."""
from __future__ import annotations

from typing import Callable

MOUNT_KEY = "mockserver.mount"


class HostRouter:
    """WSGI middleware that prefixes the path with a provider's mount for its hostnames.

    The mount the client used ('' for a real hostname, '/<slug>' otherwise) is left in the
    environ under ``mockserver.mount`` so providers can build links that work from there.
    """

    def __init__(self, app: Callable, mounts: dict[str, str], control_prefix: str = "/_mock"):
        self.app = app
        self.mounts = {host.lower(): mount for host, mount in mounts.items()}
        self.control_prefix = control_prefix

    def __call__(self, environ: dict, start_response: Callable):
        host = environ.get("HTTP_HOST", "").rsplit(":", 1)[0].lower()
        mount = self.mounts.get(host)
        path = environ.get("PATH_INFO", "")
        if mount and not path.startswith(self.control_prefix) and not path.startswith(mount + "/"):
            environ["PATH_INFO"] = mount + path
            environ[MOUNT_KEY] = ""
        return self.app(environ, start_response)
