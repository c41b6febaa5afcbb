"""Disputes: conflicts about one proposition grouped into two sides, ranked by independent sources."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from claims.disputes import dispute_ids, group_disputes
from claims.models import Claim, Conflict, ConflictKind, Link, Polarity
from counterclaim.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def claim(
    claim_id: int, source_id: int, speaker: str | None, text: str, polarity: Polarity = "asserts"
) -> Claim:
    return Claim(
        id=claim_id,
        source_id=source_id,
        speaker=speaker,
        text=text,
        quote=text,
        start=0,
        end=len(text),
        kind="indirect" if speaker else "narrative",
        polarity=polarity,
    )


def conflict(
    conflict_id: int, a: int, b: int, kind: ConflictKind = "denial", weak: bool = False
) -> Conflict:
    return Conflict(
        id=conflict_id,
        kind=kind,
        claim_ids=(a, b),
        explanation=f"conflict {conflict_id}",
        weak=weak,
    )


CLAIMS = {
    1: claim(1, 1, "Ada Quill", "the Harbour bridge was closed on Monday"),
    2: claim(2, 2, "Ben Roe", "the Harbour bridge was closed on Monday"),
    3: claim(3, 3, "Cy Marsh", "the Harbour bridge was not closed", polarity="denies"),
    4: claim(4, 4, "Dee Fane", "the closure of the Harbour bridge is a hoax", polarity="denies"),
    5: claim(5, 5, "Eli Stone", "the ferry fare rose to 4 crowns"),
    6: claim(6, 5, "Fay Moss", "the ferry fare rose to 9 crowns"),
}


class TestGrouping:
    """Pairs about one proposition become one dispute with two sides."""

    def test_two_sides_from_many_pairs(self):
        conflicts = [conflict(1, 1, 3), conflict(2, 2, 3), conflict(3, 1, 4), conflict(4, 2, 4)]
        (dispute,) = group_disputes(conflicts, CLAIMS)
        assert dispute.id == 1 and dispute.conflict_ids == (1, 2, 3, 4)
        asserting, denying = dispute.sides
        assert asserting.claim_ids == (1, 2) and asserting.stance == "asserts"
        assert denying.claim_ids == (3, 4) and denying.stance == "denies"
        assert asserting.speakers == ("Ada Quill", "Ben Roe") and denying.independent_sources == 2
        assert dispute.summary() == "2 sources against 2"
        assert dispute.proposition == "the Harbour bridge was closed on Monday"

    def test_the_outlets_own_words_are_named_as_everywhere_else(self):
        """A side with no speaker is '(narrative)', the one word the glossary gives the outlet's own voice."""
        claims = {
            **CLAIMS,
            9: claim(9, 9, None, "The Harbour bridge was not closed on Monday", "denies"),
        }
        (dispute,) = group_disputes([conflict(1, 1, 9)], claims)
        assert "(narrative)" in dispute.sides[1].speakers

    def test_unrelated_pairs_are_separate_disputes_ranked_by_thinner_side(self):
        conflicts = [
            conflict(1, 5, 6, kind="numeric"),
            conflict(2, 1, 3),
            conflict(3, 2, 3),
            conflict(4, 4, 2),
        ]
        disputes = group_disputes(conflicts, CLAIMS)
        assert [d.id for d in disputes] == [2, 1]
        # One source against itself ranks after a story two sources deny.
        assert disputes[1].summary() == "1 source against 1"

    def test_agreeing_claims_stand_together(self):
        conflicts = [conflict(1, 1, 3), conflict(2, 2, 4)]
        apart = group_disputes(conflicts, CLAIMS)
        assert len(apart) == 2
        links = [Link(claim_ids=(1, 2), relation="agrees", score=0.9, state="confirmed")]
        (joined,) = group_disputes(conflicts, CLAIMS, links)
        assert joined.sides[0].claim_ids == (1, 2) and joined.sides[1].claim_ids == (3, 4)
        assert dispute_ids(conflicts, links) == {1: 1, 2: 1}

    def test_reprints_add_sources_but_count_once(self):
        (dispute,) = group_disputes([conflict(1, 1, 3)], CLAIMS, reprint_sources={1: [7, 8]})
        assert (
            dispute.sides[0].source_ids == (1, 7, 8) and dispute.sides[0].independent_sources == 1
        )

    def test_weak_only_when_every_conflict_is_weak(self):
        assert group_disputes([conflict(1, 1, 3, weak=True)], CLAIMS)[0].weak
        assert not group_disputes([conflict(1, 1, 3, weak=True), conflict(2, 2, 3)], CLAIMS)[0].weak

    def test_attribution_is_its_own_dispute(self):
        disputes = group_disputes(
            [conflict(1, 1, 3), conflict(2, 1, 2, kind="attribution")], CLAIMS
        )
        assert sorted(d.kind for d in disputes) == ["attribution", "denial"]


