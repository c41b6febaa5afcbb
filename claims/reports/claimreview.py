"""schema.org ClaimReview JSON-LD for reviewed claims, checked against Google's required fields."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

from claims.models import Claim, Export, Source
from claims.reports.links import safe_url
from claims.reports.options import ReportError, ReportOptions
from claims.reports.parts import ExportParts
from claims.reports.view import ReportView, last_review
from claims.text import one_line

# Google shows claimReviewed best under this many characters (mobile wrapping).
CLAIM_LENGTH_ADVICE = 75
MAX_LISTED_WARNINGS = 20
INDENTED_REVIEWS = 500
# Numeric scale published with every rating: 1 = False, 3 = Unproven, 5 = True.
RATINGS = {"confirmed": ("True", 5), "disputed": ("False", 1), "unverifiable": ("Unproven", 3)}
WORST_RATING, BEST_RATING = 1, 5
_ORGANISATION_KINDS = {"organization", "group", "outlet"}


def _review_url(claim: Claim, options: ReportOptions) -> str | None:
    if options.review_url_template:
        try:
            url = options.review_url_template.format(claim_id=claim.id, source_id=claim.source_id)
        except (KeyError, IndexError, ValueError) as failure:
            raise ReportError(
                f"review URL template: use {{claim_id}} or {{source_id}}, not {failure}"
            ) from None
        return safe_url(url)
    base = safe_url(options.organization_url)
    return f"{base.split('#')[0]}#claim-{claim.id}" if base else None


def _creative_work(source: Source) -> dict:
    work: dict = {"@type": "CreativeWork"}
    url = safe_url(source.url)
    if url:
        work["url"] = url
    if source.title:
        work["headline"] = one_line(source.title)
    if source.outlet:
        work["publisher"] = {"@type": "Organization", "name": one_line(source.outlet)}
    if source.published:
        work["datePublished"] = source.published.isoformat()
    return work


class _Appearances:
    """Where the same speaker made the same claim: the claim's source plus those of linked, agreeing claims."""

    def __init__(self, export: Export, view: ReportView) -> None:
        self.view = view
        self.linked: dict[int, set[int]] = defaultdict(set)
        for link in export.links:
            if link.relation == "conflicts" or link.state == "rejected":
                continue
            first, second = link.claim_ids
            self.linked[first].add(second)
            self.linked[second].add(first)

    def sources(self, claim: Claim) -> list[Source]:
        claims = self.view.claims
        related = [
            claims[other] for other in sorted(self.linked.get(claim.id, ())) if other in claims
        ]
        same_speaker = [
            other
            for other in related
            if other.speaker_id == claim.speaker_id
            and (claim.speaker_id is not None or other.speaker == claim.speaker)
        ]
        ids = dict.fromkeys([claim.source_id, *(other.source_id for other in same_speaker)])
        return [self.view.sources[source_id] for source_id in ids if source_id in self.view.sources]


def _item_reviewed(claim: Claim, view: ReportView, appearances: _Appearances) -> dict:
    item: dict = {"@type": "Claim"}
    name, role, kind = view.speaker_of(claim)
    if kind != "unattributed":
        author = {
            "@type": "Organization" if kind in _ORGANISATION_KINDS else "Person",
            "name": one_line(name),
        }
        if role:
            author["jobTitle"] = one_line(role)
        item["author"] = author
    sources = appearances.sources(claim)
    if sources:
        dated = [source for source in sources if source.published]
        first = min(dated, key=lambda source: source.published or date.max) if dated else sources[0]
        if first.published:
            item["datePublished"] = first.published.isoformat()
        item["appearance"] = [_creative_work(source) for source in sources]
        item["firstAppearance"] = _creative_work(first)
    return item


