"""Reprints: a copy of a statement (same words, same speaker) is stored with its place, linked once, never relinked."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import text

from claims.matching.reprints import REPRINT_REASON, fingerprint
from claims.models import ExtractedClaim, Quantity, SourceMeta
from store import pipeline

ORIGINAL = "The Kelby dock handled 40,000 containers last week"
DENIAL = "It is not true that the Kelby dock handled 40,000 containers last week"


def _document(sentences: list[tuple[str, str]], tail: str = "") -> tuple[str, list[ExtractedClaim]]:
    """A report quoting each (speaker, sentence) in turn, and its extracted claims with exact offsets."""
    body = " ".join(f'"{sentence}," {speaker} said.' for speaker, sentence in sentences)
    document = f"Harbour news\n\n{body}\n{tail}"
    claims = []
    for speaker, sentence in sentences:
        start = document.index(sentence)
        fields: dict[str, Any] = {}
        if "40,000" in sentence:
            fields["quantities"] = [
                Quantity(value=40000.0, unit="containers", text="40,000 containers")
            ]
        if sentence.startswith("It is not true"):
            fields.update(polarity="denies", denial_target=ORIGINAL)
        claims.append(
            ExtractedClaim(
                text=sentence,
                quote=sentence,
                start=start,
                end=start + len(sentence),
                kind="direct",
                speaker=speaker,
                speaker_kind="person",
                **fields,
            )
        )
    return document, claims


def _add(store, document: str, claims: list[ExtractedClaim], title: str):
    sha = hashlib.sha256(document.encode("utf-8")).hexdigest()
    return store.add_extracted(
        document, sha, SourceMeta(title=title, outlet="Harbour Gazette"), claims, "tester"
    )


def _rows(store, sql: str) -> list[tuple]:
    with store.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def test_fingerprint_ignores_typography_but_not_words_numbers_or_stance():
    base = fingerprint("The dock\u2019s crane cost $4 million", "asserts", False)
    assert fingerprint("The dock's  crane\ncost $4 million", "asserts", False) == base
    assert fingerprint("The dock's crane cost $5 million", "asserts", False) != base
    assert fingerprint("The dock's crane cost 4 million", "asserts", False) != base
    assert fingerprint("The dock's crane cost $4 million", "denies", False) != base
    assert fingerprint("The dock's crane cost $4 million", "asserts", True) != base


def test_a_syndicated_copy_is_a_reprint_linked_once_and_not_relinked(store):
    story = [("Mira Olsen", ORIGINAL), ("Tomas Brenn", DENIAL)]
    first = _add(store, *_document(story), "First print")
    assert len(first.conflict_ids) == 1
    copies = [
        _add(store, *_document(story, tail=f"(Reprinted by outlet {n}.)"), f"Copy {n}")
        for n in range(3)
    ]

    for copy in copies:
        assert copy.reprint_count == 2
        assert copy.conflict_ids == []
        for original_id, copy_id in zip(first.claim_ids, copy.claim_ids):
            claim = store.get_claim(copy_id)
            assert claim.reprint_of == original_id
            assert claim.source_id == copy.source_id  # its own place is kept
    # One link per copy to its original, none between copies, and one conflict in all.
    reprint_links = _rows(
        store,
        f"SELECT claim_a, claim_b, relation, state FROM link WHERE reason = '{REPRINT_REASON}'",
    )
    assert sorted(reprint_links) == sorted(
        (original_id, copy.claim_ids[index], "agrees", "confirmed")
        for copy in copies
        for index, original_id in enumerate(first.claim_ids)
    )
    assert _rows(store, "SELECT count(*) FROM link")[0][0] == 1 + len(reprint_links)
    assert _rows(store, "SELECT count(*) FROM conflict")[0][0] == 1
    # Copies have no blocking keys: later claims meet the original only.
    copy_ids = ",".join(str(i) for copy in copies for i in copy.claim_ids)
    assert _rows(store, f"SELECT count(*) FROM claim_key WHERE claim_id IN ({copy_ids})")[0][0] == 0


def test_same_words_from_another_speaker_or_with_another_number_are_new_claims(store):
    first = _add(store, *_document([("Mira Olsen", ORIGINAL)]), "First")
    other_speaker = _add(store, *_document([("Ines Varga", ORIGINAL)]), "Second")
    renumbered_text = ORIGINAL.replace("40,000", "4,000")
    document, claims = _document([("Mira Olsen", renumbered_text)])
    claims[0] = claims[0].model_copy(
        update={"quantities": [Quantity(value=4000.0, unit="containers", text="4,000 containers")]}
    )
    renumbered = _add(store, document, claims, "Third")

    assert other_speaker.reprint_count == 0 and renumbered.reprint_count == 0
    assert store.get_claim(other_speaker.claim_ids[0]).reprint_of is None
    # Both were compared with the original: one agrees, the other conflicts on the number.
    assert other_speaker.link_count == 1
    ids = ",".join(map(str, renumbered.conflict_ids))
    conflicting = _rows(store, f"SELECT kind, claim_a FROM conflict WHERE id IN ({ids})")
    assert ("numeric", first.claim_ids[0]) in conflicting
    assert ("numeric", other_speaker.claim_ids[0]) in conflicting
    assert first.reprint_count == 0


def test_a_new_claim_beside_a_copy_meets_the_copy_not_the_original_as_well(store):
    first = _add(store, *_document([("Mira Olsen", ORIGINAL)]), "First")
    mixed = _add(store, *_document([("Mira Olsen", ORIGINAL), ("Tomas Brenn", DENIAL)]), "Reply")

    copy_id, denial_id = mixed.claim_ids
    assert store.get_claim(copy_id).reprint_of == first.claim_ids[0]
    assert store.get_claim(denial_id).reprint_of is None
    pairs = _rows(
        store, f"SELECT claim_a, claim_b FROM link WHERE {denial_id} IN (claim_a, claim_b)"
    )
    assert pairs == [(copy_id, denial_id)]
    assert len(mixed.conflict_ids) == 1


def test_reprints_within_one_batch_match_one_by_one(store, second_store):
    story = [("Mira Olsen", ORIGINAL), ("Tomas Brenn", DENIAL)]
    corpus = []
    for number in range(4):
        document, claims = _document(story, tail=f"(Print {number}.)")
        corpus.append(
            (
                document,
                hashlib.sha256(document.encode()).hexdigest(),
                SourceMeta(title=f"P{number}"),
                claims,
            )
        )
    serial = [store.add_extracted(*item, "tester").reprint_count for item in corpus]
    batched = [
        result.reprint_count
        for result in pipeline.store_extracted_batches(second_store, corpus, "tester")
    ]
    assert serial == batched == [0, 2, 2, 2]
    sql = "SELECT id, reprint_of, fingerprint FROM claim ORDER BY id"
    assert _rows(store, sql) == _rows(second_store, sql)


def test_json_export_import_keeps_reprints(tmp_path):
    from typer.testing import CliRunner

    from counterclaim.cli import app
    from store.api import open_store

    story = [("Mira Olsen", ORIGINAL), ("Tomas Brenn", DENIAL)]
    casefile = str(tmp_path / "prints.db")
    with open_store(casefile) as store:
        _add(store, *_document(story), "First print")
        assert _add(store, *_document(story, tail="(Reprinted.)"), "Copy").reprint_count == 2
    runner = CliRunner()
    first = runner.invoke(app, ["--db", casefile, "export", "--format", "json"])
    assert first.exit_code == 0, first.output
    dump = tmp_path / "export.json"
    dump.write_text(first.stdout, encoding="utf-8")
    empty = str(tmp_path / "empty.db")
    assert runner.invoke(app, ["--db", empty, "import", str(dump)]).exit_code == 0
    second = runner.invoke(app, ["--db", empty, "export", "--format", "json"])
    assert second.exit_code == 0, second.output
    claims = json.loads(second.stdout)["claims"]
    assert sorted(claim["reprint_of"] for claim in claims if claim["reprint_of"]) == [1, 2]
    assert json.loads(second.stdout) == json.loads(first.stdout)


def _claims_with_copies() -> list:
    """Claims over several sources: statements, renumbered versions, and word-for-word copies by the same speaker."""
    from claims.models import Claim

    statements = [
        ("Mira Olsen", "The Kelby dock handled {n},000 containers last week"),
        ("Tomas Brenn", "Ferry traffic to Vesterholm rose by {n} percent this spring"),
        ("Ines Varga", "The new crane at Kelby dock cost {n} million crowns"),
        ("Ines Varga", "Dredging the Vesterholm channel removed {n},000 tonnes of silt"),
    ]
    claims, next_id = [], 1
    for source in range(1, 7):
        for speaker, template in statements:
            for n in (
                40,
                40 + source % 2,
            ):  # the same figure twice in a source, or a renumbered one
                text = template.format(n=n)
                claims.append(
                    Claim(
                        id=next_id,
                        source_id=source,
                        speaker=speaker,
                        text=text,
                        quote=text,
                        start=0,
                        end=len(text),
                        kind="direct",
                    )
                )
                next_id += 1
    return claims


def test_find_reprints_groups_by_speaker_and_words():
    from claims.matching.reprints import find_reprints

    claims = _claims_with_copies()
    reprints = find_reprints(claims)
    by_id = {claim.id: claim for claim in claims}
    assert reprints
    for copy, original in reprints.items():
        assert original < copy
        assert (
            by_id[copy].text == by_id[original].text
            and by_id[copy].speaker == by_id[original].speaker
        )
        assert original not in reprints
    # Every claim that is not a reprint has distinct (speaker, text).
    originals = [claim for claim in claims if claim.id not in reprints]
    assert len({(claim.speaker, claim.text) for claim in originals}) == len(originals)


def test_bulk_and_pairwise_linking_agree_with_reprints(monkeypatch):
    from claims.matching import linking
    from claims.matching.reprints import find_reprints

    claims = _claims_with_copies()
    settled = find_reprints(claims)
    monkeypatch.setattr(linking, "SMALL_BATCH", 10_000)
    pairwise = linking.link_claims(claims, lambda claim: (), settled=settled)
    monkeypatch.setattr(linking, "SMALL_BATCH", 5)
    bulk = linking.link_claims(claims, lambda claim: (), settled=settled)
    assert [link.claim_ids for link in bulk] == [link.claim_ids for link in pairwise]
    by_id = {claim.id: claim for claim in claims}
    for link in pairwise:
        a, b = (by_id[i] for i in link.claim_ids)
        # A copy meets only claims of its own source, and never another copy.
        if a.id in settled or b.id in settled:
            assert a.source_id == b.source_id and not (a.id in settled and b.id in settled)
    # Without reprints, copies would link across sources too: the rule removed links.
    assert len(linking.link_claims(claims, lambda claim: ())) > len(pairwise)


def test_cli_add_and_show_name_reprints(tmp_path):
    from typer.testing import CliRunner

    from counterclaim.cli import app

    story = (
        "Kelby dock breaks its record\n\n"
        "Harbour master Mira Olsen said the Kelby dock handled 40,000 containers last week.\n"
    )
    (tmp_path / "first.txt").write_text(story, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(
        story + "\nThis story first ran in the Harbour Gazette.\n", encoding="utf-8"
    )
    casefile = str(tmp_path / "cli.db")
    runner = CliRunner()
    first = runner.invoke(app, ["--db", casefile, "add", str(tmp_path / "first.txt")])
    copy = runner.invoke(app, ["--db", casefile, "add", str(tmp_path / "copy.txt"), "--json"])
    assert first.exit_code == 0 and copy.exit_code == 0, copy.output
    added = json.loads(copy.stdout)
    added = added[0] if isinstance(added, list) else added
    assert added["reprints"] >= 1
    claims = json.loads(runner.invoke(app, ["--db", casefile, "claims", "--json"]).stdout)
    claims = claims["claims"] if isinstance(claims, dict) else claims
    copies = [claim for claim in claims if claim.get("reprint_of")]
    assert copies
    shown = runner.invoke(app, ["--db", casefile, "show", str(copies[0]["id"])])
    assert f"reprint: of claim {copies[0]['reprint_of']}" in shown.stdout
    original = runner.invoke(app, ["--db", casefile, "show", str(copies[0]["reprint_of"])])
    assert "reprints: 1 (claims " in original.stdout
    originals = json.loads(
        runner.invoke(app, ["--db", casefile, "claims", "--no-reprints", "--json"]).stdout
    )
    assert {claim["id"] for claim in originals} == {
        claim["id"] for claim in claims if not claim.get("reprint_of")
    }


def test_a_statement_and_its_reprints_alone_make_no_thread(store):
    _add(store, *_document([("Mira Olsen", ORIGINAL)]), "First")
    _add(store, *_document([("Mira Olsen", ORIGINAL)], tail="(Copy.)"), "Copy")
    assert store.threads() == []
    denial = _add(store, *_document([("Tomas Brenn", DENIAL)]), "Reply")
    (thread,) = store.threads()
    assert denial.claim_ids[0] in thread.claim_ids and len(thread.claim_ids) == 3


def test_conflict_reports_say_where_else_a_statement_was_printed(store):
    from claims.reports import render

    story = [("Mira Olsen", ORIGINAL), ("Tomas Brenn", DENIAL)]
    _add(store, *_document(story), "First print")
    for number in range(2):
        _add(store, *_document(story, tail=f"(Reprint {number}.)"), f"Copy {number}")
    markdown = render(store.export(), "markdown")
    assert (
        markdown.count("- Also printed word for word in 2 other sources") == 2
    )  # both sides of the one conflict
    with store.streamed_export() as parts:
        assert render(parts, "markdown") == markdown
    html = render(store.export(), "html")
    assert html.count("Also printed word for word in 2 other sources") == 2
