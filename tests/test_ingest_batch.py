"""The batch ingest path stores exactly what adding the documents one by one stores, and commits batches whole."""

from __future__ import annotations

import hashlib
import random
import time
from typing import Any, cast

import pytest
from sqlalchemy import text

from claims.documents import Document
from claims.models import ExtractedClaim, Quantity, SourceMeta
from store import batch as batch_module
from store import pipeline
from store.errors import StoreError
from store.queries import SourceTexts

# Fictional speakers: (display name as first quoted, fuller form quoted later, role, kind).
SPEAKERS = [
    ("Olsen", "Mira Olsen", "harbour master", "person"),
    ("Brenn", "Tomas Brenn", "chair of the shipping board", "person"),
    ("Varga", "Ines Varga", None, "person"),
    ("the Harbour Board", "the Harbour Board", None, "organization"),
    ("officials", "officials", None, "group"),
]
STATEMENTS = [
    ("The port handled {n},000 containers last week", "containers"),
    ("The new crane at Kelby dock cost {n} million crowns", "crowns"),
    ("Ferry traffic to Vesterholm rose by {n} percent this spring", "percent"),
    ("The Kelby dock will reopen after {n} weeks of repairs", "weeks"),
    ("Dredging the Vesterholm channel removed {n},000 tonnes of silt", "tonnes"),
    ("Harbour fees for fishing boats stay frozen until the new year", None),
    ("The shipping board approved the night shift at the Kelby dock", None),
]


def _claim(
    document: str,
    sentence: str,
    speaker: tuple | None,
    rng: random.Random,
    short_names: bool,
    **fields,
) -> ExtractedClaim:
    start = document.index(sentence)
    values: dict[str, Any] = {
        "text": sentence,
        "quote": sentence,
        "start": start,
        "end": start + len(sentence),
        "kind": "direct",
    }
    if speaker is not None:
        short, full, role, kind = speaker
        name = full if rng.random() < 0.5 and not short_names else short
        values.update(
            speaker=name,
            speaker_kind=kind,
            speaker_role=role if rng.random() < 0.5 else None,
            speaker_aliases=[short] if name == full and rng.random() < 0.5 else [],
        )
    else:
        values["kind"] = "narrative"
    values.update(fields)
    return ExtractedClaim(**values)


def fictional_corpus(
    seed: int = 7, documents: int = 24
) -> list[tuple[str, str, SourceMeta, list[ExtractedClaim]]]:
    """Reports that repeat, renumber, deny and answer one another, with a repeated and an empty document."""
    rng = random.Random(seed)
    corpus = []
    for number in range(documents):
        picks = rng.sample(STATEMENTS, rng.randint(1, 4) if number else len(STATEMENTS))
        sentences, claims_spec = [], []
        for template, unit in picks:
            value = rng.choice([3, 4, 4, 12, 40])
            sentence = template.format(n=value)
            denied = rng.random() < 0.25
            if denied:
                sentence = "It is not true that " + sentence[0].lower() + sentence[1:]
            sentences.append(sentence)
            quantities = []
            if unit:
                quantities = [
                    Quantity(
                        value=float(value),
                        unit=unit,
                        text=f"{value} {unit}",
                        kind="percent" if unit == "percent" else "count",
                    )
                ]
            claims_spec.append((sentence, denied, quantities))
        body = " ".join(f'"{sentence}," a speaker said.' for sentence in sentences)
        document = f"Harbour report {number}\n\n{body}\n"
        claims = []
        for index, (sentence, denied, quantities) in enumerate(claims_spec):
            speaker = rng.choice(SPEAKERS) if rng.random() < 0.85 else None
            if not number:
                speaker = SPEAKERS[index % len(SPEAKERS)]
            fields: dict[str, Any] = {"quantities": quantities}
            if denied:
                fields.update(
                    polarity="denies", denial_target=sentence[len("It is not true that ") :]
                )
                if index:
                    fields["answers"] = index - 1
            # The first report names people by surname only; fuller names found later replace them.
            claims.append(_claim(document, sentence, speaker, rng, number == 0, **fields))
        corpus.append(_item(document, claims, number))
    corpus.insert(9, corpus[3])  # the same document again: a duplicate
    corpus.insert(12, _item("An empty notice with no claims.\n", [], 99))
    return corpus


def _item(document: str, claims: list[ExtractedClaim], number: int):
    sha = hashlib.sha256(document.encode("utf-8")).hexdigest()
    return (
        document,
        sha,
        SourceMeta(title=f"Harbour report {number}", outlet="Harbour Gazette"),
        claims,
    )