def claimreview_document(export: Export, options: ReportOptions) -> tuple[dict, list[str]]:
    """The JSON-LD graph for every reviewed claim, and advisory warnings; raises ReportError if incomplete."""
    organization = one_line(options.organization_name or "")
    if not organization:
        raise ReportError(
            "ClaimReview needs the publishing organisation's name (author): use --org-name or COUNTERCLAIM_ORG_NAME"
        )
    view = ReportView(export)
    appearances = _Appearances(export, view)
    publisher: dict = {"@type": "Organization", "name": organization}
    if safe_url(options.organization_url):
        publisher["url"] = safe_url(options.organization_url)
    graph: list[dict] = []
    warnings: list[str] = []
    long_claims = 0
    for claim in export.claims:
        if claim.status == "unreviewed":
            continue
        claim_reviewed = one_line(claim.text)
        if not claim_reviewed:
            raise ReportError(f"ClaimReview needs claimReviewed: claim #{claim.id} has no text")
        url = _review_url(claim, options)
        if not url:
            raise ReportError(
                "ClaimReview needs the fact-check's url: use --org-url or COUNTERCLAIM_ORG_URL (http or https)"
            )
        if len(claim_reviewed) > CLAIM_LENGTH_ADVICE:
            long_claims += 1
            if long_claims <= MAX_LISTED_WARNINGS:
                warnings.append(
                    f"claim #{claim.id}: claimReviewed is {len(claim_reviewed)} characters; "
                    f"Google advises under {CLAIM_LENGTH_ADVICE}"
                )
        label, value = RATINGS[claim.status]
        review: dict = {
            "@type": "ClaimReview",
            "url": url,
            "claimReviewed": claim_reviewed,
            "author": publisher,
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": value,
                "bestRating": BEST_RATING,
                "worstRating": WORST_RATING,
                "alternateName": label,
            },
            "itemReviewed": _item_reviewed(claim, view, appearances),
        }
        event = last_review(claim)
        if event is not None:
            review["datePublished"] = event.at.date().isoformat()
        graph.append(review)
    if long_claims > MAX_LISTED_WARNINGS:
        warnings.append(
            f"{long_claims - MAX_LISTED_WARNINGS} more claims have claimReviewed over {CLAIM_LENGTH_ADVICE} characters"
        )
    return {"@context": "https://schema.org", "@graph": graph}, warnings


def claimreview_export(parts: ExportParts) -> Export:
    """The export ClaimReview needs in memory: every reviewed claim and the claims linked to one."""
    if parts.outline_pages is None or parts.claims_with_ids is None:
        return parts.materialize()
    reviewed = {
        claim.id for page in parts.outline_pages() for claim in page if claim.status != "unreviewed"
    }
    needed = set(reviewed)
    for link in parts.links:
        first, second = link.claim_ids
        if first in reviewed or second in reviewed:
            needed.update(link.claim_ids)
    return Export(
        format=parts.format,
        version=parts.version,
        sources=list(parts.sources),
        speakers=list(parts.speakers),
        claims=[claim for page in parts.claims_with_ids(sorted(needed)) for claim in page],
        links=list(parts.links),
        conflicts=list(parts.conflicts),
    )


def render_claimreview(
    export: Export, options: ReportOptions | None = None
) -> tuple[str, list[str]]:
    """ClaimReview JSON-LD text for the reviewed claims, and warnings about advice it does not follow."""
    document, warnings = claimreview_document(export, options or ReportOptions())
    if not document["@graph"]:
        warnings.append("no reviewed claims: the ClaimReview graph is empty")
    if len(document["@graph"]) <= INDENTED_REVIEWS:
        text = json.dumps(document, ensure_ascii=False, indent=2)
    else:
        # Python's JSON encoder is about ten times slower with indent; large graphs get one review per line.
        items = ",\n    ".join(json.dumps(item, ensure_ascii=False) for item in document["@graph"])
        text = '{\n  "@context": "https://schema.org",\n  "@graph": [\n    ' + items + "\n  ]\n}"
    # Escaped so the markup can be pasted inside a <script> element without a quote closing it.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text + "\n", warnings
