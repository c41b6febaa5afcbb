"""Pronoun speakers against GUM's gold coreference: does the speaker named for 'he said' refer to the right entity?

GUM's news and interview documents (Wikinews) carry gold entity and coreference annotation
(`Entity=` in MISC). Each document's text is rebuilt from its tokens with exact offsets, then
extracted by `claims.extraction.extract_claims`, the entry point `counterclaim add` runs. For
every claim whose speaker mention is a third-person pronoun (he, she, they, it) and lies on a
gold mention, the speaker named is right when it shares a word with one of the entity's
non-pronoun mentions before the pronoun (its names and descriptions: 'Ivanka Trump', 'the
agency'). A second figure scores every third-person subject pronoun of a person (not only
speakers) by the nearest person named before it, the fallback the resolver uses, as a
baseline. The resolver is also run alone, in document order, on every he/she subject pronoun, as if
each were a speaker, for a larger sample than the speakers alone give.

    python benchmarks/eval_coref.py [--split all|train|dev|test] [--show-errors N]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from claims.extraction import extract_claims
from claims.extraction.candidates import Candidate
from claims.extraction.coref import SpeakerResolver
from claims.extraction.mentions import Mention as SpeakerMention

_DATA = Path(
    os.environ.get(
        "COUNTERCLAIM_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"
    )
)
_GUM = _DATA / "treebanks" / "gum"
_GENRES = ("news", "interview")
_PRONOUNS = frozenset("he she they it".split())
_STOP = frozenset("the a an of and mr mrs ms dr his her their its this that these those".split())
_ENTITY_RE = re.compile(r"\((\d+)-([a-z]+)[^()|]*?(\))?(?=\(|$|\d)|(\d+)\)")


@dataclass
class Mention:
    """A gold mention: entity id and type, document offsets, and its text."""

    entity: int
    etype: str
    start: int
    end: int
    text: str = ""
    pronoun: bool = False


@dataclass
class Document:
    """One GUM document rebuilt as text, with its gold mentions and its person subjects."""

    name: str
    text: str
    mentions: list[Mention] = field(default_factory=list)
    subjects: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end, word) of third-person subject pronouns (nsubj of a verb)."""


def _entity_events(misc: str) -> list[tuple[str, int, str]]:
    """('open', id, type), ('close', id, '') and ('single', id, type) events of one token's Entity= value."""
    value = next(
        (part[len("Entity=") :] for part in misc.split("|") if part.startswith("Entity=")), ""
    )
    events = []
    position = 0
    while position < len(value):
        if value[position] == "(":
            close = value.find("(", position + 1)
            chunk = value[position + 1 : close if close > 0 else len(value)]
            single = chunk.endswith(")")
            chunk = chunk.rstrip(")")
            parts = chunk.split("-")
            events.append(
                ("single" if single else "open", int(parts[0]), parts[1] if len(parts) > 1 else "")
            )
            position = close if close > 0 else len(value)
        else:
            match = re.match(r"(\d+)\)", value[position:])
            if match is None:
                break
            events.append(("close", int(match.group(1)), ""))
            position += match.end()
    return events


def read_document(path: Path) -> Document:
    """Rebuild a CoNLL-U document's text (one paragraph a line) with its gold mentions."""
    pieces: list[str] = []
    length = 0
    open_mentions: dict[int, list[Mention]] = {}
    mentions: list[Mention] = []
    subjects: list[tuple[int, int, str]] = []
    range_end = 0
    pending_space = ""
    paragraph_started = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("# newpar") and not raw.startswith("# newpar_"):
            if paragraph_started:
                pending_space = "\n"
            continue
        if not raw or raw.startswith("#"):
            if not raw:
                range_end = 0  # token ids start again in the next sentence
                if paragraph_started and pending_space == "":
                    pending_space = " "
            continue
        columns = raw.split("\t")
        if len(columns) < 10:
            continue
        token_id, form, misc = columns[0], columns[1], columns[9]
        if "-" in token_id:
            first, last = (int(x) for x in token_id.split("-"))
            range_end = last
            pieces.append(pending_space)
            length += len(pending_space)
            pending_space = "" if "SpaceAfter=No" in misc else " "
            range_start = length
            pieces.append(form)
            length += len(form)
            range_text, range_cursor = form, 0
            paragraph_started = True
            continue
        if "." in token_id:
            continue
        number = int(token_id)
        if number <= range_end:
            # A word inside a multi-word token ('do' + "n't" in "don't"): find it within the surface form.
            found = range_text.lower().find(form.lower(), range_cursor)
            start = range_start + (found if found >= 0 else range_cursor)
            end = start + (len(form) if found >= 0 else 0)
            range_cursor = end - range_start if found >= 0 else range_cursor
        else:
            pieces.append(pending_space)
            length += len(pending_space)
            pending_space = "" if "SpaceAfter=No" in misc else " "
            start = length
            pieces.append(form)
            length += len(form)
            end = length
            paragraph_started = True
        if columns[7].startswith("nsubj") and columns[4] == "PRP" and form.lower() in ("he", "she"):
            subjects.append((start, end, form.lower()))
        for kind, entity, etype in _entity_events(misc):
            if kind == "close":
                stack = open_mentions.get(entity)
                if stack:
                    mention = stack.pop()
                    mention.end = end
                    mentions.append(mention)
            elif kind == "single":
                mentions.append(Mention(entity, etype, start, end))
            else:
                open_mentions.setdefault(entity, []).append(Mention(entity, etype, start, end))
    text = "".join(pieces)
    for mention in mentions:
        mention.text = text[mention.start : mention.end]
        mention.pronoun = mention.text.lower() in _PRONOUNS | {
            "him",
            "her",
            "them",
            "i",
            "we",
            "you",
            "me",
            "us",
        }
    mentions.sort(key=lambda m: (m.start, -m.end))
    return Document(path.stem, text, mentions, subjects)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def _names_before(document: Document, entity: int, offset: int) -> list[str]:
    return [
        m.text
        for m in document.mentions
        if m.entity == entity and not m.pronoun and m.end <= offset and _words(m.text)
    ]


