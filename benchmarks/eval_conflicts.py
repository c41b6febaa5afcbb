"""Conflicts and disputes on real stories, measured through the product: one casefile per story.

Every figure comes from what `counterclaim add` stores and what `counterclaim conflicts`
reads back (`Store.add_documents`, `Store.conflicts`, `Store.disputes`): each document is
written to a folder and read by the CLI's own reader, nothing is scored by code the
product does not run.

- Emergent train: one casefile per claim, each article headline added as a one-line
  document. Gold conflicts are pairs of headlines with stances `for` and `against`; a
  pair is flagged when a denial or numeric conflict joins a claim of one headline to a
  claim of the other. Observing headlines (they report without taking a side) should sit
  in no firm conflict. Firm and weak flags are scored apart: a weak flag should be less
  often real than a firm one.
- FNC-1 train stories: the 260 headlines with bodies that agree and bodies that disagree;
  one casefile per headline holding its agreeing, disagreeing and discussing bodies. A
  story is caught when some agreeing body and some disagreeing body stand on opposite
  sides of one dispute.

Stories are split by a fixed seed into two halves: `dev` (the methods were developed
on it) and `held` (looked at only for the figures); both are printed.

Usage: .venv/bin/python benchmarks/eval_conflicts.py [--corpus emergent|fnc1|both] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from _common import require_data
from counterclaim.sources import collect_inputs, read_input
from store.api import open_store

EMERGENT = "emergent/url-versions-2015-06-14-clean-train.csv"
FNC_STANCES, FNC_BODIES = "fnc1/train_stances.csv", "fnc1/train_bodies.csv"
SEED = 15
HALVES = ("dev", "held")
CONTRADICTING = ("denial", "numeric")


def halves(keys: list[str]) -> dict[str, str]:
    """Each story key's half, 'dev' or 'held', by a fixed-seed shuffle."""
    ordered = sorted(keys)
    random.Random(SEED).shuffle(ordered)
    middle = len(ordered) // 2
    return {key: HALVES[index >= middle] for index, key in enumerate(ordered)}


@dataclass
class Casefile:
    """What the product stored for one story: claims' documents, conflicts and disputes."""

    document_of_claim: dict[int, int]
    conflicts: list
    disputes: list
    documents_with_claims: set[int]


