"""Matching: normalisation, blocking, pair scoring tiers, linking batches, rejected pairs."""

from __future__ import annotations

import random
import string

from claims.matching import (
    CONFIRM_THRESHOLD,
    MAX_KEY_FREQUENCY,
    ClaimIndex,
    blocking_keys,
    compare,
    link_claims,
    useful_keys,
)
from claims.models import Claim, Quantity
from claims.normalize import canonical_unit, compare_text, entity_keys

LONG = (
    "the Brennmoor council approved a plan to rebuild the old Quillport harbour wall before winter"
)
LONG_PARAPHRASE = "the Brennmoor council has approved a plan to rebuild the old harbour wall at Quillport before the winter"


def make(
    claim_id: int,
    text: str,
    *,
    source_id: int | None = None,
    speaker: str | None = "Marta Quillon",
    **fields,
) -> Claim:
    return Claim(
        id=claim_id,
        source_id=source_id if source_id is not None else claim_id,
        speaker=speaker,
        text=text,
        quote=text,
        start=0,
        end=len(text),
        kind="indirect",
        **fields,
    )


def troops(
    value: float, text: str, *, approximate: bool = False, factors: list[float] | None = None
) -> Quantity:
    return Quantity(
        value=value, unit="troops", text=text, approximate=approximate, factors=factors or []
    )


class TestNormalisation:
    def test_numbers_case_punctuation_and_speakers_are_normalised(self):
        assert (
            compare_text("Ilse Varn said 12,000 Troops, not 3 thousand!", {"ilse", "varn"})
            == "said 12000 troops not 3000"
        )

    def test_units_and_entities_are_canonical(self):
        assert canonical_unit("soldiers") == canonical_unit("troops") == "troops"
        assert entity_keys("North Valesian troops crossed") == {"north vales"}
        assert "north vales" in entity_keys("the troops came from North Valesia")


class TestCompare:
    def test_paraphrase_from_other_source_is_confirmed_and_agrees(self):
        link = compare(make(1, LONG), make(2, LONG_PARAPHRASE, speaker="Oskar Brenn"))
        assert link is not None and link.state == "confirmed" and link.relation == "agrees"
        assert link.score >= CONFIRM_THRESHOLD and link.claim_ids == (1, 2)

    def test_unrelated_claims_are_not_linked(self):
        assert (
            compare(
                make(1, LONG),
                make(
                    2, "Fishing quotas for herring in the northern bay will be halved next spring"
                ),
            )
            is None
        )

    def test_short_claims_are_only_suggested(self):
        link = compare(
            make(1, "Quillport harbour wall collapsed overnight"),
            make(2, "Quillport harbour wall collapsed overnight", speaker="Oskar Brenn"),
        )
        assert link is not None and link.score >= CONFIRM_THRESHOLD and link.state == "suggested"

    def test_same_source_same_speaker_needs_strong_evidence(self):
        weak_pair = compare(
            make(1, LONG, source_id=7),
            make(2, "the Brennmoor council will discuss the harbour budget in spring", source_id=7),
        )
        assert weak_pair is None

    def test_denial_answering_a_claim_in_the_same_document_links(self):
        accusation = make(1, "Brennsted Freight dumped oil into the bay", source_id=3, speaker=None)
        denial = make(
            2,
            "Brennsted Freight dumped oil into the bay",
            source_id=3,
            speaker="Brennsted Freight",
            polarity="denies",
            answers_claim_id=1,
        )
        link = compare(accusation, denial)
        assert link is not None and link.relation == "conflicts"

    def test_numbers_differing_on_same_measure_conflict(self):
        a = make(
            1,
            "about 12,000 Valesian troops were stationed near the Quillport border",
            quantities=[troops(12000, "about 12,000 troops", approximate=True)],
        )
        b = make(
            2,
            "some 4,000 Valesian troops were stationed near the Quillport border",
            speaker="Oskar Brenn",
            quantities=[troops(4000, "4,000 troops")],
        )
        link = compare(a, b)
        assert link is not None and link.relation == "conflicts"


