"""Plain-text and JSON output of the CLI. Document text is made terminal-safe before printing."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Mapping, Sequence

import typer

from claims.context import sentence_around
from claims.disputes import Dispute
from claims.documents import DocumentError
from claims.models import Claim, Conflict, Link, Source
from claims.ratings import prior_ratings
from claims.text import display_safe, one_line
from claims.vocabulary import link_state_word, speaker_name
from counterclaim.errors import error
from counterclaim.sources import parse_date
from store.api import is_note_only

USER_ERRORS = (DocumentError, OSError, UnicodeError)
CONFLICT_MARK = "⚠"

__all__ = ["error"]


def echo(text: str = "") -> None:
    typer.echo(text)


def say(text: str) -> None:
    """A line on stderr: what a command skipped or guessed, apart from its results on stdout."""
    typer.echo(one_line(text), err=True)


def print_json(value: object) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def check_limit(limit: int | None, option: str = "--limit") -> None:
    """Refuse a negative count (SQLite would read it as no limit at all)."""
    if limit is not None and limit < 0:
        raise DocumentError(f"{option} {limit}: give 0 or more")


def meta_overrides(**values: str | None) -> dict:
    overrides: dict[str, object] = {
        key: value for key, value in values.items() if value is not None
    }
    published = values.get("published")
    if published is not None:
        overrides["published"] = parse_date(published, "--published")
    return overrides


def add_result_dict(display: str, result) -> dict:
    return {
        "path": display,
        "source_id": result.source_id,
        "duplicate": result.duplicate,
        "claims": len(result.claim_ids),
        "links": result.link_count,
        "reprints": result.reprint_count,
        "conflicts": len(result.conflict_ids),
    }


def describe_add(display: str, result) -> str:
    name = one_line(display)
    if result.duplicate:
        return f"unchanged {name}: already in the casefile as source {result.source_id}"
    reprints = (
        f" ({result.reprint_count} reprinted from earlier sources)" if result.reprint_count else ""
    )
    return (
        f"added {name} as source {result.source_id}: {len(result.claim_ids)} claims{reprints}, "
        f"{result.link_count} links, {len(result.conflict_ids)} conflicts"
    )


def _width() -> int:
    return max(60, shutil.get_terminal_size((120, 24)).columns)


def claim_row(claim: Claim, conflicted: bool) -> str:
    mark = CONFLICT_MARK if conflicted else " "
    speaker = one_line(speaker_name(claim.speaker), 24)
    text_room = max(20, _width() - 60)
    return (
        f"{claim.id:>6} {mark} {claim.status:<12} {speaker:<24} "
        f"src {claim.source_id:<4} {one_line(claim.text, text_room)}"
    )


def print_claim_table(claims: Sequence[Claim], conflicted_ids: set[int]) -> None:
    if not claims:
        echo("no claims")
        return
    echo(f"{'id':>6} ! {'status':<12} {'speaker':<24} {'source':<8} text")
    for claim in claims:
        echo(claim_row(claim, claim.id in conflicted_ids))
    echo(f"{len(claims)} claims ({CONFLICT_MARK} = in a conflict)")


def claim_detail_dict(
    claim: Claim,
    source: Source,
    related: Iterable[tuple[Link, Claim]],
    conflicts: Iterable[Conflict],
) -> dict:
    passage = sentence_around(source.text or "", claim.start, claim.end)
    return {
        "claim": claim.model_dump(mode="json", by_alias=True),
        "source": source.model_dump(mode="json", exclude={"text"}),
        "context": passage.text,
        "related": [
            {
                "link": link.model_dump(mode="json"),
                "claim": other.model_dump(mode="json", by_alias=True),
            }
            for link, other in related
        ],
        "conflicts": [conflict.model_dump(mode="json") for conflict in conflicts],
        "prior_ratings": [
            {
                "claim_id": rated.id,
                "rating": rated.rating,
                "rated_by": rated.rated_by,
                "rated_on": rated.rated_on.isoformat() if rated.rated_on else None,
                "text": sentence,
            }
            for rated, sentence in prior_ratings(related)
        ],
    }


def source_label(source: Source) -> str:
    parts = [source.title or source.path or f"source {source.id}"]
    if source.outlet:
        parts.append(source.outlet)
    if source.published:
        parts.append(source.published.isoformat())
    return one_line(", ".join(parts))


def print_claim_detail(
    claim: Claim,
    source: Source,
    related: Sequence[tuple[Link, Claim]],
    conflicts: Sequence[Conflict],
) -> None:
    """`show`: the claim and its source, the passage, ratings, conflicts, related claims, history."""
    for line in (
        *_claim_heading(claim, source),
        *_reprint_lines(claim, related),
        *_figures_line(claim),
        _context_line(claim, source),
        *(
            f"rating:  {one_line(sentence)} (claim {rated.id})"
            for rated, sentence in prior_ratings(related)
        ),
        *_conflict_lines(conflicts),
        *_related_lines(claim, related),
        *_history_lines(claim),
    ):
        echo(line)


def _claim_heading(claim: Claim, source: Source) -> list[str]:
    speaker = speaker_name(claim.speaker)
    if claim.speaker_role:
        speaker += f" ({claim.speaker_role})"
    lines = [
        f"claim {claim.id}  [{claim.status}]  {claim.kind}, {claim.polarity}{', hedged' if claim.hedged else ''}",
        f"speaker: {one_line(speaker)}",
        f"source:  {claim.source_id}: {source_label(source)}",
    ]
    if source.url:
        lines.append(f"url:     {one_line(source.url)}")
    lines.append(f"claim:   {one_line(claim.text)}")
    lines.append(f"quote:   {one_line(claim.quote)}  (chars {claim.start}-{claim.end})")
    return lines


def _reprint_lines(claim: Claim, related: Sequence[tuple[Link, Claim]]) -> list[str]:
    """Whether the claim reprints an earlier one, and which later claims reprint it."""
    lines = []
    if claim.reprint_of is not None:
        lines.append(
            f"reprint: of claim {claim.reprint_of} (the same words from the same speaker; its links and conflicts stand there)"
        )
    reprints = [other.id for _, other in related if other.reprint_of == claim.id]
    if reprints:
        lines.append(
            f"reprints: {len(reprints)} (claims {', '.join(map(str, reprints[:10]))}{', ...' if len(reprints) > 10 else ''})"
        )
    return lines


def _figures_line(claim: Claim) -> list[str]:
    if not claim.quantities:
        return []
    figures = "; ".join(
        one_line(q.text) + f" = {q.value:g} {q.unit or ''}".rstrip() for q in claim.quantities
    )
    return [f"figures: {figures}"]


def _context_line(claim: Claim, source: Source) -> str:
    """The sentence around the claim, the claim's own words marked »like this«."""
    passage = sentence_around(source.text or "", claim.start, claim.end)
    return (
        "context: "
        + one_line(passage.before)
        + " »"
        + one_line(passage.highlighted)
        + "« "
        + one_line(passage.after)
    )