def build_casefile(folder: Path, documents: list[tuple[str, str, dict]]) -> Casefile:
    """Write (file name, text, manifest entry) documents to `folder`, add them as `counterclaim add` does, read back."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text, _ in documents:
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({"documents": {name: meta for name, _, meta in documents}}), encoding="utf-8")
    store = open_store(str(folder / "casefile.db"))
    try:
        readable = [read_input(item, {}) for item in collect_inputs([str(folder)])]
        order = {Path(item.display).name: index for index, item in enumerate(collect_inputs([str(folder)]))}
        names = sorted(order, key=order.__getitem__)
        position = {name: index for index, (name, _, _) in enumerate(documents)}
        results = list(store.add_documents(readable, "eval", workers=1))
        document_of_source = {result.source_id: position[name] for result, name in zip(results, names)}
        claims = store.list_claims()
        document_of_claim = {claim.id: document_of_source[claim.source_id] for claim in claims}
        return Casefile(document_of_claim, store.conflicts(), store.disputes(),
                        {document_of_source[claim.source_id] for claim in claims})
    finally:
        store.engine.dispose()


@dataclass
class PairTally:
    gold: int = 0
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def line(self, label: str) -> str:
        def prf(found: int, right: int) -> tuple[float, float, float]:
            precision = right / found if found else 0.0
            recall = right / self.gold if self.gold else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            return precision, recall, f1

        p, r, f = prf(self.found["any"], self.right["any"])
        pf, rf, ff = prf(self.found["firm"], self.right["firm"])
        weak_found = self.found["any"] - self.found["firm"]
        weak_right = self.right["any"] - self.right["firm"]
        weak_precision = weak_right / weak_found if weak_found else 0.0
        return (f"{label}: {self.gold} gold pairs; every conflict P {p:.3f} R {r:.3f} F1 {f:.3f}  (aim F1 >= 0.7); "
                f"firm only P {pf:.3f} R {rf:.3f} F1 {ff:.3f}; precision of firm flags {pf:.3f} vs weak flags "
                f"{weak_precision:.3f} ({self.found['firm']} firm, {weak_found} weak)")


def run_emergent(root: Path, limit: int | None) -> None:
    (path,) = require_data(EMERGENT)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = [row for row in csv.DictReader(stream) if row["articleHeadline"].strip()]
    by_claim: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_claim[row["claimId"]].append(row)
    half_of = halves(list(by_claim))
    tallies = {half: PairTally() for half in HALVES}
    observing = {half: [0, 0] for half in HALVES}
    covered = {half: [0, 0] for half in HALVES}
    for number, claim_key in enumerate(sorted(by_claim)[:limit]):
        headlines = by_claim[claim_key]
        documents = [(f"{index:03d}.txt", row["articleHeadline"].strip() + "\n", {"outlet": row["articleId"][:8]})
                     for index, row in enumerate(headlines)]
        casefile = build_casefile(root / f"emergent-{number}", documents)
        half = half_of[claim_key]
        stances = [row["articleHeadlineStance"] for row in headlines]
        gold = {(a, b) for a, b in itertools.combinations(range(len(stances)), 2) if {stances[a], stances[b]} == {"for", "against"}}
        flagged: dict[tuple[int, int], bool] = {}
        in_firm: set[int] = set()
        for conflict in casefile.conflicts:
            a, b = (casefile.document_of_claim[claim_id] for claim_id in conflict.claim_ids)
            if conflict.kind in CONTRADICTING and not conflict.weak:
                in_firm.update((a, b))
            if a == b or conflict.kind not in CONTRADICTING:
                continue
            pair = (min(a, b), max(a, b))
            flagged[pair] = flagged.get(pair, False) or not conflict.weak
        tally = tallies[half]
        tally.gold += len(gold)
        for pair, firm in flagged.items():
            for strength in ("any", "firm") if firm else ("any",):
                tally.found[strength] += 1
                tally.right[strength] += pair in gold
        observing[half][0] += sum(1 for index, stance in enumerate(stances) if stance == "observing" and index in in_firm)
        observing[half][1] += stances.count("observing")
        covered[half][0] += len(casefile.documents_with_claims)
        covered[half][1] += len(headlines)
        shutil.rmtree(root / f"emergent-{number}", ignore_errors=True)
    print(f"Emergent train, one casefile per claim ({min(len(by_claim), limit or len(by_claim))} claims), through `add`:")
    for half in HALVES:
        print("  " + tallies[half].line(f"{half} half"))
        seen, total = observing[half]
        print(f"    observing headlines in a firm conflict: {seen / total if total else 0:.1%} of {total}  (aim <= 10%); "
              f"headlines giving a claim: {covered[half][0] / max(1, covered[half][1]):.1%}")


def run_fnc(root: Path, limit: int | None) -> None:
    stances_path, bodies_path = require_data(FNC_STANCES, FNC_BODIES)
    with bodies_path.open(encoding="utf-8", newline="") as stream:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(stream)}
    with stances_path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    by_headline: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows:
        if row["Stance"] != "unrelated":
            by_headline[row["Headline"]][row["Body ID"]] = row["Stance"]
    stories = sorted(h for h, found in by_headline.items() if {"agree", "disagree"} <= set(found.values()))
    half_of = halves(stories)
    caught = {half: [0, 0] for half in HALVES}
    disputes_seen = {half: [0, 0] for half in HALVES}
    for number, headline in enumerate(stories[:limit]):
        body_stances = sorted(by_headline[headline].items(), key=lambda item: int(item[0]))
        documents = [(f"body-{body_id}.txt", bodies[body_id], {"outlet": f"body {body_id}", "title": f"body {body_id}"})
                     for body_id, _ in body_stances]
        casefile = build_casefile(root / f"fnc-{number}", documents)
        stance_of_document = [stance for _, stance in body_stances]
        hit = False
        for dispute in casefile.disputes:
            sides = [{stance_of_document[casefile.document_of_claim[cid]] for cid in side.claim_ids} for side in dispute.sides]
            if ("agree" in sides[0] and "disagree" in sides[1]) or ("disagree" in sides[0] and "agree" in sides[1]):
                hit = True
                break
        half = half_of[headline]
        caught[half][0] += hit
        caught[half][1] += 1
        disputes_seen[half][0] += len(casefile.disputes)
        disputes_seen[half][1] += 1
        shutil.rmtree(root / f"fnc-{number}", ignore_errors=True)
    print(f"FNC-1 train stories with agreeing and disagreeing bodies ({min(len(stories), limit or len(stories))}), "
          "one casefile each, through `add`:")
    for half in HALVES:
        hits, total = caught[half]
        print(f"  {half} half: stories with an agreeing and a disagreeing body on opposite sides of a dispute "
              f"{hits / total if total else 0:.3f} ({hits}/{total})  (aim >= 0.6); "
              f"disputes per story {disputes_seen[half][0] / max(1, disputes_seen[half][1]):.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="both", choices=("emergent", "fnc1", "both"))
    parser.add_argument("--limit", type=int, default=None, help="Only the first N stories of each corpus (quick runs).")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="eval-conflicts-"))
    try:
        if args.corpus in ("emergent", "both"):
            run_emergent(root, args.limit)
        if args.corpus in ("fnc1", "both"):
            run_fnc(root, args.limit)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