class TestBlocking:
    def test_keys_cover_stems_entities_units_and_hash(self):
        keys = blocking_keys(
            make(
                1,
                "approximately 12,000 Valesian troops crossed",
                quantities=[troops(12000, "12,000 troops")],
            )
        )
        assert any(k.startswith("s:") for k in keys) and any(k.startswith("e:") for k in keys)
        assert "u:count:troops" in keys and any(k.startswith("h:") for k in keys)

    def test_frequent_keys_are_not_useful(self):
        assert useful_keys(
            ["s:rare", "s:common", "h:abc"],
            {"s:rare": 3, "s:common": MAX_KEY_FREQUENCY + 1, "h:abc": 10**6},
        ) == ["s:rare", "h:abc"]

    def test_index_finds_the_paraphrase_first(self):
        index = ClaimIndex()
        index.add(
            [
                make(1, LONG),
                make(2, "Herring quotas halved in the northern bay"),
                make(3, "Harbour pilots strike at Quillport"),
            ]
        )
        assert index.candidates(make(9, LONG_PARAPHRASE))[0] == 1
        assert 1 not in index.candidates(make(1, LONG))


class TestLinkClaims:
    def test_links_new_claims_to_candidates_and_each_other_sorted(self):
        stored = make(1, LONG)
        new = [
            make(5, LONG_PARAPHRASE, speaker="Oskar Brenn"),
            make(3, LONG.replace("winter", "the winter storms"), speaker="Ilse Varn"),
        ]
        links = link_claims(new, lambda claim: [stored])
        assert {link.claim_ids for link in links} == {(1, 3), (1, 5), (3, 5)}
        assert all(link.claim_ids[0] < link.claim_ids[1] for link in links)

    def test_rejected_pairs_are_never_returned(self):
        stored = make(1, LONG)
        links = link_claims(
            [make(2, LONG_PARAPHRASE, speaker="Oskar Brenn")],
            lambda claim: [stored],
            rejected=[frozenset({1, 2})],
        )
        assert links == []

    def test_large_batches_are_blocked_not_exhaustive(self):
        rng = random.Random(42)
        words = ["".join(rng.choice(string.ascii_lowercase) for _ in range(7)) for _ in range(1000)]
        filler = [
            make(100 + i, " ".join(words[4 * i : 4 * i + 4]), speaker=None) for i in range(250)
        ]
        links = link_claims(
            [make(1, LONG), make(2, LONG_PARAPHRASE, speaker="Oskar Brenn"), *filler],
            lambda claim: [],
        )
        assert [link.claim_ids for link in links] == [(1, 2)]


def _varied_batch(count: int, seed: int = 7) -> list[Claim]:
    """Fictional claims built from a small vocabulary, so many pairs are near misses of each tier."""
    rng = random.Random(seed)
    vocabulary = (
        "Brennmoor council harbour wall Quillport plan rebuild winter herring quota bay pilots strike "
        "budget bridge ferry Valesian troops border tariff grain storm flood"
    ).split()
    batch = []
    for i in range(count):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(4, 12)))
        quantities = [troops(rng.choice([4000, 12000]), "troops")] if rng.random() < 0.2 else []
        batch.append(
            make(
                i + 1,
                text,
                source_id=i // 30 + 1,
                speaker=rng.choice(["Marta Quillon", "Oskar Brenn", None]),
                quantities=quantities,
                polarity=rng.choice(["asserts", "asserts", "denies"]),
            )
        )
    return batch