def _conflict_lines(conflicts: Sequence[Conflict]) -> list[str]:
    if not conflicts:
        return []
    return ["conflicts:"] + [
        f"  #{conflict.id} {conflict.kind}{' (weak)' if conflict.weak else ''}: {one_line(conflict.explanation)}"
        for conflict in conflicts
    ]


def _related_lines(claim: Claim, related: Sequence[tuple[Link, Claim]]) -> list[str]:
    if not related:
        return []
    lines = ["related:"]
    for link, other in related:
        relation = (
            "reprint"
            if claim.id == other.reprint_of or other.id == claim.reprint_of
            else link.relation
        )
        lines.append(
            f"  {other.id:>5} {relation:<9} {link_state_word(link.state):<9} {link.score:.2f} "
            f"{one_line(speaker_name(other.speaker), 20)}: {one_line(other.text, 70)}"
        )
    return lines


def _history_lines(claim: Claim) -> list[str]:
    """Each review: who, when, the change (or only a note, as the desk's history shows it)."""
    if not claim.history:
        return []
    lines = ["history:"]
    for event in claim.history:
        if is_note_only(event.from_, event.to, event.note):
            change = f"note: {one_line(event.note or '')}"
        else:
            change = f"{event.from_} -> {event.to}" + (
                f"  note: {one_line(event.note)}" if event.note else ""
            )
        lines.append(f"  {event.at:%Y-%m-%d %H:%M:%S} {one_line(event.reviewer)}: {change}")
    return lines


