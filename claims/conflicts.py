"""Conflict rules over linked claims: denial, numeric, attribution and review-status conflicts.

The store calls `detect_conflicts(claims, links, sources)` after linking and after every
review. Rules look only at links that are not `rejected`:

- `denial`: one side asserts, the other denies (never one voice of one source against
  itself, nor one named person in two, `one_voice`; never two claims read from overlapping
  words of one source): an extracted denial, or words that deny as
  `claims.polarity.read_stance` reads them (a debunking word, or negation of the main
  statement, not 'not just' or a negation inside a relative clause), and what is denied is
  what the other side states (`claims.propositions.denial_meets`: not the same negation on
  both sides, not one statement printed twice), unless linking tied the denial to that
  claim (a stated answer, a bare denial of the story's topic); never when the denier only
  could not verify it ('CNN could not verify the tape', 'has not been independently
  confirmed': no side taken), when the asserting side only doubts ('I find it highly
  unlikely that it was a spider'), nor when the asserting side tells of the rumour or story
  its own article goes on to deny ('The rumor took shape after ...');
- `numeric`: the same measure in a comparable scope with values beyond tolerance
  (`claims.matching.numbers`);

(neither when a side is a conditional or hypothetical, 'this could change if troops engage',
which does not assert its proposition, nor when a side's own cue is negated, 'we're not so
sure that the video isn't real', or follows 'unable to verify', 'has been unable to verify
the photo and claim that ...': its speaker commits to neither side; and no denial when the
denier says a plan will not happen, 'Bale will not be starring', and the asserted side only
reports talks about it, 'Bale is in talks to play Jobs', or a plan its source dates
earlier, 'two weeks after Sorkin said that Bale would play Jobs': a plan that changed, not
two sources that disagree; what the sources' text says is read when the caller gives
`source_text`);
- `attribution`: the same words attributed, in two sources, to two distinct named speakers
  (a person's or organisation's name, not a role, a pronoun or 'the report'; two
  spellings of one name are one speaker), unless one source names the other speaker beside
  the words (within `BESIDE_BEFORE` characters before them or `BESIDE_AFTER` after): that
  source knows the other speaker, so its own was misread ('..., he told his friends,
  according to Aleisha Orr', a 'he' resolved past the name just before), read when the
  caller gives `source_text`; nor when both speakers were read through a pronoun ('..., he
  said'), one of them as likely resolved to the wrong name, nor when one is a news agency,
  paper or network, which relays the words of the other;
- `status`: reviewers confirmed both sides of a conflict, or confirmed one claim and
  disputed another that agrees with it.

A finding is `weak` when a side is hedged or merely reported ('reports say'), denies only
under a modal ('might not be accurate'), or is the
outlet's own sentence relaying someone's assertion ('Senator: ...', 'X says ...'). Every
finding carries one sentence naming the speakers, the sources and what disagrees; when both
sides come from one source, its title is named once at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from rapidfuzz import fuzz

from claims.checks import debunks_story
from claims.matching.features import features, is_unattributed
from claims.matching.numbers import compare_numbers
from claims.models import Claim, ConflictFinding, Link, Quantity, Source
from claims.normalize import compare_text
from claims.polarity import (
    claim_polarity,
    denies_a_debunking,
    is_negation_cue,
    modal_denial,
    read_stance,
    text_polarity,
)
from claims.propositions import (
    calls_untrue,
    denial_meets,
    negated_clauses,
    negated_predicates,
    negators,
)
from claims.speakers import same_speaker
from claims.text import one_line

SAME_WORDS_RATIO = 90
"""rapidfuzz ratio (on normalised quotes) above which two quotes are the same words."""
MIN_QUOTE_WORDS = 6
BARE_DENIAL_WORDS = 5
"""A denial whose target is a bare reference this short ('the reports', 'it') names no proposition of its own."""
ANSWERED_BEFORE = 300
"""In its own article a bare negation answers only a claim that ends at most this many characters before it."""
SPELLING_RATIO = 75
"""rapidfuzz ratio of two speaker names at or above which they are spellings of one name."""
SAME_TARGET_RATIO = 85
"""rapidfuzz ratio above which a denial's target restates the other claim, so it is quoted once."""
BESIDE_BEFORE = 600
BESIDE_AFTER = 300
"""How near the words another speaker's name stands for the source to know that speaker."""
_SNIPPET = 90
_QUOTED_RE = re.compile(r'["“]([^"“”]+)')
_NEGATED_CUE_RE = re.compile(
    r"(?:\bnot|n['’]t|\bnever)\s+(?:so\s+|too\s+|that\s+|very\s+|quite\s+|entirely\s+|all\s+that\s+)?$",
    re.IGNORECASE,
)
"""A negation just before a cue: 'not so sure (that)', 'did not say (that)'."""
_PLAN_RE = re.compile(
    r"\b(?:would|was going to|were going to|was set to|were set to|was to|were to)\b", re.IGNORECASE
)
_EARLIER_RE = re.compile(
    r"\b(?:after|before|since|previously|earlier|had (?:said|told|announced|confirmed))\b",
    re.IGNORECASE,
)
"""Words before a reported plan that place its saying at an earlier time than the report."""
_PLAN_DROPPED_RE = re.compile(
    r"\b(?:will not|won't|won’t|is not going to|isn't going to|no longer)\b", re.IGNORECASE
)
_UNVERIFIED_RE = re.compile(
    r"\b(?:unable to|not been able to|could not|couldn['’]t|cannot|can['’]t|did not|didn['’]t)\s+"
    r"(?:independently\s+)?(?:verify|confirm)\b",
    re.IGNORECASE,
)
"""A speaker who says it cannot verify what follows: 'unable to verify the photo and claim that ...'."""
_TALKS_RE = re.compile(
    r"\b(?:in [\"“']?(?:early |late |advanced |final )?(?:talks|negotiations|discussions)[\"”']? "
    r"(?:to|for|about)|negotiating to|"
    r"under consideration)\b",
    re.IGNORECASE,
)
"""An assertion of talks only, not of their outcome: 'is in talks to play Jobs'."""
CUE_LEAD = 30
"""Characters before a cue read for a negation of it."""
UNVERIFIED_LEAD = 80
"""Characters before a cue read for 'unable to verify'."""
_SENTENCE_START_RE = re.compile(r"[.!?]\s|\n")


