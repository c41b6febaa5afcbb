"""Checks: where each source stands on a claim a fact-checker states.

A check is one proposition ("The implant is real"). `CheckReader(text).judge(title, claims)`
reads one source against it and returns a `Verdict`: `supports` (the source states it),
`disputes` (it denies it, debunks it, or states the opposite), `reports` (it relays the claim
without taking a side: hedged, rumoured, forecast, put in unnamed sources' mouths) or
`unrelated`.

The source's statements are its headline (its title, the whole of a one-line document, or
for a source with no title its opening sentence, the lede a news article states its story
in) and its claims. Each is related to the check by the share of the check's topic terms it
carries (content stems, with names and numbers weighing double; debunking and reporting
words are not topic). A source is related when its statements together carry enough of the
check; a long article must share more, since it shares a word with almost anything.

Related statements are read by `claims.polarity.stance_towards`, relative to the check's own
polarity (a check that itself calls something a hoax is supported by a source that debunks
it). A source disputes an asserted check when any statement calls the story untrue ('hoax',
'fake', 'satire', 'misattributed'), when a denial or negation is itself about the check, or
when it denies three times or more under a headline that does not state the story;
otherwise a related headline that only relays the story (hedged) makes it `reports`, and
else its firm related statements (the headline weighing double) outweigh its hedged ones
for `supports`, or the reverse for `reports`. Under a headline that only relays the story,
the plain negations in its claims (and, for a check that denies, their plain statements of
the thing) are relayed with it: only a debunking or denying word takes a side. A denial that
only weighs both sides ('Real or hoax?', 'refuses to confirm or deny', 'hoax rumours
swirl') takes neither side: it is read as a hedged statement that relays the story. The
explanation names the statement that decided.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from claims.extraction.segment import paragraphs, sentences
from claims.normalize import NEGATORS, content_stems, entity_keys, normalise_numbers, plain, stem
from claims.polarity import denies_a_debunking, is_negation_cue, read_stance, stance_towards
from claims.propositions import negated_clauses

STANCES = ("supports", "disputes", "reports", "unrelated")

SOURCE_RELATED = 0.1
"""Share of the check's topic weight a source's statements together must carry to be related at all."""
SHORT_SOURCE = 2
"""A source of at most this many statements (a headline and its claim) is short: SOURCE_RELATED is enough."""
LONG_SOURCE_RELATED = 0.15
"""A longer source must carry this share..."""
MIN_SHARED_WEIGHT = 2.0
"""...and at least two of the check's topic words, or one name or number."""
MIN_RELATED = 0.1
"""Share of the check's topic weight a statement must carry to be read for support or report."""
NEGATION_RELATED = 0.3
"""A plain negation ('was not', "didn't") must carry this share to count against the check:
unlike debunking words, a negation elsewhere in an article is usually about something else."""
DENIALS_DEBUNK = 3
"""An article with this many denials, wherever they stand, debunks the story it tells, unless
its headline states or relays the story."""
MAX_HEADLINE = 300
"""A one-line document up to this many characters is a headline."""
TITLE_WEIGHT = 2.0
"""A headline states what the article stands for: it weighs as two statements."""
NEGATES = "negates it"
"""How a stance explanation says the deciding statement denies only by a plain negation."""

