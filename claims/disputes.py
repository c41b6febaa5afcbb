"""Disputes: pairwise conflicts about one proposition, grouped into two sides.

A conflict names two claims; a story's disagreement is usually many such pairs (four
outlets report a figure, two deny it, each pair flagged). `group_disputes` joins conflicts
that share claims into one dispute and splits its claims into two sides: the two claims
of a denial or numeric conflict stand on opposite sides, the two claims of an `agrees`
link or of a 'confirmed one, disputed the other though they agree' status conflict on the
same side. Attribution conflicts (the same words given to different speakers) form
disputes of their own, sided by speaker.

Disputes are computed from the stored conflicts when read, not stored: conflicts change
with every review (status conflicts), link decision and speaker merge, and grouping a
casefile's conflicts is one pass over them. A dispute's id is its lowest conflict id, so
it stays the same while that conflict stands.

A side counts its *independent* sources: a source counts once however many of the side's
claims it holds, and a word-for-word reprint in another outlet (`reprint_of`) adds that
outlet to the side's sources without counting it again. Disputes rank by the independent
sources of their thinner side, then firm before weak, then the thicker side, so a story
several outlets assert and several deny comes before one outlet's quarrel with itself.

A check with sources on both sides is a dispute too (`check_disputes`, kind `check`): the
check's text is the proposition, the sources that support it stand on one side and those
that dispute it on the other, each side holding the claims that decided its sources'
stances. A pairwise dispute holding a claim that decides a source's stance on the check
is about the check's proposition: it is merged into the check's dispute (its conflicts
listed there), whose sides the check's stances decide, so a source that only relays the
claim stands on neither side. Its id is the check's id, negated, so it never meets a
conflict id. It is weak when a side rests only on weak readings: the body-text reading (a
sentence calling the story untrue that no claim holds) or a plain negation ('did not', 'not
among') with no denying or debunking word. On Emergent (development half) the pairs such
disputes flag are real half as often as the others (0.49 against 0.76).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from claims.checks import NEGATES
from claims.models import Check, Claim, Conflict, Link
from claims.polarity import claim_polarity
from claims.text import one_line
from claims.vocabulary import NARRATIVE

PROPOSITION_KINDS = ("denial", "numeric", "status")
"""Conflict kinds whose claims dispute one proposition (attribution disputes who said it)."""
_SNIPPET = 120


@dataclass(frozen=True)
class DisputeSide:
    """The claims on one side of a dispute, with who made them and where."""

    claim_ids: tuple[int, ...]
    speakers: tuple[str, ...]
    source_ids: tuple[int, ...]
    """Sources of the side's claims, then the sources that reprinted them word for word."""
    independent_sources: int
    """Distinct sources of the side's own (not reprinted) claims."""
    stance: str
    """'asserts', 'denies', for numeric and attribution disputes 'states', for a check's dispute 'supports' or 'disputes'."""

    def as_dict(self) -> dict:
        return {
            "stance": self.stance,
            "claim_ids": list(self.claim_ids),
            "speakers": list(self.speakers),
            "source_ids": list(self.source_ids),
            "independent_sources": self.independent_sources,
        }


@dataclass(frozen=True)
class Dispute:
    """One disagreement: the conflicts about one proposition and the two sides they form."""

    id: int
    kind: str
    """'denial', 'numeric', 'attribution' or 'status': the kind of most of its conflicts; 'check' for a check's."""
    proposition: str
    """What is disputed, as the first side's claim in the strongest conflict states it."""
    conflict_ids: tuple[int, ...]
    kinds: tuple[str, ...]
    weak: bool
    """True when every conflict in it is weak (a hedged or merely reported side)."""
    sides: tuple[DisputeSide, DisputeSide]
    explanation: str
    """The first (strongest) conflict's sentence."""
    check_id: int | None = None
    """The check whose supporting and disputing sources form the dispute (kind 'check')."""

    @property
    def claim_ids(self) -> tuple[int, ...]:
        return tuple(sorted(self.sides[0].claim_ids + self.sides[1].claim_ids))

    def rank_key(self) -> tuple:
        """Sort key: most independent sources on the thinner side first, firm before weak."""
        thin, thick = sorted(side.independent_sources for side in self.sides)
        return (-thin, self.weak, -thick, -len(self.conflict_ids), self.id)

    def summary(self) -> str:
        """'3 sources against 2' as one line."""
        first, second = (side.independent_sources for side in self.sides)
        return f"{_sources(first)} against {second}"

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "kinds": list(self.kinds),
            "proposition": self.proposition,
            "weak": self.weak,
            "conflict_ids": list(self.conflict_ids),
            "explanation": self.explanation,
            "check_id": self.check_id,
            "sides": [side.as_dict() for side in self.sides],
        }