SourceText = Callable[[int], "str | None"]
"""A source id's stored text (None when unknown)."""


def detect_conflicts(
    claims: Mapping[int, Claim],
    links: Iterable[Link],
    sources: Mapping[int, Source],
    source_text: SourceText | None = None,
) -> list[ConflictFinding]:
    """Conflicts among linked claims, one finding per (kind, pair), rejected links ignored.

    `source_text` reads a source's text, asked only of the rare pair an attribution conflict
    would name (see the module's rules); without it the text is not read.
    """
    findings: dict[tuple[str, int, int], ConflictFinding] = {}
    for link in links:
        if link.state == "rejected":
            continue
        a, b = (claims.get(claim_id) for claim_id in sorted(link.claim_ids))
        if a is None or b is None or a.id == b.id or _overlapping(a, b):
            continue
        for finding in _pair_findings(a, b, link, sources, source_text):
            findings.setdefault((finding.kind, *finding.claim_ids), finding)
    return [findings[key] for key in sorted(findings)]


def _overlapping(a: Claim, b: Claim) -> bool:
    """Whether two claims are read from overlapping words of one source: one statement, read twice.

    The words must say so too (one holds the other), not the offsets alone.
    """
    return (
        a.source_id == b.source_id
        and a.start < b.end
        and b.start < a.end
        and fuzz.partial_ratio(compare_text(a.quote), compare_text(b.quote)) >= SAME_WORDS_RATIO
    )


