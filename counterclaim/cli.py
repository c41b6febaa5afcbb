"""The command line: the core loop's commands (add, claims, show, conflicts, review, the desk)
and `run`, the console script, which assembles the app with every command module.

A thin shell over `store.api.Store` and the domain in `claims`; the app and its shared
settings live in `counterclaim.app`, which no command module needs this one for.
"""

from __future__ import annotations

import logging
import signal
import sys
from collections import deque
from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from claims.documents import DocumentError
from claims.models import ReviewStatus
from counterclaim import check_commands, commands
from counterclaim import cli_output as out
from counterclaim.app import JsonFlag, Settings, SourceFilter, SpeakerFilter, StatusFilter, app
from counterclaim.errors import ClickException, error, handle_errors
from counterclaim.progress import progress_bar
from counterclaim.sources import collect_inputs, read_input

core_app = typer.Typer(rich_markup_mode=None)
"""The core loop: add, claims, show, conflicts, review, the desk and the demo."""


@core_app.command()
@handle_errors
def add(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files (plain text, Markdown or HTML) or folders; - reads standard input."
        ),
    ],
    outlet: Annotated[str | None, typer.Option(help="Publishing outlet of the documents.")] = None,
    url: Annotated[str | None, typer.Option(help="URL of the document.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    title: Annotated[str | None, typer.Option(help="Title of the document.")] = None,
    json_output: JsonFlag = False,
) -> None:
    """Read documents, extract their claims, link them and flag conflicts."""
    settings: Settings = ctx.obj
    overrides = out.meta_overrides(outlet=outlet, url=url, published=published, title=title)
    inputs = collect_inputs(paths)
    failures = 0
    results: list[dict] = []
    # In input order: ("document", name) for each document sent to the store, whose results
    # arrive in the same order, and ("said", JSON entry) for each file skipped or refused.
    pending: deque[tuple[str, str] | tuple[str, dict]] = deque()

    def readable_documents():
        nonlocal failures
        for item in inputs:
            if item.skipped is not None:
                out.say(f"skipped {item.display}: {item.skipped}")
                pending.append(("said", {"path": item.display, "skipped": item.skipped}))
                continue
            try:
                if item.failure is not None:
                    raise DocumentError(item.failure)
                document, meta = read_input(item, overrides)
            except out.USER_ERRORS as error:
                failures += 1
                out.error(str(error))
                pending.append(("said", {"path": item.display, "error": str(error)}))
                continue
            for warning in document.warnings:
                out.say(f"warning: {warning}")
            pending.append(("document", item.display))
            yield document, meta

    def said_so_far():
        while pending and pending[0][0] == "said":
            said = pending.popleft()[1]
            assert isinstance(said, dict)
            results.append(said)
            bar.advance()

    # A bar on a terminal for a folder's worth of documents; one document needs none.
    with progress_bar("adding", len(inputs), show=None if len(inputs) > 1 else False) as bar:
        try:
            with (
                settings.open(create=True) as store,
                closing(store.add_documents(readable_documents(), settings.reviewer)) as added,
            ):
                # Many documents go through the batch path: parallel extraction, many per transaction.
                for result in added:
                    said_so_far()
                    display = pending.popleft()[1]
                    assert isinstance(display, str)  # a stored document's name
                    results.append(out.add_result_dict(display, result))
                    bar.advance()
                    if not json_output:
                        out.echo(out.describe_add(display, result))
            said_so_far()
        except KeyboardInterrupt:
            _say_interrupted_add(results, len(inputs))
            raise typer.Exit(130) from None
    if json_output:
        out.print_json(results)
    if failures:
        raise typer.Exit(1)


def _say_interrupted_add(results: list[dict], total: int) -> None:
    """After Ctrl-C: what `add` stored (each reported document is committed) and how to finish."""
    stored = sum(1 for entry in results if "source_id" in entry and not entry.get("duplicate"))
    present = sum(1 for entry in results if entry.get("duplicate"))
    already = f", {present} were already there" if present else ""
    out.say(
        f"interrupted: {stored} of {total} documents stored{already}; nothing stored is lost. Run the same "
        "command again to add the rest (documents already in the casefile are skipped)."
    )


@core_app.command("claims")
@handle_errors
def list_claims(
    ctx: typer.Context,
    speaker: SpeakerFilter = None,
    source: SourceFilter = None,
    status: StatusFilter = None,
    conflicted: Annotated[
        bool, typer.Option("--conflicted", help="Only claims in a conflict.")
    ] = False,
    no_reprints: Annotated[
        bool,
        typer.Option(
            "--no-reprints",
            help="Leave out reprints (word-for-word copies of an earlier claim of the same speaker).",
        ),
    ] = False,
    search: Annotated[
        str | None, typer.Option(help="Only claims whose text, quote or speaker contains this.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many claims.")] = None,
    json_output: JsonFlag = False,
) -> None:
    """List claims with their speaker, source and status."""
    from store.api import ClaimFilter

    out.check_limit(limit)
    claim_filter = ClaimFilter(
        speaker=speaker,
        source=source,
        status=status,
        conflicted=conflicted,
        search=search,
        originals=no_reprints,
    )
    with ctx.obj.open() as store:
        claims = store.list_claims(claim_filter, limit=limit)
        conflicted_ids = store.conflicted_among([claim.id for claim in claims])
    if json_output:
        out.print_json([claim.model_dump(mode="json", by_alias=True) for claim in claims])
        return
    out.print_claim_table(claims, conflicted_ids)


@core_app.command()
@handle_errors
def show(
    ctx: typer.Context,
    claim_id: Annotated[int, typer.Argument(help="The claim's id.")],
    json_output: JsonFlag = False,
) -> None:
    """Show a claim: speaker, source, the sentence around it, related claims, conflicts, history."""
    with ctx.obj.open() as store:
        claim = store.get_claim(claim_id)
        source = store.get_source(claim.source_id)
        related = store.related(claim_id)
        conflicts = store.conflicts(claim_id)
    if json_output:
        out.print_json(out.claim_detail_dict(claim, source, related, conflicts))
        return
    out.print_claim_detail(claim, source, related, conflicts)


@core_app.command()
@handle_errors
def conflicts(
    ctx: typer.Context,
    pairs: Annotated[
        bool,
        typer.Option(
            "--pairs",
            help="List each pairwise conflict on its own, not grouped into disputes (also with --json).",
        ),
    ] = False,
    json_output: JsonFlag = False,
) -> None:
    """List the disputes (conflicts about one proposition, grouped into two sides), most contested first."""
    with ctx.obj.open() as store:
        found = store.conflicts()
        disputes = [] if pairs else store.disputes()
        claims = store.get_claims([cid for conflict in found for cid in conflict.claim_ids])
        sources = (
            {source.id: source for source in store.list_sources()}
            if disputes and not json_output
            else {}
        )
    if pairs:
        if json_output:
            out.print_json([conflict.model_dump(mode="json") for conflict in found])
            return
        out.print_conflicts(found, claims)
        return
    by_id = {conflict.id: conflict for conflict in found}
    if json_output:
        out.print_json([out.dispute_dict(dispute, by_id) for dispute in disputes])
        return
    out.print_disputes(disputes, by_id, claims, sources)


@core_app.command()
@handle_errors
def review(
    ctx: typer.Context,
    claim_id: Annotated[int, typer.Argument(help="The claim's id.")],
    status: Annotated[ReviewStatus, typer.Option("--status", help="The claim's new status.")],
    note: Annotated[
        str | None, typer.Option("--note", help="Why: kept with the review in the history.")
    ] = None,
    expected_version: Annotated[
        int | None,
        typer.Option(
            "--if-version", help="Refuse the change if the claim is no longer at this version."
        ),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Mark a claim confirmed, disputed, unverifiable or unreviewed (kept in its history)."""
    settings: Settings = ctx.obj
    with settings.open() as store:
        before = store.get_claim(claim_id)
        claim = store.review(claim_id, status, settings.reviewer, note, expected_version)
    if json_output:
        out.print_json(claim.model_dump(mode="json", by_alias=True))
        return
    if claim.version == before.version:
        out.echo(
            f"claim {claim.id}: already {claim.status}; nothing changed (version {claim.version})"
        )
        return
    out.echo(f"claim {claim.id}: {claim.status} (by {settings.reviewer}, version {claim.version})")


@core_app.command()
@handle_errors
def tui(ctx: typer.Context) -> None:
    """Open the review desk (Textual UI) on the casefile."""
    from tui.app import make_app

    settings: Settings = ctx.obj
    store = settings.open()
    if not _has_terminal():
        store.close()
        _no_terminal()
    try:
        make_app(store, settings.reviewer).run()
    finally:
        store.close()


@core_app.command()
@handle_errors
def demo(
    ctx: typer.Context,
    keep: Annotated[
        Path | None,
        typer.Option(
            "--keep",
            help="Write the demo casefile here and keep it (else a temporary file, removed on exit).",
        ),
    ] = None,
    no_tui: Annotated[
        bool,
        typer.Option(
            "--no-tui", help="Only build the demo casefile at --keep PATH and print its path."
        ),
    ] = False,
) -> None:
    """Ingest the bundled sample story into a fresh casefile and open the review desk on it."""
    from counterclaim.demo import build_demo, remove_demo

    if no_tui and keep is None:
        raise ValueError("--no-tui needs --keep PATH: a temporary demo casefile is removed on exit")
    settings: Settings = ctx.obj
    if not no_tui and not _has_terminal():
        _no_terminal()
    store, path = build_demo(settings.reviewer, keep)
    try:
        if keep is None:
            out.echo(f"demo casefile: {path} (removed when the desk closes; --keep PATH keeps one)")
        else:
            out.echo(f"demo casefile: {path}")
        if not no_tui:
            from tui.app import make_app

            make_app(store, settings.reviewer).run()
    finally:
        store.close()
        if keep is None:
            remove_demo(path)


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so worker processes, transactions and files are closed."""


def _terminated(signum, frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated()


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _no_terminal() -> None:
    error(
        "the review desk needs a terminal (standard input and output are not one); "
        "scripts use the other commands, or `demo --no-tui`"
    )
    raise typer.Exit(2)


def run() -> None:
    """Console-script entry point: usage mistakes, like every other error, are one line."""
    signal.signal(signal.SIGTERM, _terminated)
    # A Ctrl-C can interrupt SQLAlchemy while it closes a connection; it logs that with a
    # traceback, but the user is told in one line what happened and what was stored.
    sqlalchemy_log = logging.getLogger("sqlalchemy")
    sqlalchemy_log.addHandler(logging.NullHandler())
    sqlalchemy_log.propagate = False
    try:
        exit_code = app(standalone_mode=False, prog_name="counterclaim")
    except ClickException as mistake:
        mistake.show()  # one `error:` line (`CommandLineMistake`); a bare group shows its help
        sys.exit(mistake.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Terminated:
        sys.stderr.write("terminated\n")
        sys.exit(128 + signal.SIGTERM)
    sys.exit(exit_code if isinstance(exit_code, int) else 0)


# The whole command line, in the order `--help` lists it: the core loop, then the rest.
app.add_typer(core_app)
app.add_typer(commands.commands_app)
app.add_typer(check_commands.check_app, name="check")
app.add_typer(commands.speakers_app, name="speakers")
app.add_typer(commands.db_app, name="db")