def print_conflicts(conflicts: Sequence[Conflict], claims: Mapping[int, Claim]) -> None:
    if not conflicts:
        echo("no conflicts")
        return
    for conflict in conflicts:
        weak = " (weak)" if conflict.weak else ""
        a, b = conflict.claim_ids
        echo(f"#{conflict.id} {conflict.kind}{weak}: claims {a} and {b}")
        echo(f"   {one_line(conflict.explanation)}")
        for claim_id in (a, b):
            claim = claims.get(claim_id)
            if claim:
                echo(
                    f"   {claim_id:>5} {one_line(speaker_name(claim.speaker), 28)}: {one_line(claim.text, 80)}"
                )
    echo(f"{len(conflicts)} conflicts")


def dispute_dict(dispute: Dispute, conflicts: Mapping[int, Conflict]) -> dict:
    """A dispute as JSON: its sides, and its conflicts in the export's conflict shape."""
    return {
        **dispute.as_dict(),
        "conflicts": [
            conflicts[cid].model_dump(mode="json")
            for cid in dispute.conflict_ids
            if cid in conflicts
        ],
    }


def print_disputes(
    disputes: Sequence[Dispute],
    conflicts: Mapping[int, Conflict],
    claims: Mapping[int, Claim],
    sources: Mapping[int, Source],
) -> None:
    """Each dispute: what is disputed, who stands on each side and where, and its conflicts' reasons."""
    if not disputes:
        echo("no conflicts")
        return
    for dispute in disputes:
        weak = " (weak)" if dispute.weak else ""
        count = len(dispute.conflict_ids)
        if dispute.check_id is not None:
            echo(f"dispute on check #{dispute.check_id}{weak}: {dispute.summary()}")
        else:
            echo(
                f"dispute #{dispute.id} {dispute.kind}{weak}: {dispute.summary()} "
                f"({count} conflict{'s' if count != 1 else ''})"
            )
        echo(f"   about: {one_line(dispute.proposition, 100)}")
        for side in dispute.sides:
            where = ", ".join(
                one_line(_source_name(sources.get(sid), sid), 40) for sid in side.source_ids[:6]
            )
            more = f" and {len(side.source_ids) - 6} more" if len(side.source_ids) > 6 else ""
            speakers = ", ".join(one_line(name, 30) for name in side.speakers[:4])
            echo(f"   {side.stance}: {speakers} in {where}{more}")
            for claim_id in side.claim_ids[:3]:
                claim = claims.get(claim_id)
                if claim:
                    echo(
                        f"     {claim_id:>5} {one_line(claim.speaker or '(narrative)', 24)}: {one_line(claim.text, 80)}"
                    )
            if len(side.claim_ids) > 3:
                echo(f"     ... {len(side.claim_ids) - 3} more claims")
        for conflict_id in dispute.conflict_ids[:3]:
            conflict = conflicts.get(conflict_id)
            if conflict:
                echo(
                    f"   #{conflict.id} {conflict.kind}{' (weak)' if conflict.weak else ''}: {one_line(conflict.explanation)}"
                )
        if count > 3:
            echo(f"   ... {count - 3} more conflicts (conflicts --pairs lists them all)")
    echo(f"{len(disputes)} disputes ({len(conflicts)} conflicts)")


def _source_name(source: Source | None, source_id: int) -> str:
    if source is not None and (source.title or source.outlet):
        return source.title or source.outlet or ""
    return f"source {source_id}"


def safe(text: str | None) -> str:
    return display_safe(text or "")