def _pair_findings(
    a: Claim,
    b: Claim,
    link: Link,
    sources: Mapping[int, Source],
    source_text: SourceText | None = None,
) -> list[ConflictFinding]:
    pair = (a.id, b.id)
    known: list[bool] = []

    def weak() -> bool:
        # Read only for a finding: most linked pairs give none.
        if not known:
            known.append(
                any(
                    claim.hedged
                    or is_unattributed(claim)
                    or _relayed(claim)
                    or modal_denial(claim.text)
                    for claim in (a, b)
                )
            )
        return known[0]

    names = _Names(a, b, sources)
    found: list[ConflictFinding] = []
    asserting = not (features(a).conditional or features(b).conditional)
    polarity_a, polarity_b = _polarity(a), _polarity(b)
    denier, asserter = (a, b) if polarity_a == "denies" else (b, a)
    if (
        asserting
        and polarity_a != polarity_b
        and not one_voice(a, b)
        and (_stated_answer(denier, asserter, link) or denial_meets(denier, asserter))
        and not _changed_plan(denier, asserter, source_text)
        and not _unverified(denier)
        and not _doubting(asserter)
        and not _tells_of_rumour(asserter, denier)
        and not _on_the_denying_side(asserter, source_text)
        and _committed(a, source_text)
        and _committed(b, source_text)
    ):
        found.append(
            ConflictFinding(
                kind="denial",
                claim_ids=pair,
                explanation=_denial_sentence(denier, asserter, names),
                weak=weak(),
            )
        )
    numeric = compare_numbers(a, b) if asserting else None
    if (
        numeric is not None
        and numeric.verdict == "conflicts"
        and _committed(a, source_text)
        and _committed(b, source_text)
    ):
        text = names.sentence(
            f"{names.side(a, _states(a, numeric.a))}, while {names.side(b, _states(b, numeric.b))}"
        )
        found.append(ConflictFinding(kind="numeric", claim_ids=pair, explanation=text, weak=weak()))
    if _same_words_other_speaker(a, b) and not _named_beside(a, b, source_text):
        text = names.sentence(
            f'The words "{_snippet(a.quote)}" are attributed to {names.who(a)} and to {names.who(b)}'
        )
        found.append(
            ConflictFinding(kind="attribution", claim_ids=pair, explanation=text, weak=weak())
        )
    statuses = {a.status, b.status}
    contradicting = any(f.kind in ("denial", "numeric") for f in found)
    if contradicting and statuses == {"confirmed"}:
        text = names.sentence(
            f"Reviewers confirmed both {names.who(a)} and {names.who(b)}, whose claims contradict each other"
        )
        found.append(ConflictFinding(kind="status", claim_ids=pair, explanation=text, weak=False))
    agreeing = not contradicting and (
        link.relation == "agrees" or (numeric is not None and numeric.verdict == "agrees")
    )
    if agreeing and statuses == {"confirmed", "disputed"}:
        confirmed, disputed = (a, b) if a.status == "confirmed" else (b, a)
        text = names.sentence(
            f"Reviewers confirmed {names.who(confirmed)} but disputed {names.who(disputed)}, though the two claims agree"
        )
        found.append(ConflictFinding(kind="status", claim_ids=pair, explanation=text, weak=False))
    return found


def _committed(claim: Claim, source_text: SourceText | None) -> bool:
    """Whether the claim's speaker commits to it: its cue is not negated ('not so sure that ...')."""
    if claim.cue is None or source_text is None:
        return True
    text = source_text(claim.source_id)
    if not text:
        return True
    if _NEGATED_CUE_RE.search(text[max(0, claim.cue.start - CUE_LEAD) : claim.cue.start]):
        return False
    lead = text[max(0, claim.cue.start - UNVERIFIED_LEAD) : claim.cue.start]
    starts = [m.end() for m in _SENTENCE_START_RE.finditer(lead)]
    return not _UNVERIFIED_RE.search(lead[starts[-1] if starts else 0 :])


_VERIFY_RE = re.compile(r"(?:verif|confirm|authenticat|corroborat|substantiat)\w*$")
_BEFORE_VERIFY = frozenset(
    "independently yet able be been being to fully officially publicly immediately".split()
)
_DOUBT_RE = re.compile(
    r"\b(?:unlikely|impossible|implausible|improbable|doubtful)\b", re.IGNORECASE
)
_RUMOUR_RE = re.compile(
    r"\b(?:rumou?rs?|speculation|gossip|(?:a|the|this|that|recent|viral) (?:[\w-]+ )?stor(?:y|ies) (?:of|about|that))\b",
    re.IGNORECASE,
)