def casefile_rows(store) -> dict[str, list]:
    """Everything ingest writes, in a comparable form."""
    queries = {
        "source": "SELECT id, sha256, title, outlet FROM source ORDER BY id",
        "speaker": "SELECT id, name, key, role, kind, aliases, merged_into FROM speaker ORDER BY id",
        "claim": 'SELECT id, source_id, speaker_id, text, start, "end", polarity, quantities, answers_claim_id, '
        "search_text, fingerprint, reprint_of FROM claim ORDER BY id",
        "claim_key": "SELECT key, claim_id FROM claim_key ORDER BY claim_id, key",
        "link": "SELECT claim_a, claim_b, relation, score, state, reason FROM link ORDER BY claim_a, claim_b",
        "conflict": "SELECT id, kind, claim_a, claim_b, explanation, weak FROM conflict ORDER BY id",
        "event": "SELECT actor, action, entity_id, new_value FROM event ORDER BY id",
    }
    with store.engine.connect() as connection:
        return {
            name: [tuple(row) for row in connection.execute(text(sql))]
            for name, sql in queries.items()
        }


def _as_tuple(result) -> tuple:
    return (
        result.source_id,
        result.duplicate,
        result.claim_ids,
        result.link_count,
        result.conflict_ids,
    )


def _serial(store, corpus) -> list[tuple]:
    return [
        _as_tuple(store.add_extracted(document, sha, meta, claims, "tester"))
        for document, sha, meta, claims in corpus
    ]


class TestSameAsOneByOne:
    """Batches of any size store the same rows, ids included, as one transaction per document."""

    @pytest.mark.parametrize("max_documents", [1, 4, 256])
    def test_batches_store_what_serial_stores(self, store, second_store, max_documents):
        corpus = fictional_corpus()
        serial = _serial(store, corpus)
        batched = [
            _as_tuple(result)
            for result in pipeline.store_extracted_batches(
                second_store, corpus, "tester", max_documents=max_documents
            )
        ]
        assert batched == serial
        expected, got = casefile_rows(store), casefile_rows(second_store)
        # The corpus exercises what could differ: links, conflicts, answers, duplicates, renamed speakers.
        assert expected["link"] and expected["conflict"]
        assert any(row[8] is not None for row in expected["claim"])
        assert any(row[11] is not None for row in expected["claim"])  # reprints
        assert sum(1 for result in serial if result[1]) == 1
        names = {row[1] for row in expected["speaker"]}
        assert "Mira Olsen" in names and "Olsen" not in names
        assert got == expected

    def test_onto_a_casefile_that_has_claims_already(self, store, second_store):
        corpus = fictional_corpus(seed=11)
        earlier, later = corpus[:8], corpus[8:]
        for target in (store, second_store):
            _serial(target, earlier)
        serial = _serial(store, later)
        batched = [
            _as_tuple(result)
            for result in pipeline.store_extracted_batches(second_store, later, "tester")
        ]
        assert batched == serial
        assert casefile_rows(second_store) == casefile_rows(store)

    def test_reviewed_claims_count_in_conflicts_as_stored(self, store, second_store):
        corpus = fictional_corpus(seed=5)
        earlier, later = corpus[:6], corpus[6:]
        for target in (store, second_store):
            _serial(target, earlier)
            for claim in target.list_claims()[:6]:
                target.review(claim.id, "confirmed", "tester")
        _serial(store, later)
        list(pipeline.store_extracted_batches(second_store, later, "tester"))
        assert casefile_rows(second_store) == casefile_rows(store)


class TestCarriedBatches:
    """A transaction goes on with what the last one held only while nobody else changed the casefile."""

    @staticmethod
    def _change(target) -> None:
        """What a reviewer does meanwhile: merges two speakers and confirms a few claims."""
        ids = {speaker.name: speaker.id for speaker in target.list_speakers()}
        target.merge_speakers(ids["Mira Olsen"], ids["Ines Varga"], "reviewer")
        for claim in target.list_claims()[:6]:
            target.review(claim.id, "confirmed", "reviewer")

    def test_changes_between_batches_count_in_later_ones(self, store, second_store):
        corpus = fictional_corpus(seed=5)
        # Batches of 1, 2, 2, 2, ... documents: the fourth commits the seventh document.
        earlier, later = corpus[:7], corpus[7:]
        _serial(store, earlier)
        self._change(store)
        serial = _serial(store, later)
        batches = pipeline.store_extracted_batches(
            second_store, corpus, "tester", max_documents=2, target_seconds=3600
        )
        for _ in range(7):
            next(batches)
        self._change(second_store)
        assert [_as_tuple(result) for result in batches] == serial
        assert casefile_rows(second_store) == casefile_rows(store)

    def test_later_transactions_go_on_from_the_last(self, store, second_store, monkeypatch):
        corpus = fictional_corpus(seed=9, documents=40)
        serial = _serial(store, corpus)
        carried: list[int] = []
        original = batch_module.IngestBatch.carry_on

        def counting_carry_on(self, *args, **kwargs):
            carried.append(len(self.claims))
            return original(self, *args, **kwargs)

        monkeypatch.setattr(batch_module.IngestBatch, "carry_on", counting_carry_on)
        batched = [
            _as_tuple(result)
            for result in pipeline.store_extracted_batches(
                second_store, corpus, "tester", max_documents=3, target_seconds=3600
            )
        ]
        # Batches of 1, 2, then 3 documents: each of the 14 after the first went on from the one before.
        assert len(carried) == 14 and all(carried)
        assert batched == serial
        assert casefile_rows(second_store) == casefile_rows(store)


