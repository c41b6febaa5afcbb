"""Scoring one pair of claims: how alike they are, and whether they agree or conflict.

The score (0..1) blends three views of the normalised texts, none of which sees the
speakers' names or number formatting:

- stem Dice overlap (shared content words, order-free),
- stem containment (a short claim fully inside a longer one),
- rapidfuzz `token_sort_ratio` on the compared text (near-duplicate wording),

plus evidence a string score misses: shared named entities and shared quantity units.
A denial answering a claim (`answers_claim_id`), or a topical context supplied by
`link_claims`, links pairs whose wording differs.

Below the paraphrase tiers, `question_link` links two claims of opposite polarity that put
the same question (`same_question`: they share the named thing and what is said of it,
"Banksy was arrested" / "Banksy wasn't arrested and exposed") as a suggested `conflicts`
link with reason "same question", so the conflict rules can weigh them; two claims that
only share wording at this level and agree are not linked, which keeps links few.
`link_claims` asks for it when `compare` finds no paraphrase link.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from claims.matching.features import ClaimFeatures, features, speaker_key
from claims.matching.numbers import NumericComparison, compare_numbers
from claims.matching.thresholds import CONFIRM_THRESHOLD, MIN_CONFIRM_WORDS, SUGGEST_THRESHOLD
from claims.models import Claim, Link, LinkRelation, LinkState
from claims.polarity import claim_polarity

ANSWER_SCORE = 0.9
"""Score of a link the extraction stated: a denial and the claim it answers."""
MIN_SHARED_STEMS = 2
W_DICE = 0.4
"""Weight of the stems' Dice overlap in `text_score`."""
W_CONTAINMENT = 0.3
"""Weight of the smaller claim's stems found in the other."""
W_FUZZY = 0.3
"""Weight of rapidfuzz's token_sort_ratio on the compared text."""
ENTITY_BONUS = 0.05
UNIT_BONUS = 0.05
SAME_MEASURE_BONUS = 0.1
SAME_VALUE_BONUS = 0.1
QUESTION_REASON = "same question"
QUESTION_MIN_SHARED = 2
"""Content stems two claims must share to put the same question, one of them a named thing's."""
QUESTION_MIN_SHARED_UNNAMED = 3
"""Without a shared named thing, this many shared content stems."""
# Rounding slack for `may_link`'s bound, so it never rejects a pair `compare` would link.
_BOUND_SLACK = 1e-9


@dataclass(frozen=True)
class Topic:
    """What a bare denial ('the reports are fake') is about: the document's main named things."""

    core: frozenset[str]
    """The most mentioned entities of the document: a linked claim must name one."""
    entities: frozenset[str]


@dataclass
class MatchContext:
    """What linking knows beyond the pair: topics of bare denials, and stated answers."""

    topics: Mapping[int, Topic] = field(default_factory=dict)
    """Entity keys a denial of 'the reports' is about, by claim id."""
    answers: Mapping[int, int] = field(default_factory=dict)
    """Claim id -> id of the claim it answers, beyond `answers_claim_id` ('suggest otherwise')."""


def text_score(fa: ClaimFeatures, fb: ClaimFeatures) -> float:
    """Similarity of two claims' wording and named things, 0..1."""
    shared = len(fa.stems & fb.stems)
    if shared < MIN_SHARED_STEMS:
        return 0.0
    dice = 2 * shared / (len(fa.stems) + len(fb.stems))
    containment = shared / min(len(fa.stems), len(fb.stems))
    fuzzy = fuzz.token_sort_ratio(fa.text, fb.text) / 100
    score = W_DICE * dice + W_CONTAINMENT * containment + W_FUZZY * fuzzy
    score += min(2, len(fa.entities & fb.entities)) * ENTITY_BONUS
    score += min(1, len(fa.units & fb.units)) * UNIT_BONUS
    return min(1.0, score)


def same_question(fa: ClaimFeatures, fb: ClaimFeatures) -> bool:
    """Whether two claims state something about the same subject: a shared named thing and another shared word, or three shared words."""
    shared = fa.stems & fb.stems
    if len(shared) >= QUESTION_MIN_SHARED_UNNAMED:
        return True
    if len(shared) < QUESTION_MIN_SHARED:
        return False
    named = {word for entity in fa.entities & fb.entities for word in entity.split()}
    return bool(named & shared) and bool(shared - named)


def opposed_question(fa: ClaimFeatures, fb: ClaimFeatures) -> bool:
    """Whether one claim denies and the other asserts on the same question (neither conditional)."""
    return (
        fa.denies != fb.denies and not (fa.conditional or fb.conditional) and same_question(fa, fb)
    )


def question_link(a: Claim, b: Claim) -> Link | None:
    """The suggested `conflicts` link of two claims of different voices that take opposite sides of one question, or None."""
    if a.id == b.id or (a.source_id == b.source_id and speaker_key(a) == speaker_key(b)):
        return None
    fa, fb = features(a), features(b)
    if not opposed_question(fa, fb):
        return None
    return Link(
        claim_ids=(min(a.id, b.id), max(a.id, b.id)),
        relation="conflicts",
        score=round(text_score(fa, fb), 4),
        state="suggested",
        reason=f"{QUESTION_REASON}; opposite polarity",
    )


