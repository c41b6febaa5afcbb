"""Commands beyond the core loop: export, import, speakers, links, threads, log, db, backup."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claims.models import ReportFormat
from claims.reports.files import open_atomically
from claims.vocabulary import LINK_STATE_WORDS, LinkStateWord
from counterclaim import cli_output as out
from counterclaim.app import JsonFlag, Settings, SourceFilter, SpeakerFilter, StatusFilter
from counterclaim.errors import error, handle_errors
from counterclaim.sources import parse_date, read_import_file

commands_app = typer.Typer(rich_markup_mode=None)
"""Commands beyond the core loop; `counterclaim.cli` adds them and the two groups to the app."""
if TYPE_CHECKING:
    from claims.reports import ExportParts, ReportOptions

speakers_app = typer.Typer(
    help="List and merge speakers.", invoke_without_command=True, rich_markup_mode=None
)
db_app = typer.Typer(help="Inspect and upgrade the casefile's schema.", rich_markup_mode=None)


@commands_app.command()
@handle_errors
def export(
    ctx: typer.Context,
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="The report's format.")
    ] = "json",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of stdout."),
    ] = None,
    conflicts_only: Annotated[
        bool, typer.Option("--conflicts-only", help="Only claims in a conflict.")
    ] = False,
    status: StatusFilter = None,
    speaker: SpeakerFilter = None,
    source: SourceFilter = None,
    since: Annotated[
        str | None,
        typer.Option(help="Only sources published or reviews made on or after YYYY-MM-DD."),
    ] = None,
    org_name: Annotated[
        str | None,
        typer.Option(
            "--org-name",
            help="Publishing organisation for ClaimReview [env COUNTERCLAIM_ORG_NAME].",
        ),
    ] = None,
    org_url: Annotated[
        str | None,
        typer.Option(
            "--org-url", help="Its web address for ClaimReview [env COUNTERCLAIM_ORG_URL]."
        ),
    ] = None,
) -> None:
    """Export the casefile or a conflict report (json, markdown, html, csv, claimreview)."""
    from claims.reports import filter_parts

    since_date = parse_date(since, "--since") if since else None
    options = _report_options(org_name, org_url)
    # Claims are read page by page from one snapshot while the report is written.
    with ctx.obj.open() as store, store.streamed_export() as parts:
        chosen = filter_parts(
            parts,
            conflicts_only=conflicts_only,
            status=status,
            speaker=speaker,
            source=source,
            since=since_date,
        )
        _write_report(chosen, format, output, options, protected=store.casefile_files())
    for warning in options.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if output is not None:
        typer.echo(f"wrote {format} report to {output}", err=True)


def _report_options(org_name: str | None, org_url: str | None) -> ReportOptions:
    """The publisher ClaimReview names: the options, else COUNTERCLAIM_ORG_NAME / _URL."""
    from claims.reports import ReportOptions

    return ReportOptions(
        organization_name=org_name or os.environ.get("COUNTERCLAIM_ORG_NAME"),
        organization_url=org_url or os.environ.get("COUNTERCLAIM_ORG_URL"),
    )


def _write_report(
    parts: ExportParts,
    format: ReportFormat,
    output: Path | None,
    options: ReportOptions,
    *,
    protected: Iterable[Path],
) -> None:
    """Write the report to stdout, or atomically to `output` (never over the casefile's files)."""
    from claims.reports import write

    if output is None:
        stdout = typer.get_text_stream("stdout")
        write(parts, format, stdout, options=options)
        stdout.flush()
        return
    with open_atomically(output, protected=protected) as stream:
        write(parts, format, stream, options=options)


@commands_app.command("import")
@handle_errors
def import_file(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(
            help="ClaimReview JSON-LD/HTML, CSV, JSON Lines, or a counterclaim JSON export."
        ),
    ],
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Skip malformed rows (reported) instead of refusing.")
    ] = False,
    json_output: JsonFlag = False,
) -> None:
    """Import claims: earlier fact-checks, spreadsheets of claims, or our own export."""
    from claims.importers import parse_import

    settings: Settings = ctx.obj
    batch = parse_import(read_import_file(path), str(path), skip_bad=skip_bad)
    for warning in batch.warnings:
        typer.echo(f"warning: {warning}", err=True)
    from counterclaim.progress import progress_bar

    with (
        settings.open(create=True) as store,
        progress_bar("importing", None, unit="sources") as bar,
    ):
        result = store.import_batch(
            batch, settings.reviewer, lambda done, total: bar.update(done, total)
        )
    if json_output:
        out.print_json(result)
    else:
        out.echo(" ".join(f"{key}={value}" for key, value in result.items()))


