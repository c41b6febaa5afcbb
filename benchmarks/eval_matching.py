"""Claim retrieval on CLEF CheckThat! 2021 task 2: find the fact-checked claim a text repeats.

2a: tweets -> Snopes claims; 2b: debate sentences -> PolitiFact claims; train or dev
queries. Ours: the product's linking path, the blocking index `claims.matching.index.ClaimIndex`
(the candidates sharing the most rare keys) ranked by `claims.matching.scoring.score_pair`.
For 2b a debate sentence is a claim by its transcript speaker, and a PolitiFact claim
carries its speaker. Baseline: plain BM25 (k1 1.2, b 0.75, lowercase word tokens,
hand-written below) over the same texts. Both see a fact-check as its claim text plus its
title. Prints recall@1/5/10, MRR and MAP@5.

Usage: .venv/bin/python benchmarks/eval_matching.py [--split dev] [--task 2a|2b|both]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import time
from collections import Counter, defaultdict

from _common import require_data

from claims.matching.index import ClaimIndex
from claims.matching.scoring import score_pair
from claims.models import Claim

CANDIDATES = 200
_TOKEN_RE = re.compile(r"[a-z0-9]+")


def read_task(task: str, split: str) -> tuple[dict[str, str], dict[str, str], dict[str, set[str]]]:
    """(queries by id, verified claims by id, relevant claim ids by query id); the texts the baseline sees."""
    if task == "2a":
        tweets, vclaims, qrels = require_data(
            "clef2021_task2/subtask-2a--english/tweets-train-dev.tsv",
            "clef2021_task2/subtask-2a--english/snopes_vclaims.jsonl",
            f"clef2021_task2/subtask-2a--english/qrels-{split}.tsv",
        )
    else:
        tweets, vclaims, qrels = require_data(
            "clef2021_task2/subtask-2b--english/train-dev/iclaims.queries",
            "clef2021_task2/subtask-2b--english/politifact_vclaims_meta.jsonl",
            f"clef2021_task2/subtask-2b--english/train-dev/{split}.tsv",
        )
    queries = dict(
        line.rstrip("\n").split("\t", 1) for line in tweets.open(encoding="utf-8") if "\t" in line
    )
    documents = {}
    for line in vclaims.open(encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            documents[row["vclaim_id"]] = f"{row.get('vclaim', '')} {row.get('title', '')}".strip()
    relevant: dict[str, set[str]] = defaultdict(set)
    for line in qrels.open(encoding="utf-8"):
        parts = line.split()
        if len(parts) == 4 and parts[3] != "0":
            relevant[parts[0]].add(parts[2])
    return queries, documents, relevant


class BM25:
    """Plain Okapi BM25 over lowercase word tokens: the lexical baseline."""

    def __init__(self, documents: dict[str, str], k1: float = 1.2, b: float = 0.75) -> None:
        self.ids = list(documents)
        self.k1, self.b = k1, b
        self.lengths = []
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for position, doc_id in enumerate(self.ids):
            tokens = _TOKEN_RE.findall(documents[doc_id].lower())
            self.lengths.append(len(tokens))
            for token, count in Counter(tokens).items():
                self.postings[token].append((position, count))
        self.average = sum(self.lengths) / max(1, len(self.lengths))

    def rank(self, query: str, limit: int = 10) -> list[str]:
        scores: dict[int, float] = defaultdict(float)
        total = len(self.ids)
        for token in set(_TOKEN_RE.findall(query.lower())):
            posting = self.postings.get(token, [])
            idf = math.log(1 + (total - len(posting) + 0.5) / (len(posting) + 0.5))
            for position, count in posting:
                norm = self.k1 * (1 - self.b + self.b * self.lengths[position] / self.average)
                scores[position] += idf * count * (self.k1 + 1) / (count + norm)
        best = sorted(scores, key=lambda p: -scores[p])[:limit]
        return [self.ids[p] for p in best]


def metrics(rankings: dict[str, list[str]], relevant: dict[str, set[str]]) -> dict[str, float]:
    """recall@1/5/10, MRR (over the top 10) and MAP@5."""
    totals: defaultdict[str, float] = defaultdict(float)
    for query_id, gold in relevant.items():
        ranked = rankings.get(query_id, [])
        for k in (1, 5, 10):
            totals[f"recall@{k}"] += len(gold & set(ranked[:k])) / len(gold)
        first = next((i for i, doc in enumerate(ranked[:10]) if doc in gold), None)
        totals["MRR"] += 0.0 if first is None else 1 / (first + 1)
        hits, precision_sum = 0, 0.0
        for i, doc in enumerate(ranked[:5]):
            if doc in gold:
                hits += 1
                precision_sum += hits / (i + 1)
        totals["MAP@5"] += precision_sum / min(len(gold), 5)
    return {name: value / len(relevant) for name, value in totals.items()}


def as_claim(claim_id: int, text: str, speaker: str | None = None) -> Claim:
    return Claim(
        id=claim_id,
        source_id=claim_id,
        text=text,
        quote=text,
        start=0,
        end=len(text),
        kind="narrative",
        speaker=speaker,
    )


def document_speakers(task: str) -> dict[str, str]:
    """Who made each fact-checked claim, where the corpus says (PolitiFact does, Snopes does not)."""
    if task != "2b":
        return {}
    (path,) = require_data("clef2021_task2/subtask-2b--english/politifact_vclaims_meta.jsonl")
    speakers = {}
    for line in path.open(encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            if row.get("speaker"):
                speakers[row["vclaim_id"]] = row["speaker"]
    return speakers


def transcript_lines(task: str) -> dict[str, list[tuple[str, str, str]]]:
    """Debate transcripts by name: (line id, speaker, sentence) in order (2b only)."""
    if task != "2b":
        return {}
    (folder,) = require_data("clef2021_task2/subtask-2b--english/train-dev/transcripts")
    transcripts = {}
    for path in sorted(folder.glob("*.tsv")):
        rows = []
        for line in path.open(encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                rows.append((parts[0], parts[1].strip(), parts[2]))
        transcripts[path.stem] = rows
    return transcripts


def query_claims(task: str, queries: dict[str, str], first_id: int) -> dict[str, Claim]:
    """Each query as a claim, by its transcript speaker for 2b."""
    transcripts = transcript_lines(task)
    found: dict[str, Claim] = {}
    for n, (query_id, text) in enumerate(queries.items()):
        name, _, line = query_id.rpartition("_")
        speaker = next((who for row, who, _ in transcripts.get(name, []) if row == line), None)
        found[query_id] = as_claim(first_id + n, text, speaker)
    return found


def evaluate(task: str, split: str) -> None:
    queries, documents, relevant = read_task(task, split)
    relevant = {q: docs for q, docs in relevant.items() if q in queries}
    doc_ids = list(documents)
    speakers = document_speakers(task)
    claims = [
        as_claim(i, documents[doc_id], speakers.get(doc_id)) for i, doc_id in enumerate(doc_ids)
    ]
    query_of = query_claims(task, {q: queries[q] for q in relevant}, len(claims))
    started = time.perf_counter()
    index = ClaimIndex()
    index.add(claims)
    ours: dict[str, list[str]] = {}
    for query_id in relevant:
        query = query_of[query_id]
        scored = sorted(
            (-score_pair(query, claims[cid]).score, -shared, cid)
            for cid, shared in index.shared_keys(query, CANDIDATES)
        )
        ours[query_id] = [doc_ids[cid] for _, _, cid in scored[:10]]
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    bm25 = BM25(documents)
    baseline = {query_id: bm25.rank(queries[query_id]) for query_id in relevant}
    bm25_seconds = time.perf_counter() - started
    ours_m, base_m = metrics(ours, relevant), metrics(baseline, relevant)
    print(
        f"task {task} {split}: {len(relevant)} queries, {len(documents)} fact-checked claims "
        f"(ours {ours_seconds:.1f} s, BM25 {bm25_seconds:.1f} s)"
    )
    for name in ("recall@1", "recall@5", "recall@10", "MRR", "MAP@5"):
        ratio = ours_m[name] / base_m[name] if base_m[name] else float("nan")
        print(
            f"  {name:9} ours {ours_m[name]:.3f}  vs BM25 baseline {base_m[name]:.3f}  ratio {ratio:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--task", default="both", choices=("2a", "2b", "both"))
    args = parser.parse_args()
    for task in ("2a", "2b") if args.task == "both" else (args.task,):
        evaluate(task, args.split)


if __name__ == "__main__":
    main()