def _unverified(denier: Claim) -> bool:
    """Whether what the denier negates is only verifying it ('CNN could not verify the tape',
    'has not been independently confirmed'): its speaker takes neither side."""
    for predicate in negated_predicates(denier.text):
        words = [word for word in predicate.split()[1:] if word not in _BEFORE_VERIFY]
        if words and _VERIFY_RE.match(words[0]):
            return True
    return False


def _doubting(claim: Claim) -> bool:
    """Whether a claim read as asserting only doubts what it speaks of ('I find it highly
    unlikely that it was a spider'): it asserts no proposition a denial could deny."""
    return bool(_DOUBT_RE.search(claim.text)) and not negators(claim.text)


def _tells_of_rumour(asserter: Claim, denier: Claim) -> bool:
    """Whether the asserter tells of the rumour or story its own article goes on to deny ('The
    rumor took shape after the company showed off its robot', 'tongues have been wagging due
    to a recent story of a priest who ...'), not the rumoured proposition itself."""
    return asserter.source_id == denier.source_id and bool(_RUMOUR_RE.search(asserter.text))


def _on_the_denying_side(asserter: Claim, source_text: SourceText | None) -> bool:
    """Whether the asserting side stands with the denial: extraction read it as a denial, only
    its negation's scope being in doubt ('We are certainly not aware of the artist being
    arrested' against 'A hoax story about the artist being arrested'), or it is the outlet's
    own words (or its author's 'I') in an article that calls the story untrue, where they are
    background or the story it goes on to debunk ('the Moon's gravity fluctuates every two
    weeks' in an article calling a weightlessness rumour a hoax)."""
    if asserter.polarity == "denies" and not denies_a_debunking("denies", asserter.denial_target):
        return True
    if _voice(asserter) != "outlet" or source_text is None:
        return False
    text = source_text(asserter.source_id)
    return text is not None and debunks_story(text)


def _changed_plan(denier: Claim, asserter: Claim, source_text: SourceText | None) -> bool:
    """Whether the denier says a plan will not happen and the asserter only reports talks about
    it ('is in talks to play Jobs') or a plan its own source dates before the report ('after
    Sorkin said that Bale would play Jobs')."""
    if denier.source_id == asserter.source_id or not _PLAN_DROPPED_RE.search(denier.text):
        return False
    if _TALKS_RE.search(asserter.text):
        return True
    if source_text is None or not _PLAN_RE.search(asserter.text):
        return False
    text = source_text(asserter.source_id)
    if not text:
        return False
    starts = [m.end() for m in _SENTENCE_START_RE.finditer(text, 0, asserter.start)]
    lead = text[starts[-1] if starts else 0 : asserter.start]
    return bool(_EARLIER_RE.search(lead))


def _polarity(claim: Claim) -> str:
    """The claim's polarity, its own words deciding when it denies by a negation they carry.

    An extracted denial whose text holds a negator the polarity reader finds out of the main
    statement's scope ('demanding why there wasn't better supervision') does not deny it.
    """
    if (
        claim.polarity == "denies"
        and negators(claim.text)
        and text_polarity(claim.text) == "asserts"
    ):
        return "asserts"
    return claim_polarity(claim)


_VOICE_FILLERS = frozenset(
    "a an the its their his her our for of at from official officials spokesman spokeswoman "
    "spokesperson spokespeople rep reps representative representatives source sources statement "
    "officer officers insider insiders executive executives".split()
)
_AUTHOR_VOICES = frozenset(("i", "we", "the author", "the writer", "this writer", "the editor"))