@speakers_app.callback()
@handle_errors
def speakers(
    ctx: typer.Context,
    json_output: JsonFlag = False,
) -> None:
    """List speakers with their aliases (or merge two with `speakers merge`)."""
    if ctx.invoked_subcommand is not None:
        return
    with ctx.obj.open() as store:
        found = store.list_speakers()
    if json_output:
        out.print_json([speaker.model_dump(mode="json") for speaker in found])
        return
    for speaker in found:
        aliases = (
            f"  aka {', '.join(out.safe(a) for a in speaker.aliases)}" if speaker.aliases else ""
        )
        role = f" ({out.safe(speaker.role)})" if speaker.role else ""
        out.echo(f"{speaker.id:>5} {out.safe(speaker.name)}{role} [{speaker.kind}]{aliases}")
    out.echo(f"{len(found)} speakers")


@speakers_app.command("merge")
@handle_errors
def speakers_merge(
    ctx: typer.Context,
    keep: Annotated[int, typer.Argument(help="Speaker id that stays.")],
    other: Annotated[int, typer.Argument(help="Speaker id merged into it.")],
) -> None:
    """Merge speaker OTHER into KEEP (logged; undo with `speakers unmerge OTHER`)."""
    settings: Settings = ctx.obj
    with settings.open() as store:
        store.merge_speakers(keep, other, settings.reviewer)
    out.echo(f"merged speaker {other} into {keep}")


@speakers_app.command("unmerge")
@handle_errors
def speakers_unmerge(
    ctx: typer.Context,
    other: Annotated[int, typer.Argument(help="Speaker id that was merged into another.")],
) -> None:
    """Undo the merge of a speaker: its claims and name come back."""
    settings: Settings = ctx.obj
    with settings.open() as store:
        store.unmerge_speaker(other, settings.reviewer)
    out.echo(f"speaker {other} is separate again")


@commands_app.command()
@handle_errors
def links(
    ctx: typer.Context,
    state: Annotated[LinkStateWord | None, typer.Option(help="Only links in this state.")] = None,
    json_output: JsonFlag = False,
) -> None:
    """List links between related claims (suggested ones await a reviewer's decision)."""
    stored_state = (
        None
        if state is None
        else {word: stored for stored, word in LINK_STATE_WORDS.items()}[state]
    )
    with ctx.obj.open() as store:
        found = store.links(stored_state)
    if json_output:
        out.print_json([link.model_dump(mode="json") for link in found])
        return
    for link in found:
        a, b = link.claim_ids
        reason = f"  {out.safe(link.reason)}" if link.reason else ""
        out.echo(
            f"{a:>6} {b:>6}  {link.relation:<9} {out.link_state_word(link.state):<9} {link.score:.2f}{reason}"
        )
    out.echo(f"{len(found)} links")


@commands_app.command()
@handle_errors
def link(
    ctx: typer.Context,
    claim_a: Annotated[int, typer.Argument(help="One claim id.")],
    claim_b: Annotated[int, typer.Argument(help="The other claim id.")],
    accept: Annotated[bool, typer.Option("--accept", help="Accept the link.")] = False,
    reject: Annotated[
        bool, typer.Option("--reject", help="Reject it: the pair is never suggested again.")
    ] = False,
) -> None:
    """Accept or reject the link between two claims."""
    if accept == reject:
        raise ValueError("say --accept or --reject")
    settings: Settings = ctx.obj
    with settings.open() as store:
        store.decide_link(claim_a, claim_b, accept, settings.reviewer)
    out.echo(
        f"link {min(claim_a, claim_b)}-{max(claim_a, claim_b)}: {'accepted' if accept else 'rejected'}"
    )


