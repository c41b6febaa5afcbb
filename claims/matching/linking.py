"""Linking a batch of new claims to their candidates and to each other.

Besides scored wording, a document tells us two things about its own claims that linking
turns into a `MatchContext`:

- a claim opening with 'otherwise' / 'the contrary' ('intelligence reports suggest
  otherwise') answers the claim just before it in the same source;
- a denial of a bare reference ('calling the reports "fake and hype"') is about the
  document's dominant named things and the claim it answers, so it is linked to same-source
  claims about them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from claims.matching.bulk import blocked_links, parallel_features
from claims.matching.features import feature_inputs, features
from claims.matching.scoring import (
    MatchContext,
    Topic,
    compare,
    may_link,
    opposed_question,
    question_link,
)
from claims.models import Claim, Link

ECHO_REASON = "the same words as another speaker of the source"
"""Ends the reason of an echo's link to the first claim in its words (`_echo_groups`)."""
SMALL_BATCH = 200
"""Up to this many new claims are all compared with each other; larger batches go through the bulk join (same links, fewer pairs)."""
TOPIC_ENTITIES = 3

_ANSWERING_OPENER_RE = re.compile(
    r"^\W*(?:otherwise|the (?:opposite|contrary|reverse))\b", re.IGNORECASE
)


def build_context(new_claims: Sequence[Claim]) -> MatchContext:
    """Topics of bare denials and 'otherwise' answers, per source, from the batch's own claims."""
    by_source: dict[int, list[Claim]] = defaultdict(list)
    for claim in new_claims:
        by_source[claim.source_id].append(claim)
    answers: dict[int, int] = {}
    topics: dict[int, Topic] = {}
    for claims in by_source.values():
        claims = sorted(claims, key=lambda c: (c.start, c.id))
        for previous, claim in zip(claims, claims[1:]):
            if _ANSWERING_OPENER_RE.match(claim.text) and claim.answers_claim_id is None:
                answers[claim.id] = previous.id
        denials = [c for c in claims if features(c).generic_denial]
        if not denials:
            continue
        by_id = {c.id: c for c in claims}
        counts = Counter(entity for c in claims for entity in sorted(features(c).entities))
        ranked = counts.most_common(TOPIC_ENTITIES)
        if not ranked or ranked[0][1] < 2:
            continue
        core = frozenset(entity for entity, count in ranked if count == ranked[0][1])
        for denial in denials:
            answered = by_id.get(denial.answers_claim_id) if denial.answers_claim_id else None
            topic = {entity for entity, count in ranked if count >= 2}
            if answered is not None:
                topic |= features(answered).entities
            topics[denial.id] = Topic(core=core, entities=frozenset(topic))
    return MatchContext(topics=topics, answers=answers)


def _copy_groups(new: Sequence[Claim], settled: frozenset[int]) -> dict[int, list[Claim]]:
    """The settled copies of each source grouped by everything their scores depend on but ids and
    offsets, keyed by the first copy's id, which stands for its group in the bulk join."""
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in new:
        if claim.id in settled:
            quantities = tuple(quantity.model_dump_json() for quantity in claim.quantities)
            key = (
                claim.source_id,
                feature_inputs(claim),
                claim.kind,
                claim.hedged,
                claim.speaker_role,
                quantities,
            )
            groups[key].append(claim)
    return {group[0].id: group for group in groups.values()}


def _echo_groups(
    new: Sequence[Claim], settled: frozenset[int], context: MatchContext
) -> dict[int, list[Claim]]:
    """Claims of one source in the same words (the same features, polarity, hedging and numbers),
    whatever their speakers, keyed by the first one's id: the others, which it stands for.

    N speakers of one page (a ClaimReview page, a list of signatories) saying the same thing
    agree with each other N²/2 times over; each is linked to the first instead (a star), and
    meets every other claim through it. Claims that context ties to others (a stated answer,
    'otherwise', a bare denial) are left out: their links depend on more than their words.
    """
    tied = {*context.answers, *context.answers.values(), *context.topics}
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in new:
        if claim.id in settled or claim.id in tied or claim.answers_claim_id is not None:
            continue
        quantities = tuple(quantity.model_dump_json() for quantity in claim.quantities)
        key = (
            claim.source_id,
            features(claim),
            claim.polarity,
            claim.hedged,
            claim.denial_target,
            quantities,
        )
        groups[key].append(claim)
    return {group[0].id: group[1:] for group in groups.values() if len(group) > 1}