class TestCommand:
    """`conflicts` lists disputes; `--pairs` the conflicts one by one."""

    def test_sample_story(self, tmp_path):
        runner = CliRunner()
        db = str(tmp_path / "case.db")
        assert runner.invoke(app, ["--db", db, "add", str(SEEDS)]).exit_code == 0
        shown = runner.invoke(app, ["--db", db, "conflicts", "--json"])
        disputes = json.loads(shown.stdout)
        assert disputes and {"id", "kind", "proposition", "sides", "conflicts", "weak"} <= set(
            disputes[0]
        )
        assert all(len(d["sides"]) == 2 and d["conflicts"] for d in disputes)
        pairs = json.loads(
            runner.invoke(app, ["--db", db, "conflicts", "--pairs", "--json"]).stdout
        )
        assert sorted(c["id"] for d in disputes for c in d["conflicts"]) == sorted(
            c["id"] for c in pairs
        )
        text = runner.invoke(app, ["--db", db, "conflicts"]).stdout
        assert text.startswith("dispute #") and "disputes (" in text


class TestThreadsRankByDisputes:
    """A quote every outlet repeats is not the most contested story; a real disagreement leads."""

    def test_the_real_disagreement_comes_first(self, tmp_path):
        import hashlib

        from claims.models import ExtractedClaim, Quantity, SourceMeta
        from store.api import open_store

        store = open_store(str(tmp_path / "case.db"))
        quote = "We won't close the Orlen bridge this winter"
        figure = "The Kelby dock handled 40,000 containers last week"
        denial = "It is not true that the Kelby dock handled 40,000 containers last week"

        def add(number: int, claims: list[tuple[str, str, Polarity]]) -> None:
            body = " ".join(f'"{text}," {speaker} said.' for speaker, text, _ in claims)
            document = f"Harbour news {number}\n\n{body}\n"
            extracted = []
            for speaker, text, polarity in claims:
                start = document.index(text)
                fields: dict[str, Any] = (
                    {
                        "quantities": [
                            Quantity(value=40000.0, unit="containers", text="40,000 containers")
                        ]
                    }
                    if "40,000" in text
                    else {}
                )
                if text == denial:
                    fields["denial_target"] = figure
                extracted.append(
                    ExtractedClaim(
                        text=text,
                        quote=text,
                        start=start,
                        end=start + len(text),
                        kind="direct",
                        speaker=speaker,
                        speaker_kind="person",
                        polarity=polarity,
                        **fields,
                    )
                )
            sha = hashlib.sha256(document.encode()).hexdigest()
            store.add_extracted(
                document,
                sha,
                SourceMeta(title=f"Report {number}", outlet=f"Outlet {number}"),
                extracted,
                "tester",
            )

        # The mayor's quote in four outlets, one extraction reading "won't" as a denial, one with a lead-in.
        add(1, [("Mara Voss", quote, "asserts")])
        add(2, [("Mara Voss", quote + " or next", "denies")])
        add(3, [("Mara Voss", "Asked again, " + quote, "asserts")])
        add(4, [("Mira Olsen", figure, "asserts"), ("Tomas Brenn", denial, "denies")])
        add(5, [("Ada Quill", figure, "asserts")])
        threads = store.threads()
        disputes = store.disputes()
        assert disputes and all(
            quote not in store.get_claim(cid).text
            for dispute in disputes
            for cid in dispute.claim_ids
        )
        lead = threads[0]
        assert lead.dispute_ids and figure in lead.title
        store.close()


