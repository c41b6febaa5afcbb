"""Score claim extraction against PolNeAR attributions: content P/R/F1, speaker and cue accuracy.

Protocol: every predicted claim of kind direct or indirect is matched one-to-one (greedy, best
coverage first) to a gold attribution. A pair matches at level t when the predicted span covers at
least t of the gold content's characters (the union of its content spans) and the predicted
characters outside the gold content are no more than the gold content's length. Speaker accuracy
over pairs matched at 0.3 whose gold has a source: the predicted speaker mention overlaps the gold
source span, or the predicted speaker's name shares a word with the gold source text. The strict
figure counts a pronoun (gold source 'he', 'they', ...) only when the speaker named resolves it: the
predicted name must share a word with the nearest earlier gold source that names someone (PolNeAR
has no coreference, so that earlier named source stands in for the antecedent). Cue accuracy:
the predicted cue overlaps the gold cue. Each line of the corpus (one article as read by one
annotator) is scored on its own unless --dedupe keeps only the first annotator of each article.
PolNeAR's unit is the attribution (source, cue, content), and it marks a two-part quote ('"A," X
said. "B."') as one attribution with discontinuous content; extraction stores each part as a
claim with the same speaker and cue, so claims sharing one cue occurrence are scored as one
attribution whose content is the union of their spans.

    python benchmarks/eval_attribution.py --split dev [--limit N] [--dedupe] [--show-errors 20] [--by-cue 30] [--error-classes] [--speech-misses 40]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import sys
import time
from pathlib import Path

from claims.extraction import extract_claims
from claims.extraction.lexicon import CUE_FORMS
from claims.text import normalise_text

_DATA = Path(
    os.environ.get(
        "COUNTERCLAIM_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"
    )
)
_CORPUS = _DATA / "polnear" / "polnear_train_dev.jsonl"
_LEVELS = (0.3, 0.8)
_STOP = frozenset("the a an of and mr mrs ms dr".split())


class _Attribution:
    """One predicted attribution: the claims that share one cue occurrence (the parts of a
    two-part quote), read as their first claim with the union of their spans as content."""

    def __init__(self, claims: list) -> None:
        self.claims = claims
        self.chars = {i for claim in claims for i in range(claim.start, claim.end)}

    def __getattr__(self, name: str):
        return getattr(self.claims[0], name)


def _attributions(claims: list) -> list[_Attribution]:
    """Claims grouped by their cue's offsets (a claim with no cue stands alone), in document order."""
    groups: dict[object, list] = {}
    for n, claim in enumerate(claims):
        key = (claim.cue.start, claim.cue.end) if claim.cue is not None else n
        groups.setdefault(key, []).append(claim)
    return sorted((_Attribution(group) for group in groups.values()), key=lambda a: a.start)


def _chars(spans: list[list[int]]) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


_PRONOUNS = frozenset(
    "he she they it we i you him her them his their its our my who which this".split()
)


def _is_pronoun(text: str) -> bool:
    words = re.findall(r"[a-z']+", text.lower())
    return len(words) == 1 and words[0] in _PRONOUNS


def _antecedents(gold: list[dict]) -> None:
    """Give each pronoun source the nearest earlier gold source that names someone (capitalised, not a pronoun)."""
    named = sorted(
        (min(item["source"]), item["source_text"])
        for item in gold
        if item["source"]
        and not _is_pronoun(item["source_text"])
        and re.search(r"\b[A-Z][a-z]", item["source_text"])
    )
    for item in gold:
        item["antecedent"] = None
        if item["source"] and _is_pronoun(item["source_text"]):
            start = min(item["source"])
            earlier = [text for offset, text in named if offset < start]
            item["antecedent"] = earlier[-1] if earlier else None


def _gold(line: dict) -> list[dict]:
    gold = []
    for attribution in line["attributions"]:
        spans = [span for content in attribution.get("content") or [] for span in content["spans"]]
        if not spans:
            continue
        source = attribution.get("source") or {}
        cue = attribution.get("cue") or {}
        gold.append(
            {
                "content": _chars(spans),
                "spans": spans,
                "source": _chars(source.get("spans") or []),
                "source_text": source.get("text") or "",
                "cue": _chars(cue.get("spans") or []),
                "cue_text": " ".join((cue.get("text") or "").lower().split()),
                "speech": _is_speech_cue(cue.get("text") or ""),
            }
        )
    _antecedents(gold)
    return gold


