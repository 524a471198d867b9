"""A small HTTP client for the benchmarks: one connection to one server, the cookies of
one person, and the headers the proxy in front of the site would add.

http.client rather than a browser-like library: it adds almost nothing to each
request's time, reconnects by itself when gunicorn's sync workers close the connection
after a response, and is in the standard library."""

from __future__ import annotations

import http.client
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

# What the proxy that terminates TLS tells the site (SECURE_PROXY_SSL_HEADER): with it
# Django treats the request as HTTPS, so its Secure cookies, HSTS and CSRF origin
# checks behave as in production although the benchmark speaks plain HTTP.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


@dataclass
class Reply:
    status: int  # 0 when the connection failed
    seconds: float
    size: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str = ""

    @property
    def ok(self) -> bool:
        """Answered with a success or a redirect (a completion answers with a redirect)."""
        return 200 <= self.status < 400


class Browser:
    """Requests to one server (`http://host:port`) as one person, keeping their cookies."""

    def __init__(
        self, base_url: str, cookies: dict[str, str] | None = None, timeout: float = 60
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"expected http://host:port, not {base_url!r}")
        self.host = parts.netloc
        self.cookies = dict(cookies or {})
        self.connection = http.client.HTTPConnection(
            parts.hostname, parts.port or 80, timeout=timeout
        )

    def get(self, path: str, keep_body: bool = False) -> Reply:
        return self.request("GET", path, keep_body=keep_body)

    def post(self, path: str, fields: dict[str, str], referer: str) -> Reply:
        """A form post with the CSRF token from the csrftoken cookie, which a GET of
        the form set. Django checks the Referer of a secure request too."""
        data = {**fields, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"https://{self.host}{referer}",
        }
        return self.request("POST", path, body=urlencode(data).encode(), headers=headers)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        keep_body: bool = False,
    ) -> Reply:
        sent = {
            "Host": self.host,
            "Accept-Encoding": "gzip",
            **PROXY_HEADERS,
            **(headers or {}),
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        start = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=sent)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            return Reply(0, time.perf_counter() - start, error=f"{type(error).__name__}: {error}")
        seconds = time.perf_counter() - start
        self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
        return Reply(
            response.status,
            seconds,
            size=len(content),
            headers={name.lower(): value for name, value in response.getheaders()},
            body=content if keep_body else b"",
        )

    def _keep_cookies(self, set_cookies: list[str]) -> None:
        for header in set_cookies:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def close(self) -> None:
        self.connection.close()
