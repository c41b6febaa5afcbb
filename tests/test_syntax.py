"""The parser view (claims.syntax): exact offsets, well-formed trees, negation, hostile input."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims import syntax
from claims.syntax.lemmas import lemmatize
from claims.syntax.view import is_negation_word

STORY = (
    "Harbour tunnel delayed\n\n"
    "Mayor Ada Quill said on Monday that the tunnel won\u2019t open before June.  "
    "\u201cWe didn\u2019t threaten anybody,\u201d engineer Bo Lindqvist told reporters.\n"
    "The council has no plans to expand the ferry. Nobody was hurt, and the plan was never discussed.\n"
)


def _check(text: str, sentences) -> None:
    previous_end = 0
    for sentence in sentences:
        assert sentence.start >= previous_end
        assert sentence.tokens, "empty sentence"
        assert (
            sentence.start == sentence.tokens[0].start and sentence.end == sentence.tokens[-1].end
        )
        previous_end = sentence.end
        roots = 0
        for k, token in enumerate(sentence.tokens):
            assert token.i == k
            assert text[token.start : token.end] == token.text
            assert token.text and not token.text.isspace()
            assert 0 <= token.head < len(sentence.tokens)
            roots += token.head == token.i
            assert (token.dep == "ROOT") == (token.head == token.i)
            sentence.ancestors(k)  # terminates: following heads reaches a root, no cycles
        assert roots >= 1
        starts = [t.start for t in sentence.tokens]
        assert starts == sorted(starts)


def test_offsets_are_exact_in_the_original_text():
    sentences = syntax.parse(STORY)
    _check(STORY, sentences)
    words = [t.text for s in sentences for t in s.tokens]
    assert words.count("n\u2019t") == 2 and "wo" in words and "Quill" in words


def test_sentence_boundaries_come_from_the_parser():
    sentences = syntax.parse("The bridge opened. The mayor was pleased. Ferries stopped running.")
    assert [s.tokens[0].text for s in sentences] == ["The", "The", "Ferries"]


def test_sentences_start_only_after_final_punctuation_or_a_line_break():
    text = 'Mayor Ada Quill said it.  The mayor left.\nFERRY NEWS\nBo Ek "agreed." Then he left'
    found = [text[s.start : s.end] for s in syntax.parse(text)]
    assert found == [
        "Mayor Ada Quill said it.",
        "The mayor left.",
        "FERRY NEWS",
        'Bo Ek "agreed."',
        "Then he left",
    ]


def test_a_reporting_verb_heads_its_subject_and_clause():
    text = "Mayor Ada Quill said that the tunnel would open in June."
    (sentence,) = syntax.parse(text)
    said = next(t for t in sentence.tokens if t.text == "said")
    assert said.lemma == "say" and said.tag == "VBD" and said.pos == "VERB"
    assert said.dep == "ROOT"
    (subject,) = [t for t in sentence.children(said.i) if t.dep == "nsubj"]
    assert text[slice(*sentence.span(subject.i))] == "Mayor Ada Quill"
    clause = [t for t in sentence.children(said.i) if t.dep in {"ccomp", "parataxis"}]
    assert clause and text[slice(*sentence.span(clause[0].i))].startswith("that the tunnel")


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Mayor Ada Quill said the tunnel won\u2019t open.", "open"),
        ("Mayor Ada Quill said the tunnel won't open.", "open"),
        ("We didn\u2019t threaten anybody.", "threaten"),
        ("We didn't threaten anybody.", "threaten"),
        ("This isn\u2019t a fake.", "fake"),
        ("The plan was never discussed.", "discussed"),
        ("They can\u2019t confirm the figure.", "confirm"),
    ],
)
def test_negation_with_straight_and_curly_apostrophes(text, verb):
    (sentence,) = syntax.parse(text)
    target = next(t for t in sentence.tokens if t.text == verb)
    assert sentence.is_negated(target.i), [
        (t.text, t.head, t.dep, t.negation) for t in sentence.tokens
    ]


def test_negative_determiners_and_pronouns_are_flagged():
    sentences = syntax.parse(
        "The council has no plans. Nobody was hurt. None of it is true, nor was it ever."
    )
    flagged = {t.text for s in sentences for t in s.tokens if t.negation}
    assert flagged == {"no", "Nobody", "None", "nor"}
    plain = syntax.parse("The council has plans. Someone was hurt.")
    assert not any(t.negation for s in plain for t in s.tokens)


def test_negation_words_by_spelling():
    for word in ["n't", "n\u2019t", "N\u2019T", "never", "NOTHING", "neither", "nobody"]:
        assert is_negation_word(word), word
    for word in ["note", "know", "now", "nor'easter"]:
        assert not is_negation_word(word), word


def test_lemmas_from_the_table_and_by_rule():
    table = {"VBD": {"said": "say", "told": "tell"}}
    assert lemmatize("Told", "VBD", table) == "tell"
    assert lemmatize("denied", "VBD", {}) == "deny"
    assert lemmatize("claims", "VBZ", {}) == "claim"
    assert lemmatize("warned", "VBN", {}) == "warn"
    assert lemmatize("Lindqvist", "NNP", {}) == "Lindqvist"
    (sentence,) = syntax.parse("She told reporters the councils denied it.")
    assert [t.lemma for t in sentence.tokens][:4] == ["she", "tell", "reporter", "the"]


def test_parse_spans_parses_only_the_spans_with_document_offsets():
    text = "Intro words here. Mayor Ada Quill said no. Tail words there."
    start = text.index("Mayor")
    end = text.index("Tail") - 1
    sentences = syntax.parse_spans(
        text, [(start, end), (start + 3, start + 8), (500, 900), (10, 5)]
    )
    _check(text, sentences)
    assert sentences[0].start == start and sentences[-1].end == end
    assert all(start <= t.start and t.end <= end for s in sentences for t in s.tokens)
    assert syntax.parse_spans(text, []) == ()


def test_parse_spans_whole_keeps_each_span_one_sentence():
    text = "Intro. Mayor Ada Quill said the tunnel won\u2019t open. It will not. Tail."
    first = (text.index("Mayor"), text.index(" It will"))
    second = (text.index("It will"), text.index("Tail") - 1)
    sentences = syntax.parse_spans(text, [second, first], whole=True)
    assert [(s.start, s.end) for s in sentences] == [first, second]
    _check(text, sentences)
    said = next(t for t in sentences[0].tokens if t.text == "said")
    assert said.dep == "ROOT" and sum(t.head == t.i for t in sentences[0].tokens) == 1


def test_parse_spans_many_is_parse_spans_on_each_item_in_order():
    first = "Intro words here. Mayor Ada Quill said no. Tail words there."
    second = "Councillor Bo Lind denied it. The depot will close, aides said."
    items = [
        (first, [(first.index("Mayor"), first.index("Tail") - 1)]),
        (second, []),
        (second, [(0, len(second))]),
        (first, [(0, 17), (500, 900)]),
    ]
    assert syntax.parse_spans_many(items) == [syntax.parse_spans(t, s) for t, s in items]
    assert syntax.parse_spans_many(items, whole=True) == [
        syntax.parse_spans(t, s, whole=True) for t, s in items
    ]
    assert syntax.parse_spans_many([]) == []


def test_parse_many_keeps_order_and_empty_texts():
    results = syntax.parse_many(["Ada spoke.", "", "   \n", "Bo agreed. Cy left."])
    assert [len(r) for r in results] == [1, 0, 0, 2]


def test_views_are_immutable():
    (sentence,) = syntax.parse("Ada spoke.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        sentence.tokens[0].head = 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        sentence.start = 3


def test_long_documents_are_parsed_in_pieces_with_exact_offsets(monkeypatch):
    from claims.syntax import parser

    monkeypatch.setattr(parser, "CHUNK_CHARS", 200)
    text = ("Ada Quill said the tunnel would open in June. " * 6 + "\n") * 4 + "x" * 450
    _check(text, syntax.parse(text))
    _check(text, syntax.parse_spans(text, [(5, 700)]))


ODD = [
    "",
    " ",
    "\n\n\n",
    "\x00\x01\x1b[31m red \x7f",
    "\u201c\u201d\u2019\u2018",
    "...!!!???",
    "\ufeffBOM first",
    "\u200b\u200d zero width",
    "emoji \U0001f600 and \u0627\u0644\u0639\u0631\u0628\u064a\u0629 and \u4e2d\u6587",
    "a" * 5000,
    "\t\t tab \r\n crlf \r",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_input_never_crashes(text):
    _check(text, syntax.parse(text))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(max_size=300),
    st.lists(st.tuples(st.integers(-5, 320), st.integers(-5, 320)), max_size=4),
)
def test_any_text_parses_with_exact_offsets(text, spans):
    _check(text, syntax.parse(text))
    _check(text, syntax.parse_spans(text, spans))


def test_importing_claims_syntax_does_not_load_spacy():
    code = "import sys, claims.syntax, claims.syntax.view; print('spacy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_model_ships_inside_the_package():
    from claims.syntax import parser

    assert (parser.MODEL_DIR / "config.cfg").is_file()
    assert (parser.MODEL_DIR / "LICENSE").is_file() and (parser.MODEL_DIR / "NOTICE.md").is_file()
    assert not (parser.MODEL_DIR / "model-last").exists()
    nlp = parser.load()
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser"]
    assert nlp.meta["license"] == "CC BY-SA 4.0"


def test_the_network_multiplies_through_numpy_blas_held_to_one_thread(monkeypatch):
    """thinc's bundled blis multiplied the tok2vec's matrices at a quarter of numpy's BLAS speed
    here; BLAS threads spinning beside the extraction workers would take their CPU."""
    from threadpoolctl import threadpool_info

    from claims.syntax import parser

    nlp = parser.load()
    layers = [layer for _, pipe in nlp.pipeline for layer in pipe.model.walk()]
    assert layers and all(getattr(layer.ops, "use_blis", True) is False for layer in layers)
    threads_seen: list[set[int]] = []
    convert = parser._sentences

    def spying(doc, offset):
        # Called as each parsed doc comes out of the pipeline, while the batch is parsed.
        threads_seen.append(
            {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}
        )
        return convert(doc, offset)

    monkeypatch.setattr(parser, "_sentences", spying)
    syntax.parse_spans_many(
        [("Mira Tolle said the ferry would run. Ivo Brand denied it.", [(0, 57)])]
    )
    assert threads_seen and all(threads == {1} for threads in threads_seen)
