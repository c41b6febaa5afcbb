"""Property tests: extraction never raises and every span it returns is exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import extract_claims
from claims.quantities import extract_quantities
from claims.speakers import same_speaker, speaker_key, split_role
from claims.text import normalise_text

_PIECES = [
    '"',
    "“",
    "”",
    "''",
    "'",
    ",",
    ".",
    ":",
    ";",
    " ",
    "\n",
    "\n\n",
    "(",
    ")",
    "—",
    "said",
    "says",
    "told",
    "denied",
    "according to",
    "that",
    "calling them",
    "a claim",
    "has been accused of",
    "reports",
    "He",
    "she",
    "they",
    "who",
    "Mara Velden",
    "Velden",
    "the agency",
    "officials",
    "12,000",
    "two",
    "brigades",
    "each consisting of",
    "$400 million",
    "about",
    "by November 1",
    "percent",
    "not aware of",
    "fake",
    "Mr.",
    "U.S.",
    "As",
    "and",
    "warned",
    "saying",
]
documents = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(_PIECES), max_size=60).map(" ".join),
    st.lists(st.sampled_from(_PIECES), max_size=60).map("".join),
)


def _assert_exact(text: str) -> None:
    claims = extract_claims(text)
    for index, claim in enumerate(claims):
        assert text[claim.start : claim.end] == claim.quote
        for span in (claim.speaker_mention, claim.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text
        for quantity in claim.quantities:
            assert text[quantity.start : quantity.end] == quantity.text
        if claim.answers is not None:
            assert 0 <= claim.answers < len(claims) and claim.answers != index


@settings(max_examples=200, deadline=None)
@given(documents)
def test_extraction_never_raises_and_spans_are_exact(raw):
    _assert_exact(normalise_text(raw))


@settings(max_examples=200, deadline=None)
@given(documents, st.integers(0, 50), st.integers(0, 400))
def test_quantities_spans_are_exact(text, start, length):
    for quantity in extract_quantities(text, start, start + length):
        assert text[quantity.start : quantity.end] == quantity.text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_speaker_helpers_never_raise(a, b):
    speaker_key(a)
    split_role(a)
    assert same_speaker(a, [], a, []) in (True, False)
    same_speaker(a, [b], b, [a])
