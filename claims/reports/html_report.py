"""The conflict report as one self-contained HTML page: inline CSS, inline SVG, no scripts."""

from __future__ import annotations

from html import escape
from typing import TextIO

from claims.models import Conflict, Export
from claims.reports.checks_section import CHECKS_STYLE, checks_html
from claims.reports.options import ReportOptions
from claims.reports.parts import ExportParts
from claims.reports.svg import comparable_pair, conflict_chart
from claims.reports.view import ClaimSide, ReportView, reprints_phrase
from claims.text import one_line

STYLE = """
:root{--fg:#1b1b1b;--muted:#5c5c5c;--line:#d0d0d0;--a:#2b6cb0;--b:#c05621;--bg:#fff}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);
max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{font-size:1.1rem}
.summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;padding:0;list-style:none}
.summary li{border:1px solid var(--line);border-radius:.4rem;padding:.5rem}
.summary b{display:block;font-size:1.3rem}
.conflict{border:1px solid var(--line);border-radius:.5rem;padding:.8rem;margin:1rem 0;break-inside:avoid}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.8rem}
.side{border-left:4px solid var(--a);padding-left:.6rem}.side.b{border-left-color:var(--b)}
blockquote{margin:.4rem 0;font-style:italic;overflow-wrap:anywhere}
.meta{color:var(--muted);font-size:.9rem;margin:.2rem 0;overflow-wrap:anywhere}
.status{font-weight:600;text-transform:uppercase;font-size:.8rem}
.confirmed{color:#276749}.disputed{color:#c53030}.unverifiable{color:#975a16}.unreviewed{color:var(--muted)}
.chart{max-width:28rem;margin:.5rem 0}.chart .label{font-size:12px;fill:var(--fg)}
.chart .bar.side0{fill:var(--a)}.chart .bar.side1{fill:var(--b)}.chart .range{opacity:.25}
.chart .range.side0{fill:var(--a)}.chart .range.side1{fill:var(--b)}
@media print{body{max-width:none;padding:0;font-size:11pt}a{color:inherit}
a[href]::after{content:" (" attr(href) ")";font-size:.8em;overflow-wrap:anywhere}.conflict{border-color:#999}}
""".strip()


def _text(value: str) -> str:
    return escape(one_line(value), quote=True)


def _side_html(side: ClaimSide, css_class: str) -> str:
    claim = side.claim
    role = f' <span class="meta">({_text(side.role)})</span>' if side.role else ""
    hedge = ", hedged" if claim.hedged else ""
    title = _text(side.source_title)
    source = f'<a href="{escape(side.link, quote=True)}">{title}</a>' if side.link else title
    details = ", ".join(_text(part) for part in (side.outlet, side.published) if part)
    parts = [
        f'<div class="side {css_class}">',
        f"<p><strong>{_text(side.speaker)}</strong>{role}</p>",
        f"<blockquote>{_text(claim.quote)}</blockquote>",
    ]
    if one_line(claim.text) != one_line(claim.quote):
        parts.append(f'<p class="meta">Claim: {_text(claim.text)}</p>')
    parts.append(f'<p class="meta">{source}{", " + details if details else ""}</p>')
    if side.reprints:
        parts.append(
            f'<p class="meta">Also printed word for word in {reprints_phrase(side.reprints)}</p>'
        )
    reviewed = ""
    if side.last_review is not None:
        reviewed = (
            f" by {_text(side.last_review.reviewer)} on {side.last_review.at.date().isoformat()}"
        )
    parts.append(
        f'<p class="meta"><span class="status {claim.status}">{claim.status}</span>{reviewed}'
        f" · {claim.kind} {claim.polarity}{hedge} · claim #{claim.id}</p>"
    )
    if claim.rating:
        by = f" by {_text(claim.rated_by)}" if claim.rated_by else ""
        on = f" on {claim.rated_on.isoformat()}" if claim.rated_on else ""
        parts.append(f'<p class="meta">Already rated {_text(claim.rating)}{by}{on}</p>')
    parts.extend(f'<p class="meta">Note: {_text(note)}</p>' for note in side.notes)
    parts.append("</div>")
    return "".join(parts)


def _conflict_html(number: int, conflict: Conflict, view: ReportView) -> str:
    first, second = (view.claims[claim_id] for claim_id in conflict.claim_ids)
    strength = " (weak)" if conflict.weak else ""
    parts = [
        f'<section class="conflict" id="conflict-{conflict.id}">',
        f"<h3>{number}. {conflict.kind.capitalize()} conflict{strength} — #{conflict.id}</h3>",
        f"<p>{_text(conflict.explanation)}</p>",
    ]
    if conflict.kind == "numeric":
        pair = comparable_pair(first, second)
        if pair is not None:
            labels = (view.side(first).speaker, view.side(second).speaker)
            parts.append(conflict_chart(list(zip(labels, pair))))
    parts.append('<div class="sides">')
    parts.append(_side_html(view.side(first), "a"))
    parts.append(_side_html(view.side(second), "b"))
    parts.append("</div></section>")
    return "".join(parts)


def write_html(export: Export | ExportParts, stream: TextIO, options: ReportOptions) -> None:
    """Write the conflict report as a standalone HTML page to `stream`, holding only the claims it shows."""
    view = ReportView(export, keep="reported")
    title = _text(options.title)
    stream.write(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{STYLE}\n{CHECKS_STYLE}\n</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
    )
    if options.generated_at is not None:
        stream.write(
            f'<p class="meta">Generated {options.generated_at.isoformat(timespec="minutes")}</p>\n'
        )
    stream.write(checks_html(view.parts.checks))
    counts = view.status_counts()
    kinds = ", ".join(f"{count} {kind}" for kind, count in view.conflict_kind_counts().items())
    tiles = [
        ("Sources", len(view.parts.sources)),
        ("Speakers", len(view.parts.speakers)),
        ("Claims", view.claim_count),
        ("Conflicts", len(view.conflicts)),
        *((status.capitalize(), count) for status, count in counts.items()),
    ]
    stream.write('<h2>Summary</h2>\n<ul class="summary">')
    stream.write("".join(f"<li><b>{value}</b>{label}</li>" for label, value in tiles))
    stream.write("</ul>\n")
    if kinds:
        stream.write(f'<p class="meta">Conflicts by kind: {kinds}</p>\n')
    stream.write("<h2>Conflicts</h2>\n")
    if not view.conflicts:
        stream.write("<p>No conflicts.</p>\n")
    for rank, dispute, conflicts in view.numbered_disputes():
        # Each dispute: what is disputed and who stands where, then its conflicts one by one.
        weak = " (weak)" if dispute.weak else ""
        stream.write(
            f'<h3 id="dispute-{dispute.id}">Dispute {rank}{weak}: {_text(dispute.summary())}</h3>\n<ul>'
        )
        stream.write(
            "".join(f"<li>{_text(line)}</li>" for line in view.dispute_lines(dispute)) + "</ul>\n"
        )
        for number, conflict in conflicts:
            stream.write(_conflict_html(number, conflict, view) + "\n")
    stream.write("<h2>Other reviewed claims</h2>\n")
    reviewed = view.reviewed_outside_conflicts()
    if not reviewed:
        stream.write("<p>None.</p>\n")
    for claim in reviewed:
        stream.write(f'<section class="conflict">{_side_html(view.side(claim), "a")}</section>\n')
    stream.write("</body>\n</html>\n")
