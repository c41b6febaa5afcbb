"""Keyset pages and capped counts give exactly the rows and numbers of the plain forms."""

from __future__ import annotations

import hashlib
import random

import pytest
from bulk_helpers import BulkDocument, bulk_add
from sqlalchemy import text

from claims.models import ExtractedClaim, SourceMeta, Span
from store.queries import ClaimFilter

SPEAKERS = ["Tilda Marchbank", "Orrin Vale", "Quill Hartwell", "Ada Brackwater", None]
WORDS = ["harbour", "levy", "turnout", "budget", "mill", "ferry", "toll", "grant"]
SORTS = ["id", "status", "source", "speaker", "conflicts"]
FILTERS = [
    ClaimFilter(),
    ClaimFilter(search="harbour"),
    ClaimFilter(search="by"),
    ClaimFilter(search="levy rose"),
    ClaimFilter(status="disputed"),
    ClaimFilter(speaker="vale"),
    ClaimFilter(conflicted=True),
    ClaimFilter(originals=True),
]


def _documents(rng: random.Random) -> list[BulkDocument]:
    documents = []
    for number in range(6):
        parts, claims, offset = [], [], 0
        for _ in range(rng.randint(3, 7)):
            speaker = rng.choice(SPEAKERS)
            statement = (
                f"The {rng.choice(WORDS)} {rng.choice(WORDS)} rose by {rng.randint(1, 99)} percent"
            )
            lead = f"{speaker or 'The paper'} said: "
            start = offset + len(lead)
            parts.append(lead + statement)
            mention = (
                Span(text=speaker, start=offset, end=offset + len(speaker)) if speaker else None
            )
            claims.append(
                ExtractedClaim(
                    text=statement,
                    quote=statement,
                    start=start,
                    end=start + len(statement),
                    kind="direct" if speaker else "narrative",
                    speaker=speaker,
                    speaker_mention=mention,
                )
            )
            offset += len(parts[-1]) + 1
        body = "\n".join(parts)
        sha = hashlib.sha256(f"{number}{body}".encode()).hexdigest()
        documents.append(BulkDocument(body, sha, SourceMeta(title=f"Fixture {number}"), claims))
    return documents


@pytest.fixture()
def listed(store):
    """A casefile of ~30 claims with shared speaker names, narrative claims, statuses and conflicts."""
    rng = random.Random(42)
    with store._write() as connection:
        bulk_add(connection, _documents(rng))
        total = connection.execute(text("SELECT count(*) FROM claim")).scalar_one()
        # A second speaker row with an existing name: the speaker order must still be total.
        second = connection.execute(text("SELECT max(id) + 1 FROM speaker")).scalar_one()
        connection.execute(
            text(
                "INSERT INTO speaker (id, name, key, kind, aliases) VALUES (:id, 'Orrin Vale', 'orrin vale 2', 'person', '[]')"
            ),
            {"id": second},
        )
        connection.execute(
            text(
                "UPDATE claim SET speaker_id = :speaker WHERE id % 4 = 0 AND speaker_id IS NOT NULL"
            ),
            {"speaker": second},
        )
        connection.execute(text("UPDATE claim SET status = 'disputed' WHERE id % 3 = 0"))
        connection.execute(text("UPDATE claim SET status = 'confirmed' WHERE id % 5 = 0"))
        connection.execute(text("UPDATE claim SET reprint_of = id - 1 WHERE id % 7 = 0"))
        for a, b in ((2, 9), (4, total), (9, 13)):
            connection.execute(
                text(
                    "INSERT INTO conflict (kind, claim_a, claim_b, explanation, weak) VALUES ('numeric', :a, :b, 'x', false)"
                ),
                {"a": a, "b": b},
            )
    return store


def _walk(store, claim_filter: ClaimFilter, sort: str, descending: bool, page: int) -> list[int]:
    seen: list[int] = []
    last = None
    while True:
        rows = store.list_claims(
            claim_filter, limit=page, sort=sort, after=last, descending=descending
        )
        seen.extend(claim.id for claim in rows)
        if len(rows) < page:
            return seen
        last = rows[-1]


class TestKeysetPages:
    """Walking a listing page by page from the last row seen reads every row once, in order."""

    @pytest.mark.parametrize("sort", SORTS)
    @pytest.mark.parametrize("claim_filter", FILTERS, ids=lambda f: repr(f)[11:40])
    def test_forward_and_backward_walks(self, listed, sort, claim_filter):
        expected = [claim.id for claim in listed.list_claims(claim_filter, sort=sort)]
        assert expected, "every filter here matches something"
        for page in (1, 4):
            assert _walk(listed, claim_filter, sort, False, page) == expected
            assert _walk(listed, claim_filter, sort, True, page) == expected[::-1]

    @pytest.mark.parametrize("sort", SORTS)
    def test_descending_offsets_read_from_the_end(self, listed, sort):
        expected = [claim.id for claim in listed.list_claims(sort=sort)]
        for offset in (0, 3, len(expected) - 2):
            rows = listed.list_claims(sort=sort, descending=True, limit=3, offset=offset)
            assert [claim.id for claim in rows] == expected[::-1][offset : offset + 3]

    def test_sort_by_source_breaks_ties_by_id(self, listed):
        claims = listed.list_claims(sort="source")
        assert [c.id for c in claims] == [
            c.id for c in sorted(claims, key=lambda c: (c.source_id, c.start, c.id))
        ]

    def test_resumes_by_the_key_as_listed_not_as_stored(self, listed):
        """A page's last row reviewed since it was read still resumes where that page ended."""
        expected = [claim.id for claim in listed.list_claims(sort="status")]
        first = listed.list_claims(sort="status", limit=5)
        listed.review(first[-1].id, "unverifiable", "tester")
        rest = listed.list_claims(sort="status", limit=5, after=first[-1])
        assert [claim.id for claim in rest] == list(expected[5:10])


class TestCappedCounts:
    """A capped count is the exact count when below the cap, the cap otherwise."""

    @pytest.mark.parametrize(
        "claim_filter",
        FILTERS + [ClaimFilter(search="harbour", status="disputed")],
        ids=lambda f: repr(f)[11:40],
    )
    def test_cap(self, listed, claim_filter):
        exact = listed.count_claims(claim_filter)
        assert exact == len(listed.list_claims(claim_filter))
        for cap in (1, 3, exact, exact + 1, 1000):
            assert listed.count_claims(claim_filter, cap=cap) == min(exact, cap)
