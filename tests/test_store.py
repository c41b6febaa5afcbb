"""The casefile API on every backend: storing, reviewing, refusing stale writes, the log."""

from __future__ import annotations

import pytest
from conftest import PORT_STORY
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from store.api import ClaimFilter
from store.errors import InvalidValue, NotFound, StoreError, VersionConflict


class TestStoringDocuments:
    """A document and its claims go in whole; the same bytes again change nothing."""

    def test_claims_keep_exact_offsets_and_speakers(self, store, port_story):
        source = store.get_source(port_story.source_id)
        claims = store.claims_in_source(port_story.source_id)
        assert [claim.id for claim in claims] == port_story.claim_ids
        for claim in claims:
            assert source.text[claim.start : claim.end] == claim.quote
        assert {claim.speaker for claim in claims} == {"Mira Olsen", "Tomas Brenn"}

    def test_same_document_again_is_a_duplicate(self, store, port_story, add_story):
        again = add_story(store, PORT_STORY, [("the cranes had failed", "Mira Olsen")])
        assert again.duplicate and again.source_id == port_story.source_id
        assert store.count_claims() == 3
        assert [event.action for event in store.events()] == ["ingest"]

    def test_ingest_is_logged_with_the_claim_count(self, store, port_story):
        (event,) = store.events()
        assert (event.action, event.actor, event.entity_id) == (
            "ingest",
            "tester",
            f"source:{port_story.source_id}",
        )
        assert '"claims": 3' in event.new_value


class TestReviewing:
    """Marks change status and version, and each one is one event with old and new value."""

    def test_review_changes_status_and_logs_it(self, store, port_story):
        claim_id = port_story.claim_ids[0]
        claim = store.review(claim_id, "disputed", "ana", note="board figures differ")
        assert (claim.status, claim.version) == ("disputed", 2)
        (event,) = store.events(claim_id=claim_id)
        assert (event.actor, event.action, event.old_value, event.new_value, event.note) == (
            "ana",
            "review",
            "unreviewed",
            "disputed",
            "board figures differ",
        )
        assert [(entry.reviewer, entry.to) for entry in claim.history] == [("ana", "disputed")]

    def test_stale_version_is_refused_naming_who_and_the_new_state(self, store, port_story):
        claim_id = port_story.claim_ids[1]
        store.review(claim_id, "confirmed", "ana", expected_version=1)
        with pytest.raises(VersionConflict) as refused:
            store.review(claim_id, "disputed", "ben", expected_version=1)
        message = str(refused.value)
        assert "changed by ana" in message and "now confirmed (version 2)" in message
        assert refused.value.changed_at is not None
        assert store.get_claim(claim_id).status == "confirmed"
        assert [event.actor for event in store.events(claim_id=claim_id)] == ["ana"]

    def test_stale_note_is_refused_too(self, store, port_story):
        claim_id = port_story.claim_ids[2]
        store.add_note(claim_id, "called the harbour office", "ana", expected_version=1)
        with pytest.raises(VersionConflict):
            store.add_note(claim_id, "second opinion", "ben", expected_version=1)
        assert [event.note for event in store.events(claim_id=claim_id)] == [
            "called the harbour office"
        ]

    def test_write_without_a_version_always_applies(self, store, port_story):
        claim_id = port_story.claim_ids[0]
        store.review(claim_id, "confirmed", "ana")
        claim = store.review(claim_id, "unverifiable", "ben")
        assert (claim.status, claim.version) == ("unverifiable", 3)

    def test_unknown_status_and_unknown_claim_change_nothing(self, store, port_story):
        with pytest.raises(InvalidValue, match="unknown status"):
            store.review(port_story.claim_ids[0], "true-ish", "ana")
        with pytest.raises(NotFound, match="no claim with id 999"):
            store.review(999, "confirmed", "ana")
        with pytest.raises(InvalidValue, match="empty"):
            store.add_note(port_story.claim_ids[0], "   ", "ana")
        assert [event.action for event in store.events()] == ["ingest"]

    def test_filters_on_log(self, store, port_story):
        first, second, _ = port_story.claim_ids
        store.review(first, "confirmed", "ana")
        store.review(second, "disputed", "ben")
        store.review(first, "disputed", "ben")
        assert [event.new_value for event in store.events(reviewer="ben")] == [
            "disputed",
            "disputed",
        ]
        assert [event.actor for event in store.events(claim_id=first)] == ["ana", "ben"]
        assert len(store.events(limit=2)) == 2