@commands_app.command()
@handle_errors
def threads(
    ctx: typer.Context,
    json_output: JsonFlag = False,
) -> None:
    """List threads: claims linked into the story of one proposition, most contested first."""
    with ctx.obj.open() as store:
        found = store.threads()
    if json_output:
        out.print_json([thread.as_dict() for thread in found])
        return
    for number, thread in enumerate(found, 1):
        out.echo(
            f"thread {number}: {len(thread.claim_ids)} claims, {len(thread.conflict_ids)} conflicts: "
            f"{out.one_line(thread.title, 80)}"
        )
        out.echo(f"   claims {', '.join(str(cid) for cid in thread.claim_ids)}")
    out.echo(f"{len(found)} threads")


@commands_app.command()
@handle_errors
def log(
    ctx: typer.Context,
    claim: Annotated[
        int | None, typer.Option("--claim", help="Only events about this claim.")
    ] = None,
    reviewer: Annotated[
        str | None, typer.Option("--reviewer", help="Only events by this reviewer.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Only the newest N events.")] = None,
    json_output: JsonFlag = False,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify",
            help="Check the log's hash chain; name the first entry changed, removed or inserted.",
        ),
    ] = False,
) -> None:
    """Show the append-only log of every change: who, when, what, old and new value."""
    from store.api import is_note_only

    if verify:
        _verify_log(ctx, json_output)
        return
    out.check_limit(limit)
    if reviewer is not None and not reviewer.strip():
        raise ValueError("--reviewer is blank: give the name whose events to show")
    with ctx.obj.open() as store:
        events = store.events(claim_id=claim, reviewer=reviewer, limit=limit)
    if json_output:
        out.print_json([event.as_dict() for event in events])
        return
    for event in events:
        target = (
            f"claim {event.claim_id}" if event.claim_id is not None else (event.entity_id or "")
        )
        # A note that left the status alone reads "note: ...", as in the desk's history.
        unchanged = event.action == "ingest" or is_note_only(
            event.old_value, event.new_value, event.note
        )
        transition = f"{event.old_value or ''} -> {event.new_value or ''}"
        change = "" if unchanged else f" {out.one_line(transition, 80)}"
        note = f"  note: {out.one_line(event.note)}" if event.note else ""
        out.echo(
            f"{event.id:>6} {event.at:%Y-%m-%d %H:%M:%S} {out.one_line(event.actor, 20):<20} "
            f"{event.action:<8} {out.one_line(target)}{change}{note}"
        )
    out.echo(f"{len(events)} events")


def _verify_log(ctx: typer.Context, json_output: bool) -> None:
    with ctx.obj.open() as store:
        report = store.verify_log()
    if json_output:
        out.print_json(report.as_dict())
    elif report.intact:
        out.echo(
            f"the log is intact: {report.events} events, each chained to the one before; head {report.head or '-'}"
        )
    if not report.intact:
        error(f"the log was tampered with: first broken link: {report.reason}")
        raise typer.Exit(1)


@db_app.command("status")
@handle_errors
def db_status(
    ctx: typer.Context,
    json_output: JsonFlag = False,
) -> None:
    """Show the schema version of the casefile and any pending migrations."""
    with ctx.obj.open(upgrade=False) as store:
        status = store.schema_status()
    if json_output:
        out.print_json(status)
        return
    pending = ", ".join(status["pending"]) or "none"
    out.echo(f"database: {status['database']} ({status['backend']})")
    out.echo(
        f"schema:   {status['current'] or 'empty'} (newest {status['head']}); pending: {pending}"
    )


@db_app.command("upgrade")
@handle_errors
def db_upgrade(ctx: typer.Context) -> None:
    """Apply pending schema migrations (done automatically on first use)."""
    # Upgrading is how a team prepares an empty PostgreSQL database, so it may create the schema.
    with ctx.obj.open(create=True, upgrade=False) as store:
        applied = store.upgrade_schema()
    out.echo(f"applied {', '.join(applied)}" if applied else "schema is up to date")


@commands_app.command()
@handle_errors
def backup(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Where to write the copy.")],
) -> None:
    """Make a consistent copy of the casefile while others keep using it."""
    with ctx.obj.open() as store:
        kind = store.backup_to(path)
    out.echo(f"wrote {kind} backup to {path}")
