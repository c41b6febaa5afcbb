"""`counterclaim check`: state a claim to check and see where every source stands on it."""

from __future__ import annotations

from typing import Annotated

import typer

from claims.checks import STANCES
from claims.models import Check
from counterclaim import cli_output as out
from counterclaim.app import JsonFlag, Settings
from counterclaim.errors import handle_errors

UNRELATED_LISTED = 20
"""Unrelated sources listed by name in text output; a big casefile has thousands."""

check_app = typer.Typer(
    help="Claims under check: where every source stands (supports, disputes, reports, unrelated).",
    rich_markup_mode=None,
    no_args_is_help=True,
)


@check_app.command("add")
@handle_errors
def check_add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The claim to check, as one sentence.")],
    json_output: JsonFlag = False,
) -> None:
    """State a claim to check; every source's stance on it is computed now and as sources are added."""
    settings: Settings = ctx.obj
    with settings.open(create=True) as store:
        check = store.add_check(text, settings.reviewer)
    if json_output:
        out.print_json({"id": check.id, "text": check.text})
        return
    out.echo(f"check {check.id}: {out.safe(check.text)}")
    out.echo(f"   {_counts(check)}")


@check_app.command("list")
@handle_errors
def check_list(
    ctx: typer.Context,
    json_output: JsonFlag = False,
) -> None:
    """List the checks with how many sources support, dispute or report each."""
    with ctx.obj.open() as store:
        found = store.list_checks()
    if json_output:
        out.print_json(
            [{"id": check.id, "text": check.text, "counts": _count_dict(check)} for check in found]
        )
        return
    for check in found:
        out.echo(f"{check.id:>5} {out.one_line(check.text, 70)}")
        out.echo(f"      {_counts(check)}")
    out.echo(f"{len(found)} checks")


@check_app.command("show")
@handle_errors
def check_show(
    ctx: typer.Context,
    check_id: Annotated[int, typer.Argument(help="The check's id.")],
    json_output: JsonFlag = False,
) -> None:
    """Show where every source stands on a check, with the claims that decide it."""
    with ctx.obj.open() as store:
        check = store.get_check(check_id)
    if json_output:
        out.print_json(check.model_dump(mode="json"))
        return
    out.echo(f"check {check.id}: {out.safe(check.text)}")
    out.echo(f"   {_counts(check)}")
    for stance in STANCES:
        members = [item for item in check.sources if item.stance == stance]
        if not members:
            continue
        out.echo("")
        out.echo(f"{stance} ({len(members)})")
        shown = members if stance != "unrelated" else members[:UNRELATED_LISTED]
        for item in shown:
            title = out.one_line(item.title or f"source {item.source_id}", 70)
            out.echo(f"  source {item.source_id:>4}  {title}")
            if stance != "unrelated":
                claims = (
                    f"  [claims {', '.join(str(cid) for cid in item.claim_ids)}]"
                    if item.claim_ids
                    else ""
                )
                out.echo(f"               {out.one_line(item.explanation, 110)}{claims}")
        if len(shown) < len(members):
            out.echo(f"  and {len(members) - len(shown)} more (all of them with --json)")


def _count_dict(check: Check) -> dict[str, int]:
    counts = dict.fromkeys(STANCES, 0)
    for item in check.sources:
        counts[item.stance] += 1
    return counts


def _counts(check: Check) -> str:
    return ", ".join(f"{count} {stance}" for stance, count in _count_dict(check).items())