class TestOtherLoggedChanges:
    """Link decisions and speaker merges are events too, and can be undone from the log."""

    def test_link_decision_is_logged(self, store, port_story):
        first, second, _ = port_story.claim_ids
        store.decide_link(first, second, False, "ana")
        store.decide_link(second, first, True, "ben")
        events = [event for event in store.events() if event.action == "link"]
        assert [(e.actor, e.old_value, e.new_value) for e in events] == [
            ("ana", None, "rejected"),
            ("ben", "rejected", "accepted"),
        ]
        with pytest.raises(InvalidValue):
            store.decide_link(first, first, True, "ana")

    def test_merge_and_unmerge_speakers(self, store, port_story):
        speakers = {speaker.name: speaker.id for speaker in store.list_speakers()}
        keep, other = speakers["Mira Olsen"], speakers["Tomas Brenn"]
        store.merge_speakers(keep, other, "ana")
        assert {claim.speaker for claim in store.list_claims()} == {"Mira Olsen"}
        store.unmerge_speaker(other, "ana")
        assert {claim.speaker for claim in store.list_claims()} == {"Mira Olsen", "Tomas Brenn"}
        assert [event.action for event in store.events()][-2:] == ["merge", "unmerge"]


class TestAppendOnlyLog:
    """Nothing, not even raw SQL through the store's engine, can rewrite or delete events."""

    @pytest.mark.parametrize(
        "statement", ["UPDATE event SET actor = 'mallory'", "DELETE FROM event"]
    )
    def test_database_refuses(self, store, port_story, statement):
        store.review(port_story.claim_ids[0], "confirmed", "ana")
        before = [event.as_dict() for event in store.events()]
        with pytest.raises(DBAPIError, match="append-only"):
            with store.engine.begin() as connection:
                connection.execute(text(statement))
        assert [event.as_dict() for event in store.events()] == before


class TestSearch:
    """Search terms are data: LIKE wildcards and quotes match themselves."""

    def test_metacharacters_match_literally(self, store, add_story):
        document = (
            'Ana Ruiz said "Rates rose 5% in May." Ben Ode said "the snake_case report is wrong."'
        )
        add_story(
            store,
            document,
            [("Rates rose 5% in May.", "Ana Ruiz"), ("the snake_case report is wrong.", "Ben Ode")],
        )
        assert [c.quote for c in store.list_claims(ClaimFilter(search="5%"))] == [
            "Rates rose 5% in May."
        ]
        assert [c.quote for c in store.list_claims(ClaimFilter(search="e_c"))] == [
            "the snake_case report is wrong."
        ]
        assert (
            store.list_claims(ClaimFilter(search="%"))
            and store.count_claims(ClaimFilter(search="_")) == 1
        )
        assert store.list_claims(ClaimFilter(search="'; DROP TABLE claim; --")) == []
        assert store.count_claims() == 2


class TestRetry:
    """A transiently refused write transaction is re-run; other failures are not."""

    def test_busy_error_is_retried(self, store, monkeypatch):
        import sqlite3

        from sqlalchemy.exc import OperationalError

        monkeypatch.setattr("store.base.time.sleep", lambda seconds: None)
        calls = []

        def work(connection):
            calls.append(1)
            if len(calls) < 3:
                raise OperationalError("BEGIN", {}, sqlite3.OperationalError("database is locked"))
            return "done"

        assert store._transaction(work) == "done" and len(calls) == 3

    def test_persistent_busy_becomes_one_clear_error(self, store, monkeypatch):
        import sqlite3

        from sqlalchemy.exc import OperationalError

        monkeypatch.setattr("store.base.time.sleep", lambda seconds: None)

        def work(connection):
            raise OperationalError("BEGIN", {}, sqlite3.OperationalError("database is locked"))

        with pytest.raises(StoreError, match="locked by another process"):
            store._transaction(work)


class TestDescribedSpeakersStayApart:
    """'The man' or 'He' in one story is no one named in another: only names join by a shared word."""

    def test_a_description_does_not_join_a_speaker_sharing_a_word(self, store, add_story):
        first = "The man's attorney said the audio was recorded near the shooting."
        add_story(
            store, first, [("the audio was recorded near the shooting", "The man's attorney")]
        )
        second = "The man said he cut it off because it was useless."
        added = add_story(store, second, [("he cut it off because it was useless", "The man")])
        (claim,) = store.claims_in_source(added.source_id)
        assert claim.speaker == "The man"

    def test_a_surname_still_joins_the_full_name(self, store, add_story):
        first = "Harbour master Mira Olsen said the port handled 4,000 containers."
        add_story(store, first, [("the port handled 4,000 containers", "Mira Olsen")])
        second = "Olsen said the cranes were repaired."
        added = add_story(store, second, [("the cranes were repaired", "Olsen")])
        (claim,) = store.claims_in_source(added.source_id)
        assert claim.speaker == "Mira Olsen"
