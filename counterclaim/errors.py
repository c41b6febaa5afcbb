"""Turning failures into one line on stderr and a non-zero exit code, never a traceback."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any, TypeVar

import typer

try:  # recent typer vendors click; older releases use the click package
    from typer._click.exceptions import (
        BadParameter,
        ClickException,
        MissingParameter,
        NoArgsIsHelpError,
    )
except ImportError:  # pragma: no cover - depends on the installed typer
    from click.exceptions import (  # type: ignore[assignment]  # the same classes
        BadParameter,
        ClickException,
        MissingParameter,
        NoArgsIsHelpError,
    )

F = TypeVar("F", bound=Callable)

EXIT_USER_ERROR = 1
EXIT_DATABASE_ERROR = 2
MAX_STORED_INT = 2**63 - 1
"""The largest id or number a casefile column holds (64-bit signed, SQLite and PostgreSQL alike)."""


def error(message: str) -> None:
    """Print one error line to stderr, made safe for the terminal."""
    from claims.text import one_line
    from store.errors import scrub

    # A credential in any message (a URL, a libpq string, a driver's error) is never printed.
    typer.echo(f"error: {one_line(scrub(message))}", err=True)


class CommandLineMistake(ClickException):
    """A mistyped command line or an option value that is not one of its choices, as one line.

    A value the command cannot take (`--status maybe`, `--limit abc`) is bad input, exit 1, as
    when a command refuses a value itself (`--limit -5`); an unknown option or command or a
    missing argument is a mistyped command line, exit 2.
    """

    def __init__(self, mistake: ClickException):
        context = getattr(mistake, "ctx", None)
        command = context.command_path if context is not None else "counterclaim"
        # typer words a refused value as pydantic does ("Value error, 'x' is not one of ...").
        message = mistake.format_message().replace("Value error, ", "", 1)
        super().__init__(f"{message} (see '{command} --help')")
        refused_value = isinstance(mistake, BadParameter) and not isinstance(
            mistake, MissingParameter
        )
        self.exit_code = EXIT_USER_ERROR if refused_value else mistake.exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        error(self.message)


@contextmanager
def one_line_mistakes() -> Iterator[None]:
    """Turn click's usage errors (a usage block, then `Error: ...`) into one `error:` line."""
    try:
        yield
    except (CommandLineMistake, NoArgsIsHelpError):
        raise  # told once already; a group given no command shows its help
    except ClickException as mistake:
        raise CommandLineMistake(mistake) from None


def handle_errors(function: F) -> F:
    """Run a command; report known failures as one line and exit non-zero."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        from claims.documents import DocumentError
        from store.errors import InvalidValue, NotFound, StoreError, VersionConflict

        try:
            _check_integers(kwargs)
            return function(*args, **kwargs)
        except typer.Exit:
            raise
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, as other command-line tools do.
            sys.stderr.close()
            raise typer.Exit(EXIT_USER_ERROR) from None
        except (NotFound, InvalidValue, VersionConflict) as failure:
            error(str(failure))
            raise typer.Exit(EXIT_USER_ERROR) from None
        except StoreError as failure:
            error(str(failure))
            raise typer.Exit(EXIT_DATABASE_ERROR) from None
        except (DocumentError, ValueError, OSError) as failure:
            error(_describe(failure))
            raise typer.Exit(EXIT_USER_ERROR) from None
        except MemoryError:
            error("out of memory")
            raise typer.Exit(EXIT_USER_ERROR) from None

    return wrapper  # type: ignore[return-value]


def _check_integers(arguments: dict) -> None:
    """Refuse an integer argument no casefile column can hold, naming it as the command line does."""
    for name, value in arguments.items():
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_STORED_INT:
            raise ValueError(
                f"{_parameter_label(name)} {value} is out of range (ids and numbers go up to {MAX_STORED_INT})"
            )


def _parameter_label(name: str) -> str:
    try:  # recent typer vendors click; older releases use the click package
        from typer._click.globals import get_current_context
    except ImportError:  # pragma: no cover - depends on the installed typer
        from click import get_current_context  # type: ignore[no-redef]  # the same function

    context = get_current_context(silent=True)
    for parameter in context.command.params if context is not None else ():
        if parameter.name == name:
            if parameter.param_type_name == "option" and parameter.opts:
                return parameter.opts[0]
            break
    return name.upper()


def _describe(failure: BaseException) -> str:
    if isinstance(failure, OSError) and failure.filename:
        reason = failure.strerror or type(failure).__name__
        return f"{failure.filename}: {reason}"
    return str(failure) or type(failure).__name__
