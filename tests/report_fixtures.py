"""A small hand-built casefile export (fictional people and places) for report and import tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from claims.models import Claim, Conflict, Export, Link, Quantity, ReviewEvent, Source, Speaker

HOSTILE_QUOTE = (
    "Ports are <script>alert(1)</script> [bold]closed[/bold] *now* [x](javascript:evil) `rm`"
)
FORMULA_QUOTE = '=HYPERLINK("http://evil.example","click")'

SOURCE_A_TEXT = (
    "Harbour Minister Marta Quillon said 12,000 workers joined the strike. "
    f'A spokesperson added: "{HOSTILE_QUOTE}".'
)
SOURCE_B_TEXT = (
    "The Ministry of Harbours said only 3,000 workers joined. "
    "Union leader Oskar Brenn denied that the strike was illegal. "
    f"A leaflet read {FORMULA_QUOTE}."
)


def _claim(
    claim_id: int, source_id: int, text: str, source_text: str, quote: str, **fields
) -> Claim:
    start = source_text.index(quote)
    return Claim(
        id=claim_id,
        source_id=source_id,
        text=text,
        quote=quote,
        start=start,
        end=start + len(quote),
        **fields,
    )


def _review(status: str, reviewer: str, when: datetime, note: str | None = None) -> ReviewEvent:
    return ReviewEvent(at=when, reviewer=reviewer, from_="unreviewed", to=status, note=note)


def sample_export() -> Export:
    """Two sources, four speakers, a numeric and a denial conflict, reviewed and unreviewed claims."""
    sources = [
        Source(
            id=1,
            title="Strike spreads - ports & docks, day two",
            outlet="Fictland Herald",
            url="https://herald.example/strike?day=2",
            published=date(2031, 3, 4),
            sha256="a" * 64,
            text=SOURCE_A_TEXT,
        ),
        Source(
            id=2,
            title="Ministry disputes strike figures",
            outlet="Coastal Times",
            url="https://coastal.example/news/strike",
            published=date(2031, 3, 5),
            sha256="b" * 64,
            text=SOURCE_B_TEXT,
        ),
    ]
    speakers = [
        Speaker(
            id=1, name="Marta Quillon", aliases=["Quillon"], role="Harbour Minister", kind="person"
        ),
        Speaker(id=2, name="Ministry of Harbours", kind="organization"),
        Speaker(id=3, name="Oskar Brenn", role="union leader", kind="person"),
        Speaker(id=4, name="a spokesperson", kind="person"),
    ]
    reviewed_at = datetime(2031, 3, 6, 9, 30, tzinfo=UTC)
    workers_a = Quantity(value=12000, unit="workers", text="12,000 workers", kind="count")
    workers_b = Quantity(
        value=3000, unit="workers", text="3,000 workers", kind="count", qualifier="only"
    )
    claims = [
        _claim(
            1,
            1,
            "12,000 workers joined the strike",
            SOURCE_A_TEXT,
            "12,000 workers joined the strike",
            speaker_id=1,
            speaker="Marta Quillon",
            speaker_role="Harbour Minister",
            kind="indirect",
            quantities=[workers_a],
            status="confirmed",
            notes=["Matches the union's count"],
            history=[_review("confirmed", "ed", reviewed_at, "Matches the union's count")],
        ),
        _claim(
            2,
            1,
            HOSTILE_QUOTE,
            SOURCE_A_TEXT,
            HOSTILE_QUOTE,
            speaker_id=4,
            speaker="a spokesperson",
            kind="direct",
            status="unverifiable",
            history=[_review("unverifiable", "ed", reviewed_at.replace(day=7))],
        ),
        _claim(
            3,
            2,
            "Only 3,000 workers joined the strike",
            SOURCE_B_TEXT,
            "only 3,000 workers joined",
            speaker_id=2,
            speaker="Ministry of Harbours",
            kind="indirect",
            quantities=[workers_b],
            status="disputed",
            history=[_review("disputed", "ana", reviewed_at, "Payroll data says more")],
            notes=["Payroll data says more"],
        ),
        _claim(
            4,
            2,
            "The strike was not illegal",
            SOURCE_B_TEXT,
            "the strike was illegal",
            speaker_id=3,
            speaker="Oskar Brenn",
            speaker_role="union leader",
            kind="indirect",
            polarity="denies",
        ),
        _claim(5, 2, FORMULA_QUOTE, SOURCE_B_TEXT, FORMULA_QUOTE, kind="narrative"),
        _claim(
            6,
            1,
            "The strike is illegal",
            SOURCE_A_TEXT,
            "12,000 workers joined the strike",
            speaker_id=1,
            speaker="Marta Quillon",
            kind="indirect",
            hedged=True,
        ),
    ]
    links = [
        Link(
            claim_ids=(1, 3),
            relation="conflicts",
            score=0.82,
            state="suggested",
            reason="same event, numbers differ",
        ),
        Link(claim_ids=(4, 6), relation="conflicts", score=0.9, state="confirmed"),
        Link(claim_ids=(1, 6), relation="related", score=0.7),
    ]
    conflicts = [
        Conflict(
            id=1,
            kind="numeric",
            claim_ids=(1, 3),
            explanation="12,000 workers vs only 3,000 workers",
        ),
        Conflict(
            id=2,
            kind="denial",
            claim_ids=(6, 4),
            explanation="Brenn denies what Quillon asserts",
            weak=True,
        ),
    ]
    return Export(
        sources=sources, speakers=speakers, claims=claims, links=links, conflicts=conflicts
    )


# An earlier, published fact-check and a new article repeating the checked claim (fictional).
PRIOR_FACT_CHECK = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://factdesk.example/checks/bridge",
    "claimReviewed": "The Harbor Bridge in Veltria carries 40,000 cars a day",
    "datePublished": "2026-01-05",
    "author": {"@type": "Organization", "name": "Veltria Fact Desk"},
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "False",
    },
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Ilse Brandt"}},
}
BRIDGE_ARTICLE = (
    "Bridge traffic row\n\nMayor Ilse Brandt said the Harbor Bridge in Veltria carries 40,000 cars a day, "
    "more than any other crossing in the region.\n"
)