def _is_speech_cue(cue: str) -> bool:
    """Whether a gold cue is a verb of saying (as opposed to 'wants', 'supports', 'seemed')."""
    words = re.findall(r"[a-z]+", cue.lower())
    return "according" in words or cue.strip() == ":" or any(word in CUE_FORMS for word in words)


def _match(predicted: list, gold: list[dict], level: float) -> list[tuple[int, int]]:
    scored = []
    for p_index, claim in enumerate(predicted):
        p_chars = claim.chars
        for g_index, item in enumerate(gold):
            inside = len(p_chars & item["content"])
            if not inside:
                continue
            cover = inside / len(item["content"])
            excess = len(p_chars) - inside
            if cover >= level and excess <= len(item["content"]):
                scored.append((cover, -excess, p_index, g_index))
    scored.sort(reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for _, _, p_index, g_index in scored:
        if p_index in used_p or g_index in used_g:
            continue
        used_p.add(p_index)
        used_g.add(g_index)
        pairs.append((p_index, g_index))
    return pairs


def _error_classes(
    predicted: list, gold: list[dict], pairs: list[tuple[int, int]]
) -> collections.Counter:
    """Why each unmatched speech-verb gold and each unmatched prediction failed, by the span it overlaps most."""
    classes: collections.Counter = collections.Counter()
    matched_p = {p for p, _ in pairs}
    matched_g = {g for _, g in pairs}
    spans = [claim.chars for claim in predicted]
    for g_index, item in enumerate(gold):
        if g_index in matched_g or not item["speech"]:
            continue
        overlapping = [p for p, chars in enumerate(spans) if chars & item["content"]]
        if not overlapping:
            classes["miss: no prediction overlaps"] += 1
        elif all(p in matched_p for p in overlapping):
            classes["miss: overlapping predictions matched other gold"] += 1
        else:
            classes["miss: a prediction overlaps, boundaries too far off"] += 1
    for p_index, chars in enumerate(spans):
        if p_index in matched_p:
            continue
        overlaps = [
            (len(chars & item["content"]), g)
            for g, item in enumerate(gold)
            if chars & item["content"]
        ]
        if not overlaps:
            classes["false alarm: overlaps no gold"] += 1
            continue
        inside, g_index = max(overlaps)
        if g_index in matched_g:
            classes["false alarm: its gold is matched by another prediction"] += 1
        elif inside / len(gold[g_index]["content"]) < _LEVELS[0]:
            classes["false alarm: too short for its gold"] += 1
        else:
            classes["false alarm: too long for its gold"] += 1
    return classes


def _speaker_right(claim, item: dict) -> bool:
    if claim.speaker_mention is not None:
        if set(range(claim.speaker_mention.start, claim.speaker_mention.end)) & item["source"]:
            return True
    names = " ".join([claim.speaker or "", *claim.speaker_aliases])
    return bool(_words(names) & _words(item["source_text"]))


def _speaker_resolved(claim, item: dict) -> bool:
    """Like `_speaker_right`, but a pronoun source counts only when the name given is its antecedent's."""
    names = " ".join([claim.speaker or "", *claim.speaker_aliases])
    if item["antecedent"] is not None:
        return not _is_pronoun(claim.speaker or "") and bool(
            _words(names) & _words(item["antecedent"])
        )
    if _is_pronoun(item["source_text"]):
        return False  # no earlier named source to resolve it to: it cannot be checked, so it is not credited
    if claim.speaker_mention is not None and _is_pronoun(claim.speaker_mention.text):
        # The gold names the speaker; a pronoun mention is right only if it was resolved to that name.
        return bool(_words(names) & _words(item["source_text"]))
    return _speaker_right(claim, item)


def _cue_key(claim) -> str:
    return " ".join(claim.cue.text.lower().split()) if claim.cue else "(no cue)"


def _load(split: str, limit: int | None, dedupe: bool) -> list[dict]:
    lines, seen = [], set()
    with _CORPUS.open(encoding="utf-8") as handle:
        for raw in handle:
            line = json.loads(raw)
            if line["split"] != split:
                continue
            if dedupe and line["filename"] in seen:
                continue
            seen.add(line["filename"])
            lines.append(line)
    return lines[:limit] if limit else lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N lines")
    parser.add_argument(
        "--dedupe", action="store_true", help="first annotator of each article only"
    )
    parser.add_argument(
        "--show-errors", type=int, default=0, metavar="N", help="print N misses and N false alarms"
    )
    parser.add_argument(
        "--error-classes",
        action="store_true",
        help="count speech-verb misses and all false alarms by kind (no span, wrong boundary, duplicate)",
    )
    parser.add_argument(
        "--by-cue",
        type=int,
        default=0,
        metavar="N",
        help="print the N gold cues missed most often and the N predicted cues most often unmatched",
    )
    parser.add_argument(
        "--speech-misses",
        type=int,
        default=0,
        metavar="N",
        help="print N unmatched speech-verb gold attributions and N wrong strict speakers, with context",
    )
    args = parser.parse_args(argv)
    if not _CORPUS.exists():
        print(
            f"PolNeAR not found at {_CORPUS}; set COUNTERCLAIM_DATA to score attribution. Skipping."
        )
        return 0
    lines = _load(args.split, args.limit, args.dedupe)
    totals = {level: [0, 0, 0] for level in _LEVELS}
    speech = [0, 0, 0]
    speaker_right = speaker_total = cue_right = cue_total = 0
    resolved_right = pronoun_total = pronoun_right = 0
    misses, alarms = [], []
    speech_misses: list[tuple[str, dict, list]] = []
    speaker_misses: list[tuple[str, dict, object]] = []
    gold_cues: collections.Counter[str] = collections.Counter()
    missed_cues: collections.Counter[str] = collections.Counter()
    predicted_cues: collections.Counter[str] = collections.Counter()
    alarm_cues: collections.Counter[str] = collections.Counter()
    classes: collections.Counter = collections.Counter()
    skipped = 0
    started = time.perf_counter()
    for line in lines:
        text = line["text"]
        if normalise_text(text) != text:
            skipped += 1  # gold offsets refer to the raw text, so extraction reads it as is
        predicted = _attributions(
            [c for c in extract_claims(text) if c.kind in ("direct", "indirect")]
        )
        gold = _gold(line)
        for level in _LEVELS:
            pairs = _match(predicted, gold, level)
            totals[level][0] += len(pairs)
            totals[level][1] += len(predicted)
            totals[level][2] += len(gold)
            if level != _LEVELS[0]:
                continue
            for p_index, g_index in pairs:
                item = gold[g_index]
                if item["source"]:
                    speaker_total += 1
                    speaker_right += _speaker_right(predicted[p_index], item)
                    resolved = _speaker_resolved(predicted[p_index], item)
                    resolved_right += resolved
                    if not resolved:
                        speaker_misses.append((text, item, predicted[p_index]))
                    if _is_pronoun(item["source_text"]):
                        pronoun_total += 1
                        pronoun_right += resolved
                if item["cue"]:
                    cue_total += 1
                    span = predicted[p_index].cue
                    cue_right += bool(span and set(range(span.start, span.end)) & item["cue"])
            speech_pairs = [(p, g) for p, g in pairs if gold[g]["speech"]]
            neutral = len(pairs) - len(speech_pairs)
            speech[0] += len(speech_pairs)
            speech[1] += len(predicted) - neutral
            speech[2] += sum(1 for item in gold if item["speech"])
            matched_p = {p for p, _ in pairs}
            matched_g = {g for _, g in pairs}
            if args.error_classes:
                classes.update(_error_classes(predicted, gold, pairs))
            misses += [(text, gold[g]) for g in range(len(gold)) if g not in matched_g]
            speech_misses += [
                (text, item, [c for c in predicted if set(range(c.start, c.end)) & item["content"]])
                for g, item in enumerate(gold)
                if g not in matched_g and item["speech"]
            ]
            alarms += [(text, predicted[p]) for p in range(len(predicted)) if p not in matched_p]
            gold_cues.update(item["cue_text"] for item in gold)
            missed_cues.update(gold[g]["cue_text"] for g in range(len(gold)) if g not in matched_g)
            predicted_cues.update(_cue_key(claim) for claim in predicted)
            alarm_cues.update(
                _cue_key(predicted[p]) for p in range(len(predicted)) if p not in matched_p
            )
    elapsed = time.perf_counter() - started
    print(
        f"PolNeAR {args.split}: {len(lines)} lines scored ({'first annotator per article' if args.dedupe else 'every annotator line'}; {skipped} not in normal form, read raw), {elapsed:.1f}s"
    )
    for level in _LEVELS:
        matched, n_pred, n_gold = totals[level]
        precision = matched / n_pred if n_pred else 0.0
        recall = matched / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"  overlap >= {level:.1f}: P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  ({matched} matched, {n_pred} predicted, {n_gold} gold)"
        )
    matched, n_pred, n_gold = speech
    precision, recall = matched / max(1, n_pred), matched / max(1, n_gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(
        f"  speech-verb subset (gold cue is a verb of saying, {n_gold} gold; predictions matched to other gold "
        f"left out): P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f} at overlap >= 0.3"
    )
    other_gold = totals[_LEVELS[0]][2] - n_gold
    other_matched = totals[_LEVELS[0]][0] - matched
    print(
        f"  other cues (wants, supports, 'the report', 'in a poll', ... {other_gold} gold): "
        f"R {other_matched / max(1, other_gold):.3f} at overlap >= 0.3"
    )
    print(
        f"  speaker accuracy (matched at 0.3, gold has a source): {speaker_right / max(1, speaker_total):.3f} ({speaker_right}/{speaker_total})"
    )
    print(
        f"  speaker accuracy, pronouns resolved (a gold pronoun counts only if the name given is the nearest earlier "
        f"named gold source): {resolved_right / max(1, speaker_total):.3f} ({resolved_right}/{speaker_total}; "
        f"pronoun sources {pronoun_right}/{pronoun_total})"
    )
    print(
        f"  cue accuracy (matched at 0.3, gold has a cue): {cue_right / max(1, cue_total):.3f} ({cue_right}/{cue_total})"
    )
    if args.error_classes:
        print("\nError classes at overlap >= 0.3 (speech-verb misses; false alarms of every cue):")
        for name, count in sorted(classes.items(), key=lambda item: -item[1]):
            print(f"  {count:6d}  {name}")
    if args.by_cue:
        print("\nGold cues missed most often (missed / gold):")
        for cue, count in missed_cues.most_common(args.by_cue):
            print(f"  {count:5d} / {gold_cues[cue]:5d}  {cue!r}")
        print("\nPredicted cues most often unmatched (unmatched / predicted):")
        for cue, count in alarm_cues.most_common(args.by_cue):
            print(f"  {count:5d} / {predicted_cues[cue]:5d}  {cue!r}")
    if args.show_errors:
        rng = random.Random(42)
        print("\nMissed gold attributions:")
        for text, item in rng.sample(misses, min(args.show_errors, len(misses))):
            start = min(item["content"])
            end = max(item["content"]) + 1
            context = text[max(0, start - 120) : min(len(text), end + 60)].replace("\n", " ")
            print(
                f"  - source={item['source_text']!r} content={text[start:end][:160]!r}\n      ...{context}..."
            )
        print("\nPredicted claims with no gold match:")
        for _text, claim in rng.sample(alarms, min(args.show_errors, len(alarms))):
            print(
                f"  - [{claim.kind}] {claim.speaker!r} cue={claim.cue.text if claim.cue else None!r}: {claim.quote[:160]!r}"
            )
    if args.speech_misses:
        _print_speech_misses(speech_misses, speaker_misses, args.speech_misses)
    return 0


def _context(text: str, chars: set[int], before: int = 160, after: int = 60) -> str:
    start, end = min(chars), max(chars) + 1
    return text[max(0, start - before) : min(len(text), end + after)].replace("\n", " ")


def _print_speech_misses(speech_misses: list, speaker_misses: list, count: int) -> None:
    """Print a seeded sample of unmatched speech-verb gold and of matched pairs with a wrong strict speaker."""
    rng = random.Random(14)
    print(f"\nUnmatched speech-verb gold ({len(speech_misses)}), a sample:")
    for text, item, overlapping in rng.sample(speech_misses, min(count, len(speech_misses))):
        content = text[min(item["content"]) : max(item["content"]) + 1]
        print(
            f"  - cue={item['cue_text']!r} source={item['source_text']!r} content={content[:200]!r}"
        )
        print(f"      ...{_context(text, item['content'])}...")
        for claim in overlapping:
            print(
                f"      predicted [{claim.kind}] {claim.speaker!r} cue={claim.cue.text if claim.cue else None!r}: {claim.quote[:200]!r}"
            )
    print(f"\nMatched with a wrong strict speaker ({len(speaker_misses)}), a sample:")
    for text, item, claim in rng.sample(speaker_misses, min(count, len(speaker_misses))):
        mention = claim.speaker_mention.text if claim.speaker_mention else None
        print(
            f"  - gold source={item['source_text']!r} (antecedent {item['antecedent']!r}) predicted={claim.speaker!r} "
            f"mention={mention!r} cue={item['cue_text']!r}"
        )
        print(f"      ...{_context(text, item['source'] or item['content'], 200, 80)}...")


if __name__ == "__main__":
    sys.exit(main())
