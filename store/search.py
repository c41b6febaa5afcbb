"""What a search term matches, and which index answers it on each backend.

Two kinds of search, both over `claim.search_text` (claim text, quote and speaker,
case-folded):

- a word search, for a term of two or more words, or of one word under three
  characters: the words in that order as whole words, with anything but letters and
  digits between them ("government which" finds "government, which"); the last word of
  several, from three characters on, may begin a longer word ("tax cut" finds "tax cuts").
  SQLite answers it from the FTS5 word index of migration 0004; PostgreSQL from a regular
  expression its pg_trgm GIN index (migration 0002) serves.
- a substring search, for every other term (one word of three characters or more, or any
  term with punctuation, such as "5%" or "4,000"): the term anywhere, as typed. SQLite
  answers it from the FTS5 trigram index of migration 0003 (LIKE below three characters);
  PostgreSQL with LIKE through the same pg_trgm index.
"""

from __future__ import annotations

import re
import sqlite3

from sqlalchemy import column, select, table
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import Boolean

from store.tables import ClaimRow, table_of

claim_t = table_of(ClaimRow)
# FTS5 (SQLite >= 3.34): the trigram index of 0003 and the word index of 0004.
claim_fts_t = table("claim_fts", column("rowid"), column("claim_fts"))
claim_words_t = table("claim_words", column("rowid"), column("claim_words"))
FTS_AVAILABLE = sqlite3.sqlite_version_info >= (3, 34, 0)
FTS_MIN_TERM = 3
"""Characters a trigram needs; also the shortest last word that may begin a longer word."""

# Words are runs of letters and digits, as the unicode61 tokenizer and [[:alnum:]] see them.
_WORDS_ONLY = re.compile(r"[^\W_]+(?:\s+[^\W_]+)*")
_NOT_ALNUM = "[^[:alnum:]]"


def like_pattern(term: str) -> str:
    """A LIKE pattern (escape character backslash) for `term` anywhere, its wildcards literal."""
    escaped = term.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def word_terms(term: str) -> tuple[list[str], bool] | None:
    """The words of a word search and whether the last may begin a longer word; None for a substring search."""
    folded = term.casefold()
    if not _WORDS_ONLY.fullmatch(folded):
        return None
    words = folded.split()
    if len(words) == 1 and len(words[0]) >= FTS_MIN_TERM:
        return None
    return words, len(words) > 1 and len(words[-1]) >= FTS_MIN_TERM


def fts_phrase(words: list[str], prefix: bool) -> str:
    """The FTS5 phrase of a word search (the words are letters and digits only, so need no quoting)."""
    return '"' + " ".join(words) + '"' + (" *" if prefix else "")


def words_regex(words: list[str], prefix: bool) -> str:
    """The PostgreSQL regular expression of a word search."""
    end = "" if prefix else f"({_NOT_ALNUM}|$)"
    return f"(^|{_NOT_ALNUM})" + f"{_NOT_ALNUM}+".join(words) + end


def fts_match(dialect: str, term: str | None):
    """(FTS5 table, MATCH string) when SQLite's word or trigram index can answer `term`, else None."""
    if dialect != "sqlite" or not FTS_AVAILABLE or not term:
        return None
    found = word_terms(term)
    if found is not None:
        return claim_words_t, fts_phrase(*found)
    folded = term.casefold()
    if len(folded) < FTS_MIN_TERM:
        return None
    return claim_fts_t, '"' + folded.replace('"', '""') + '"'


def match_column(fts):
    """The column an FTS5 table is MATCHed through (named as the table)."""
    return fts.c[fts.name]


class SearchClause(ColumnElement):
    """`search_text` matches a term, compiled per backend (see the module docstring)."""

    type = Boolean()
    inherit_cache = True
    # A comparison already: without this, SQLite gets `(...) = 1`, which no index can answer.
    _is_implicitly_boolean = True
    _traverse_internals = [
        ("fallback_clause", InternalTraversal.dp_clauseelement),
        ("postgresql_clause", InternalTraversal.dp_clauseelement),
        ("fts_clause", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, term: str):
        found = word_terms(term)
        if found is None:
            self.fallback_clause = claim_t.c.search_text.like(like_pattern(term), escape="\\")
            self.postgresql_clause = self.fallback_clause
        else:
            # Without a word index (SQLite before 3.34), the words with single spaces as a substring.
            self.fallback_clause = claim_t.c.search_text.like(
                like_pattern(" ".join(found[0])), escape="\\"
            )
            self.postgresql_clause = claim_t.c.search_text.op("~")(words_regex(*found))
        match = fts_match("sqlite", term)
        if match is None:
            self.fts_clause = self.fallback_clause
        else:
            fts, phrase = match
            self.fts_clause = claim_t.c.id.in_(
                select(fts.c.rowid).where(match_column(fts).op("MATCH")(phrase))
            )


@compiles(SearchClause)
def _compile_search(element: SearchClause, compiler, **kw) -> str:
    return compiler.process(element.fallback_clause, **kw)


@compiles(SearchClause, "postgresql")
def _compile_search_postgresql(element: SearchClause, compiler, **kw) -> str:
    return compiler.process(element.postgresql_clause, **kw)


@compiles(SearchClause, "sqlite")
def _compile_search_sqlite(element: SearchClause, compiler, **kw) -> str:
    return compiler.process(element.fts_clause, **kw)