def _nearest_person_before(document: Document, offset: int) -> Mention | None:
    """The last non-pronoun person mention with a capitalised word that ends before offset."""
    found = None
    for mention in document.mentions:
        if mention.start >= offset:
            break
        if (
            mention.end <= offset
            and mention.etype == "person"
            and not mention.pronoun
            and re.search(r"\b[A-Z][a-z]", mention.text)
        ):
            if found is None or mention.end > found.end:
                found = mention
    return found


def _splits() -> dict[str, str]:
    """Document name -> GUM's official split (train, dev, test), from UPSTREAM_SPLITS.md."""
    splits: dict[str, str] = {}
    listing = _GUM / "UPSTREAM_SPLITS.md"
    if not listing.exists():
        return splits
    section = ""
    for line in listing.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif line.strip().startswith("* "):
            splits[line.strip()[2:].strip()] = section
    return splits


def documents(split: str = "all") -> list[Document]:
    """GUM's news and interview documents of one official split (or all), in name order."""
    splits = _splits()
    return [
        read_document(path)
        for genre in _GENRES
        for path in sorted(_GUM.glob(f"GUM_{genre}_*.conllu"))
        if split == "all" or splits.get(path.stem, "train") == split
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--show-errors", type=int, default=0, metavar="N", help="print N wrongly resolved speakers"
    )
    parser.add_argument(
        "--split",
        default="all",
        choices=["all", "train", "dev", "test"],
        help="GUM's official split of the documents (develop on train)",
    )
    args = parser.parse_args(argv)
    if not _GUM.exists():
        print(f"GUM not found at {_GUM}; set COUNTERCLAIM_DATA to score coreference. Skipping.")
        return 0
    docs = documents(args.split)
    right = total = unresolved = 0
    baseline_right = baseline_total = subject_right = 0
    errors = []
    for document in docs:
        by_span = {(m.start, m.end): m for m in document.mentions}
        for claim in extract_claims(document.text):
            mention = claim.speaker_mention
            if mention is None or mention.text.lower() not in _PRONOUNS:
                continue
            gold = by_span.get((mention.start, mention.end))
            if gold is None:
                continue
            names = _names_before(document, gold.entity, mention.start)
            if not names:
                continue  # cataphora or an entity never named: nothing to resolve it to
            total += 1
            speaker = " ".join([claim.speaker or "", *claim.speaker_aliases])
            if not claim.speaker or claim.speaker.lower() in _PRONOUNS:
                unresolved += 1
                errors.append((document.name, mention.text, claim.speaker, names[-1]))
            elif _words(speaker) & set().union(*(_words(n) for n in names)):
                right += 1
            else:
                errors.append((document.name, mention.text, claim.speaker, names[-1]))
        resolver = SpeakerResolver(document.text)
        for start, end, _word in document.subjects:
            gold = by_span.get((start, end))
            candidate = Candidate(
                end, end, "indirect", mention=SpeakerMention(document.text[start:end], start, end)
            )
            resolver.resolve(candidate)
            if gold is None:
                continue
            names = _names_before(document, gold.entity, start)
            if not names:
                continue
            baseline_total += 1
            nearest = _nearest_person_before(document, start)
            baseline_right += nearest is not None and nearest.entity == gold.entity
            subject_right += bool(
                candidate.speaker
                and candidate.speaker.lower() not in _PRONOUNS
                and _words(candidate.speaker) & set().union(*(_words(n) for n in names))
            )
    print(
        f"GUM news + interview ({args.split}): {len(docs)} documents, {sum(len(d.text) for d in docs) / 1e3:.0f} kB"
    )
    print(
        f"  pronoun speakers (he/she/they/it said ...) resolved to the right entity: {right / max(1, total):.3f} "
        f"({right}/{total}; {unresolved} left as a bare pronoun)"
    )
    print(
        f"  the speaker resolver alone on every he/she subject pronoun: {subject_right / max(1, baseline_total):.3f} "
        f"({subject_right}/{baseline_total})"
    )
    print(
        f"  baseline, every he/she subject -> nearest named person before it: {baseline_right / max(1, baseline_total):.3f} "
        f"({baseline_right}/{baseline_total})"
    )
    if args.show_errors:
        print(
            "\nWrong or unresolved pronoun speakers (document, pronoun, speaker given, gold name):"
        )
        for error in random.Random(42).sample(errors, min(args.show_errors, len(errors))):
            print(f"  {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
