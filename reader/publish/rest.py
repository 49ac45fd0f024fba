"""A small WordPress REST client: JSON requests with an application password, and what a refusal means.

Routes are tried in the pretty form (``SITE/wp-json/wp/v2/...``) and, when that answers with something that is
not JSON, in the plain form (``SITE/?rest_route=/wp/v2/...``) that works without pretty permalinks.
Every failure ends in one ReaderError with a one-line message that says what to do: the site's refusals are
PublishError (exit 7), the network's failures FetchError (exit 3). The password is sent in the Authorization
header only; it is never part of a URL, a message or a log line.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..errors import FetchError, PublishError

log = logging.getLogger("reader.publish")
JSON_TYPES = ("application/json", "application/problem+json")


@dataclass
class Reply:
    status: int
    data: object           # the decoded JSON body
    headers: dict


class Rest:
    """One site, one user. ``get``/``post``/``delete`` take a route such as ``/wp/v2/posts/5``."""

    def __init__(self, site: str, user: str, password: str, *, timeout: tuple[float, float] = (10.0, 60.0)):
        from ..fetch import make_session

        self.site = site.rstrip("/")
        self.user = user
        self.timeout = timeout
        self.session = make_session()
        self.session.headers["Accept"] = "application/json"
        self.session.auth = (user, password) if password else None
        self.plain = False  # True once the site answered only in the ?rest_route= form

    def close(self) -> None:
        self.session.close()

    def get(self, route: str, *, accept: tuple[int, ...] = (), **params) -> Reply:
        """GET ROUTE; a reply whose status is in ACCEPT (say 404) is returned instead of raised."""
        return self.call("GET", route, params=params, accept=accept)

    def post(self, route: str, data: dict | None = None, **params) -> Reply:
        return self.call("POST", route, params=params, json=data or {})

    def delete(self, route: str, *, accept: tuple[int, ...] = (), **params) -> Reply:
        return self.call("DELETE", route, params=params, accept=accept)

    def upload(self, route: str, filename: str, body: bytes, content_type: str, **params) -> Reply:
        headers = {"Content-Type": content_type, "Content-Disposition": f'attachment; filename="{filename}"'}
        return self.call("POST", route, params=params, data=body, headers=headers, what=f"the upload of {filename}")

    def url(self, route: str) -> str:
        return f"{self.site}/?rest_route={route}" if self.plain else f"{self.site}/wp-json{route}"

    def call(self, method: str, route: str, *, params: dict, what: str = "", accept: tuple[int, ...] = (),
             **kwargs) -> Reply:
        reply = self._send(method, route, params, **kwargs)
        if reply.data is None and reply.status < 500 and not self.plain:
            self.plain = True
            reply = self._send(method, route, params, **kwargs)
        if reply.data is None and reply.status >= 500:
            raise FetchError(f"{self.site} answered HTTP {reply.status} (a server error, not WordPress's JSON) to "
                             f"{what or method + ' ' + route}: try again later")
        if reply.data is None and reply.status in (401, 403):
            raise PublishError(f"{self.site} answered HTTP {reply.status} before WordPress did (the web server or a "
                               "firewall guards the site): ask the host to let /wp-json/ through")
        if reply.data is None:
            raise PublishError(f"{self.site} has no WordPress REST API (neither /wp-json/ nor ?rest_route= "
                               "answers with JSON): check --site, and that no plugin or host rule blocks the REST API")
        if reply.status >= 400 and reply.status not in accept:
            from .refusals import refusal

            body = kwargs.get("data")
            raise refusal(reply, site=self.site, user=self.user, what=what or f"{method} {route}",
                          sent_password=self.session.auth is not None,
                          upload_bytes=len(body) if isinstance(body, bytes) else 0)
        return reply

    def _send(self, method: str, route: str, params: dict, **kwargs) -> Reply:
        """The reply; its data is None when the answer is not JSON (no REST API at that address)."""
        import requests

        from ..fetch import _network_failure, _Policy

        url = self.url(route)
        query = {k: v for k, v in params.items() if v is not None}
        log.debug("%s %s %s", method, url, query)
        try:
            response = self.session.request(method, url, params=query, timeout=self.timeout, allow_redirects=True,
                                            **kwargs)
        except requests.RequestException as exc:
            error, _, _ = _network_failure(exc, url, _Policy(timeout=self.timeout, retries=0, backoff=0, max_bytes=0))
            raise FetchError(error.message) from None
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if response.status_code == 413 and content_type not in JSON_TYPES:
            return Reply(413, {"code": "http_413"}, dict(response.headers))
        try:
            data = response.json() if content_type in JSON_TYPES or response.content[:1] in (b"{", b"[") else None
        except ValueError:
            data = None
        return Reply(response.status_code, data, {k.lower(): v for k, v in response.headers.items()})