class TestCheckDisputes:
    """`check_disputes`: a check's supporting and disputing sources as the two sides."""

    @staticmethod
    def _check(*stances):
        from claims.models import Check, SourceStance

        return Check(
            id=7,
            text="the Harbour bridge was closed on Monday",
            sources=[
                SourceStance(source_id=source, stance=stance, claim_ids=ids, explanation=why)
                for source, stance, ids, why in stances
            ],
        )

    def test_sides_hold_the_deciding_claims_and_reprints_count_once(self):
        from claims.disputes import check_disputes

        reprint = CLAIMS[2].model_copy(update={"id": 9, "source_id": 6, "reprint_of": 1})
        claims = {**CLAIMS, 9: reprint}
        check = self._check(
            (1, "supports", [1], "claim 1 states it"),
            (6, "supports", [9], "claim 9 states it"),
            (3, "disputes", [3], "claim 3 denies it"),
            (4, "disputes", [4], "claim 4 denies it"),
            (5, "reports", [5], "claim 5 relays it"),
        )
        (dispute,) = check_disputes([check], claims, {1: [6]})
        assert (dispute.id, dispute.kind, dispute.check_id, dispute.weak) == (-7, "check", 7, False)
        supports, disputes = dispute.sides
        assert supports.claim_ids == (1, 9) and supports.source_ids == (1, 6)
        assert supports.independent_sources == 1
        assert disputes.speakers == ("Cy Marsh", "Dee Fane")
        assert disputes.independent_sources == 2
        assert dispute.summary() == "1 source against 2"

    def test_body_text_only_side_is_weak_and_one_side_is_none(self):
        from claims.disputes import check_disputes

        weak = self._check(
            (1, "supports", [1], "claim 1 states it"),
            (3, "disputes", [], "its text denies it ('fake'): …"),
        )
        assert check_disputes([weak], CLAIMS)[0].weak
        one_sided = self._check((1, "supports", [1], "claim 1 states it"))
        assert check_disputes([one_sided], CLAIMS) == []

    def test_a_side_resting_only_on_plain_negations_is_weak(self):
        from claims.checks import CheckReader
        from claims.disputes import check_disputes

        reader = CheckReader("the Harbour bridge was closed on Monday")
        negating = reader.judge("No, the Harbour bridge was not closed on Monday", [])
        denying = reader.judge("Council denies the Harbour bridge was closed on Monday", [])
        assert negating.stance == denying.stance == "disputes"
        assert "negates it (‘no’)" in negating.explanation
        assert "denies it (‘denies’)" in denying.explanation
        supporting = (1, "supports", [1], "claim 1 states it")
        weak = self._check(supporting, (3, "disputes", [], negating.explanation))
        assert check_disputes([weak], CLAIMS)[0].weak
        firm = self._check(
            supporting,
            (3, "disputes", [], negating.explanation),
            (4, "disputes", [], denying.explanation),
        )
        assert not check_disputes([firm], CLAIMS)[0].weak
        # A quoted statement that happens to say 'negates it' decides nothing.
        quoted = self._check(
            supporting, (3, "disputes", [3], "claim 3 denies it: “It negates it all”")
        )
        assert not check_disputes([quoted], CLAIMS)[0].weak

    def test_pairwise_dispute_about_the_check_merges_into_it(self):
        from claims.disputes import with_check_disputes

        pairwise = group_disputes(
            [conflict(1, 1, 3), conflict(2, 5, 6, kind="numeric")], CLAIMS, []
        )
        check = self._check(
            (1, "supports", [1], "claim 1 states it"),
            (3, "disputes", [3], "claim 3 denies it"),
        )
        merged = with_check_disputes(pairwise, [check], CLAIMS)
        assert sorted((d.kind, d.conflict_ids) for d in merged) == [
            ("check", (1,)),
            ("numeric", (2,)),
        ]
        (checked,) = [d for d in merged if d.kind == "check"]
        assert checked.kinds == ("check", "denial")
        assert with_check_disputes(pairwise, [], CLAIMS) == pairwise

    def test_a_conflict_merged_into_a_check_names_the_check_dispute_in_csv_rows(self):
        """`dispute_ids` (the CSV column) agrees with the disputes the reports list."""
        from claims.disputes import with_check_disputes

        conflicts = [conflict(1, 1, 3), conflict(2, 5, 6, kind="numeric")]
        check = self._check(
            (1, "supports", [1], "claim 1 states it"),
            (3, "disputes", [3], "claim 3 denies it"),
        )
        listed = with_check_disputes(group_disputes(conflicts, CLAIMS, []), [check], CLAIMS)
        shown = {cid: d.id for d in listed for cid in d.conflict_ids}
        assert dispute_ids(conflicts, [], [check]) == shown == {1: -7, 2: 2}
        one_sided = self._check((1, "supports", [1], "claim 1 states it"))
        assert dispute_ids(conflicts, [], [one_sided]) == {1: 1, 2: 2}