def link_claims(
    new_claims: Sequence[Claim],
    candidates_for: Callable[[Claim], Iterable[Claim]],
    rejected: Collection[frozenset[int]] = (),
    settled: Collection[int] = (),
    judged: Mapping[tuple[int, int], bool] | None = None,
) -> list[Link]:
    """Links between each new claim and its candidates and among the new claims; never a rejected pair.

    `judged` gives `may_link`'s answer for pairs (lower id first) the caller has asked it of
    already, with these claims' context (`build_context(new_claims)`): it is not asked again.

    `settled` names new claims that reprint earlier ones (`claims.matching.reprints`): the
    original's relations hold for its copy, so a copy is compared only with the other claims
    of its own source, never with another copy.

    Claims of one source in the same words from different speakers (`_echo_groups`) link as
    a star: each to the first of them, never to each other, and each is compared with the
    claims the first one meets, so their links to everything else are those every pair would
    have; two such claims are never compared with each other or with a copy.
    """
    new = list(new_claims)
    with parallel_features(new):
        return _link(new, candidates_for, rejected, frozenset(settled), judged or {})


def _link(
    new: list[Claim],
    candidates_for: Callable[[Claim], Iterable[Claim]],
    rejected: Collection[frozenset[int]],
    settled: frozenset[int],
    judged: Mapping[tuple[int, int], bool],
) -> list[Link]:
    linker = _Linker(new, rejected, settled, judged)
    for claim in new:
        for other in candidates_for(claim):
            linker.consider(claim, other)
    linker.consider_stated()
    # A batch this small is compared pair by pair, same-question links included; the bulk join finds
    # paraphrase links only (its bounds prune every pair under the suggest tier).
    if len(new) <= SMALL_BATCH:
        linker.consider_all_pairs()
    else:
        linker.consider_joined()
    linker.links.sort(key=lambda link: link.claim_ids)
    if linker.echoes_of:
        # The star's links say what they are, so the status rule can find an echo's siblings.
        star = {
            (min(first_id, echo.id), max(first_id, echo.id))
            for first_id, group in linker.echoes_of.items()
            for echo in group
        }
        return [
            link.model_copy(update={"reason": f"{link.reason}; {ECHO_REASON}"})
            if link.claim_ids in star and link.relation == "agrees"
            else link
            for link in linker.links
        ]
    return linker.links


