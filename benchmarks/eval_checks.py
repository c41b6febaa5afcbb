"""Check stances through the product's path: Emergent headlines and FNC-1 bodies against their claim.

Each case is its own casefile built by `_casefiles` (documents added as `counterclaim add
FILE --outlet OUTLET` adds them, the claim stated as `counterclaim check add` states it), and
the stance of each document's source is read back with `Store.get_check`, as `counterclaim
check show --json` prints it.

- Emergent train: every article headline against its claim; gold for / against / observing
  = supports / disputes / reports. Ferreira and Vlachos (NAACL 2016) report 0.73 accuracy.
- FNC-1 train stories with agreeing and disagreeing bodies: every related body against
  the headline; gold agree / disagree / discuss = supports / disputes / reports.

Cases are dealt into a development half and a held-out half (fixed seed); both are
reported so a method fitted to one half shows on the other. `unrelated` is always wrong
here (every document is about its claim).

Usage: .venv/bin/python benchmarks/eval_checks.py [--corpus emergent|fnc1|both] [--limit N]
       [--order first|last] [--seed N] [--workers N]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from _casefiles import Casefiles, add_arguments, emergent_cases, fnc1_cases, halves

GOLD = ("supports", "disputes", "reports")
PREDICTED = ("supports", "disputes", "reports", "unrelated")
TARGETS = {
    "emergent": "aim: accuracy >= 0.75 (Ferreira and Vlachos 0.73)",
    "fnc1": "aim: accuracy >= 0.6 and disputes recall >= 0.6, with at most 15% of supporting bodies called disputes",
}


def confusion(cases, files: Casefiles, args: argparse.Namespace) -> tuple[Counter, int]:
    """Gold stance against predicted stance for every document of every case."""
    counts: Counter = Counter()
    for case in cases:
        with files.build(case, workers=args.workers, check=args.order) as built:
            assert built.check_id is not None  # build() adds the check first or last
            check = built.store.get_check(built.check_id)
            stance_of = {item.source_id: item.stance for item in check.sources}
            for document, source_id in zip(case.documents, built.source_ids):
                counts[(document.gold, stance_of[source_id])] += 1
    return counts, len(cases)


def report(name: str, half: str, counts: Counter, case_count: int, seconds: float) -> None:
    total = sum(counts.values())
    correct = sum(counts[(stance, stance)] for stance in GOLD)
    row_total = {gold: sum(counts[(gold, predicted)] for predicted in PREDICTED) for gold in GOLD}
    recall = {
        gold: counts[(gold, gold)] / row_total[gold] if row_total[gold] else 0.0 for gold in GOLD
    }
    supports_as_disputes = (
        counts[("supports", "disputes")] / row_total["supports"] if row_total["supports"] else 0.0
    )
    print(f"{name} {half}: {case_count} cases, {total} documents, {seconds:.0f} s")
    print(
        f"  accuracy {correct / total:.3f}; recall supports {recall['supports']:.3f}, disputes "
        f"{recall['disputes']:.3f}, reports {recall['reports']:.3f}; supporting documents called disputes "
        f"{supports_as_disputes:.1%}"
    )
    print(f"  gold \\ predicted  {'  '.join(f'{stance:>9}' for stance in PREDICTED)}")
    for gold in GOLD:
        print(
            f"  {gold:<16}  {'  '.join(f'{counts[(gold, predicted)]:>9}' for predicted in PREDICTED)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("emergent", "fnc1", "both"), default="both")
    parser.add_argument(
        "--order",
        choices=("first", "last"),
        default="first",
        help="State the check before the documents are added (first) or after (last).",
    )
    add_arguments(parser)
    args = parser.parse_args()
    corpora = {"emergent": emergent_cases, "fnc1": fnc1_cases}
    names = list(corpora) if args.corpus == "both" else [args.corpus]
    with Casefiles() as files:
        for name in names:
            print(f"== {name} ({TARGETS[name]}); check stated {args.order}")
            for half, cases in halves(corpora[name](), args).items():
                started = time.perf_counter()
                counts, case_count = confusion(cases, files, args)
                report(name, half, counts, case_count, time.perf_counter() - started)


if __name__ == "__main__":
    main()