class TestBulkSpeedPaths:
    def test_may_link_never_rules_out_a_pair_compare_links(self):
        from claims.matching import features
        from claims.matching.scoring import may_link

        batch = _varied_batch(120)
        linked = ruled_out = 0
        for a in batch:
            for b in batch:
                if a.id < b.id:
                    link = compare(a, b)
                    allowed = may_link(a, b, features(a), features(b))
                    linked += link is not None
                    ruled_out += not allowed
                    assert allowed or link is None
        assert linked and ruled_out

    def test_array_prefilter_keeps_every_linking_candidate(self):
        import numpy as np

        from claims.matching import features
        from claims.matching.bulk import BatchFeatures

        batch = _varied_batch(150, seed=11)
        arrays = BatchFeatures([features(claim) for claim in batch])
        everyone = np.arange(len(batch), dtype=np.int64)
        for i, claim in enumerate(batch):
            kept = set(arrays.promising(i, everyone[everyone != i]).tolist())
            assert all(
                j in kept
                for j, other in enumerate(batch)
                if j != i and compare(claim, other) is not None
            )

    def test_worker_processes_link_exactly_as_one_process_does(self, monkeypatch):
        from claims.matching import bulk

        batch = _varied_batch(400, seed=3)
        alone = link_claims(batch, lambda claim: [])
        monkeypatch.setattr(bulk, "PARALLEL_MIN_BATCH", 300)
        monkeypatch.setattr(bulk, "CHUNK", 50)
        assert link_claims(batch, lambda claim: []) == alone and alone

    def test_blocked_batch_holds_every_linking_candidate_pair(self):
        from claims.matching import build_context

        batch = _varied_batch(400, seed=5)
        found = {link.claim_ids: link for link in link_claims(batch, lambda claim: [])}
        context, index, by_id = (
            build_context(batch),
            ClaimIndex(),
            {claim.id: claim for claim in batch},
        )
        index.add(batch)
        expected = {
            (min(c.id, o), max(c.id, o))
            for c in batch
            for o in index.candidates(c)
            if compare(c, by_id[o], context)
        }
        assert expected and expected <= set(found)
        again = {(a, b): compare(by_id[a], by_id[b], context) for a, b in found}
        assert all(
            link is not None and link.score == found[pair].score for pair, link in again.items()
        )


_TIED_TOPIC_SCRIPT = """
from claims.matching import build_context
from claims.models import Claim

texts = [
    "Orla Venn met Tam Brisk, Ivo Kestrel, Pell Marrow and Dace Hollin in Varnholm",
    "Orla Venn, Tam Brisk, Ivo Kestrel, Pell Marrow and Dace Hollin left Varnholm",
    "the reports are fake",
]
batch = [
    Claim(id=i + 1, source_id=1, speaker="Marta Quillon", text=t, quote=t,
          start=i * 100, end=i * 100 + len(t), kind="indirect",
          polarity="denies" if i == 2 else "asserts")
    for i, t in enumerate(texts)
]
topic = build_context(batch).topics[3]
print(sorted(topic.core), sorted(topic.entities))
"""


def test_a_bare_denials_topic_does_not_depend_on_the_hash_seed():
    # More entities tie for the most mentions than a topic holds: which ones it keeps must not
    # follow set iteration order, which changes with each process's hash seed.
    import os
    import subprocess
    import sys

    outputs = {
        subprocess.run(
            [sys.executable, "-c", _TIED_TOPIC_SCRIPT],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(8)
    }
    assert len(outputs) == 1, outputs


class TestUntrueWords:
    """Every word that calls something untrue shares one stem: the debunk and its denial meet."""

    def test_fake_faking_hoax_and_staged_share_a_stem(self):
        from claims.normalize import content_stems

        stems = [content_stems(word) for word in ("fake", "faking", "hoax", "staged", "untrue")]
        assert all(found == stems[0] for found in stems)

    def test_a_denial_of_faking_meets_a_claim_of_a_fake(self):
        target = "faking the Brennmoor clip"
        denial = make(1, target, speaker="Marten Vosk", polarity="denies", denial_target=target)
        fake = make(2, "The Brennmoor clip was a fake", speaker="Orla Pike")
        link = compare(denial, fake)
        assert link is not None and link.relation == "conflicts"
