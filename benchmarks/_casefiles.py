"""Casefiles built through the product's own path, for the quality evaluations.

Every document goes in as `counterclaim add FILE --outlet OUTLET` would take it: the text is
written to a file, read by `counterclaim.sources.read_input` with the same overrides, and
stored by `Store.add_documents` (the batch path the command runs). Each case gets its own
SQLite casefile in a temporary folder, copied from one freshly migrated template.

- Emergent train (`emergent_cases`): one case per claim; its check is the claim's headline,
  its documents the article headlines, one line each, from the article's outlet. The CSV
  names no outlet (its columns are claimHeadline, articleHeadline, articleHeadlineStance,
  articleId, claimId), so each article is its own outlet, named after its id.
- FNC-1 train stories (`fnc1_cases`): the headlines that have at least one agreeing and
  one disagreeing body (260); the headline is the check, every related body (agree,
  disagree, discuss) a document. FNC-1 names no outlet either: each body is its own.

Gold labels map to check stances: for / agree = supports, against / disagree = disputes,
observing / discuss = reports. `split_halves` deals cases into a development half and a
held-out half with a fixed seed, so a method tuned on one half shows on the other.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from _common import require_data

from counterclaim.sources import InputItem, read_input
from store.api import Store, open_store
from store.batch import AddResult

EMERGENT_TRAIN = "emergent/url-versions-2015-06-14-clean-train.csv"
FNC1_STANCES = "fnc1/train_stances.csv"
FNC1_BODIES = "fnc1/train_bodies.csv"
ACTOR = "benchmark"
SEED = 15
"""Seed of the development / held-out split of cases."""

EMERGENT_GOLD = {"for": "supports", "against": "disputes", "observing": "reports"}
FNC1_GOLD = {"agree": "supports", "disagree": "disputes", "discuss": "reports"}


@dataclass(frozen=True)
class CaseDocument:
    """One document of a case, with its gold stance towards the case's check."""

    key: str
    text: str
    outlet: str
    gold: str
    """supports, disputes or reports."""


@dataclass(frozen=True)
class Case:
    """One story: the claim under check and the documents about it."""

    key: str
    check: str
    documents: tuple[CaseDocument, ...]


@dataclass
class BuiltCase:
    """A case stored in its casefile: the open store and where each document went."""

    case: Case
    store: Store
    results: list[AddResult] = field(default_factory=list)
    """`add`'s result for each document, in the case's order (a repeated text is a duplicate)."""
    check_id: int | None = None

    @property
    def source_ids(self) -> list[int]:
        """The source each document is stored as, in the case's order."""
        return [result.source_id for result in self.results]


def emergent_cases() -> list[Case]:
    """Emergent train: one case per claim, its article headlines as one-line documents."""
    (path,) = require_data(EMERGENT_TRAIN)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = [row for row in csv.DictReader(stream) if row["articleHeadline"].strip()]
    by_claim: dict[str, list[dict]] = {}
    checks: dict[str, str] = {}
    for row in rows:
        by_claim.setdefault(row["claimId"], []).append(row)
        checks.setdefault(row["claimId"], row["claimHeadline"].strip())
    return [
        Case(
            key=claim_id,
            check=checks[claim_id],
            documents=tuple(
                CaseDocument(
                    row["articleId"],
                    row["articleHeadline"].strip() + "\n",
                    f"outlet {row['articleId'][:8]}",
                    EMERGENT_GOLD[row["articleHeadlineStance"]],
                )
                for row in members
            ),
        )
        for claim_id, members in sorted(by_claim.items())
    ]


def fnc1_cases() -> list[Case]:
    """FNC-1 train stories with agreeing and disagreeing bodies: the headline and its related bodies."""
    stances_path, bodies_path = require_data(FNC1_STANCES, FNC1_BODIES)
    csv.field_size_limit(sys.maxsize)
    with bodies_path.open(encoding="utf-8", newline="") as stream:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(stream)}
    by_headline: dict[str, dict[str, str]] = {}
    with stances_path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            if row["Stance"] in FNC1_GOLD:
                by_headline.setdefault(row["Headline"].strip(), {}).setdefault(
                    row["Body ID"], row["Stance"]
                )
    cases = []
    for headline, stances in sorted(by_headline.items()):
        if not {"agree", "disagree"} <= set(stances.values()):
            continue
        cases.append(
            Case(
                key=headline,
                check=headline,
                documents=tuple(
                    CaseDocument(body_id, bodies[body_id], f"outlet {body_id}", FNC1_GOLD[stance])
                    for body_id, stance in sorted(stances.items(), key=lambda pair: int(pair[0]))
                    if bodies.get(body_id, "").strip()
                ),
            )
        )
    return cases


def split_halves(cases: Sequence[Case], seed: int = SEED) -> tuple[list[Case], list[Case]]:
    """The development half and the held-out half of the cases, dealt by a fixed seed."""
    order = sorted(cases, key=lambda case: case.key)
    random.Random(seed).shuffle(order)
    middle = (len(order) + 1) // 2
    development = {case.key for case in order[:middle]}
    return (
        [case for case in cases if case.key in development],
        [case for case in cases if case.key not in development],
    )


class Casefiles:
    """A temporary folder holding one casefile per case, each a copy of one migrated template."""

    def __init__(self) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="counterclaim-eval-"))
        self._template = self._folder / "template.db"
        open_store(str(self._template)).close()
        self._count = 0

    def close(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> Casefiles:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def build(
        self, case: Case, *, workers: int = 1, check: str | None = None
    ) -> Iterator[BuiltCase]:
        """Store the case's documents as `counterclaim add FILE --outlet OUTLET` would; the casefile goes on exit.

        `check` "first" or "last" also states the case's check (`counterclaim check add`)
        before or after the documents are added.
        """
        self._count += 1
        folder = self._folder / f"case{self._count}"
        folder.mkdir()
        path = folder / "casefile.db"
        shutil.copyfile(self._template, path)
        store = open_store(str(path))
        try:
            built = BuiltCase(case, store)
            if check == "first":
                built.check_id = store.add_check(case.check, ACTOR).id
            built.results = add_documents(store, folder, case.documents, workers=workers)
            if check == "last":
                built.check_id = store.add_check(case.check, ACTOR).id
            yield built
        finally:
            store.close()
            shutil.rmtree(folder, ignore_errors=True)


def add_documents(
    store: Store, folder: Path, documents: Iterable[CaseDocument], *, workers: int = 1
) -> list[AddResult]:
    """Write each document to a file and add it with its outlet, through the command's own reading and storing."""
    items = []
    for number, document in enumerate(documents):
        path = folder / f"{number:05d}.txt"
        path.write_text(document.text, encoding="utf-8")
        items.append((InputItem(path, path.name), {"outlet": document.outlet}))
    readable = (read_input(item, overrides) for item, overrides in items)
    return list(store.add_documents(readable, ACTOR, workers=workers))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The harness's shared options: --limit, --seed, --workers."""
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="At most this many cases from each half (quick runs).",
    )
    parser.add_argument(
        "--seed", type=int, default=SEED, help="Seed of the development / held-out split."
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="Extraction worker processes per casefile (1: extract in this process).",
    )


def halves(cases: Sequence[Case], args: argparse.Namespace) -> dict[str, list[Case]]:
    """{'development': ..., 'held-out': ...}, each cut to --limit cases."""
    development, held_out = split_halves(cases, args.seed)
    limit = args.limit
    return {
        "development": development[:limit] if limit else development,
        "held-out": held_out[:limit] if limit else held_out,
    }
