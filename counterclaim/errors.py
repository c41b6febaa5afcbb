"""Turning failures into one line on stderr and a non-zero exit code, never a traceback."""

from __future__ import annotations

import functools
import sys
from typing import Callable, TypeVar

import typer

F = TypeVar("F", bound=Callable)

EXIT_USER_ERROR = 1
EXIT_DATABASE_ERROR = 2


def error(message: str) -> None:
    """Print one error line to stderr, made safe for the terminal."""
    from claims.text import one_line

    typer.echo(f"error: {one_line(message)}", err=True)


def handle_errors(function: F) -> F:
    """Run a command; report known failures as one line and exit non-zero."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        from claims.documents import DocumentError
        from store.errors import InvalidValue, NotFound, StoreError, VersionConflict

        try:
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


def _describe(failure: BaseException) -> str:
    if isinstance(failure, OSError) and failure.filename:
        reason = failure.strerror or type(failure).__name__
        return f"{failure.filename}: {reason}"
    return str(failure) or type(failure).__name__
