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
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claims.documents import Document, DocumentError
from claims.models import ReviewStatus, SourceMeta
from counterclaim import check_commands, commands
from counterclaim import cli_output as out
from counterclaim.app import JsonFlag, Settings, SourceFilter, SpeakerFilter, StatusFilter, app
from counterclaim.errors import ClickException, error, handle_errors
from counterclaim.progress import Bar, progress_bar
from counterclaim.sources import InputItem, collect_inputs, read_input

if TYPE_CHECKING:
    from store.api import AddResult

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
    adding = _Adding(collect_inputs(paths), overrides, echo_each=not json_output)
    total = len(adding.inputs)
    # A bar on a terminal for a folder's worth of documents; one document needs none.
    with progress_bar("adding", total, show=None if total > 1 else False) as bar:
        try:
            adding.store_all(settings, bar)
        except KeyboardInterrupt:
            _say_interrupted_add(adding.results, total)
            raise typer.Exit(130) from None
    if json_output:
        out.print_json(adding.results)
    if adding.failures:
        raise typer.Exit(1)


class _Adding:
    """One `add`: read each input, send the documents to the store, report each in input order.

    The store's results arrive in the order documents were sent; a file skipped or refused
    is reported in its place among them.
    """

    def __init__(self, inputs: list[InputItem], overrides: dict, *, echo_each: bool):
        self.inputs = inputs
        self.overrides = overrides
        self.echo_each = echo_each
        self.results: list[dict] = []
        """One JSON entry per input, in input order, as far as reported."""
        self.failures = 0
        self.pending: deque[str | dict] = deque()
        """In input order: the name of each document sent to the store and not yet reported,
        and the JSON entry of each file skipped or refused."""

    def store_all(self, settings: Settings, bar: Bar) -> None:
        with (
            settings.open(create=True) as store,
            closing(store.add_documents(self.documents(), settings.reviewer)) as added,
        ):
            # Many documents go through the batch path: parallel extraction, many per transaction.
            for result in added:
                self._said_so_far(bar)
                self._report(result, bar)
        self._said_so_far(bar)

    def documents(self) -> Iterator[tuple[Document, SourceMeta]]:
        """The documents read, in input order; what cannot be read is said and left out."""
        for item in self.inputs:
            read = self._read(item)
            if read is not None:
                self.pending.append(item.display)
                yield read

    def _read(self, item: InputItem) -> tuple[Document, SourceMeta] | None:
        if item.skipped is not None:
            out.say(f"skipped {item.display}: {item.skipped}")
            self.pending.append({"path": item.display, "skipped": item.skipped})
            return None
        try:
            if item.failure is not None:
                raise DocumentError(item.failure)
            document, meta = read_input(item, self.overrides)
        except out.USER_ERRORS as failure:
            self.failures += 1
            out.error(str(failure))
            self.pending.append({"path": item.display, "error": str(failure)})
            return None
        for warning in document.warnings:
            out.say(f"warning: {warning}")
        return document, meta

    def _said_so_far(self, bar: Bar) -> None:
        """Report the files skipped or refused before the next document the store returns."""
        while self.pending and isinstance(said := self.pending[0], dict):
            self.pending.popleft()
            self.results.append(said)
            bar.advance()

    def _report(self, result: AddResult, bar: Bar) -> None:
        """The store's result for the next document sent."""
        display = self.pending.popleft()
        assert isinstance(display, str)  # the files said so far are reported already
        self.results.append(out.add_result_dict(display, result))
        bar.advance()
        if self.echo_each:
            out.echo(out.describe_add(display, result))


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
        claims = store.get_claims(
            [cid for conflict in found for cid in conflict.claim_ids]
            + [cid for dispute in disputes for cid in dispute.claim_ids]
        )
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
