"""Lemmas without spaCy's lookup data: a table learnt from the treebanks, then suffix rules."""

from __future__ import annotations

_VOWELS = set("aeiou")


def _strip_suffix(word: str, tag: str) -> str:
    """Regular English inflection undone by rule (for words the table has not seen)."""
    if tag in {"NNS", "VBZ"}:
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        if word.endswith(("ches", "shes", "sses", "xes", "zes")):
            return word[:-2]
        if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            return word[:-1]
    elif tag in {"VBD", "VBN"}:
        if word.endswith("ied") and len(word) > 4:
            return word[:-3] + "y"
        if word.endswith("ed") and len(word) > 4:
            stem = word[:-2]
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                return stem[:-1]
            if stem.endswith(
                ("at", "iz", "is", "ur", "iv", "ag", "ut", "ot", "ak", "ok", "uc", "id")
            ):
                return stem + "e"
            return stem
    elif tag == "VBG":
        if word.endswith("ing") and len(word) > 5:
            stem = word[:-3]
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                return stem[:-1]
            if stem.endswith(("at", "iz", "iv", "ag", "ut", "ak", "ok", "uc", "id")):
                return stem + "e"
            return stem
    return word


def lemmatize(text: str, tag: str, table: dict[str, dict[str, str]]) -> str:
    """The lemma of `text` tagged `tag`: the treebank table first, suffix rules otherwise."""
    lower = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    known = table.get(tag, {}).get(lower)
    if known is not None:
        return known
    if tag in {"NNP", "NNPS"}:
        return text
    return _strip_suffix(lower, tag)
