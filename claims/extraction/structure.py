"""Reading the parse: which cue words are verbs, and attributions the word-level readers missed.

Extraction reads `claims.syntax` views only (tokens with offsets, tags, heads, labels), never
spaCy. Only the sentences that hold a one-word cue or an inflected verb of saying are parsed.
The tree refines what the word-level readers found: a cue the tagger reads as a noun is no cue
('Guerrero state', 'a Facebook post'); and a verb of saying whose subject and clausal
complement the tree shows, where no reader found a claim, becomes one: its subject (up to a
relative clause or appositive) speaks, its complement is the claim, whole.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from claims.extraction.candidates import Candidate
from claims.extraction.fronted import clause_like
from claims.extraction.lexicon import CUE_FORMS, EVIDENCE_NOUNS, STRONG_SAY_LEMMAS, inflections
from claims.extraction.mentions import Mention

_NOUNISH_TAGS = frozenset("NN NNS NNP NNPS JJ".split())
# Forms whose noun reading names no speech act ('Guerrero state', 'a Facebook post', 'the rules'):
# the tagger decides. Nouns that do ('his claim that', 'the report that', 'fears that') stay cues.
NOUN_VERB_FORMS = frozenset(
    """state states post posts object objects rule rules order orders contest contests charge charges figure
    figures project projects reason reasons answer answers counter counters signal signals suit suits
    offer offers appeal appeals comment comments question questions sure dispute disputes""".split()
)
_COMPLEMENT_DEPS = frozenset(("ccomp",))
_SUBJECT_DEPS = frozenset(("nsubj", "nsubj:pass"))
_SUBORDINATORS = frozenset(
    "when while if because as after before since although though until unless once where".split()
)
_DROPPED_DEPS = frozenset(("acl:relcl", "acl", "appos", "punct", "parataxis"))
_SETTING_PREPOSITIONS = frozenset("in on at during after before with via".split())
# What opens a complement but is no part of it: 'that', or the colon of 'said: "We ...'.
_COMPLEMENT_LEAD_RE = re.compile(r"that[\s,]+|[:\s]+")
_OPENING_MARK_RE = re.compile(r"[\"“‘'](?=\w)")
_CLOSING_MARK_RE = re.compile(r"[\"”]|[’'](?!\w)")
_CLAUSE_TAIL_RE = re.compile(r"[\s,;:.!?—–-]+$")
# What a noun-phrase object may still claim: a figure or a quotation.
_OBJECT_KEEPS_RE = re.compile(r"\d|\$|%|percent|[\"“”‘’]|''")
# Verbs of finding, knowing, revealing and publishing: with a noun phrase after them they name a thing
# seen, found, known or posted ('tweeted a photo', 'revealed a red book'), no statement. Verbs of
# saying, positions and intentions keep their objects ('acknowledged his mistake', 'endorsed Cruz').
_THING_LEMMAS = frozenset("find know reveal tweet post see".split())
_CLAUSE_TAGS = ("VB", "MD")
# Relations that make a word the head of a clause: its own, or one it governs.
_CLAUSE_HEAD_DEPS = frozenset("ccomp csubj xcomp advcl parataxis".split())
_CLAUSE_CHILD_DEPS = frozenset("nsubj nsubj:pass csubj expl cop aux aux:pass mark".split())
_RELATIVE_TAGS = frozenset(("WDT", "WP"))
# A cue with no subject of its own whose speaker is the subject of the verb it hangs from.
_CONTROLLED_TAGS = frozenset(("VB", "VBG"))
_CONTROLLED_DEPS = frozenset(("advcl", "xcomp"))
# Verbs whose 'to say' is not said, or not by their subject ('declined to say', 'is poised to argue').
_NOT_DONE_HEADS = frozenset(
    form
    for verb in """decline refuse want wish hope try attempt fail plan intend expect poise need mean seem
    appear be like love prefer hesitate urge ask tell force allow encourage invite dare""".split()
    for form in inflections(verb)
) | frozenset("is are was were been am 's ’s".split())
_NOT_DONE_MARKS = frozenset("for without instead as".split())
_QUOTED = frozenset(inflections("quote"))
_NOBODY = frozenset("it this that which what there".split())
# A participle that only modifies a noun ('a shocking revelation', 'the conflicting accounts').
_MODIFIER_DEPS = frozenset(("amod", "compound"))
_NOUN_POS = frozenset(("NOUN", "PROPN", "PRON", "NUM"))
# An '-ed' word right after an article is an adjective of a noun phrase ('a red book', 'the fabled ship').
_ADJECTIVE_ED_RE = re.compile(r"\b(a|an|the)\s+[a-z]+ed\b", re.IGNORECASE)
_OBJECT_LEAD_RE = re.compile(r"(?:that|whether|if|how|why|what|when|where|who|to)\b", re.IGNORECASE)


def may_be_object(text: str, candidate: Candidate) -> bool:
    """Whether a claim's content follows its one-word cue and may be only the cue's object (the parse decides)."""
    cue = candidate.cue
    if (
        candidate.kind != "indirect"
        or cue is None
        or cue[1] > candidate.start
        or candidate.continues
    ):
        return False
    form = text[cue[0] : cue[1]].lower()
    lemma = CUE_FORMS.get(form)
    content = text[candidate.start : candidate.end]
    mention = candidate.mention
    evidence = mention is not None and mention.text.split()[-1].lower() in EVIDENCE_NOUNS
    return not (
        lemma not in _THING_LEMMAS
        or evidence
        or _OBJECT_KEEPS_RE.search(content)
        or _OBJECT_LEAD_RE.match(content)
        or _clause_opening(content)
    )


def _clause_opening(content: str) -> bool:
    """What the word rules read as a clause, where an '-ed' word is not an adjective of the noun phrase ('a red book')."""
    return clause_like(_ADJECTIVE_ED_RE.sub(r"\1", content))


def object_only(text: str, parsed: Parsed, candidate: Candidate) -> bool:
    """A thing seen, found, known or posted, not a statement: 'revealed a red book', 'tweeted a photo'.

    After a verb of seeing, finding, knowing or publishing, a noun phrase ('revealed a shocking
    revelation about God', 'found his severed organ', 'knows the exact location') reports
    no statement a reader could check, so it is no claim. The tree decides: no word of the
    content is a verb other than a participle modifier ('the girls seized in April'), the words
    that head it are no verbs and head no clause, and no word inside has a subject of its own.
    Figures, quotations, a record's findings ('the poll shows a close race') and what the word
    rules read as a clause keep their claims and are not parsed for this (`may_be_object`).
    """
    if not may_be_object(text, candidate):
        return False
    sentence, first = parsed.token_at(candidate.start)
    if sentence is None or first is None:
        return False
    inside = [
        t
        for t in sentence.tokens
        if candidate.start <= t.start and t.end <= candidate.end and t.pos != "PUNCT"
    ]
    if not inside:
        return False
    indices = {t.i for t in inside}
    heads = [t for t in inside if t.head == t.i or t.head not in indices]
    if any(
        t.tag.startswith(_CLAUSE_TAGS) and t.tag != "VBN" and t.dep not in _MODIFIER_DEPS
        for t in inside
    ):
        return False  # 'shows groups outpacing rivals', 'demanding police release the video'
    if any(
        t.pos in ("VERB", "AUX")
        # A noun after a colon hangs as parataxis ('revealed one thing: a red book'): still a noun phrase.
        or (t.dep in _CLAUSE_HEAD_DEPS and not (t.dep == "parataxis" and t.pos in _NOUN_POS))
        or any(c.dep in _CLAUSE_CHILD_DEPS for c in sentence.children(t.i))
        for t in heads
    ):
        return False
    return not any(
        c.dep in _SUBJECT_DEPS and c.tag not in _RELATIVE_TAGS and c.i in indices
        for t in inside
        for c in sentence.children(t.i)
    )


class Parsed:
    """The parsed sentences of one document, with a lookup from a character offset to its token."""

    def __init__(self, sentences: Sequence) -> None:
        self.sentences = list(sentences)
        self._tokens = [
            (token.start, n, token.i)
            for n, sentence in enumerate(self.sentences)
            for token in sentence.tokens
        ]
        self._starts = [start for start, _, _ in self._tokens]

    def token_at(self, offset: int):
        """(sentence, token) of the token that starts at or covers offset, or (None, None)."""
        position = bisect_right(self._starts, offset) - 1
        if position < 0:
            return None, None
        _, n, i = self._tokens[position]
        sentence = self.sentences[n]
        token = sentence.tokens[i]
        if token.start <= offset < token.end:
            return sentence, token
        return None, None


def _verb_cue(text: str, cue: tuple[int, int]) -> bool:
    """Whether a candidate's cue is one word ('said', 'state'), not 'according to', ':' or a noun cue."""
    form = text[cue[0] : cue[1]]
    return form.lower() in CUE_FORMS


def refine(text: str, parsed: Parsed, candidates: list[Candidate]) -> list[Candidate]:
    """Drop candidates whose cue the tagger reads as a noun where its noun sense is no act of saying."""
    kept = []
    for candidate in candidates:
        if candidate.cue is None or not _verb_cue(text, candidate.cue):
            kept.append(candidate)
            continue
        form = text[candidate.cue[0] : candidate.cue[1]]
        _, token = parsed.token_at(candidate.cue[0])
        if token is None:
            kept.append(candidate)
            continue
        if (
            form.lower() in NOUN_VERB_FORMS
            and token.tag in _NOUNISH_TAGS
            and token.dep not in ("ROOT", "ccomp", "parataxis")
        ):
            continue  # 'Guerrero state', 'a Facebook post': a noun where a verb was read
        kept.append(candidate)
    return kept


def found_by_tree(text: str, parsed: Parsed, taken_cues: set[int], quote_at) -> list[Candidate]:
    """Reporting verbs with a subject and a clausal complement that no word-level reader caught."""
    found = []
    for sentence in parsed.sentences:
        for token in sentence.tokens:
            lemma = CUE_FORMS.get(token.text.lower())
            if (
                lemma not in STRONG_SAY_LEMMAS
                or not token.tag.startswith("VB")
                or token.start in taken_cues
            ):
                continue
            if quote_at(token.start) is not None:
                continue
            children = sentence.children(token.i)
            subject = next((c for c in children if c.dep in _SUBJECT_DEPS and c.i < token.i), None)
            controlled = subject is None
            if controlled:
                subject = _controller(sentence, token)
            elif token.tag == "VB":
                continue  # 'awkward for Republicans to say that ...': an infinitive's own subject asserts nothing
            complement = next(
                (c for c in children if c.dep in _COMPLEMENT_DEPS and c.i > token.i), None
            )
            if subject is None or complement is None:
                continue
            if not any(
                c.dep in _SUBJECT_DEPS
                or c.dep == "expl"
                or c.dep == "mark"
                and c.text.lower() == "that"
                for c in sentence.children(complement.i)
            ):
                continue  # neither a subject of its own nor 'that': not a reported clause
            if controlled and not any(
                c.dep in _SUBJECT_DEPS or c.dep == "expl" for c in sentence.children(complement.i)
            ):
                continue  # a borrowed speaker needs a whole clause ('to say that, contrary to reports')
            c_start, c_end = sentence.span(complement.i)
            if text[c_start:c_end].split()[0].lower() in _SUBORDINATORS:
                continue  # 'said when the reporter asked': when, not what
            if _opens_subordinate(sentence, subject) and "," in text[token.end : c_start]:
                continue  # 'After Ada testified, the panel turned ...': the main clause is not hers
            mention = _subject_mention(text, sentence, subject)
            lead = _COMPLEMENT_LEAD_RE.match(text, c_start, c_end)
            if lead:
                c_start = lead.end()
            mark = _OPENING_MARK_RE.match(text, c_start, c_end)
            if mark and not _CLOSING_MARK_RE.search(text, mark.end(), c_end):
                c_start = (
                    mark.end()
                )  # 'said: "We are ...' with the quotation running on: its words only
            tail = _CLAUSE_TAIL_RE.search(text, c_start, c_end)
            c_end = tail.start() if tail else c_end
            if mention is None or c_end - c_start < 8 or len(text[c_start:c_end].split()) < 3:
                continue
            found.append(
                Candidate(c_start, c_end, "indirect", cue=(token.start, token.end), mention=mention)
            )
    return found


def _controller(sentence, token):
    """The subject of the verb a subjectless 'to say' or '-ing' cue hangs from: 'After arguing that A, the team said B',
    'went on to note that A', 'stood up to say that A' (the speaker is that verb's subject).

    None where the act is not done or not the subject's: a refusal, wish, plan or ability ('declined to
    say', 'would be able to claim', 'is poised to argue'), a negated or modal verb, an object that
    takes the act ('urged him to say'), 'for'/'without' ('slammed Lee for suggesting'), or a subject
    that names nobody ('It means admitting').
    """
    if token.tag not in _CONTROLLED_TAGS or token.dep not in _CONTROLLED_DEPS:
        return None
    own = sentence.children(token.i)
    if token.tag == "VB" and not any(c.dep == "mark" and c.text.lower() == "to" for c in own):
        return None
    head = sentence.tokens[token.head]
    marks = {c.text.lower() for c in own if c.dep in ("mark", "case")}
    if "as" in marks or head.text.lower() in _QUOTED:
        return _quoted(sentence, head)
    if marks & _NOT_DONE_MARKS:
        return None
    if not head.tag.startswith("VB") or head.text.lower() in _NOT_DONE_HEADS:
        return None
    around = sentence.children(head.i)
    if sentence.is_negated(head.i) or sentence.is_negated(token.i):
        return None
    if (
        any(c.tag == "MD" for c in around)
        or token.dep == "xcomp"
        and any(c.dep == "obj" for c in around)
    ):
        return None
    subject = next((c for c in around if c.dep in _SUBJECT_DEPS), None)
    if subject is None or subject.text.lower() in _NOBODY:
        return None
    return subject


def _quoted(sentence, head):
    """Who 'as saying' is said of: 'The Gazette quoted Lee (, a nurse,) as saying A', 'Lee was quoted as saying A'."""
    while head.dep == "appos":
        head = sentence.tokens[head.head]
    quoted = None
    if head.text.lower() in _QUOTED:
        quoted = next(
            (c for c in sentence.children(head.i) if c.dep in ("obj", "nsubj:pass")), None
        )
    elif head.dep == "obj" and sentence.tokens[head.head].text.lower() in _QUOTED:
        quoted = head
    if quoted is not None and quoted.pos != "PROPN":
        # 'quoted an eyewitness, Ada Brill, as saying': the name the appositive gives.
        named = (c for c in sentence.children(quoted.i) if c.dep == "appos" and c.pos == "PROPN")
        quoted = next(named, quoted)
    return quoted


def _opens_subordinate(sentence, subject) -> bool:
    """True when a subordinator ('after', 'when', ...) opens the subject's clause, whatever the parser attached it to."""
    first = sentence.subtree(subject.i)[0]
    if first.text.lower() in _SUBORDINATORS and first.i < subject.i:
        return True
    return first.i > 0 and sentence.tokens[first.i - 1].text.lower() in _SUBORDINATORS


def _subject_mention(text: str, sentence, subject) -> Mention | None:
    """The subject's words without its relative clause, appositive or setting: 'A priest from Ohio' of '..., who ...'."""
    dropped: set[int] = set()
    for child in sentence.children(subject.i):
        case = next((t for t in sentence.children(child.i) if t.dep == "case"), None)
        setting = (
            child.dep.startswith("nmod")
            and case is not None
            and case.text.lower() in _SETTING_PREPOSITIONS
        )
        if child.dep in _DROPPED_DEPS or setting:
            dropped.update(t.i for t in sentence.subtree(child.i))
    kept = [t for t in sentence.subtree(subject.i) if t.i not in dropped]
    # Only the contiguous run of words around the head.
    run = [subject]
    for t in reversed([t for t in kept if t.i < subject.i]):
        if t.i != run[0].i - 1:
            break
        run.insert(0, t)
    for t in [t for t in kept if t.i > subject.i]:
        if t.i != run[-1].i + 1:
            break
        run.append(t)
    start, end = run[0].start, run[-1].end
    words = text[start:end]
    if not words.strip() or len(words.split()) > 12 or "\n" in words:
        return None
    return Mention(words, start, end)
