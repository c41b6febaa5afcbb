"""Conflict rules over linked claims: denial, numeric, attribution and review-status conflicts.

The store calls `detect_conflicts(claims, links, sources)` after linking and after every
review. Rules look only at links that are not `rejected`:

- `denial`: one side asserts, the other denies (or states the negative);
- `numeric`: the same measure in a comparable scope with values beyond tolerance
  (`claims.matching.numbers`);
- `attribution`: the same words attributed to different speakers;
- `status`: reviewers confirmed both sides of a conflict, or confirmed one claim and
  disputed another that agrees with it.

A finding is `weak` when a side is hedged or merely reported ('reports say'). Every
finding carries one sentence naming the speakers, the sources and what disagrees.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from rapidfuzz import fuzz

from claims.matching.features import effective_polarity, is_unattributed
from claims.matching.numbers import compare_numbers
from claims.models import Claim, ConflictFinding, Link, Quantity, Source
from claims.normalize import compare_text
from claims.speakers import same_speaker
from claims.text import one_line

SAME_WORDS_RATIO = 90
"""rapidfuzz ratio (on normalised quotes) above which two quotes are the same words."""
MIN_QUOTE_WORDS = 6
_SNIPPET = 90


def detect_conflicts(
    claims: Mapping[int, Claim], links: Iterable[Link], sources: Mapping[int, Source]
) -> list[ConflictFinding]:
    """Conflicts among linked claims, one finding per (kind, pair), rejected links ignored."""
    findings: dict[tuple[str, int, int], ConflictFinding] = {}
    for link in links:
        if link.state == "rejected":
            continue
        a, b = (claims.get(claim_id) for claim_id in sorted(link.claim_ids))
        if a is None or b is None or a.id == b.id:
            continue
        for finding in _pair_findings(a, b, link, sources):
            findings.setdefault((finding.kind, *finding.claim_ids), finding)
    return [findings[key] for key in sorted(findings)]


def _pair_findings(a: Claim, b: Claim, link: Link, sources: Mapping[int, Source]) -> list[ConflictFinding]:
    pair = (a.id, b.id)
    weak = any(claim.hedged or is_unattributed(claim) for claim in (a, b))
    found: list[ConflictFinding] = []
    polarity_a, polarity_b = effective_polarity(a), effective_polarity(b)
    if polarity_a != polarity_b:
        denier, asserter = (a, b) if polarity_a == "denies" else (b, a)
        text = f"{_side(denier, sources, _denial_phrase(denier))}, while {_side(asserter, sources, _assertion_phrase(asserter))}."
        found.append(ConflictFinding(kind="denial", claim_ids=pair, explanation=text, weak=weak))
    numeric = compare_numbers(a, b)
    if numeric is not None and numeric.verdict == "conflicts":
        text = (
            f"{_side(a, sources, _states(a, numeric.a))}, while {_side(b, sources, _states(b, numeric.b))}."
        )
        found.append(ConflictFinding(kind="numeric", claim_ids=pair, explanation=text, weak=weak))
    if _same_words_other_speaker(a, b):
        text = (
            f'The words "{_snippet(a.quote)}" are attributed to {_who(a, sources)} '
            f"and to {_who(b, sources)}."
        )
        found.append(ConflictFinding(kind="attribution", claim_ids=pair, explanation=text, weak=weak))
    statuses = {a.status, b.status}
    contradicting = any(f.kind in ("denial", "numeric") for f in found)
    if contradicting and statuses == {"confirmed"}:
        text = (
            f"Reviewers confirmed both {_who(a, sources)} and {_who(b, sources)}, "
            f"whose claims contradict each other."
        )
        found.append(ConflictFinding(kind="status", claim_ids=pair, explanation=text, weak=False))
    agreeing = not contradicting and (link.relation == "agrees" or (numeric is not None and numeric.verdict == "agrees"))
    if agreeing and statuses == {"confirmed", "disputed"}:
        confirmed, disputed = (a, b) if a.status == "confirmed" else (b, a)
        text = (
            f"Reviewers confirmed {_who(confirmed, sources)} but disputed {_who(disputed, sources)}, "
            f"though the two claims agree."
        )
        found.append(ConflictFinding(kind="status", claim_ids=pair, explanation=text, weak=False))
    return found


def _same_words_other_speaker(a: Claim, b: Claim) -> bool:
    if not a.speaker or not b.speaker or len(a.quote.split()) < MIN_QUOTE_WORDS:
        return False
    if a.speaker_id is not None and a.speaker_id == b.speaker_id:
        return False
    if same_speaker(a.speaker, [], b.speaker, []):
        return False
    return fuzz.ratio(compare_text(a.quote), compare_text(b.quote)) >= SAME_WORDS_RATIO


def source_label(source: Source | None, source_id: int) -> str:
    """How a sentence names a source: its title, else its outlet, else its number."""
    if source is not None and source.title:
        return one_line(source.title, 60)
    if source is not None and source.outlet:
        return one_line(source.outlet, 60)
    return f"source {source_id}"


def _who(claim: Claim, sources: Mapping[int, Source]) -> str:
    label = source_label(sources.get(claim.source_id), claim.source_id)
    if not claim.speaker:
        return label
    return f"{one_line(claim.speaker, 60)} ({label})"


def _plural(claim: Claim) -> bool:
    if not claim.speaker:
        return False
    words = claim.speaker.split()
    last = words[-1]
    return words[0].lower() == "both" or (last.islower() and last.endswith("s") and not last.endswith("'s"))


def _side(claim: Claim, sources: Mapping[int, Source], verb_phrase: tuple[str, str]) -> str:
    singular, plural = verb_phrase
    return f"{_who(claim, sources)} {plural if _plural(claim) else singular}"


def _snippet(text: str) -> str:
    return one_line(text, _SNIPPET).replace('"', "'")


def _denial_phrase(claim: Claim) -> tuple[str, str]:
    if claim.polarity != "denies":
        quoted = f'"{_snippet(claim.text)}"'
        return f"says {quoted}", f"say {quoted}"
    if claim.kind == "direct" and len(claim.quote.split()) <= 6:
        quoted = f'"{_snippet(claim.quote)}"'
        return f"calls it {quoted}", f"call it {quoted}"
    target = f'"{_snippet(claim.denial_target or claim.text)}"'
    return f"denies {target}", f"deny {target}"


def _assertion_phrase(claim: Claim) -> tuple[str, str]:
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