class _Linker:
    """One batch's linking: the pairs considered so far and the links found, each pair once."""

    def __init__(
        self,
        new: list[Claim],
        rejected: Collection[frozenset[int]],
        settled: frozenset[int],
        judged: Mapping[tuple[int, int], bool],
    ) -> None:
        self.new = new
        self.judged = judged
        self.by_id = {claim.id: claim for claim in new}
        self.context = build_context(new)
        self.rejected_pairs = {frozenset(pair) for pair in rejected}
        self.settled = settled
        self.seen: set[tuple[int, int]] = set()
        self.links: list[Link] = []
        # Features of the batch, looked up once: most considered pairs are rejected by `may_link` alone.
        self.batch_features = {claim.id: features(claim) for claim in new}
        self.echoes_of = _echo_groups(new, settled, self.context) if len(new) > 1 else {}
        self.echoes = {claim.id for group in self.echoes_of.values() for claim in group}
        # Claims that meet others only through a stand-in: echoes (the first of their words) and copies.
        self.unjoined = self.echoes | settled

    def consider(self, a: Claim, b: Claim) -> None:
        """Score a pair not considered before, unless it is rejected or pairs a copy or an echo it must not."""
        if a.id == b.id:
            return
        echoes, unjoined = self.echoes, self.unjoined
        if echoes and (a.id in echoes and b.id in unjoined or b.id in echoes and a.id in unjoined):
            return
        pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if pair in self.seen:
            return
        self.seen.add(pair)
        settled = self.settled
        if (
            settled
            and (a.id in settled or b.id in settled)
            and (a.source_id != b.source_id or (a.id in settled and b.id in settled))
        ):
            return
        if self.rejected_pairs and frozenset(pair) in self.rejected_pairs:
            return
        fa = self.batch_features[a.id] if self.by_id.get(a.id) is a else features(a)
        fb = self.batch_features[b.id] if self.by_id.get(b.id) is b else features(b)
        context = self.context
        linkable = self.judged.get(pair)
        if linkable is None:
            linkable = may_link(a, b, fa, fb, context)
        link = compare(a, b, context) if linkable else None
        if link is None and opposed_question(fa, fb):
            link = question_link(a, b)
        if link is not None:
            self.links.append(link)

    def consider_stated(self) -> None:
        """Pairs the documents state: a claim and what it answers, a bare denial and its source's claims."""
        by_id = self.by_id
        for claim_id, answered_id in [
            *self.context.answers.items(),
            *((c.id, c.answers_claim_id) for c in self.new),
        ]:
            if answered_id in by_id:
                self.consider(by_id[claim_id], by_id[answered_id])
        for denial_id in self.context.topics:
            denial = by_id[denial_id]
            for other in self.new:
                if other.source_id == denial.source_id:
                    self.consider(denial, other)

    def consider_all_pairs(self) -> None:
        for index, claim in enumerate(self.new):
            for other in self.new[index + 1 :]:
                self.consider(claim, other)

    def consider_joined(self) -> None:
        """Pairs scored in worker processes by the bulk join, each once; a pair considered already is skipped."""
        settled, unjoined, echoes_of = self.settled, self.unjoined, self.echoes_of
        joined = (
            [claim for claim in self.new if claim.id not in unjoined]
            if unjoined
            else list(self.new)
        )
        for first_id, group in echoes_of.items():
            # The star: each echo agrees with the first claim in its words.
            for echo in group:
                self.consider(echo, self.by_id[first_id])
        copies_of = _copy_groups(self.new, settled) if settled else {}
        joined.extend(group[0] for group in copies_of.values())
        for i, linked in blocked_links(joined, self.context):
            for j, relation, score, state, reason in linked:
                a, b = joined[i], joined[j]
                if a.id in copies_of or b.id in copies_of:
                    self._consider_copies(copies_of, a, b)
                    continue
                # What the first claim of some words meets, each of its echoes meets too.
                for echo in echoes_of.get(a.id, ()):
                    self.consider(echo, b)
                for echo in echoes_of.get(b.id, ()):
                    self.consider(echo, a)
                pair = self._unseen_pair(a.id, b.id)
                if pair is not None:
                    self.links.append(
                        Link(
                            claim_ids=pair,
                            relation=relation,
                            score=score,
                            state=state,
                            reason=reason,
                        )
                    )

    def _consider_copies(self, copies_of: dict[int, list[Claim]], a: Claim, b: Claim) -> None:
        """A copy links only within its own source and never to another copy. Copies of one wording
        meet the same claims in the join, so one of them stands for all, and each copy is then
        scored against what its stand-in met."""
        if (a.id in copies_of and b.id in copies_of) or a.source_id != b.source_id:
            return
        copy_id, other = (a.id, b) if a.id in copies_of else (b.id, a)
        for copy in copies_of[copy_id]:
            self.consider(copy, other)

    def _unseen_pair(self, a_id: int, b_id: int) -> tuple[int, int] | None:
        """The pair in id order, marked considered, unless it was considered before or is rejected."""
        pair = (a_id, b_id) if a_id < b_id else (b_id, a_id)
        if pair in self.seen or a_id == b_id:
            return None
        self.seen.add(pair)
        if self.rejected_pairs and frozenset(pair) in self.rejected_pairs:
            return None
        return pair
