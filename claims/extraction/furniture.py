"""Page furniture: headings, photo credits, captions, ad code and link lists, which say nothing anyone claimed."""

from __future__ import annotations

import re

from claims.extraction.segment import SentenceIndex

_CODE_RE = re.compile(
    r"\bfunction\s*\([^)]*\)\s*\{|\bvar\s+\w+\s*=|\bdocument\.\w+|\.push\(|\bwindow\.\w+|googletag|"
    r"\bif\s*\([^)]*\)\s*(?:\{|return)|</?(?:script|div|iframe)\b"
)
_CREDIT_RE = re.compile(
    r"(?:^(?:AP\s+Photo|Photos?|Image|Images|Picture|Pictures|Credit|Photo\s+credit|Source|Video|Pictured|Above)\s*[:/])|"
    r"(?:/\s*(?:Getty\s+Images|AFP|Reuters|AP|Shutterstock|EPA|Corbis)\s*$)|(?:^REUTERS/)|(?:REUTERS/\w+\s*$)",
    re.IGNORECASE,
)
_PROMO_RE = re.compile(
    r"^\W*(?:Read\s+more|Related(?:\s+\w+)?\s*:|See\s+also|Click\s+here|Share\s+this|Follow\s+us|Sign\s+up|Like\s+us|"
    r"Download\s+the|Subscribe|Watch\s+(?:the\s+)?(?:video|below|here)|Advertisement\b|Refresh\s+automatically)",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"https?://\S+|www\.\S+|\S+\.(?:com|org|net|co\.uk)/\S*|pic\.twitter\.com/\S+")
# 'Shocker: Chandler (above) has admitted ...': a label, then a caption pointing at the picture.
_CAPTION_RE = re.compile(
    r"^(?:[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3}:\s).*\((?:pictured|above|below|left|right|centre|center|inset|top|bottom)\)",
)
_HEADING_MAX_WORDS = 8
# A box of related links: 'Related <headline>' (an icon's letter may stick to it), then lines up to 'SEE ALL RELATED'.
_RELATED_OPENING_RE = re.compile(r"\W*l?Related\s+\S")
_SEE_ALL_RE = re.compile(r"\s*SEE\s+ALL\s+RELATED\b")
_RELATED_BOX_LINES = 5
# Cheap substring checks that every match of the code and link patterns contains.
_CODE_MARKERS = ("{", "var ", "document.", ".push(", "window.", "googletag", "<")
_URL_MARKERS = ("http", "www.", ".com", ".org", ".net", ".co.uk", "pic.twitter")


def is_furniture(line: str) -> bool:
    """Whether a paragraph is page furniture rather than part of the story."""
    stripped = line.strip()
    if not stripped:
        return False
    if any(marker in stripped for marker in _CODE_MARKERS) and _CODE_RE.search(stripped):
        return True
    if _PROMO_RE.match(stripped) or ")" in stripped and _CAPTION_RE.match(stripped):
        return True
    words = stripped.split()
    if len(words) <= 12 and _CREDIT_RE.search(stripped):
        return True
    if len(words) <= _HEADING_MAX_WORDS and stripped.isupper() and stripped[-1] not in '.!?"”':
        return True  # 'WATCH BELOW', 'KEEPING SCORE', 'HEALTH': a section heading
    if not any(marker in stripped for marker in _URL_MARKERS):
        return False
    urls = sum(len(m.group(0)) for m in _URL_RE.finditer(stripped))
    return urls > 0.5 * len(stripped)


def furniture_paragraphs(text: str, index: SentenceIndex) -> list[tuple[int, int]]:
    """The (start, end) spans of the paragraphs that are page furniture, in order."""
    found = [(start, end) for start, end in index.paragraphs if is_furniture(text[start:end])]
    if "RELATED" in text:
        found = sorted(set(found) | set(_related_boxes(text, index)))
    return found


def _related_boxes(text: str, index: SentenceIndex) -> list[tuple[int, int]]:
    """The lines of a box of related links: from 'Related <headline>' down to 'SEE ALL RELATED'.

    The box repeats a linked story's headline ('Kim had ankle surgery, officials say') on lines
    of their own, which read like the story's own sentences; only the closing line marks them.
    """
    paragraphs = index.paragraphs
    boxes: list[tuple[int, int]] = []
    for n, (start, end) in enumerate(paragraphs):
        if not _SEE_ALL_RE.match(text, start, end):
            continue
        opening = next(
            (
                k
                for k in range(n - 1, max(-1, n - 1 - _RELATED_BOX_LINES), -1)
                if _RELATED_OPENING_RE.match(text, *paragraphs[k])
            ),
            None,
        )
        if opening is not None:
            boxes.extend(paragraphs[opening : n + 1])
    return boxes
