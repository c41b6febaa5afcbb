"""Keeping credentials out of every message: database URLs, libpq strings and driver errors.

A password can reach a message as a URL's userinfo (`user:secret@host`), as a query
parameter (`?password=secret`, `passwd`, `pwd`, `sslpassword`), in a libpq keyword string
(`host=h password='s e'`), or quoted back by a driver. `redact` renders a URL without any
of them; `scrub` removes them from any text, also every secret value of a known URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

HIDDEN = "***"
SECRET_KEYS = frozenset({"password", "passwd", "pwd", "sslpassword"})
_SECRET_ASSIGNMENT = re.compile(
    r"(?i)\b(" + "|".join(sorted(SECRET_KEYS, key=len, reverse=True)) + r")(\s*[=:]\s*)"
    r"('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^\s&;,)'\"]+)"
)
_USERINFO = re.compile(r"(://[^/@\s:]*:)[^@\s]*@")


def url_secrets(url: str) -> list[str]:
    """Every secret value a URL carries (userinfo password, secret query parameters), as written and decoded."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return []
    values = [str(parsed.password)] if parsed.password else []
    for key, value in parsed.query.items():
        if key.lower() in SECRET_KEYS:
            values.extend(value if isinstance(value, tuple) else (value,))
    found = set()
    for value in values:
        if value:
            found.update({value, quote(value, safe=""), quote_plus(value, safe="")})
    # Longest first, so a secret that contains another is hidden whole.
    return sorted(found, key=len, reverse=True)


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every credential hidden: the given secret values, `password=...` and URL userinfo passwords."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, HIDDEN)
    text = _SECRET_ASSIGNMENT.sub(lambda match: f"{match.group(1)}{match.group(2)}{HIDDEN}", text)
    return _USERINFO.sub(lambda match: f"{match.group(1)}{HIDDEN}@", text)


def redact(url: str) -> str:
    """The URL as it may be shown to a user: no password anywhere in it."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "<invalid database URL>"
    query = {
        key: (HIDDEN if key.lower() in SECRET_KEYS else value)
        for key, value in parsed.query.items()
    }
    rendered = parsed.set(query=query).render_as_string(hide_password=True)
    return scrub(rendered, url_secrets(url))


def looks_like_libpq_string(db: str) -> bool:
    """Whether `--db` is a libpq keyword string (`host=... dbname=...`) rather than a path or URL."""
    return (
        "://" not in db
        and re.fullmatch(r"\s*(\w+\s*=\s*('[^']*'|\S+)\s*)+", db) is not None
        and bool(re.search(r"(?i)\b(host|hostaddr|dbname|user|port|password|passwd)\s*=", db))
    )
