"""The Typer app every command registers on, and the settings they share (casefile, reviewer).

Command modules (`cli`, `commands`, `check_commands`) import this one; it imports none of
them, so the command line has no import cycle. `counterclaim.cli` assembles the whole app.
"""

from __future__ import annotations

import getpass
import os
from contextlib import ExitStack
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from claims.models import ReviewStatus
from counterclaim.errors import error, one_line_mistakes
from counterclaim.progress import progress_bar


class CommandLine(TyperGroup):
    """The root command: a mistyped command line is one `error:` line, however the app is run
    (the console script, `python -m counterclaim`, or a test's `CliRunner`)."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra):
        with one_line_mistakes():
            return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        with one_line_mistakes():
            return super().invoke(ctx)


app = typer.Typer(
    name="counterclaim",
    cls=CommandLine,
    help="Record who claimed what, where, and show where the sources disagree.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Options several commands share, declared once. Choices are Literal types: `--help` lists
# them and a value outside them is refused before the command runs.
JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON instead of text.")]
SpeakerFilter = Annotated[
    str | None, typer.Option(help="Only claims by speakers whose name contains this.")
]
SourceFilter = Annotated[
    str | None, typer.Option(help="Only claims from this source (id, or title/outlet text).")
]
StatusFilter = Annotated[
    ReviewStatus | None, typer.Option(help="Only claims with this review status.")
]

DEFAULT_DB = "counterclaim.db"


class Settings:
    """Global options shared by every command."""

    def __init__(self, db: str, reviewer: str, db_origin: str = "--db"):
        self.db = db
        self.reviewer = reviewer
        self.db_origin = db_origin
        """Where `db` came from (--db, COUNTERCLAIM_DB or the default), for "no casefile" errors."""

    def open(self, *, create: bool = False, upgrade: bool = True):
        """Open the casefile; only commands that store documents (`add`, `import`, `demo`) pass create=True.

        Any other command run where there is no casefile says where it looked instead of
        leaving an empty casefile behind.
        """
        from store.api import open_store
        from store.errors import NoCasefile

        try:
            with ExitStack() as bars:

                def upgrading(current: str, pending: list[str]) -> None:
                    _say_upgrading(current, pending)
                    bars.enter_context(progress_bar("upgrading the schema", None))

                return open_store(self.db, on_upgrade=upgrading, create=create, upgrade=upgrade)
        except NoCasefile as missing:
            raise NoCasefile(
                f"{missing} ({self.db_origin}); `counterclaim add FILES` starts one, "
                "`counterclaim demo` shows a sample"
            ) from None


def _say_upgrading(current: str, pending: list[str]) -> None:
    # A large casefile takes a while (0005 fingerprints every claim: about 25 s at 1M claims).
    typer.echo(
        f"upgrading the casefile's schema from {current} to {pending[-1]} (once; a large casefile "
        "takes a minute) ...",
        err=True,
    )


def resolve_settings(db: str | None, reviewer: str | None) -> Settings:
    """The casefile from --db, else COUNTERCLAIM_DB, else ./counterclaim.db; the reviewer likewise."""
    environ_db = os.environ.get("COUNTERCLAIM_DB")
    origin = (
        "--db"
        if db
        else "COUNTERCLAIM_DB"
        if environ_db
        else f"the default: {DEFAULT_DB} in the current folder"
    )
    return Settings(
        db=db or environ_db or DEFAULT_DB,
        reviewer=_reviewer_name(reviewer),
        db_origin=origin,
    )


def _reviewer_name(given: str | None) -> str:
    """The reviewer's name from --reviewer, else the environment, else the login name; a blank one is refused."""
    for name, where in (
        (given, "--reviewer"),
        (os.environ.get("COUNTERCLAIM_REVIEWER") or None, "COUNTERCLAIM_REVIEWER"),
    ):
        if name is not None:
            if not name.strip():
                error(f"{where} is blank: give the name to record with reviews")
                raise typer.Exit(1)
            return name.strip()
    return default_reviewer()


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Casefile: a SQLite path or an SQLAlchemy URL [env COUNTERCLAIM_DB; default ./counterclaim.db].",
        ),
    ] = None,
    reviewer: Annotated[
        str | None,
        typer.Option(
            "--reviewer",
            help="Name recorded with reviews [env COUNTERCLAIM_REVIEWER; default: login name].",
        ),
    ] = None,
) -> None:
    """Record who claimed what, where, and show where the sources disagree."""
    ctx.obj = resolve_settings(db, reviewer)
    if ctx.invoked_subcommand is None:
        _open_the_desk(ctx)


def _open_the_desk(ctx: typer.Context) -> None:
    """Plain `counterclaim` runs the `tui` command, found by name: this module imports no command."""
    desk = ctx.command.get_command(ctx, "tui")  # type: ignore[attr-defined]
    with desk.make_context("tui", [], parent=ctx) as desk_context:
        desk.invoke(desk_context)
