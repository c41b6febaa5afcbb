"""The editor-ready conflict report in Markdown, with every piece of document text escaped."""

from __future__ import annotations

import re
from typing import TextIO

from claims.models import Claim, Conflict, Export
from claims.reports.checks_section import checks_markdown
from claims.reports.options import ReportOptions
from claims.reports.parts import ExportParts
from claims.reports.view import ClaimSide, ReportView, reprints_phrase
from claims.text import one_line

# Characters that start emphasis, code, links, HTML, tables, strikethrough or entities anywhere.
_INLINE_RE = re.compile(r"([\\`*_{}\[\]()<>|~!&#])")
# Characters that only matter at the start of a line: headings, lists, quotes, breaks.
_LEADING_RE = re.compile(r"^(\s*)([-+=>])")
_ORDERED_RE = re.compile(r"^(\s*\d+)([.)])")


def escape_markdown(text: str) -> str:
    """Document text as inert Markdown: one line, control chars stripped, syntax characters escaped."""
    flat = _INLINE_RE.sub(r"\\\1", one_line(text))
    flat = _LEADING_RE.sub(lambda match: match.group(1) + "\\" + match.group(2), flat)
    return _ORDERED_RE.sub(lambda match: match.group(1) + "\\" + match.group(2), flat)


def _side_lines(label: str, side: ClaimSide) -> list[str]:
    claim = side.claim
    who = f"**{escape_markdown(side.speaker)}**"
    if side.role:
        who += f" ({escape_markdown(side.role)})"
    hedge = ", hedged" if claim.hedged else ""
    lines = [f"{label}{who} — {claim.kind} {claim.polarity}{hedge}, claim #{claim.id}", ""]
    lines.append(f"> {escape_markdown(claim.quote)}")
    lines.append("")
    if one_line(claim.text) != one_line(claim.quote):
        lines.append(f"- Claim: {escape_markdown(claim.text)}")
    title = escape_markdown(side.source_title)
    source = f"[{title}]({side.link})" if side.link else title
    details = [escape_markdown(part) for part in (side.outlet, side.published) if part]
    lines.append("- Source: " + ", ".join([source, *details]))
    if side.reprints:
        lines.append(f"- Also printed word for word in {reprints_phrase(side.reprints)}")
    status = f"- Status: **{claim.status}**"
    if side.last_review is not None:
        status += f" by {escape_markdown(side.last_review.reviewer)} on {side.last_review.at.date().isoformat()}"
    lines.append(status)
    if claim.rating:
        rated = f"- Already rated {escape_markdown(claim.rating)}"
        if claim.rated_by:
            rated += f" by {escape_markdown(claim.rated_by)}"
        if claim.rated_on:
            rated += f" on {claim.rated_on.isoformat()}"
        lines.append(rated)
    for note in side.notes:
        lines.append(f"- Note: {escape_markdown(note)}")
    lines.append("")
    return lines


def _conflict_lines(number: int, conflict: Conflict, view: ReportView) -> list[str]:
    strength = " (weak)" if conflict.weak else ""
    lines = [f"### {number}. {conflict.kind.capitalize()} conflict{strength} — #{conflict.id}", ""]
    lines.append(escape_markdown(conflict.explanation))
    lines.append("")
    for label, claim_id in zip(("A: ", "B: "), conflict.claim_ids):
        lines.extend(_side_lines(label, view.side(view.claims[claim_id])))
    return lines


def _summary_lines(view: ReportView) -> list[str]:
    kinds = view.conflict_kind_counts()
    by_kind = ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    progress = ", ".join(f"{count} {status}" for status, count in view.status_counts().items())
    return [
        "## Summary",
        "",
        f"- Sources: {len(view.parts.sources)}",
        f"- Speakers: {len(view.parts.speakers)}",
        f"- Claims: {view.claim_count}",
        f"- Conflicts: {len(view.conflicts)}" + (f" ({by_kind})" if by_kind else ""),
        f"- Review progress: {progress}",
        "",
    ]


def write_markdown(export: Export | ExportParts, stream: TextIO, options: ReportOptions) -> None:
    """Write the conflict report as Markdown to `stream`, holding only the claims it shows."""
    view = ReportView(export, keep="reported")
    stream.write(f"# {escape_markdown(options.title)}\n\n")
    if options.generated_at is not None:
        stream.write(f"Generated {options.generated_at.isoformat(timespec='minutes')}\n\n")
    stream.write(checks_markdown(view.parts.checks, escape_markdown))
    stream.write("\n".join(_summary_lines(view)) + "\n")
    stream.write("## Conflicts\n\n")
    if not view.conflicts:
        stream.write("No conflicts.\n\n")
    for rank, dispute, conflicts in view.numbered_disputes():
        # Each dispute: what is disputed and who stands where, then its conflicts one by one.
        weak = " (weak)" if dispute.weak else ""
        stream.write(f"### Dispute {rank}{weak}: {escape_markdown(dispute.summary())}\n\n")
        stream.write(
            "".join(f"- {escape_markdown(line)}\n" for line in view.dispute_lines(dispute)) + "\n"
        )
        for number, conflict in conflicts:
            stream.write("\n".join(_conflict_lines(number, conflict, view)) + "\n")
    reviewed: list[Claim] = view.reviewed_outside_conflicts()
    stream.write("## Other reviewed claims\n\n")
    if not reviewed:
        stream.write("None.\n")
    for claim in reviewed:
        stream.write("\n".join(_side_lines("", view.side(claim))) + "\n")
