"""Several processes writing one casefile at once: no lost update, no unlogged write, no lock errors."""

from __future__ import annotations

import hashlib
import multiprocessing
import random
import time

import pytest
from conftest import PORT_STORY, make_claim

from claims.models import REVIEW_STATUSES, SourceMeta
from store.api import open_store
from store.errors import StoreError, VersionConflict

pytestmark = pytest.mark.slow
WORKERS = 4
ROUNDS = 30


def _reviewer(db: str, name: str, claim_ids: list[int], seed: int) -> list[tuple]:
    """Read a claim, pause, write it back with the version read; record what the store said."""
    rng = random.Random(seed)
    outcomes = []
    with open_store(db) as store:
        for round_number in range(ROUNDS):
            claim_id = rng.choice(claim_ids)
            status = rng.choice(REVIEW_STATUSES)
            note = f"{name}#{round_number}"
            checked = rng.random() < 0.8
            try:
                version = store.get_claim(claim_id).version
                time.sleep(rng.uniform(0, 0.01))
                if checked and rng.random() < 0.25:
                    store.add_note(claim_id, note, name, expected_version=version)
                else:
                    store.review(
                        claim_id,
                        status,
                        name,
                        note=note,
                        expected_version=version if checked else None,
                    )
                outcomes.append(("accepted", claim_id, note))
            except VersionConflict as refusal:
                assert refusal.current_version is not None and refusal.changed_by
                outcomes.append(("refused", claim_id, note))
            except StoreError as failure:
                outcomes.append(("failed", claim_id, f"{note}: {failure}"))
    return outcomes


def _add_same_document(db: str, copy: int) -> str:
    with open_store(db) as store:
        shared = "Dana Wells said the ferry runs hourly."
        own = f"Report {copy}: Eli Moss said the ferry runs every {copy + 2} hours."
        results = []
        for document, quote, speaker in (
            (shared, "the ferry runs hourly", "Dana Wells"),
            (own, f"the ferry runs every {copy + 2} hours", "Eli Moss"),
        ):
            sha = hashlib.sha256(document.encode()).hexdigest()
            try:
                result = store.add_extracted(
                    document,
                    sha,
                    SourceMeta(title="Ferry"),
                    [make_claim(quote, document, speaker)],
                    f"w{copy}",
                )
                results.append("duplicate" if result.duplicate else "stored")
            except StoreError as failure:
                results.append(f"failed: {failure}")
        return ",".join(results)


def _open_only(db: str) -> str:
    try:
        with open_store(db) as store:
            return store.schema_status()["current"]
    except StoreError as failure:
        return f"failed: {failure}"


def _pool():
    return multiprocessing.get_context("fork").Pool(WORKERS)


class TestConcurrentReviews:
    """The log holds exactly the accepted writes, chained old -> new, and matches the final state."""

    def test_log_holds_exactly_the_accepted_writes(self, store, add_story, db_url):
        story = add_story(
            store,
            PORT_STORY,
            [
                ("The port handled 4,000 containers last week.", "Mira Olsen"),
                ("Fewer than 3,000 containers moved,", "Tomas Brenn"),
            ],
        )
        claim_ids = story.claim_ids
        store.close()
        with _pool() as pool:
            results = pool.starmap(
                _reviewer, [(db_url, f"reviewer{n}", claim_ids, 1000 + n) for n in range(WORKERS)]
            )
        outcomes = [outcome for worker in results for outcome in worker]
        failures = [outcome for outcome in outcomes if outcome[0] == "failed"]
        assert failures == []
        accepted = {note for kind, _, note in outcomes if kind == "accepted"}
        refused = {note for kind, _, note in outcomes if kind == "refused"}
        assert refused, "the workload is meant to collide"
        with open_store(db_url) as reopened:
            events = [event for event in reopened.events() if event.action in ("review", "note")]
            logged_notes = [event.note for event in events]
            assert sorted(logged_notes) == sorted(accepted)
            assert not refused & set(logged_notes)
            for claim_id in claim_ids:
                chain = [event for event in events if event.claim_id == claim_id]
                claim = reopened.get_claim(claim_id)
                assert claim.version == 1 + len(chain)
                assert claim.status == chain[-1].new_value
                previous = "unreviewed"
                for event in chain:
                    assert event.old_value == previous, "a write was based on a state it never saw"
                    previous = event.new_value


class TestConcurrentIngest:
    """The same document added by several processes at once is stored once."""

    def test_same_document_stored_once(self, store, db_url):
        store.close()
        with _pool() as pool:
            results = pool.starmap(_add_same_document, [(db_url, copy) for copy in range(WORKERS)])
        assert not any("failed" in result for result in results), results
        shared = [result.split(",")[0] for result in results]
        assert shared.count("stored") == 1 and shared.count("duplicate") == WORKERS - 1
        with open_store(db_url) as reopened:
            assert len(reopened.list_sources()) == 1 + WORKERS
            assert reopened.count_claims() == 1 + WORKERS
            assert len([e for e in reopened.events() if e.action == "ingest"]) == 1 + WORKERS

    def test_first_open_by_many_processes_migrates_once(self, db_url):
        with _pool() as pool:
            revisions = pool.map(_open_only, [db_url] * WORKERS)
        from store import migrate

        assert revisions == [migrate.head_revision()] * WORKERS