def one_voice(a: Claim, b: Claim) -> bool:
    """Whether two claims speak with one voice: in one source the outlet's own (or its author's
    'I'), one speaker, or a body and its official ('the network' and 'a network official');
    in two sources one named person.

    One voice in one article does not deny itself: a sentence that reads as contradicting
    another of the same voice was misread (irony, a rebuttal's set-up, the answer to a rumour).
    """
    if a.source_id != b.source_id:
        # In two sources only one named person is one voice ('Taugan Kadalim' in both).
        return bool(_named(a) and _named(b)) and (
            same_speaker(a.speaker, [], b.speaker, [])
            or _spellings_of_one_name(a.speaker or "", b.speaker or "")
        )
    voice_a, voice_b = _voice(a), _voice(b)
    if voice_a == "outlet" or voice_b == "outlet":
        return voice_a == voice_b
    if a.speaker_id is not None and a.speaker_id == b.speaker_id:
        return True
    if same_speaker(a.speaker, [], b.speaker, []):
        return True
    words_a, words_b = (frozenset(voice.split()) - _VOICE_FILLERS for voice in (voice_a, voice_b))
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


def _voice(claim: Claim) -> str:
    speaker = " ".join(compare_text(claim.speaker or "").split())
    if not speaker or claim.speaker_kind == "outlet" or speaker in _AUTHOR_VOICES:
        return "outlet"
    return speaker


def _stated_answer(denier: Claim, asserter: Claim, link: Link) -> bool:
    """Whether linking tied the denial to this claim itself: a stated answer, or a bare denial of the story's topic."""
    if denier.answers_claim_id == asserter.id or asserter.answers_claim_id == denier.id:
        return True
    reason = (link.reason or "").split(";")[0]
    if reason == "answers":
        return True
    # Only a denial of a bare reference ('the reports are fake', 'it is not true', 'the story
    # of the spiderman might not be all it seemed') takes its topic from linking; 'It wasn't
    # really a tickling sensation, ...' opens with 'it' but names what it denies, so only its
    # own words can meet the other claim.
    generic = features(denier).generic_denial
    bare = generic and len((denier.denial_target or denier.text).split()) <= BARE_DENIAL_WORDS
    if (
        bare
        and denier.source_id == asserter.source_id
        and is_negation_cue(read_stance(denier.text).cue)
        and not _just_before(asserter, denier)
    ):
        # In its own article a bare negation ('This isn't right', 'It's not so') answers what
        # was just said, not every claim that shares the article's topic; words that call the
        # story untrue ('fake and hype', 'not true') deny the story wherever it is told.
        return False
    if reason == "topic":
        # A claim that negates words of its own ('amazed because I've never heard of a spider
        # surviving under the skin') does not plainly state the topic the denial denies.
        return (bare or (generic and calls_untrue(denier.text))) and not negated_clauses(
            asserter.text
        )
    return bare


def _just_before(asserter: Claim, denier: Claim) -> bool:
    """Whether the asserter ends shortly before the denial starts, as the statement it answers does."""
    return asserter.end <= denier.start and denier.start - asserter.end <= ANSWERED_BEFORE


def _relayed(claim: Claim) -> bool:
    """Whether the outlet's own sentence only relays an assertion ('GOP Rep: ...', 'X says ...', 'Alleged ...?')."""
    if claim.kind != "narrative" or claim.speaker:
        return False
    stance = read_stance(claim.text)
    return stance.hedged


def _denial_sentence(denier: Claim, asserter: Claim, names: _Names) -> str:
    target = denier.denial_target or denier.text
    if (
        denier.polarity == "denies"
        and fuzz.ratio(compare_text(target), compare_text(asserter.text)) >= SAME_TARGET_RATIO
    ):
        # The denial names exactly what the other side says: quote it once.
        verb = "deny" if _plural(denier) else "denies"
        return names.sentence(
            f'{names.who(denier)} {verb} what {names.who(asserter)} says: "{_snippet(asserter.text)}"'
        )
    return names.sentence(
        f"{names.side(denier, _denial_phrase(denier))}, while {names.side(asserter, _assertion_phrase(asserter))}"
    )