class TestSourceTexts:
    """Texts a batch has written stay for later conflicts, the latest first, within a budget of characters."""

    def test_the_oldest_texts_go_first(self):
        texts = SourceTexts(cast(Any, None), {1: "a" * 5, 2: "b" * 5, 3: "c" * 5})
        texts.keep_latest(10)
        assert texts.known == {2: "b" * 5, 3: "c" * 5}
        texts.keep_latest(4)
        assert texts.known == {}

    def test_texts_written_stay_for_the_next_transaction(self, store):
        corpus = fictional_corpus(seed=9, documents=6)
        kept: dict[int, str] = {}

        def work(connection) -> None:
            batch = batch_module.IngestBatch(connection)
            for document, sha256, meta, extracted in corpus:
                batch.add(document, sha256, meta, extracted, "tester")
            batch.flush()
            kept.update(batch.source_texts.known)

        store._transaction(work)
        with store._read() as connection:
            stored = dict(connection.execute(text("SELECT id, text FROM source")).all())
        assert stored and kept == stored


class TestBatchSizes:
    """Batches are sized by the storing thread's CPU time, so a busy machine does not shrink them."""

    def test_waiting_does_not_count(self, monkeypatch):
        sizes: list[int] = []

        def slow_commit(store, items, actor, carry):
            # Wall time passes (as when other processes hold the CPU), this thread's CPU time hardly does.
            time.sleep(0.02)
            sizes.append(len(items))
            return [None] * len(items)

        monkeypatch.setattr(pipeline, "_commit", slow_commit)
        items: list[Any] = [("text", str(number), None, []) for number in range(31)]
        results = list(
            pipeline.store_extracted_batches(
                None, items, "tester", max_documents=8, target_seconds=0.01
            )
        )
        assert len(results) == 31
        assert sizes == [1, 2, 4, 8, 8, 8]


class TestWholeBatches:
    """A batch that fails stores nothing of itself; running again completes it."""

    def test_failure_mid_batch_then_rerun(self, store, second_store, monkeypatch):
        corpus = fictional_corpus(seed=3)
        _serial(store, corpus)
        original = batch_module.IngestBatch.add
        calls = {"count": 0}

        def failing_add(self, *args, **kwargs):
            calls["count"] += 1
            if calls["count"] == 10:
                raise StoreError("simulated crash")
            return original(self, *args, **kwargs)

        monkeypatch.setattr(batch_module.IngestBatch, "add", failing_add)
        committed = []
        with pytest.raises(StoreError):
            for result in pipeline.store_extracted_batches(
                second_store, corpus, "tester", max_documents=4, target_seconds=3600
            ):
                committed.append(result)
        # Batches of 1, 2 and 4 documents committed; the fourth batch (documents 8 to 11) failed at its second.
        assert len(committed) == 7
        stored = casefile_rows(second_store)
        assert len(stored["source"]) == len({row[1] for row in stored["source"]}) == 7
        assert len(stored["event"]) == 7
        monkeypatch.setattr(batch_module.IngestBatch, "add", original)
        rerun = list(pipeline.store_extracted_batches(second_store, corpus, "tester"))
        assert sum(result.duplicate for result in rerun) == 7 + 1
        assert {tuple(r[1:]) for r in casefile_rows(second_store)["source"]} == {
            tuple(r[1:]) for r in casefile_rows(store)["source"]
        }


class TestAddDocuments:
    """`Store.add_documents` (extraction included) gives what `add_document` gives, in order."""

    STORY = (
        'Harbour master Mira Olsen said on Monday, "The port handled {n},000 containers last week." '
        'The shipping board disputed that. "Fewer than 3,000 containers moved," said Tomas Brenn, '
        "its chair. Olsen denied that the cranes at Kelby dock had failed in week {week}."
    )

    def _documents(self, count: int) -> list[tuple[Document, SourceMeta]]:
        documents = []
        for number in range(count):
            body = self.STORY.format(n=4 + number % 3, week=number)
            documents.append(
                (
                    Document(text=body, sha256=hashlib.sha256(body.encode()).hexdigest()),
                    SourceMeta(title=f"Port figures {number}"),
                )
            )
        return documents + documents[:2]

    @pytest.mark.parametrize("workers", [1, 2])
    def test_same_results_and_rows(self, store, second_store, workers):
        documents = self._documents(pipeline.EXTRACT_CHUNK + 4)
        serial = [
            _as_tuple(store.add_document(document, meta, "tester")) for document, meta in documents
        ]
        batched = [
            _as_tuple(result)
            for result in second_store.add_documents(documents, "tester", workers=workers)
        ]
        assert batched == serial
        assert sum(result[1] for result in batched) == 2
        assert casefile_rows(second_store) == casefile_rows(store)