# Words about telling and debunking: they say how a statement is held, not what it is about.
_FRAME_WORDS = frozenset(
    """report reportedly claim claims claimed rumour rumor rumours rumors story stories news hoax hoaxes fake
    fakes false debunk debunked debunks deny denies denied denial allegedly alleged allegation say says said
    confirm confirms confirmed true truth real viral internet online photo photos video videos picture
    pictures image images website site article social media twitter facebook""".split()
)
_FRAME_STEMS = frozenset(stem(word) for word in _FRAME_WORDS)
# A sentence that asks or wonders ('may be fake?', 'whether it was staged') leaves it open.
_OPEN_RE = re.compile(r"\?|\b(?:may|might|could|whether|wonder\w*|if)\b")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+|\n+")
MAX_SENTENCE = 400
"""A longer stretch without a sentence end is not read as one sentence."""
_NUMBER_RE = re.compile(r"\b\d+(?:\.\d+)?\b")
_NEGATION_CUE_RE = re.compile(r"\b(?:not|no|never|nothing|none|nobody)\b")
# Words that call a story itself untrue: unlike 'denied', 'a lie' or 'doubts', which an article
# often says of something else, they debunk the story wherever they stand in the article.
_STORY_DEBUNK_RE = re.compile(
    r"hoax|fake|false|bogus|untrue|satir|prank|spoof|myth|debunk|misattribut|misinformation|staged|fabricat|"
    r"photoshop|doctored|urban legend|no evidence|not true|not real|too good to check|clickbait|april fool"
)


# Scepticism about the story: those who doubt it take the other side.
_SCEPTIC_RE = re.compile(
    r"\b(?:skeptic\w*|sceptic\w*|dubious|questionable|implausible|far-fetched)\b", re.IGNORECASE
)
# Forecasts and plans: what is expected is not yet stated as fact.
_FORECAST_RE = re.compile(
    r"\b(?:eyed|eyes|set to|poised to|predict\w*|forecasts?|forecasted|sees|expects?|tipped)\b",
    re.IGNORECASE,
)