def may_link(
    a: Claim, b: Claim, fa: ClaimFeatures, fb: ClaimFeatures, context: MatchContext | None = None
) -> bool:
    """False only when `compare(a, b, context)` is certainly None: an exact, cheap pre-check for bulk linking."""
    if _answers(a, b, context):
        return True
    if (
        context is not None
        and a.source_id == b.source_id
        and (a.id in context.topics or b.id in context.topics)
    ):
        return True
    shared = len(fa.stems & fb.stems)
    if shared < MIN_SHARED_STEMS:
        # Without shared wording only the numeric bonus remains, and it alone never reaches a tier.
        return SAME_MEASURE_BONUS + SAME_VALUE_BONUS >= SUGGEST_THRESHOLD
    numeric = (
        SAME_MEASURE_BONUS + SAME_VALUE_BONUS
        if fa.units & fb.units and fa.entities & fb.entities
        else 0.0
    )
    # The wording part without the fuzzy ratio, plus its best case, bounds the score from above.
    partial = W_DICE * 2 * shared / (len(fa.stems) + len(fb.stems)) + W_CONTAINMENT * shared / min(
        len(fa.stems), len(fb.stems)
    )
    bonus = (
        min(2, len(fa.entities & fb.entities)) * ENTITY_BONUS
        + min(1, len(fa.units & fb.units)) * UNIT_BONUS
    )
    needed = SUGGEST_THRESHOLD - _BOUND_SLACK - partial - bonus - numeric
    if needed > W_FUZZY:
        return False
    return needed <= 0 or W_FUZZY * fuzz.token_sort_ratio(fa.text, fb.text) / 100 >= needed


def _topic_score(topic: Topic | None, other: ClaimFeatures) -> float:
    """A bare denial's link to a claim about its topic: suggested only, never confirmed."""
    if topic is None or not topic.core & other.entities:
        return 0.0
    shared = len(topic.entities & other.entities)
    return min(CONFIRM_THRESHOLD - 0.05, SUGGEST_THRESHOLD + 0.1 * shared)


@dataclass(frozen=True, slots=True)
class PairScore:
    """A pair's score before thresholds, why it scored so, and any numeric comparison."""

    score: float
    reason: str
    answered: bool
    numeric: NumericComparison | None


def score_pair(a: Claim, b: Claim, context: MatchContext | None = None) -> PairScore:
    """The pair's 0..1 score with its evidence, before thresholds and tiers are applied."""
    fa, fb = features(a), features(b)
    answered = _answers(a, b, context)
    reason = "answers" if answered else "text"
    score = text_score(fa, fb)
    if answered:
        score = max(score, ANSWER_SCORE)
    elif (
        context is not None
        and a.source_id == b.source_id
        and (a.id in context.topics or b.id in context.topics)
    ):
        topical = max(
            _topic_score(context.topics.get(a.id), fb), _topic_score(context.topics.get(b.id), fa)
        )
        if topical > score:
            score, reason = topical, "topic"
    numeric = compare_numbers(a, b) if fa.units & fb.units else None
    if numeric is not None and fa.entities & fb.entities:
        # The same measure of the same named thing is strong evidence of one story.
        score = min(
            1.0,
            score + SAME_MEASURE_BONUS + (SAME_VALUE_BONUS if numeric.verdict == "agrees" else 0.0),
        )
    return PairScore(score, reason, answered, numeric)


def compare(a: Claim, b: Claim, context: MatchContext | None = None) -> Link | None:
    """Score a pair of claims and decide relation and state, or None when they are unrelated."""
    if a.id == b.id:
        return None
    scored = score_pair(a, b, context)
    score = scored.score
    if score < SUGGEST_THRESHOLD:
        return None
    same_voice = a.source_id == b.source_id and speaker_key(a) == speaker_key(b)
    if same_voice and not scored.answered and score < CONFIRM_THRESHOLD:
        return None
    relation, why = _relation(a, b, scored.numeric, score)
    state: LinkState = "suggested"
    if (
        score >= CONFIRM_THRESHOLD
        and min(features(a).words, features(b).words) >= MIN_CONFIRM_WORDS
    ):
        state = "confirmed"
    return Link(
        claim_ids=(min(a.id, b.id), max(a.id, b.id)),
        relation=relation,
        score=round(score, 4),
        state=state,
        reason=f"{scored.reason}; {why}" if why else scored.reason,
    )


def _answers(a: Claim, b: Claim, context: MatchContext | None) -> bool:
    if a.answers_claim_id == b.id or b.answers_claim_id == a.id:
        return True
    if context is None:
        return False
    return context.answers.get(a.id) == b.id or context.answers.get(b.id) == a.id


def _relation(
    a: Claim, b: Claim, numeric: NumericComparison | None, score: float
) -> tuple[LinkRelation, str]:
    if features(a).conditional or features(b).conditional:
        return "related", "conditional"
    if claim_polarity(a) != claim_polarity(b):
        return "conflicts", "opposite polarity"
    if numeric is not None:
        return numeric.verdict, f"{numeric.a.text} vs {numeric.b.text}"
    if score >= CONFIRM_THRESHOLD:
        return "agrees", "same wording"
    return "related", ""
