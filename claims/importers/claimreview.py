"""Earlier fact-checks from schema.org ClaimReview markup (JSON-LD, pages, feeds) as rated claims."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from claims.importers.models import ImportedClaim
from claims.importers.values import BadValue, clean, parse_date
from claims.models import SpeakerKind

_ORGANISATION_TYPES = {
    "Organization",
    "NewsMediaOrganization",
    "GovernmentOrganization",
    "PoliticalParty",
}
_TYPE_RE = re.compile(r'"@type"\s*:\s*\[?\s*"(?:https?://schema\.org/)?ClaimReview"')


def _types(node: dict) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(item).rsplit("/", 1)[-1] for item in values if item}


def _first(value: Any) -> Any:
    return (
        value[0]
        if isinstance(value, list) and value
        else (None if isinstance(value, list) else value)
    )


def _name(value: Any) -> str | None:
    value = _first(value)
    if isinstance(value, dict):
        return clean(value.get("name"))
    return clean(value) if isinstance(value, str) else None


def _url(value: Any) -> str | None:
    value = _first(value)
    if isinstance(value, dict):
        return clean(value.get("url") or value.get("@id"))
    return clean(value) if isinstance(value, str) else None


def walk_claim_reviews(document: Any) -> Iterator[dict]:
    """Every ClaimReview object in a JSON-LD document, in document order (lists, @graph, feeds)."""
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if "ClaimReview" in _types(node):
                yield node
                continue
            stack.extend(reversed(list(node.values())))


def review_lines(text: str, count: int) -> list[int | None]:
    """The line each of `count` ClaimReview objects starts on, when the text shows them all."""
    starts: list[int | None] = [
        text.count("\n", 0, match.start()) + 1 for match in _TYPE_RE.finditer(text)
    ]
    return starts if len(starts) == count else [None] * count


def claim_from_review(review: dict) -> ImportedClaim:
    """An ImportedClaim from one ClaimReview object; raises BadValue when it names no claim."""
    item = _first(review.get("itemReviewed"))
    item = item if isinstance(item, dict) else {}
    text = clean(review.get("claimReviewed")) or clean(item.get("name")) or clean(item.get("text"))
    if not text:
        raise BadValue("ClaimReview has no claimReviewed")
    author = _first(item.get("author"))
    speaker_kind: SpeakerKind = "person"
    role = None
    if isinstance(author, dict):
        if _types(author) & _ORGANISATION_TYPES:
            speaker_kind = "organization"
        role = clean(author.get("jobTitle"))
    appearance = _first(item.get("appearance")) or item.get("firstAppearance")
    appearance_dict = appearance if isinstance(appearance, dict) else {}
    rating = _first(review.get("reviewRating"))
    rating = rating if isinstance(rating, dict) else {}
    rating_label = clean(rating.get("alternateName")) or clean(rating.get("name"))
    if rating_label is None and rating.get("ratingValue") is not None:
        rating_label = clean(rating.get("ratingValue"))
    return ImportedClaim(
        text=text,
        speaker=_name(author),
        speaker_role=role,
        speaker_kind=speaker_kind,
        source=clean(appearance_dict.get("headline")) or clean(appearance_dict.get("name")),
        outlet=_name(appearance_dict.get("publisher")),
        url=_url(appearance),
        date=parse_date(item.get("datePublished") or appearance_dict.get("datePublished")),
        rating=rating_label,
        rated_by=_name(review.get("author")) or _name(review.get("publisher")),
        rated_on=parse_date(review.get("datePublished")),
        review_url=_url(review.get("url")),
    )


def reviews_from_fact_check_api(document: Any) -> Iterator[dict]:
    """ClaimReview objects rebuilt from a Fact Check Tools API answer ({'claims': [{'claimReview': ...}]})."""
    if not isinstance(document, dict) or not isinstance(document.get("claims"), list):
        return
    for claim in document["claims"]:
        if not isinstance(claim, dict):
            continue
        for review in claim.get("claimReview") or []:
            if not isinstance(review, dict):
                continue
            yield {
                "@type": "ClaimReview",
                "claimReviewed": claim.get("text"),
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {"name": claim.get("claimant")},
                    "datePublished": claim.get("claimDate"),
                },
                "reviewRating": {"alternateName": review.get("textualRating")},
                "author": review.get("publisher"),
                "datePublished": review.get("reviewDate"),
                "url": review.get("url"),
            }


class _LdJsonScripts(HTMLParser):
    """Collects the text of every <script type="application/ld+json"> with its starting line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[int, str]] = []
        self._current: list[str] | None = None
        self._line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().casefold()
        if tag == "script" and kind == "application/ld+json":
            self._current = []
            self._line = self.getpos()[0]

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append((self._line, "".join(self._current)))
            self._current = None


def ld_json_scripts(html_text: str) -> list[tuple[int, str]]:
    """(line, JSON text) of each JSON-LD script in a page."""
    parser = _LdJsonScripts()
    parser.feed(html_text)
    parser.close()
    return parser.scripts