class ClaimLike(Protocol):
    """What the reader needs of a claim (a stored `Claim` or a held claim view); it only reads."""

    @property
    def id(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def polarity(self) -> str: ...
    @property
    def hedged(self) -> bool: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def speaker_kind(self) -> str | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def denial_target(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Verdict:
    """Where one source stands on a check, which statements decided it, and why."""

    stance: str
    claim_ids: tuple[int, ...]
    explanation: str
    relatedness: float


@dataclass(frozen=True, slots=True)
class _Reading:
    """One statement of the source (its title when `claim_id` is None) read against the check."""

    claim_id: int | None
    text: str
    relatedness: float
    denies: bool
    debunks: bool
    """Denies with debunking words ('hoax', 'denied', 'made up'), not only a negation."""
    hedged: bool
    cue: str | None
    in_text: bool = False
    """A sentence of the source's text that no claim holds (read only for debunking words)."""
    negation: bool = False
    """Denies only by a plain negation ('did not', 'not among'), with no denying or debunking word."""
    lead: bool = False
    """The opening sentence of a source with no title, read as its headline."""

    @property
    def headline(self) -> bool:
        """The source's title, or the opening sentence standing for it."""
        return self.claim_id is None and not self.in_text

    @property
    def weight(self) -> float:
        return TITLE_WEIGHT if self.headline else 1.0


class CheckReader:
    """A check's proposition, prepared once, read against any number of sources."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.terms = _terms(text)
        self.weight = sum(self.terms.values())
        # Every term a text can share starts one of its words (a stem) or is a number: a text
        # holding none of these strings shares nothing, and its terms need not be computed.
        words = sorted(
            (term for term in self.terms if not term[0].isdigit()), key=len, reverse=True
        )
        screen = [re.escape(word) for word in words] + (
            [r"\d"] if len(words) < len(self.terms) else []
        )
        self._screen = re.compile("|".join(screen)) if screen else None
        self.denies = read_stance(text).polarity == "denies"
        self.hedged = read_stance(text).hedged

    def relatedness(self, text: str) -> float:
        """The share of the check's topic weight that `text` carries (0..1)."""
        return self._share(text, set()) if self.weight else 0.0

    def judge(
        self, title: str | None, claims: Sequence[ClaimLike], text: str | None = None
    ) -> Verdict:
        """Where a source with this title (None when it has none), these claims and this text stands on the check.

        The text (the source's whole text, when known) is read only for sentences that call
        the story untrue ('It is, of course, completely fake'), which extraction often keeps
        no claim of: they count as a claim that debunks.
        """
        if not self.weight:
            return Verdict("unrelated", (), "the check names nothing to look for", 0.0)
        statements: list[tuple[int | None, str, bool, bool, float, bool]] = []
        covered: set[str] = set()
        # A source with no title stands for what its opening sentence (its lede) says.
        lead = None if title and title.strip() else _lead(text or "")
        head = title.strip() if title and title.strip() else lead
        if head:
            statements.append(
                (None, head, False, self._relayed_title(head), self._share(head, covered), False)
            )
        for claim in claims:
            statements.append(
                (
                    claim.id,
                    claim.text,
                    claim.polarity == "denies",
                    claim.hedged or self._relayed(claim),
                    self._share(claim.text, covered),
                    # Denying a debunking ('denied faking the video') asserts the thing is genuine.
                    denies_a_debunking(claim.polarity, claim.denial_target),
                )
            )
        shared_weight = sum(self.terms[term] for term in covered)
        source_share = round(shared_weight / self.weight, 3)
        # A long article shares a word with almost anything: it must share more than one.
        long_source = len(statements) > SHORT_SOURCE
        if (
            not statements
            or source_share < SOURCE_RELATED
            or long_source
            and (shared_weight < MIN_SHARED_WEIGHT or source_share < LONG_SOURCE_RELATED)
        ):
            return Verdict(
                "unrelated",
                (),
                f"the source shares {source_share:.0%} of the check's terms",
                source_share,
            )
        # Only a related source's statements are read for their stance: most sources stop above.
        readings = [self._read(*statement) for statement in statements]
        if lead:
            readings[0] = replace(readings[0], lead=True)
        if text and text.strip() != (title or "").strip():
            readings.extend(
                _Reading(None, sentence, self.relatedness(sentence), True, True, False, cue, True)
                for sentence, cue in _debunking_sentences(text)
            )
        return self._decide(readings, source_share)

    def _relayed_title(self, title: str) -> bool:
        """Whether a headline only forecasts ('eyed to play', 'set to open') what the check states as fact."""
        return bool(_FORECAST_RE.search(title)) and not _FORECAST_RE.search(self.text)

    def _relayed(self, claim: ClaimLike) -> bool:
        """Whether the claim is only relayed: put in the mouth of 'reports' or unnamed sources."""
        return claim.speaker_kind == "unattributed" and claim.kind != "narrative"

    def _share(self, text: str, covered: set[str]) -> float:
        """The share of the check's topic weight `text` carries; its shared terms are added to `covered`."""
        if self._screen is None or not self._screen.search(plain(text)):
            return 0.0
        found = _terms(text)
        shared = [term for term in self.terms if term in found]
        covered.update(shared)
        return sum(self.terms[term] for term in shared) / self.weight

    def _read(
        self,
        claim_id: int | None,
        text: str,
        denial: bool,
        hedged: bool,
        share: float,
        defends: bool = False,
    ) -> _Reading:
        if defends:
            # 'X denied that the photo was doctored': its text calls the photo doctored, the
            # claim says the opposite; it states the story, firmly unless hedged.
            return _Reading(claim_id, text, share, False, False, hedged, None)
        # The text's own reading is cached across checks; reading it towards this check only
        # changes a hedged assertion, and only matters for a statement about the check.
        stance = read_stance(text)
        if stance.polarity == "asserts" and stance.hedged and share >= MIN_RELATED:
            stance = stance_towards(text, self.text)
        if stance.polarity == "denies" and stance.hedged:
            # A denial that only weighs both sides ('Real or hoax?', 'refuses to confirm or
            # deny', 'hoax rumours swirl') takes neither: the statement relays the story.
            return _Reading(claim_id, text, share, False, False, True, stance.cue)
        denies = denial or stance.polarity == "denies"
        debunks = denies and stance.cue is not None and bool(_STORY_DEBUNK_RE.search(stance.cue))
        if denies and not debunks and not denial and share >= MIN_RELATED:
            # A plain negation counts against the check only when what it negates is the
            # check's topic ('X was not the wife of Y'); a statement whose negation is about
            # something else ('X was breached, and the mayor did not attend') asserts the rest.
            negated = self.relatedness(negated_clauses(text) or text)
            if negated < MIN_RELATED:
                denies = False
            else:
                share = min(share, negated)
        sceptic = None if debunks else _sceptic(text)
        if sceptic is not None:
            denies = debunks = True
        cue = sceptic or stance.cue
        negation = denies and sceptic is None and is_negation_cue(stance.cue)
        return _Reading(
            claim_id, text, share, denies, debunks, stance.hedged or hedged, cue, negation=negation
        )

    def _decide(self, readings: list[_Reading], source_share: float) -> Verdict:
        # Denials that tell against (or, for a check that itself denies, for) the proposition.
        denials = [
            r
            for r in readings
            if r.debunks
            or r.denies
            and r.relatedness >= (MIN_RELATED if r.claim_id is None else NEGATION_RELATED)
        ]
        denials.sort(key=lambda r: (-r.weight * r.relatedness, r.claim_id is not None))
        # Denials scattered through an article debunk its story only when its headline does
        # not itself state or relay the story.
        stated = any(r.headline and r.relatedness >= MIN_RELATED and not r.denies for r in readings)
        # Under a headline that only relays the story, the source's plain statements and plain
        # negations of it are relayed with it: only a debunking or denying word takes a side.
        relaying = stated and any(r.headline and r.hedged for r in readings)
        if relaying:
            denials = [r for r in denials if not r.negation]
        many = not stated and sum(r.denies for r in readings) >= DENIALS_DEBUNK
        related = sorted(
            (r for r in readings if r.relatedness >= MIN_RELATED and not r.denies),
            key=lambda r: (-r.weight * r.relatedness, r.claim_id is not None),
        )
        firm = [r for r in related if not r.hedged]
        relayed = [r for r in related if r.hedged]
        if not self.denies:
            if denials or many:
                return self._verdict(
                    "disputes", denials or [r for r in readings if r.denies], source_share
                )
            return self._support_or_report(firm, relayed, source_share)
        # The check denies: a source that denies too supports it; one that states the thing disputes it.
        if denials or many:
            return self._verdict(
                "supports", denials or [r for r in readings if r.denies], source_share
            )
        strong = [] if relaying else [r for r in firm if r.relatedness >= NEGATION_RELATED]
        if strong:
            return self._verdict("disputes", strong, source_share)
        if relayed or firm:
            return self._verdict("reports", relayed or firm, source_share)
        return Verdict(
            "unrelated", (), "no statement of the source is about the check", source_share
        )

    def _support_or_report(
        self, firm: list[_Reading], relayed: list[_Reading], source_share: float
    ) -> Verdict:
        firm_weight = sum(r.weight for r in firm)
        relayed_weight = sum(r.weight for r in relayed)
        if not firm and not relayed:
            return Verdict(
                "unrelated", (), "no statement of the source is about the check", source_share
            )
        if any(r.headline for r in relayed):
            # A headline that only relays the story (hedged, attributed, forecast) says how the
            # source holds it, however firmly its body restates the details.
            return self._verdict(
                "reports", sorted(relayed, key=lambda r: not r.headline), source_share
            )
        if firm_weight > relayed_weight:
            return self._verdict("supports", firm, source_share)
        return self._verdict("reports", relayed or firm, source_share)

    def _verdict(self, stance: str, deciding: list[_Reading], source_share: float) -> Verdict:
        claim_ids = tuple(r.claim_id for r in deciding if r.claim_id is not None)
        return Verdict(stance, claim_ids, _explain(stance, deciding[0], self.denies), source_share)


def _explain(stance: str, reading: _Reading, check_denies: bool) -> str:
    where = (
        "its text"
        if reading.in_text
        else "its opening sentence"
        if reading.lead
        else "its title"
        if reading.claim_id is None
        else f"claim {reading.claim_id}"
    )
    quoted = _shorten(reading.text)
    # A plain negation is named as such: a dispute resting only on negations is weak. A claim
    # stored as a denial may carry no cue word of its own; then none is quoted.
    denies = NEGATES if reading.negation else "denies it"
    cue = f" (\u2018{reading.cue}\u2019)" if reading.cue else ""
    if stance == "disputes":
        how = "states what the check denies" if check_denies else denies + cue
        return f"{where} {how}: \u201c{quoted}\u201d"
    if stance == "supports" and check_denies:
        return f"{where} {denies} too{cue}: \u201c{quoted}\u201d"
    if stance == "reports":
        return f"{where} relays it without vouching for it: \u201c{quoted}\u201d"
    return f"{where} states it: \u201c{quoted}\u201d"


def _shorten(text: str, limit: int = 140) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "\u2026"


@lru_cache(maxsize=1 << 12)
def _debunking_sentences(text: str) -> tuple[tuple[str, str], ...]:
    """(sentence, cue) for each sentence of `text` that firmly calls a story untrue ('hoax', 'fake', 'not true')."""
    if not _STORY_DEBUNK_RE.search(text.lower()):
        return ()
    found = []
    for sentence in _SENTENCE_RE.split(text):
        lowered = sentence.lower()
        if (
            len(sentence) > MAX_SENTENCE
            or not _STORY_DEBUNK_RE.search(lowered)
            or _OPEN_RE.search(lowered)
        ):
            continue
        stance = read_stance(sentence)
        if (
            stance.polarity == "denies"
            and not stance.hedged
            and stance.cue is not None
            and _STORY_DEBUNK_RE.search(stance.cue)
        ):
            found.append((sentence.strip(), stance.cue))
    return tuple(found)


def debunks_story(text: str) -> bool:
    """Whether a source's text is a debunking: `DENIALS_DEBUNK` of its sentences firmly call a
    story untrue ('hoax', 'fake', 'not true'), not one stray 'no evidence' of something else."""
    return len(_debunking_sentences(text)) >= DENIALS_DEBUNK


@lru_cache(maxsize=1 << 16)
def _sceptic(text: str) -> str | None:
    found = _SCEPTIC_RE.search(text)
    return found.group(0) if found else None


@lru_cache(maxsize=1 << 16)
def _terms(text: str) -> dict[str, float]:
    """Topic terms with weights: content stems 1, stems inside names 2, numbers 2; no framing words."""
    stems = content_stems(text) - _FRAME_STEMS - {stem(word) for word in NEGATORS}
    names = {part for key in entity_keys(text) for part in key.split()}
    terms = {term: (2.0 if term in names else 1.0) for term in stems}
    for number in _NUMBER_RE.findall(normalise_numbers(plain(text))):
        terms[number] = 2.0
    return terms


def _lead(text: str) -> str | None:
    """The opening sentence of a text's first paragraph (not cut after 'Jr.' or 'Oct.'), if not overlong."""
    for start, end in paragraphs(text)[:1]:
        for first, last in sentences(text, start, end)[:1]:
            if last - first <= MAX_SENTENCE:
                return text[first:last]
    return None


def headline(title: str | None, path: str | None, text: str | None) -> str | None:
    """What a source says in its headline: its title, or the whole text of a one-line document.

    A title that is only the file's name (what `add` falls back to) says nothing.
    """
    if (
        title
        and title.strip()
        and title != path
        and (path is None or title != path.rsplit("/", 1)[-1])
    ):
        return title.strip()
    line = (text or "").strip()
    if line and "\n" not in line and len(line) <= MAX_HEADLINE:
        return line
    return None


def stance_counts(verdicts: Iterable[Verdict]) -> dict[str, int]:
    """How many sources stand where, in the order of `STANCES`."""
    counts = dict.fromkeys(STANCES, 0)
    for verdict in verdicts:
        counts[verdict.stance] += 1
    return counts
