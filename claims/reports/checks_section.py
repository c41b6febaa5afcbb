"""The section reports lead with: each claim under check and where every source stands on it."""

from __future__ import annotations

from html import escape

from claims.checks import STANCES
from claims.models import Check
from claims.text import one_line

# Sources listed per stance in a report; the rest are counted.
MAX_LISTED = 50
STANCE_HEADINGS = {
    "supports": "Supports",
    "disputes": "Disputes",
    "reports": "Reports without taking a side",
    "unrelated": "Unrelated",
}
CHECKS_STYLE = """
.check{border:1px solid var(--line);border-radius:.5rem;padding:.8rem;margin:1rem 0;break-inside:avoid}
.stances{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.8rem}
.stance{border-top:4px solid var(--line);padding-top:.3rem}.stance ul{padding-left:1.1rem;margin:.3rem 0}
.stance.supports{border-top-color:#276749}.stance.disputes{border-top-color:#c53030}
.stance.reports{border-top-color:#975a16}
""".strip()


def _grouped(check: Check) -> dict[str, list]:
    grouped: dict[str, list] = {stance: [] for stance in STANCES}
    for item in check.sources:
        grouped[item.stance].append(item)
    return grouped


def _listed(items: list) -> list[tuple]:
    """(item, plain title, " (claims #1, #2)" or "") for the sources a report lists under one stance."""
    return [
        (
            item,
            item.title or f"source {item.source_id}",
            f" (claims {', '.join(f'#{cid}' for cid in item.claim_ids)})" if item.claim_ids else "",
        )
        for item in items[:MAX_LISTED]
    ]


def _counts(check: Check) -> str:
    return ", ".join(f"{len(items)} {stance}" for stance, items in _grouped(check).items())


def checks_markdown(checks: list[Check], escape_markdown) -> str:
    """The checks as Markdown (empty when there are none); `escape_markdown` makes document text inert."""
    if not checks:
        return ""
    lines = ["## Checks", ""]
    for check in checks:
        lines += [f"### Check #{check.id}: {escape_markdown(check.text)}", "", _counts(check), ""]
        for stance, items in _grouped(check).items():
            if stance == "unrelated" or not items:
                continue
            lines += [f"**{STANCE_HEADINGS[stance]}** ({len(items)})", ""]
            for item, title, claims in _listed(items):
                lines.append(
                    f"- {escape_markdown(title)}, source #{item.source_id}{claims}: {escape_markdown(item.explanation)}"
                )
            if len(items) > MAX_LISTED:
                lines.append(f"- and {len(items) - MAX_LISTED} more")
            lines.append("")
    return "\n".join(lines) + "\n"


def checks_html(checks: list[Check]) -> str:
    """The checks as HTML, stances side by side in columns (empty when there are none)."""
    if not checks:
        return ""
    parts = ["<h2>Checks</h2>"]
    for check in checks:
        parts.append(f'<section class="check"><h3>Check #{check.id}: {_text(check.text)}</h3>')
        parts.append(f'<p class="meta">{_text(_counts(check))}</p><div class="stances">')
        for stance, items in _grouped(check).items():
            if stance == "unrelated":
                continue
            parts.append(
                f'<div class="stance {stance}"><h4>{STANCE_HEADINGS[stance]} ({len(items)})</h4><ul>'
            )
            for item, title, claims in _listed(items):
                parts.append(
                    f'<li><b>{_text(title)}</b>{claims}<br><span class="meta">{_text(item.explanation)}</span></li>'
                )
            if len(items) > MAX_LISTED:
                parts.append(f"<li>and {len(items) - MAX_LISTED} more</li>")
            parts.append("</ul></div>")
        parts.append("</div></section>")
    return "\n".join(parts) + "\n"


def _text(value: str) -> str:
    return escape(one_line(value), quote=True)
