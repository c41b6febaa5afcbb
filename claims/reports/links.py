"""Safe links to sources: only web addresses, with a text fragment that scrolls to the quote."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

# Words taken from each end of a long quote for `text=start,end`; short quotes are matched whole.
EDGE_WORDS = 4
_URL_SAFE = ":/?#[]@!$&'*+,;=%~"


def encode_fragment_term(term: str) -> str:
    """Percent-encode one text-directive term; '-', '&' and ',' are syntax there, so they are encoded too."""
    return quote(term, safe="").replace("-", "%2D")


def text_directive(quote_text: str) -> str | None:
    """The `text=` directive (Text Fragments spec) that finds `quote_text` on the page, or None if empty."""
    words = quote_text.split()
    if not words:
        return None
    if len(words) <= 2 * EDGE_WORDS:
        return "text=" + encode_fragment_term(" ".join(words))
    start = " ".join(words[:EDGE_WORDS])
    end = " ".join(words[-EDGE_WORDS:])
    return f"text={encode_fragment_term(start)},{encode_fragment_term(end)}"


def safe_url(url: str | None) -> str | None:
    """`url` if it is an http(s) address, with characters that could end a Markdown or HTML link encoded."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=_URL_SAFE)


def quote_link(url: str | None, quote_text: str) -> str | None:
    """A link to `url` that highlights `quote_text` in browsers supporting text fragments."""
    base = safe_url(url)
    if base is None:
        return None
    directive = text_directive(quote_text)
    if directive is None:
        return base
    separator = ":~:" if "#" in base else "#:~:"
    return f"{base}{separator}{directive}"