class _Names:
    """How one finding's sentence names its two sides: with their sources, or the shared source once."""

    def __init__(self, a: Claim, b: Claim, sources: Mapping[int, Source]) -> None:
        self.sources = sources
        self.shared = a.source_id == b.source_id
        self.shared_label = source_label(sources.get(a.source_id), a.source_id)

    def who(self, claim: Claim) -> str:
        label = source_label(self.sources.get(claim.source_id), claim.source_id)
        if not claim.speaker:
            return "the article" if self.shared else f'"{label}"'
        name = one_line(claim.speaker, 60)
        return name if self.shared else f'{name} in "{label}"'

    def side(self, claim: Claim, verb_phrase: tuple[str, str]) -> str:
        singular, plural = verb_phrase
        return f"{self.who(claim)} {plural if _plural(claim) else singular}"

    def sentence(self, clause: str) -> str:
        clause = clause[:1].upper() + clause[1:]
        if self.shared:
            return f'{clause} (both in "{self.shared_label}").'
        return f"{clause}."


def _same_words_other_speaker(a: Claim, b: Claim) -> bool:
    if a.source_id == b.source_id or len(a.quote.split()) < MIN_QUOTE_WORDS:
        return False
    a_name, b_name = a.speaker, b.speaker
    if a_name is None or b_name is None or not (_named(a) and _named(b)):
        return False
    if a.speaker_id is not None and a.speaker_id == b.speaker_id:
        return False
    if _NEWS_OUTLET_RE.search(a_name) or _NEWS_OUTLET_RE.search(b_name):
        # A news agency or paper given the words relayed them ('You can see two waves', the
        # seismologist said, and the agency that reported him): not a second speaker.
        return False
    if _by_pronoun(a) and _by_pronoun(b):
        # Both speakers were read through 'he said' from a name further back: one of them is
        # as likely a misreading ('The spokesman said ... , he said' given to the leader named before).
        return False
    if same_speaker(a_name, [], b_name, []) or _spellings_of_one_name(a_name, b_name):
        return False
    if _named_inside(a_name, b.quote) or _named_inside(b_name, a.quote):
        # A speaker named inside the quoted words was read from them, not from the attribution.
        return False
    return fuzz.ratio(compare_text(a.quote), compare_text(b.quote)) >= SAME_WORDS_RATIO


_NEWS_OUTLET_RE = re.compile(
    r"\b(?:press|presse|france-presse|reuters|afp|news|newswire|wire|times|post|herald|gazette|"
    r"tribune|journal|telegraph|guardian|chronicle|bbc|cnn|msnbc|nbc|cbs|abc|fox)\b",
    re.IGNORECASE,
)
"""A speaker who is a news agency, paper or network: one that relays others' words."""
_PRONOUNS = frozenset("he she they him her them it i we".split())


def _by_pronoun(claim: Claim) -> bool:
    """Whether the claim's speaker is named in its source only by a pronoun beside the words."""
    mention = claim.speaker_mention
    return mention is not None and mention.text.strip().lower() in _PRONOUNS


def _named_beside(a: Claim, b: Claim, source_text: SourceText | None) -> bool:
    """Whether either claim's source names the other claim's speaker beside its words."""
    if source_text is None:
        return False
    for claim, other in ((a, b), (b, a)):
        text = source_text(claim.source_id)
        family = compare_text(other.speaker or "").split()[-1:]
        if not text or not family or len(family[0]) <= 2:
            continue
        beside = text[max(0, claim.start - BESIDE_BEFORE) : claim.end + BESIDE_AFTER]
        if family[0] in compare_text(beside).split():
            return True
    return False


def _named(claim: Claim) -> bool:
    """Whether the claim's speaker is resolved to a name: a person or organisation, capitalised, not a role or a report."""
    if not claim.speaker or getattr(claim, "speaker_kind", None) not in (
        None,
        "person",
        "organization",
    ):
        return False
    if is_unattributed(claim):
        return False
    words = claim.speaker.split()
    first = words[0].lower()
    if first in _NOT_A_NAME or not all(word[:1].isupper() for word in words if len(word) > 3):
        return False
    if getattr(claim, "speaker_kind", None) == "person" and len(words) < 2:
        # A single word ('Sarajevo', 'Bali') is as often a place read as a speaker as a surname.
        return False
    return (
        words[-1][:1].isupper()
        and words[-1].lower() not in _NOT_A_NAME
        and words[-1].lower() not in _PLACE_WORDS
    )


_PLACE_WORDS = frozenset(
    "australia museum university city county state province region street".split()
)
_NOT_A_NAME = frozenset(
    "the a an this that these those his her their its our my i we you he she they it one some many several "
    "sources source report reports reporter website site article paper story officials official".split()
)


