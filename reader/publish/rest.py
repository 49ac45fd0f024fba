"""A small WordPress REST client: JSON requests with an application password, and what a refusal means.

Routes are tried in the pretty form (``SITE/wp-json/wp/v2/...``) and, when that answers with something that is
not JSON, in the plain form (``SITE/?rest_route=/wp/v2/...``) that works without pretty permalinks.
Every failure ends in one ReaderError with a one-line message that says what to do: the site's refusals are
PublishError (exit 7), the network's failures FetchError (exit 3), a redirect UsageError (exit 2: redirects are
never followed, so the password never goes to another host and a POST never turns into a GET). The password is sent in the Authorization
header only; it is never part of a URL, a message or a log line.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from ..errors import FetchError, PublishError, UsageError

log = logging.getLogger("reader.publish")
JSON_TYPES = ("application/json", "application/problem+json")
GET_ATTEMPTS = 3  # a GET (never a POST or DELETE) is sent again after a network failure or a gateway error
RETRIED_STATUSES = (502, 503, 504)
RETRY_WAIT = 0.5  # seconds before the second attempt, doubled before the third


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
        if 300 <= reply.status < 400:
            raise self._redirected(route, reply.headers.get("location", ""))
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

    def _redirected(self, route: str, location: str) -> UsageError:
        """Redirects are never followed: the password would go to another host, or a POST would become a GET."""
        target = urljoin(self.url(route), location)
        parts = urlsplit(target)
        pretty = parts.path.find("/wp-json/")
        if self.plain and "rest_route=" in parts.query:
            site = urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")).rstrip("/")
        elif pretty >= 0:
            site = urlunsplit((parts.scheme, parts.netloc, parts.path[:pretty], "", ""))
        else:
            return UsageError(f"{self.site} redirects its REST API to {target}: give --site the address WordPress "
                              "itself uses (its 'WordPress Address' setting)")
        return UsageError(f"{self.site} redirects to {site}: use --site {site}")

    def _send(self, method: str, route: str, params: dict, **kwargs) -> Reply:
        """The reply; its data is None when the answer is not JSON (no REST API at that address). A GET is tried
        again after a network failure or a gateway error, as reader.fetch's policy does."""
        import requests

        from ..fetch import network_error, read_body

        url = self.url(route)
        query = {k: v for k, v in params.items() if v is not None}
        log.debug("%s %s %s", method, url, query)
        for attempt in range(GET_ATTEMPTS if method == "GET" else 1):
            if attempt:
                time.sleep(RETRY_WAIT * 2 ** (attempt - 1))
            try:
                response = self.session.request(method, url, params=query, timeout=self.timeout,
                                                allow_redirects=False, stream=True, **kwargs)
                with response:
                    body = b"" if 300 <= response.status_code < 400 else read_body(response, url)
            except requests.RequestException as exc:
                error, retried = network_error(exc, url, self.timeout)
                if retried and attempt + 1 < GET_ATTEMPTS and method == "GET":
                    continue
                raise error from None
            if response.status_code not in RETRIED_STATUSES or attempt + 1 >= GET_ATTEMPTS:
                break
        headers = {k.lower(): v for k, v in response.headers.items()}
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if response.status_code == 413 and content_type not in JSON_TYPES:
            return Reply(413, {"code": "http_413"}, headers)
        try:
            data = json.loads(body) if content_type in JSON_TYPES or body[:1] in (b"{", b"[") else None
        except ValueError:
            data = None
        return Reply(response.status_code, data, headers)
