"""Checks: a claim under check and where every source stands on it, from the domain to the command line."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from typer.testing import CliRunner

from claims.checks import CheckReader, headline
from claims.documents import read_document
from claims.models import SourceMeta
from counterclaim.cli import app
from store.api import open_store

CHECK = "The Quillport dam was breached by the March flood"
HEADLINES = {
    "supports": "Quillport dam breached by March flood, engineers confirm",
    "disputes": "Quillport dam breach story is a hoax, say engineers",
    "reports": "Quillport dam reportedly breached by flood, according to unverified posts",
    "unrelated": "Harbour bakery wins regional pie contest",
}


@dataclass
class FakeClaim:
    id: int
    text: str
    polarity: str = "asserts"
    hedged: bool = False
    speaker: str | None = None
    speaker_kind: str | None = "outlet"
    kind: str = "narrative"
    denial_target: str | None = None


class TestReader:
    """The stance model: relatedness, polarity relative to the check, hedging; the deciding statement is named."""

    @pytest.mark.parametrize("stance", sorted(HEADLINES))
    def test_each_headline_gets_its_stance(self, stance):
        assert CheckReader(CHECK).judge(HEADLINES[stance], []).stance == stance

    def test_a_denying_claim_disputes_and_is_named(self):
        claims = [
            FakeClaim(7, "The harbour reopened on Monday"),
            FakeClaim(
                8,
                "Engineers denied that the Quillport dam was breached by the flood",
                polarity="denies",
            ),
        ]
        verdict = CheckReader(CHECK).judge(None, claims)
        assert verdict.stance == "disputes"
        assert verdict.claim_ids == (8,)
        assert "claim 8" in verdict.explanation

    def test_a_denial_whose_text_holds_no_cue_quotes_none(self):
        # Extraction stores "Engineers denied that X" as the claim X with polarity denies: the
        # denying word lies outside the claim's text, so the explanation names no cue.
        claims = [
            FakeClaim(
                4,
                "the Quillport dam was breached by the March flood",
                polarity="denies",
                speaker="Engineers",
                speaker_kind="group",
                kind="indirect",
            )
        ]
        verdict = CheckReader(CHECK).judge(None, claims)
        assert verdict.stance == "disputes"
        assert verdict.explanation.startswith("claim 4 denies it: ")
        assert "None" not in verdict.explanation

    def test_a_source_that_denies_a_debunking_disputes_the_debunking_check(self):
        # 'Vosk denied that the video was staged': the claim's text calls the video staged, the
        # claim says it was not.
        staged = "the Quillport rescue video was staged"
        claims = [
            FakeClaim(
                6,
                staged,
                polarity="denies",
                denial_target=staged,
                speaker="Marten Vosk",
                speaker_kind="person",
                kind="indirect",
            )
        ]
        verdict = CheckReader("The Quillport rescue video was staged").judge(None, claims)
        assert verdict.stance == "disputes" and verdict.claim_ids == (6,)

    def test_a_check_that_denies_is_supported_by_a_debunking_source(self):
        reader = CheckReader("The Quillport dam breach photos are fake")
        assert (
            reader.judge("Quillport dam breach photos were faked, engineers say", []).stance
            == "supports"
        )
        assert (
            reader.judge("Quillport dam breached: photos show the flood", []).stance == "disputes"
        )
        verdict = reader.judge("Quillport dam breach photos were faked, engineers say", [])
        assert verdict.explanation.startswith("its title denies it too (\u2018")

    def test_a_claim_in_an_unnamed_sources_mouth_only_reports(self):
        claim = FakeClaim(
            3,
            "the Quillport dam was breached by the March flood",
            speaker="sources",
            speaker_kind="unattributed",
            kind="indirect",
        )
        assert CheckReader(CHECK).judge(None, [claim]).stance == "reports"

    def test_scepticism_disputes(self):
        claim = FakeClaim(4, "Engineers are sceptical that the Quillport dam was breached at all")
        verdict = CheckReader(CHECK).judge(None, [claim])
        assert (verdict.stance, verdict.claim_ids) == ("disputes", (4,))

    def test_a_forecast_headline_reports(self):
        reader = CheckReader("Marlo Vent will play the lead in the Quillport film")
        assert (
            reader.judge("Marlo Vent eyed to play the lead in Quillport film", []).stance
            == "reports"
        )
        assert reader.judge("Marlo Vent plays the lead in Quillport film", []).stance == "supports"

    def test_a_headline_that_weighs_both_sides_reports(self):
        reader = CheckReader(CHECK)
        for title in (
            "Quillport dam breach: real or hoax?",
            "Engineers refuse to confirm or deny the Quillport dam was breached by the flood",
            "Quillport dam breached? Hoax rumours swirl over March flood photos",
        ):
            verdict = reader.judge(title, [])
            assert verdict.stance == "reports", title
            assert "relays it" in verdict.explanation

    def test_a_long_source_must_share_more_than_one_word(self):
        reader = CheckReader("The Quillport dam was breached by the March flood")
        chatter = [
            FakeClaim(number, f"Item {number} of the harbour calendar") for number in range(5)
        ]
        one_word = chatter + [FakeClaim(9, "The flood exhibition opens at the museum")]
        assert reader.judge(None, one_word).stance == "unrelated"
        assert reader.judge("Flood exhibition opens", []).stance != "unrelated"

    def test_a_sentence_of_the_text_that_calls_the_story_fake_disputes(self):
        # Extraction keeps no claim of 'It is, of course, completely fake': the text is read for it.
        claims = [FakeClaim(5, "A blog says the Quillport dam was breached by the March flood")]
        text = (
            "A blog says the Quillport dam was breached by the March flood. "
            "It is, of course, completely fake. The dam stands."
        )
        reader = CheckReader(CHECK)
        assert reader.judge(None, claims).stance != "disputes"
        verdict = reader.judge(None, claims, text)
        assert verdict.stance == "disputes"
        assert verdict.explanation.startswith("its text denies it (‘fake’)")
        denying = CheckReader("The Quillport dam breach story is a hoax")
        assert denying.judge(None, claims, text).stance == "supports"

    def test_a_hedged_or_unrelated_text_is_not_a_debunking(self):
        claims = [FakeClaim(5, "The Quillport dam was breached by the March flood")]
        hedged = (
            "The dam was breached by the March flood. Some wonder whether the photos may be fake?"
        )
        assert CheckReader(CHECK).judge(None, claims, hedged).stance == "supports"
        # 'not faked' asserts: the text vouches for the story.
        vouching = "The dam was breached by the March flood. The photos were not faked."
        assert CheckReader(CHECK).judge(None, claims, vouching).stance == "supports"

    def test_a_negation_about_something_else_does_not_dispute(self):
        claims = [
            FakeClaim(
                6,
                "The Quillport dam was breached by the March flood, and the mayor did not "
                "attend the meeting",
            ),
        ]
        verdict = CheckReader(CHECK).judge(None, claims)
        assert (verdict.stance, verdict.claim_ids) == ("supports", (6,))

    def test_a_source_without_a_title_stands_for_its_opening_sentence(self):
        # No claim holds the lede's denial; the lede is read as the headline it stands for.
        text = (
            "Engineers deny that the Quillport dam was breached by the March flood.\n"
            "The dam was inspected on Monday. The Quillport harbour reopened."
        )
        claims = [FakeClaim(3, "The Quillport harbour reopened")]
        verdict = CheckReader(CHECK).judge(None, claims, text)
        assert verdict.stance == "disputes"
        assert verdict.claim_ids == ()
        assert verdict.explanation.startswith("its opening sentence denies it (\u2018deny\u2019)")
        # A titled source's headline is its title: its opening sentence is only text.
        titled = CheckReader(CHECK).judge("Quillport harbour reopens", claims, text)
        assert titled.stance != "disputes"

    def test_the_opening_sentence_runs_past_an_abbreviation(self):
        text = (
            "On Monday Ferris Pell Jr. denied that the Quillport dam was breached by the March "
            "flood.\nThe harbour reopened."
        )
        verdict = CheckReader(CHECK).judge(None, [], text)
        assert verdict.stance == "disputes"
        assert "Pell Jr. denied" in verdict.explanation

    def test_a_headline_that_only_relays_makes_a_report(self):
        claims = [
            FakeClaim(1, "The Quillport dam was breached at dawn"),
            FakeClaim(2, "The March flood reached the Quillport dam at dawn"),
            FakeClaim(3, "The Quillport dam breach flooded the lower town"),
        ]
        relaying = "Quillport dam reportedly breached by March flood, unverified posts say"
        verdict = CheckReader(CHECK).judge(relaying, claims)
        assert verdict.stance == "reports"
        assert verdict.explanation.startswith("its title relays it")
        # The same body under a title that states the story supports it.
        assert CheckReader(CHECK).judge(HEADLINES["supports"], claims).stance == "supports"
        # An untitled body whose lede relays reports it too.
        text = relaying + ".\nThe Quillport dam was breached at dawn."
        assert CheckReader(CHECK).judge(None, claims, text).stance == "reports"

    def test_many_denials_debunk_only_under_a_headline_that_does_not_state_the_story(self):
        claims = [
            FakeClaim(1, "The Quillport dam was breached by the March flood"),
            FakeClaim(2, "The mayor did not attend the harbour meeting"),
            FakeClaim(3, "The ferry was not running on Tuesday"),
            FakeClaim(4, "Nobody was hurt in the lower town"),
        ]
        reader = CheckReader(CHECK)
        assert reader.judge("Harbour week in review", claims).stance == "disputes"
        assert reader.judge(HEADLINES["supports"], claims).stance == "supports"

    def test_under_a_relaying_headline_only_a_denying_word_takes_a_side(self):
        relaying = "Quillport dam reportedly breached by March flood, unverified posts say"
        negating = FakeClaim(2, "The Quillport dam was not breached by the March flood")
        denying = FakeClaim(3, "Engineers denied that the Quillport dam was breached by the flood")
        reader = CheckReader(CHECK)
        assert reader.judge(HEADLINES["unrelated"], [negating]).stance == "disputes"
        assert reader.judge(relaying, [negating]).stance == "reports"
        assert reader.judge(relaying, [denying]).stance == "disputes"
        # A check that denies: a claim stating the story, or only negating it, is relayed too.
        stating = FakeClaim(4, "The Quillport dam was breached by the March flood")
        denying_check = CheckReader("The Quillport dam was not breached by the March flood")
        assert denying_check.judge(HEADLINES["unrelated"], [stating]).stance == "disputes"
        assert denying_check.judge(relaying, [stating]).stance == "reports"
        assert denying_check.judge(relaying, [negating]).stance == "reports"
        assert denying_check.judge(relaying, [denying]).stance == "supports"

    def test_nothing_to_compare_is_unrelated(self):
        assert CheckReader(CHECK).judge(None, []).stance == "unrelated"
        assert CheckReader("the of and").judge("anything", []).stance == "unrelated"

    def test_headline_ignores_a_file_name_title_and_reads_a_one_line_document(self):
        assert headline("notes.txt", "notes.txt", "Dam breached\n") == "Dam breached"
        assert headline("Dam breached", "a/notes.txt", "long text\nmore") == "Dam breached"
        assert headline(None, None, "first line\nsecond line") is None


def _add(store, key: str, text: str) -> int:
    document = read_document((text + "\n").encode(), f"{key}.txt")
    result = store.add_document(
        document, SourceMeta(title=None, outlet=f"Outlet {key}", path=f"{key}.txt"), "tess"
    )
    return result.source_id


def _stances(check) -> dict[int, str]:
    return {item.source_id: item.stance for item in check.sources}


class TestStore:
    """Stances are the same whichever came first, the check or the sources, and both paths are logged or stored."""

    def test_either_order_gives_the_same_stances(self, store):
        check_first = store.add_check(CHECK, "tess")
        source_ids = [_add(store, key, text) for key, text in HEADLINES.items()]
        sources_first = store.add_check(CHECK, "tess")
        before, after = store.get_check(check_first.id), store.get_check(sources_first.id)
        assert before.model_dump(exclude={"id"}) == after.model_dump(exclude={"id"})
        stances = _stances(before)
        assert [stances[source_id] for source_id in source_ids] == list(HEADLINES)

    def test_either_order_reads_the_text_of_a_long_source(self, store):
        text = (
            "Quillport dam breached by the March flood, a blog wrote on Monday.\n\n"
            "The blog said the dam gave way overnight. It is, of course, completely fake.\n"
        )
        check_first = store.add_check(CHECK, "tess")
        source_id = _add(store, "blog", text)
        sources_first = store.add_check(CHECK, "tess")
        for check in (check_first, sources_first):
            assert _stances(store.get_check(check.id))[source_id] == "disputes"

    def test_batch_ingest_judges_new_sources(self, store):
        check = store.add_check(CHECK, "tess")
        documents = [
            (
                read_document((text + "\n").encode(), f"{key}.txt"),
                SourceMeta(outlet=key, path=f"{key}.txt"),
            )
            for key, text in HEADLINES.items()
        ]
        results = list(store.add_documents(documents, "tess", workers=1))
        stances = _stances(store.get_check(check.id))
        assert [stances[result.source_id] for result in results] == list(HEADLINES)

    def test_adding_a_check_is_logged(self, store):
        check = store.add_check(CHECK, "tess")
        (event,) = [event for event in store.events() if event.action == "check"]
        assert (event.actor, event.entity_id, event.new_value) == (
            "tess",
            f"check:{check.id}",
            CHECK,
        )

    def test_list_and_unknown_id(self, store):
        from store.errors import NotFound

        store.add_check(CHECK, "tess")
        store.add_check("The Harbour bakery won the pie contest", "tess")
        assert [check.text for check in store.list_checks()] == [
            CHECK,
            "The Harbour bakery won the pie contest",
        ]
        with pytest.raises(NotFound):
            store.get_check(99)

    def test_export_carries_checks_and_import_reads_them_back(self, tmp_path):
        from claims.importers import parse_import
        from claims.reports import render

        with open_store(str(tmp_path / "from.db")) as store:
            for key, text in HEADLINES.items():
                _add(store, key, text)
            store.add_check(CHECK, "tess")
            exported = render(store.export(), "json")
        data = json.loads(exported)
        assert list(data)[:3] == ["format", "version", "checks"]
        assert data["checks"][0]["text"] == CHECK
        assert set(data["checks"][0]["sources"][0]) == {
            "source_id",
            "title",
            "stance",
            "claim_ids",
            "explanation",
        }
        with open_store(str(tmp_path / "to.db")) as store:
            counts = store.import_batch(parse_import(exported.encode(), "export.json"), "tess")
            (check,) = store.list_checks()
        assert counts["checks"] == 1
        assert check.model_dump(exclude={"id"}) == {
            key: value for key, value in data["checks"][0].items() if key != "id"
        }


class TestCommandLine:
    """`check add`, `check list` and `check show` in text and JSON; bad input is one line and exit 1."""

    def _run(self, db, *args):
        return CliRunner().invoke(app, ["--db", str(db), "--reviewer", "tess", *args])

    def test_add_list_show(self, tmp_path):
        db = tmp_path / "cli.db"
        for key, text in HEADLINES.items():
            (tmp_path / f"{key}.txt").write_text(text + "\n", encoding="utf-8")
        added = self._run(db, "check", "add", CHECK, "--json")
        assert added.exit_code == 0, added.output
        assert json.loads(added.output) == {"id": 1, "text": CHECK}
        result = self._run(db, "add", *(str(tmp_path / f"{key}.txt") for key in HEADLINES))
        assert result.exit_code == 0, result.output
        listed = json.loads(self._run(db, "check", "list", "--json").output)
        assert listed == [
            {
                "id": 1,
                "text": CHECK,
                "counts": {"supports": 1, "disputes": 1, "reports": 1, "unrelated": 1},
            }
        ]
        shown = json.loads(self._run(db, "check", "show", "1", "--json").output)
        assert [item["stance"] for item in shown["sources"]] == [
            "supports",
            "disputes",
            "reports",
            "unrelated",
        ]
        text = self._run(db, "check", "show", "1").output
        assert "disputes (1)" in text and "hoax" in text

    def test_bad_input(self, tmp_path):
        db = tmp_path / "bad.db"
        empty = self._run(db, "check", "add", "   ")
        assert empty.exit_code == 1 and empty.output.startswith("error: a check needs a text")
        assert self._run(db, "check", "add", "x" * 3000).exit_code == 1
        control = self._run(db, "check", "add", "The \x1b[31mdam\x07 held  [bold]", "--json")
        assert json.loads(control.output)["text"] == "The dam held [bold]"
        unknown = self._run(db, "check", "show", "5")
        assert unknown.exit_code == 1 and "no check with id 5" in unknown.output


class TestCheckDisputes:
    """A check with sources on both sides is a dispute that `disputes` lists."""

    def test_opposite_stances_form_a_check_dispute(self, store):
        check = store.add_check(CHECK, "tess")
        ids = {key: _add(store, key, text) for key, text in HEADLINES.items()}
        (dispute,) = [d for d in store.disputes() if d.kind == "check"]
        assert dispute.check_id == check.id and dispute.id == -check.id
        assert dispute.proposition == CHECK
        supports, disputes = dispute.sides
        assert (supports.stance, supports.source_ids) == ("supports", (ids["supports"],))
        assert (disputes.stance, disputes.source_ids) == ("disputes", (ids["disputes"],))
        assert supports.independent_sources == disputes.independent_sources == 1
        assert not dispute.weak
        assert dispute.as_dict()["check_id"] == check.id

    def test_one_sided_check_is_no_dispute(self, store):
        store.add_check(CHECK, "tess")
        _add(store, "supports", HEADLINES["supports"])
        _add(store, "reports", HEADLINES["reports"])
        assert [d for d in store.disputes() if d.kind == "check"] == []

    def test_side_resting_on_the_body_text_reading_is_weak(self, store):
        store.add_check(CHECK, "tess")
        _add(store, "supports", HEADLINES["supports"])
        _add(
            store,
            "blog",
            "Quillport dam breached by the March flood, a blog wrote on Monday.\n\n"
            "The blog said the dam gave way overnight. It is, of course, completely fake.",
        )
        (dispute,) = [d for d in store.disputes() if d.kind == "check"]
        assert dispute.weak