def _named_inside(speaker: str, quote: str) -> bool:
    family = speaker.split()[-1].lower()
    return len(family) > 2 and family in compare_text(quote).split()


def _spellings_of_one_name(a: str, b: str) -> bool:
    """'Nouhad Mashnuq' and 'Nohad Machnouk': names that differ only by transliteration."""
    return fuzz.ratio(compare_text(a), compare_text(b)) >= SPELLING_RATIO


SOURCE_LABEL_LIMIT = 200
"""Longer titles (page furniture, a whole first paragraph) are cut; real headlines fit."""


def source_label(source: Source | None, source_id: int) -> str:
    """How a sentence names a source: its title, else its outlet, else its number.

    Whole up to SOURCE_LABEL_LIMIT characters: a reason cut inside a title reads as a broken sentence.
    """
    if source is not None and source.title:
        return one_line(source.title, SOURCE_LABEL_LIMIT)
    if source is not None and source.outlet:
        return one_line(source.outlet, SOURCE_LABEL_LIMIT)
    return f"source {source_id}"


def _plural(claim: Claim) -> bool:
    if not claim.speaker:
        return False
    words = claim.speaker.split()
    last = words[-1]
    # 'officials' and 'residents' are plural; 'a witness', 'the press' and 'the bus' are not.
    return words[0].lower() == "both" or (
        last.islower() and last.endswith("s") and not last.endswith(("'s", "ss", "us", "is"))
    )


def _snippet(text: str) -> str:
    return one_line(text, _SNIPPET).replace('"', "'")


def _denial_phrase(claim: Claim) -> tuple[str, str]:
    if claim.polarity != "denies":
        quoted = f'"{_snippet(claim.text)}"'
        return f"says {quoted}", f"say {quoted}"
    if claim.kind == "direct" and len(claim.quote.split()) <= 6:
        quoted = f'"{_snippet(_quoted_words(claim.quote))}"'
        return f"calls it {quoted}", f"call it {quoted}"
    if _says_untrue(claim):
        # 'a witness said the video was a fake' says so; it does not deny 'the video'.
        quoted = f'"{_snippet(claim.text)}"'
        return f"says {quoted}", f"say {quoted}"
    target = f'"{_snippet(claim.denial_target or claim.text)}"'
    return f"denies {target}", f"deny {target}"


_DENIAL_CUE_RE = re.compile(r"^(?:den[iy]|reject|dismiss|refut|rebuff|rebut|disput)", re.IGNORECASE)


def _says_untrue(claim: Claim) -> bool:
    """Whether a denial is its own words calling something untrue ('the video was a fake'), not
    a verb of denying ('denied that ...') nor a plain negation."""
    if claim.cue is not None and _DENIAL_CUE_RE.match(claim.cue.text):
        return False
    stance = read_stance(claim.text)
    return (
        stance.polarity == "denies" and stance.cue is not None and not is_negation_cue(stance.cue)
    )


def _quoted_words(quote: str) -> str:
    """The words inside quotation marks when a quote also carries its lead-in ('them "fake and hype')."""
    match = _QUOTED_RE.search(quote)
    inner = match.group(1).strip(" ,.") if match else ""
    return inner or quote


def _assertion_phrase(claim: Claim) -> tuple[str, str]:
    if denies_a_debunking(claim.polarity, claim.denial_target):
        # 'denied faking the video' stands for the video, and is told as the denial it is.
        target = f'"{_snippet(claim.denial_target or claim.text)}"'
        return f"denies {target}", f"deny {target}"
    quantities = [q for q in claim.quantities if q.kind != "date"]
    if quantities:
        return _states(claim, quantities[0])
    quoted = f'"{_snippet(claim.text)}"'
    return f"says {quoted}", f"say {quoted}"


def _states(claim: Claim, quantity: Quantity) -> tuple[str, str]:
    amount = one_line(quantity.text, 60)
    if quantity.approximate:
        return f"estimates {amount}", f"estimate {amount}"
    return f"states {amount}", f"state {amount}"