def _verb(count: int, verb: str) -> str:
    return f"{verb}s" if count == 1 else verb


def _sources(count: int) -> str:
    return f"{count} source{'s' if count != 1 else ''}"


class _Parity:
    """Union-find that also knows whether two members stand on the same side (parity 0) or not (1)."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        self.parity: dict[int, int] = {}

    def find(self, node: int) -> tuple[int, int]:
        path = []
        while self.parent.setdefault(node, node) != node:
            path.append(node)
            node = self.parent[node]
        root, parity = node, 0
        # Compress: every node on the path points at the root with its parity to it.
        for member in reversed(path):
            parity ^= self.parity.get(member, 0)
            self.parent[member], self.parity[member] = root, parity
        return root, self.parity.get(path[0], 0) if path else 0

    def union(self, a: int, b: int, opposite: int) -> bool:
        """Join a and b (opposite=1: on different sides); False when that contradicts what is known."""
        root_a, parity_a = self.find(a)
        root_b, parity_b = self.find(b)
        if root_a == root_b:
            return parity_a ^ parity_b == opposite
        if root_a > root_b:
            root_a, root_b, parity_a, parity_b = root_b, root_a, parity_b, parity_a
        self.parent[root_b] = root_a
        self.parity[root_b] = parity_a ^ parity_b ^ opposite
        return True


def group_disputes(
    conflicts: Sequence[Conflict],
    claims: Mapping[int, Claim],
    links: Iterable[Link] = (),
    reprint_sources: Mapping[int, Sequence[int]] | None = None,
) -> list[Dispute]:
    """Disputes over `conflicts`, most contested first.

    `claims` holds (at least) every claim a conflict names; `links` may carry the `agrees`
    links among them (others are ignored); `reprint_sources` maps a claim id to the sources
    that reprinted it word for word.
    """
    reprint_sources = reprint_sources or {}
    known = [
        conflict
        for conflict in conflicts
        if all(claim_id in claims for claim_id in conflict.claim_ids)
    ]
    disputes = [
        _dispute(group, claims, sides, reprint_sources) for group, sides in _groups(known, links)
    ]
    disputes.sort(key=Dispute.rank_key)
    return disputes


def dispute_ids(
    conflicts: Sequence[Conflict], links: Iterable[Link] = (), checks: Iterable[Check] = ()
) -> dict[int, int]:
    """{conflict id: id of its dispute}, without reading the claims.

    The grouping `group_disputes` makes, and the merge `with_check_disputes` makes: a group
    holding a claim that decides a stance on a contested check belongs to that check's
    dispute (id minus the check's id).
    """
    owner = check_owners(checks)
    found: dict[int, int] = {}
    for group, _ in _groups(conflicts, links):
        check_id = _owning_check(
            {claim_id for conflict in group for claim_id in conflict.claim_ids}, owner
        )
        dispute_id = -check_id if check_id is not None else min(member.id for member in group)
        found.update((conflict.id, dispute_id) for conflict in group)
    return found


def is_contested(check: Check) -> bool:
    """Whether some sources support the check and others dispute it: the check is a dispute."""
    return {"supports", "disputes"} <= {source.stance for source in check.sources}


def check_owners(checks: Iterable[Check]) -> dict[int, int]:
    """{claim id: id of the first contested check whose stance it decides}.

    A check is contested when some sources support it and others dispute it; its dispute
    absorbs the pairwise disputes that hold one of these claims.
    """
    owner: dict[int, int] = {}
    for check in checks:
        if not is_contested(check):
            continue
        for source in check.sources:
            if source.stance != "unrelated":
                for claim_id in source.claim_ids:
                    owner.setdefault(claim_id, check.id)
    return owner


def _owning_check(claim_ids: Iterable[int], owner: Mapping[int, int]) -> int | None:
    return min((owner[claim_id] for claim_id in claim_ids if claim_id in owner), default=None)


def _groups(
    conflicts: Sequence[Conflict], links: Iterable[Link]
) -> list[tuple[list[Conflict], _Parity]]:
    """The conflicts of each dispute, with the side structure their claims were sorted into."""
    contradicting = {
        tuple(sorted(c.claim_ids)) for c in conflicts if c.kind in ("denial", "numeric")
    }
    families: dict[str, list[Conflict]] = {"proposition": [], "attribution": []}
    for conflict in conflicts:
        families["attribution" if conflict.kind == "attribution" else "proposition"].append(
            conflict
        )
    agreeing = [
        link.claim_ids for link in links if link.relation == "agrees" and link.state != "rejected"
    ]
    found: list[tuple[list[Conflict], _Parity]] = []
    for family, members in families.items():
        if not members:
            continue
        sides = _Parity()
        # Firm contradictions decide the sides first; a weaker edge that disagrees with them is left out.
        for conflict in sorted(members, key=lambda c: (c.kind == "status", c.weak, c.id)):
            a, b = conflict.claim_ids
            if family == "attribution" or conflict.kind != "status":
                sides.union(a, b, 1)
            else:
                sides.union(a, b, 1 if tuple(sorted(conflict.claim_ids)) in contradicting else 0)
        involved = {claim_id for conflict in members for claim_id in conflict.claim_ids}
        for a, b in agreeing:
            if a in involved and b in involved:
                sides.union(a, b, 0)
        grouped: dict[int, list[Conflict]] = defaultdict(list)
        for conflict in members:
            grouped[sides.find(conflict.claim_ids[0])[0]].append(conflict)
        found.extend((group, sides) for group in grouped.values())
    return found


def _dispute(
    group: list[Conflict],
    claims: Mapping[int, Claim],
    sides: _Parity,
    reprint_sources: Mapping[int, Sequence[int]],
) -> Dispute:
    members = sorted({claim_id for conflict in group for claim_id in conflict.claim_ids})
    split: tuple[list[int], list[int]] = ([], [])
    for claim_id in members:
        split[sides.find(claim_id)[1]].append(claim_id)
    kinds = sorted({conflict.kind for conflict in group})
    main_kind = max(kinds, key=lambda kind: (sum(c.kind == kind for c in group), kind != "status"))
    degree: dict[int, int] = defaultdict(int)
    for conflict in group:
        for claim_id in conflict.claim_ids:
            degree[claim_id] += 1
    stances = [_stance(main_kind, [claims[i] for i in side]) for side in split]
    # The asserting side comes first, so the proposition reads as what one side states.
    if stances[0] == "denies" and stances[1] != "denies":
        split, stances = (split[1], split[0]), [stances[1], stances[0]]
    built = tuple(
        _side(ids, claims, reprint_sources, stance) for ids, stance in zip(split, stances)
    )
    strongest = min(group, key=lambda c: (c.weak, c.kind == "status", c.id))
    # What is disputed is what the first side says in the strongest conflict.
    first_side = set(split[0])
    lead = next(
        (claim_id for claim_id in strongest.claim_ids if claim_id in first_side),
        max(split[0] or members, key=lambda claim_id: (degree[claim_id], -claim_id)),
    )
    return Dispute(
        id=min(conflict.id for conflict in group),
        kind=main_kind,
        proposition=one_line(claims[lead].text, _SNIPPET),
        conflict_ids=tuple(sorted(conflict.id for conflict in group)),
        kinds=tuple(kinds),
        weak=all(conflict.weak for conflict in group),
        sides=built,  # type: ignore[arg-type]
        explanation=strongest.explanation,
    )


def _stance(kind: str, side: list[Claim]) -> str:
    if kind not in ("denial", "status"):
        return "states"
    denying = sum(claim_polarity(claim) == "denies" for claim in side)
    return "denies" if denying * 2 > len(side) else "asserts"


def _side(
    ids: list[int],
    claims: Mapping[int, Claim],
    reprint_sources: Mapping[int, Sequence[int]],
    stance: str,
) -> DisputeSide:
    speakers: dict[str, None] = {}
    own_sources: dict[int, None] = {}
    for claim_id in ids:
        claim = claims[claim_id]
        speakers.setdefault(one_line(claim.speaker, 60) if claim.speaker else NARRATIVE, None)
        own_sources.setdefault(claim.source_id, None)
    reprinted = {
        source for claim_id in ids for source in reprint_sources.get(claim_id, ())
    } - own_sources.keys()
    return DisputeSide(
        claim_ids=tuple(ids),
        speakers=tuple(speakers),
        source_ids=tuple(sorted(own_sources)) + tuple(sorted(reprinted)),
        independent_sources=len(own_sources),
        stance=stance,
    )


BODY_TEXT_READING = "its text "
"""How a stance explanation starts when only the body-text debunk reading decided it."""


def _weak_stance(explanation: str) -> bool:
    """Whether a stance rests on a weak reading: the body text's debunking sentence, or a plain negation."""
    reading = explanation.split("\u201c", 1)[0]  # what decided, before the quoted statement
    return reading.startswith(BODY_TEXT_READING) or f" {NEGATES} " in reading


def check_disputes(
    checks: Iterable[Check],
    claims: Mapping[int, Claim],
    reprint_sources: Mapping[int, Sequence[int]] | None = None,
) -> list[Dispute]:
    """A dispute for each check with sources that support it and sources that dispute it.

    `claims` holds the claims that decide the stances (those missing are left out of the
    sides); `reprint_sources` maps a claim id to the sources that reprinted it word for word.
    A source whose deciding claims are all word-for-word reprints of a claim on its side
    adds to the side's sources without counting again.
    """
    reprint_sources = reprint_sources or {}
    found: list[Dispute] = []
    for check in checks:
        on = {
            stance: [source for source in check.sources if source.stance == stance]
            for stance in ("supports", "disputes")
        }
        if not is_contested(check):
            continue
        sides = tuple(
            _check_side(on[stance], claims, reprint_sources, stance)
            for stance in ("supports", "disputes")
        )
        weak = any(all(_weak_stance(source.explanation) for source in on[stance]) for stance in on)
        found.append(
            Dispute(
                id=-check.id,
                kind="check",
                proposition=one_line(check.text, _SNIPPET),
                conflict_ids=(),
                kinds=("check",),
                weak=weak,
                sides=sides,  # type: ignore[arg-type]
                explanation=(
                    f"{_sources(len(on['supports']))} {_verb(len(on['supports']), 'support')} "
                    f"check #{check.id}, {_sources(len(on['disputes']))} "
                    f"{_verb(len(on['disputes']), 'dispute')} it"
                ),
                check_id=check.id,
            )
        )
    return found


def _check_side(
    stances: Sequence,
    claims: Mapping[int, Claim],
    reprint_sources: Mapping[int, Sequence[int]],
    stance: str,
) -> DisputeSide:
    claim_ids = [
        claim_id for source in stances for claim_id in source.claim_ids if claim_id in claims
    ]
    side_claims = set(claim_ids)
    speakers: dict[str, None] = {}
    for claim_id in claim_ids:
        claim = claims[claim_id]
        speakers.setdefault(one_line(claim.speaker, 60) if claim.speaker else NARRATIVE, None)
    own: dict[int, None] = {}
    reprinted: dict[int, None] = {}
    for source in stances:
        deciding = [claims[cid] for cid in source.claim_ids if cid in claims]
        copies = deciding and all(
            claim.reprint_of is not None and claim.reprint_of in side_claims for claim in deciding
        )
        (reprinted if copies else own).setdefault(source.source_id, None)
    for claim_id in claim_ids:
        for source_id in reprint_sources.get(claim_id, ()):
            if source_id not in own:
                reprinted.setdefault(source_id, None)
    return DisputeSide(
        claim_ids=tuple(dict.fromkeys(claim_ids)),
        speakers=tuple(speakers) or (NARRATIVE,),
        source_ids=tuple(sorted(own)) + tuple(sorted(set(reprinted) - set(own))),
        independent_sources=len(own),
        stance=stance,
    )


def with_check_disputes(
    disputes: Sequence[Dispute],
    checks: Iterable[Check],
    claims: Mapping[int, Claim],
    reprint_sources: Mapping[int, Sequence[int]] | None = None,
) -> list[Dispute]:
    """The pairwise `disputes` and those of the checks with sources on both sides, most contested first.

    A pairwise dispute holding a claim that decides a source's stance on a contested check
    is merged into that check's dispute (the first such check), which lists its conflicts.
    """
    checks = list(checks)
    by_check = {
        dispute.check_id: dispute for dispute in check_disputes(checks, claims, reprint_sources)
    }
    owner = check_owners(checks)
    absorbed: dict[int, list[Dispute]] = defaultdict(list)
    kept = []
    for dispute in disputes:
        check_id = _owning_check(dispute.claim_ids, owner)
        if check_id is None:
            kept.append(dispute)
        else:
            absorbed[check_id].append(dispute)
    merged = []
    for dispute in by_check.values():
        members = absorbed.get(dispute.check_id or 0, [])
        merged.append(
            replace(
                dispute,
                conflict_ids=tuple(sorted(cid for m in members for cid in m.conflict_ids)),
                kinds=tuple(sorted({"check", *(kind for m in members for kind in m.kinds)})),
            )
        )
    return sorted(kept + merged, key=Dispute.rank_key)
