"""filter_export narrows claims and keeps links and conflicts consistent with what is left."""

from __future__ import annotations

from datetime import date

from report_fixtures import sample_export

from claims.models import Export
from claims.reports import filter_export


def ids(export: Export) -> list[int]:
    return [claim.id for claim in export.claims]


def assert_consistent(export: Export) -> None:
    claim_ids = set(ids(export))
    assert all(claim_ids.issuperset(link.claim_ids) for link in export.links)
    assert all(claim_ids.issuperset(conflict.claim_ids) for conflict in export.conflicts)
    assert {claim.source_id for claim in export.claims} == {source.id for source in export.sources}
    speaker_ids = {claim.speaker_id for claim in export.claims if claim.speaker_id is not None}
    assert speaker_ids == {speaker.id for speaker in export.speakers}


class TestFilters:
    """Each filter on its own, then combined."""

    def test_no_filter_keeps_everything(self):
        assert filter_export(sample_export()) == sample_export()

    def test_conflicts_only(self):
        narrowed = filter_export(sample_export(), conflicts_only=True)
        assert ids(narrowed) == [1, 3, 4, 6]
        assert [conflict.id for conflict in narrowed.conflicts] == [1, 2]
        assert_consistent(narrowed)

    def test_status(self):
        narrowed = filter_export(sample_export(), status="disputed")
        assert ids(narrowed) == [3] and narrowed.conflicts == [] and narrowed.links == []
        assert_consistent(narrowed)

    def test_speaker_matches_name_or_alias_case_insensitively(self):
        assert ids(filter_export(sample_export(), speaker="QUILL")) == [1, 6]
        assert ids(filter_export(sample_export(), speaker="harbours")) == [3]

    def test_speaker_alias(self):
        export = sample_export()
        export.speakers[2].aliases = ["Oz"]
        assert ids(filter_export(export, speaker="oz")) == [4]

    def test_source_by_id_title_or_outlet(self):
        assert ids(filter_export(sample_export(), source="2")) == [3, 4, 5]
        assert ids(filter_export(sample_export(), source=1)) == [1, 2, 6]
        assert ids(filter_export(sample_export(), source="coastal")) == [3, 4, 5]
        assert ids(filter_export(sample_export(), source="strike spreads")) == [1, 2, 6]

    def test_since_uses_publication_or_review_date(self):
        assert ids(filter_export(sample_export(), since=date(2031, 3, 5))) == [1, 2, 3, 4, 5]
        assert ids(filter_export(sample_export(), since=date(2031, 3, 7))) == [2]

    def test_conflicts_only_with_speaker_brings_the_other_side(self):
        narrowed = filter_export(sample_export(), conflicts_only=True, speaker="Brenn")
        assert ids(narrowed) == [4, 6] and [conflict.id for conflict in narrowed.conflicts] == [2]
        assert_consistent(narrowed)

    def test_combined_filters_keep_links_between_kept_claims(self):
        narrowed = filter_export(sample_export(), speaker="quillon", source="herald")
        assert ids(narrowed) == [1, 6]
        assert [link.claim_ids for link in narrowed.links] == [(1, 6)]
        assert narrowed.conflicts == []
        assert_consistent(narrowed)

    def test_no_match(self):
        narrowed = filter_export(sample_export(), speaker="nobody at all")
        assert narrowed.claims == [] and narrowed.sources == [] and narrowed.conflicts == []
