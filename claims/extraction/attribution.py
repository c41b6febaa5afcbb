"""Reporting verbs and what they attribute: direct quotes next to them, that-clauses, fronted clauses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.candidates import Candidate
from claims.extraction.fronted import (
    SPEAKER_CLAUSE_RE,
    clause_like,
    fronted,
    fronted_inverted,
    inverted_parenthetical,
    parenthetical,
)
from claims.extraction.lexicon import (
    AMBIGUOUS_FORMS,
    CALL_VERBS,
    CLAUSE_VERB_RE,
    CUE_FORMS,
    CUE_RE,
    DENIAL_VERBS,
    DETERMINERS,
    EVIDENCE_LEMMAS,
    PRONOUNS,
    STRONG_SAY_LEMMAS,
    TELL_LEMMAS,
)
from claims.extraction.mentions import Mention, is_evidence, mention_after, mention_before
from claims.extraction.quotes import QuoteReader, is_title, opens_quote
from claims.extraction.segment import QuoteSpan
from claims.extraction.shapes import (
    ACCUSED_OF_RE,
    ACCUSING_LEMMAS,
    ADJUNCT_OPENING_RE,
    ADJUNCT_RE,
    ASKED_LISTENER_RE,
    ASKED_TO_RE,
    BARE_CLAUSE_LEMMAS,
    CALLED_LABEL_RE,
    CLAUSE_CUT_RE,
    CONJUNCTION_BEFORE_RE,
    COORDINATED_CUE_RE,
    DEMAND_END_RE,
    DEMAND_RE,
    DESCRIBED_AS_RE,
    FINITE_WORDS,
    INFINITIVE_AFTER_RE,
    INFINITIVE_LEMMAS,
    ING_LEADS,
    INVERTED_TAIL_RE,
    LISTENER_RE,
    MAIN_VERB_AFTER_COMMA_RE,
    MAX_QUOTE_GAP_WORDS,
    MEDIUM_ADJUNCT_RE,
    NON_FINITE_LEADS,
    NOT_MODIFIERS,
    NOUN_LEADS,
    OBJECT_LEMMAS,
    PARTICIPLE_CUT_RE,
    PREPOSITION_OPENING_RE,
    QUESTION_WORD_RE,
    QUOTE_ONLY_LEMMAS,
    RELATIVE_SPEAKER_RE,
    SECOND_SPEAKER_RE,
    SPACE_COMMA,
    SUBORDINATE_ONLY_RE,
    SUBORDINATE_OPENING_RE,
    SUMMARY_APPOSITIVE_RE,
    TOLD_LISTENER_RE,
    TRAILING_RELATIVE_RE,
    WHO_SAID_RE,
)
from claims.extraction.subjects import (
    SHARE_SUBJECT_RE,
    evidence_subject,
    share_subject,
    subject_after,
    subject_before,
    widen,
)

_PASSIVE_BEFORE_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:[a-z]+ly\s+|once\s+|also\s+|not\s+|never\s+)?$"
)
# A participle after a determiner is an adjective ('a detailed letter'), not a clause's verb.
_ADJECTIVAL_RE = re.compile(
    r"\b(?:a|an|the|his|her|its|their|our|my|this|that)\s+[a-z]+ed\b", re.IGNORECASE
)
# Verbs of saying with a common non-speech sense when a noun phrase, not a clause, follows.
NON_SPEECH_OBJECT_LEMMAS = frozenset("add charge deny assume write answer question post".split())
# What a denial with a noun object can deny: a claim, or a part in what happened.
DENIED_CLAIM_NOUN_RE = re.compile(
    r"(?:(?:the|these|those|such|any|all|a|an|his|her|their|its|our|my|this|that|reports?\s+of|[\w'’-]+['’]s?)\s+){0,3}"
    r"(?:[\w'’-]+\s+){0,2}?(?:allegations?|accusations?|reports?|claims?|charges?|rumou?rs?|stor(?:y|ies)|wrongdoing|"
    r"involvement|responsibility|knowledge|existence|links?|ties|affair|relationship|suggestions?|assertions?|accounts?|"
    r"idea|notion|role|guilt|speculation|it|this|that|them|everything|anything)\b",
    re.IGNORECASE,
)

# A subordinating conjunction right before the speaker: what follows the clause's comma is the main clause.
_TIME_BEFORE_CONJUNCTION = (
    r"(?:(?:[Ll]ess|[Mm]ore|than|[Jj]ust|[Oo]nly|[Ss]hortly|[Ss]oon|[Ll]ong|[Rr]ight|[Ii]mmediately|"
    r"[Nn]ot|[Aa]n?|[Tt]he|[Ff]ew|[Ss]everal|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|"
    r"[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|\d+|(?:[Mm]oment|[Mm]inute|[Hh]our|[Dd]ay|[Ww]eek|[Mm]onth|"
    r"[Yy]ear)s?)\s+){0,5}"
)
"""'Less than two weeks after', 'Days before', 'Shortly after': how long before or after."""
SUBORDINATE_LEAD_RE = re.compile(
    r"\s*(?:(?:However|But|And|Yet|Still|Now|So),?\s+)?(?:[Ee]ven\s+)?"
    + _TIME_BEFORE_CONJUNCTION
    + r"(?:[Ww]hile|[Aa]s|[Ii]f|[Aa]lthough|[Tt]hough|[Ww]hen|"
    r"[Bb]ecause|[Ss]ince|[Uu]nless|[Ww]hereas|[Aa]fter|[Bb]efore|[Oo]nce|[Ww]hether)\s+"
)


# 'with 22 percent saying', 'left 62 percent of voters saying': what opens the share before '-ing'.
_SHARE_LEAD_RE = re.compile(r"(?:^|[,;]\s+|\b(?:with|left|leaving|and)\s+)(?=\S)")
# What a speaker issues and what then 'says' what it holds: 'issued a statement saying ...'.
_ISSUED_STATEMENT_RE = re.compile(
    r"\b(?:issued|released|put\s+out|sent(?:\s+out)?|posted|published|tweeted|signed|wrote|"
    r"sent|unleashed|fired\s+off)\s+(?:an?|the|its|his|her|their|a\s+joint|a\s+written)?\s*"
    r"(?:[\w-]+\s+){0,4}?(?:statements?|letter|release|tweets?|memo|message|email|post|video|ad)\b"
    r"(?:\s+[\w.,’'-]+){0,3}?\s+$"
)
# Verbs that put their named speaker after them behind a fronted clause: '..., said Ada Vale.'
_INVERTING_LEMMAS = frozenset("say add write note explain".split())
# 'Ada Vale, who manages the band, confirmed ...': a relative clause closes right before the verb.
_RELATIVE_BEFORE_VERB_RE = re.compile(r",\s+(?:who|whose|which)\b[^,]*,\s*$")
# ', citing "...', ', calling it "...', ', who calls him "...': a participle or a relative clause
# inside the subject's phrase whose object is the quotation after it.
_QUOTING_PARTICIPLE_RE = re.compile(
    r",\s+(?:citing|quoting|invoking|calling\s+(?:it|him|her|them|the\s+\w+))\s*[,:]?\s*$"
    r"|,\s+(?:who|which)\s+[^,;\"“”]{2,80}$"
)
# A dash with a space on each side (' - ', ' -- ', ' — ', ' – '), not a hyphen inside a word.
_SPACED_DASH_RE = re.compile(r"\s(?:-{1,2}|—|–)\s")
_MIN_BEFORE_DASH_WORDS = 4
_MAX_QUOTE_TO_VERB = 120
_PERIOD_QUOTE_TAIL_WORDS = 3
_UNPUNCTUATED_QUOTE_WORDS = 5
# 'Said Ada Vale, who grew up with him in the neighbourhood, "...': speaker and description before the quote.
_OPENING_VERB_REACH = 160
"""Characters between a quotation's close and its verb beyond which the quote is not the verb's."""
_RELATIVE_REACH = 40
"""Characters before a speaker or a verb where 'which officials said', 'who said' is looked for."""
_BE_FORMS = frozenset("been is are was were be being".split())
_ED_WORD_RE = re.compile(r"[a-z]{3,}ed")
_TO_INFINITIVE_AFTER_RE = re.compile(r"\s+to\s+[a-z]")
# 'People who live near the harbour say', 'Residents polled by the Gazette say': the phrase before
# the restrictive relative clause or participle is the subject; the noun ending the clause is not.
_RESTRICTIVE_BEFORE_RE = re.compile(
    r"(?<=[\w.'’])\s+(?:who\s|(?:polled|surveyed|interviewed|questioned|contacted)\s+by\s)[^,;:()\"“”—–]*$"
)
# 'Vale continued to insist that ...', 'he went on to say that ...': a verb that carries the saying on.
_CARRIED_ON_BEFORE_RE = re.compile(
    r"\b(?:continued|continues|continue|went\s+on|goes\s+on|go\s+on|began|begins|begin|started|starts)"
    r"\s+to\s+$"
)
_COORDINATED_BEFORE_RE = re.compile(r"\b(?:and|but)\s+(?:\w+\s+)?$")
# 'and on Monday announced', 'but last week said': a time between the conjunction and the verb.
_COORDINATED_AT_TIME_RE = re.compile(
    r"\b(?:and|but)\s+(?:(?:on|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"yesterday|today|tonight|(?:last|this|earlier|later)\s+(?:week|month|year))\s+$"
)
_THAT_AFTER_RE = re.compile(r"\s+that\b")
_AS_LEAD_RE = re.compile(r"\s*(?:As|as)\s+")
_THAT_OR_QUOTE_AFTER_RE = re.compile(r"\s+that\b|\s*[:,]?\s*(?:[\"“]|'')")
# A comma right after the verb (perhaps after an adverb or a day), not one before a quotation.
_COMMA_AFTER_VERB_RE = re.compile(
    r"\s*(?:[a-z]+ly\s+|on\s+\w+day\s+|yesterday\s+|today\s+)?,(?!\s*(?:[\"“‘]|''))"
)
_CONTENT_LEAD_RE = re.compile(r"\s*[:,]?\s*(that\b\s*)?")
# 'announced Thursday it plans', 'said Monday up to 150,000 fled': a bare day before the clause is when, not what.
_DAY_LEAD_RE = re.compile(
    r"(?:on\s+|late\s+|early\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s+(?:that\s+)?(?!(?:is|was|will|would|has|had|and|or|as)\b)(?=[\w\"“‘'])"
)
# An adverb or a date between the verb and 'that': 'knew immediately that', 'announced on Feb. 11 that'.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WHEN_THAT_RE = re.compile(
    r"(?:(?:on|in)\s+)?(?:[a-z]{3,}ly|again|also|later|earlier|then|now|too|"
    rf"{_MONTH}\s+\d{{1,4}}(?:,\s+\d{{4}})?|(?:last|this|earlier\s+this)\s+(?:week|month|year))"
    r",?\s+that\s+(?=\S)"
)
# A named listener, then the day: 'told the Larkspur Courier Wednesday', 'told Larkspur News on Friday'.
_NAMED_LISTENER_DAY_RE = re.compile(
    r"\s+(?:the\s+)?(?:[A-Z][\w.'’&-]*\s+){1,5}?" + _DAY_LEAD_RE.pattern
)
# Words before a quotation that make it part of the writer's noun phrase, not a statement quoted.
_SCARE_QUOTE_LEADS = frozenset("a an the of for his her their its our this these those".split())
_SCARE_QUOTE_WORDS = 4
_SENTENCE_MARK_RE = re.compile(r"[.!?]")
_THAT_OR_QUOTE_RE = re.compile(r"\bthat\b|[\"“]")
_QUOTE_MARK_RE = re.compile(r"[\"“]|''")
_TO_VERB_RE = re.compile(r"\bto\s+[a-z]")
_ASKED_QUESTION_RE = re.compile(r"(?:whether|if|why|how|what|when|who|which|where)\b")
_ACCOUNT_LEAD_RE = re.compile(r"(?:how|what|why|where|when|whether)\b")
_CONNECTIVE_LEAD_RE = re.compile(r"(?:and|but|or|because|so|to)\b")
# 'said the plan failed and then resigned': a second verb of the speaker's own, not what was said.
_COORDINATED_VERB_RE = re.compile(
    r"\s+and\s+(?:then\s+|later\s+)?(?:\w+ed|seemed|was|is|(?:has|have|had)\s+(?:also\s+)?\w+(?:ed|en|one))\b"
)
_FIRST_CONJUNCT_RE = re.compile(r",|\s(?:and|but)\s")
_PRONOUN_OBJECT_RE = re.compile(r"(?:it|this|that|them|him|her|so)\b")
_FIGURE_RE = re.compile(r"\d|\$|percent")
# What opens a description of a source after 'according to X,': a relative clause, 'including', a preposition.
_SOURCE_DESCRIPTION_LEADS = frozenset(
    "who whose which where including in with at from of up down and but however yet or".split()
)
# What opens the last item of a list after a semicolon ('...; and the bar was paid $5').
_LIST_ITEM_RE = re.compile(r"\s*(?:and|or)\b")
_ING_NOUNS = frozenset(
    "during thing things nothing something anything everything king morning evening".split()
)
_CLAUSE_SUBJECTS = frozenset("he she they we i it there this".split())
_SEGMENT_END_RE = re.compile(r"\s*(?:,|;|\s[-—–]+\s|\()\s*")
# Finite verbs the other word lists miss, which make the words after a source a clause of their own.
_MORE_FINITE_WORDS = frozenset(
    "used saw says see sees go goes gets remains remain lies lie knows knew thinks felt seems seem".split()
)
# "according to recent polling,": whatever short phrase names the source.
_SOURCE_PHRASE_RE = re.compile(r"\s*([^,;()]{2,160}?)\s*(?=[,;(]|\.?$)")
# '"a disaster" and "a fraud"': what joins two epithets of one 'called'.
_EPITHET_JOIN_RE = re.compile(r"[ \t]*(?:,|and|or|,[ \t]*and)?[ \t]*")
_PUNCTUATION_NEXT_RE = re.compile(r"\s*[,;:.!?—–(]")
_BARE_PRONOUN_RE = re.compile(r"(?:them|it|this|that|these|those|him|her)?\s*", re.IGNORECASE)
_ANY_QUOTE_MARK_RE = re.compile(r"''|[\"“”‘’]")
_LOWER_WORD_RE = re.compile(r"\b[a-z]+\b")
# 'Wealth-X keeps its finances secret but says ...': a named subject, then a present-tense verb.
_NAMED_ADVERB_VERB_RE = re.compile(
    r"\s*((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)\s+(?:also|now|still|even|further|again|later|then)\s+[a-z]+s\b"
)
_NAMED_PRESENT_RE = re.compile(r"\s*((?:[A-Z][\w.'’-]*\s+){1,4})[a-z]+s\b")


# '..., he said, adding', '..., she told reporters, adding': a speaker and verb of saying (and its
# listener), then the comma before the participle.
_SPEAKER_THEN_VERB_RES = (
    re.compile(r"\b(?P<verb>[a-z]+)\s*,\s*$"),
    re.compile(r"\b(?P<verb>[a-z]+)\s+[a-z]+\s*,\s*$"),
)
# '..., said Ada Vale, adding': the verb, its speaker (no comma inside), then the comma.
_VERB_THEN_SPEAKER_RE = re.compile(r",\s*(?P<verb>[a-z]+)\s+(?P<who>[^,]{2,60}?)\s*,\s*$")


# Verbs of holding a view: with a clause after them, their subject holds it ('detectives believe that').
_VIEW_LEMMAS = frozenset(
    "think believe hope fear feel know assume worry reckon argue suggest agree".split()
)
# Their forms that are more often a noun or a participle ('conservative thought', 'known as').
_VIEW_NOUN_FORMS = frozenset("thought known felt hope fear fears".split())
# What follows such a verb that is its object, not a clause: 'believed it, but ...', 'feels otherwise.'
_VIEW_OBJECT_RE = re.compile(r"\s*(?:it|this|that|so|otherwise|them)\s*(?:[,.;:]|$)")
# Words before such a verb that make it no statement of a view: 'please know', 'makes us think'.
_NOT_VIEW_HOLDERS = frozenset("please us me them him her".split())
# Between a subject and its verb only an adverb or two may stand ('Police therefore believe').
_GAP_MARK_RE = re.compile(r"[,;:()\"“”—–]")
# Subjects that hold no view: 'no one yet knows', 'Not everyone believed'.
_NO_VIEW_SUBJECT_RE = re.compile(r"(?:no|not|nobody|none|neither|nothing)\b", re.IGNORECASE)
# Adverbs between a subject and its verb that are no part of the subject ('Police therefore believe').
_SUBJECT_ADVERBS = frozenset("therefore thus now still also too meanwhile however really".split())


def _without_trailing_adverb(mention: Mention) -> Mention:
    """The subject without an adverb the subject reader left before the verb ('Police therefore')."""
    words = mention.text.split()
    last = words[-1]
    if len(words) < 2 or not (last in _SUBJECT_ADVERBS or last.islower() and last.endswith("ly")):
        return mention
    text = mention.text[: mention.text.rindex(last)].rstrip()
    return Mention(text, mention.start, mention.start + len(text), mention.role)


def _strong_form(lemma: str, form: str) -> bool:
    """A finite form of a verb of saying that cannot be read as a noun ('said', 'wrote', 'argues')."""
    if lemma not in STRONG_SAY_LEMMAS or form in AMBIGUOUS_FORMS or form.endswith("ing"):
        return False
    return form != lemma and (form.endswith(("ed", "s")) or form in ("said", "told", "wrote"))


@dataclass(frozen=True)
class _Verb:
    """One reporting verb being read: where it is, its lemma and form as written, and its sentence."""

    match: re.Match[str]
    lemma: str
    form: str
    sentence_start: int
    sentence_end: int

    @property
    def start(self) -> int:
        return self.match.start()

    @property
    def end(self) -> int:
        return self.match.end()

    @property
    def cue(self) -> tuple[int, int]:
        return (self.match.start(), self.match.end())


def _not_a_report(text: str, verb: _Verb, previous_word: str) -> bool:
    """The form is a noun, a participle or a passive here: no one is reporting."""
    form = verb.form
    if form.endswith("ing") and not (
        previous_word.rstrip("”\"'").endswith(",") or previous_word in ING_LEADS
    ):
        return True
    if form in AMBIGUOUS_FORMS and (
        previous_word in NOUN_LEADS or _ED_WORD_RE.fullmatch(previous_word)
    ):
        return True  # 'their calls for', 'reiterated calls for': the form is a noun
    if previous_word in _BE_FORMS and not form.endswith(("ing", "s")):
        return True  # "has been accused of", "was told": a passive, read by the passive patterns
    # "projected to swell", "expected to win": a passive, not a report
    return bool(
        form.endswith("ed")
        and verb.lemma not in INFINITIVE_LEMMAS
        and _TO_INFINITIVE_AFTER_RE.match(text[verb.end : verb.end + 20])
    )


def _describes_source(after: str) -> bool:
    """Whether the words after 'according to X,' only describe X and the sentence ends with them.

    'according to Ada Vale, a spokeswoman for the port', '..., which monitors the sites',
    '..., citing sources': an appositive, relative clause or participle of the source, and
    '..., and Vale has since left': a clause of its own, so the claim is the clause before the
    attribution. 'That flight, according to Lana, left her
    changed' goes on with the verb of the clause the attribution interrupts.
    """
    segment = _SEGMENT_END_RE.split(after.strip(), maxsplit=1)[0]
    words = segment.split()
    if not words:
        return False
    first = words[0].lower()
    if first in _SOURCE_DESCRIPTION_LEADS or first.endswith("ing") and first not in _ING_NOUNS:
        return True
    if first in _CLAUSE_SUBJECTS:
        return False
    return not any(
        _verb_like(word.strip("\"“”'’.,;:!?()").lower()) for word in words
    ) and not CLAUSE_VERB_RE.search(segment)


def _verb_like(word: str) -> bool:
    return word in CUE_FORMS or word in FINITE_WORDS or word in _MORE_FINITE_WORDS


class CueReader(QuoteReader):
    """Reads every reporting verb of one document and builds candidates from them."""

    def read(self) -> list[Candidate]:
        """Candidates from every reporting verb outside quotation marks."""
        found = []
        for match in CUE_RE.finditer(self.text):
            form = match.group(0)
            lower = form.lower()
            if lower not in CUE_FORMS and not lower.startswith("according"):
                continue
            if self.quote_at(match.start()) is not None:
                continue
            if lower.startswith("according"):
                candidate = self._according_to(match)
            elif (
                _PASSIVE_BEFORE_RE.search(self.text, max(0, match.start() - 30), match.start())
                and lower.endswith(("ed", "en", "wn"))
                and not self.text.startswith(" by ", match.end())
            ):
                continue  # 'was once declared dead', 'were reported missing': a passive, no one speaking
            else:
                if not form.islower() and not self._headline_cue(match):
                    candidate = self._opening_verb(match, CUE_FORMS[lower], lower)
                    if candidate is not None:
                        found.append(candidate)
                    continue
                candidate = self._verb(match, CUE_FORMS[lower], lower)
                if (
                    candidate is not None
                    and candidate.mention is not None
                    and candidate.start >= match.end()
                ):
                    self._end_subordinate(candidate, candidate.mention)
            if candidate is not None and candidate.end > candidate.start:
                found.append(candidate)
        return found

    def _end_subordinate(self, candidate: Candidate, mention: Mention) -> None:
        """'While the party says it is united, donors are wary', 'Less than two weeks after Sorkin
        said that Bale would play Jobs, Bale has dropped out': the main clause after the comma is
        not said."""
        sentence_start = self.sentence(mention.start)[0]
        if not SUBORDINATE_LEAD_RE.fullmatch(self.text, sentence_start, mention.start):
            return
        cue_end = max(candidate.cue[1] if candidate.cue else 0, mention.end)
        if "," in self.text[cue_end : candidate.start]:
            return  # 'As the Courier reports, a passenger in Salem, Ore. stayed': the main clause is what was said
        comma = self._comma_outside_quotes(candidate.start, candidate.end)
        if comma > candidate.start:
            candidate.start, candidate.end = self.trim(candidate.start, comma)

    def _headline_cue(self, match: re.Match[str]) -> bool:
        """'Bellwether County Says Trump Should Win': a title-case cue between capitalised words."""
        before = self.text[max(0, match.start() - 30) : match.start()].split()
        after = self.text[match.end() : match.end() + 30].split()
        form = match.group(0)
        # Present tense only: title-case past forms ("Rumour Dismissed") are usually passives.
        return bool(
            before
            and after
            and before[-1][:1].isupper()
            and after[0][:1].isupper()
            and form[:1].isupper()
            and form[1:].islower()
            and form.endswith("s")
            and not form.endswith("ss")
        )

    def _according_to(self, match: re.Match) -> Candidate | None:
        sentence_start, sentence_end = self.sentence(match.start())
        comma = self.text.find(",", match.end(), sentence_end)
        source_end = comma if comma > 0 else sentence_end
        mention = mention_after(self.text, match.end(), source_end)
        if mention is None:
            # "according to recent polling,": whatever short phrase names the source.
            phrase = _SOURCE_PHRASE_RE.match(self.text[match.end() : source_end])
            if phrase is None or len(phrase.group(1).split()) > 24:
                return None
            mention = Mention(
                phrase.group(1), match.end() + phrase.start(1), match.end() + phrase.end(1)
            )
        before = self.text[sentence_start : match.start()]
        fronted_adverbial = (
            before.rstrip().endswith(",")
            and (
                SUBORDINATE_OPENING_RE.match(before)
                or PREPOSITION_OPENING_RE.match(before)
                or len(before.split()) <= 3
            )
            and comma > 0
            and len(self.text[comma:sentence_end].split()) >= 4
        )
        continued = (
            before.rstrip().endswith(",")
            and comma > 0
            and len(self.text[comma:sentence_end].split()) >= 3
            and not _describes_source(self.text[comma + 1 : sentence_end])
        )
        if comma > 0 and CONJUNCTION_BEFORE_RE.search(before):
            # 'He went because, according to aides, the media would mock him': the clause it interrupts.
            start, end = self.trim(comma + 1, self.clause_end(comma + 1, sentence_end))
        elif len(before.strip(" ,").split()) <= 1 or fronted_adverbial:
            # "According to X, CONTENT." and "In addition, according to X, CONTENT."
            content_start = mention.end if comma < 0 else comma + 1
            start, end = self.trim(content_start, sentence_end)
        elif continued:
            # "Absent from the talks, according to members, was any mention of X.": the sentence around it.
            start, end = self.trim(sentence_start, sentence_end)
        else:
            # 'What is left out is the furniture; the house is sold bare, according to the agency':
            # the attribution holds for the clause after the semicolon.
            before_source = self.text[sentence_start : match.start()]
            if before_source.count(";") == 1 and not _LIST_ITEM_RE.match(
                before_source.split(";")[1]
            ):
                semicolon = self.text.index(";", sentence_start)
                if self.quote_at(semicolon) is None:
                    sentence_start = semicolon + 1
            start, end = self.trim(sentence_start, match.start())
        if end - start < 8:
            return None
        return Candidate(
            start, end, self._kind(start, end), cue=(match.start(), match.end()), mention=mention
        )

    def _verb(self, match: re.Match[str], lemma: str, form: str) -> Candidate | None:
        """What a reporting verb attributes, to whom: the steps below, in the order they decide."""
        sentence_start, sentence_end = self.sentence(match.start())
        verb = _Verb(match, lemma, form, sentence_start, sentence_end)
        # 1. '"...," X said' / '"...," said X': the quote ends just before the speaker and verb.
        previous = self.quote_ending_before(match.start(), self._paragraph_start(match.start()))
        if previous is not None and self._quoted_object(previous, sentence_start):
            previous = None  # the subject before the quotation is the speaker
        if previous is not None:
            speaker = self._speaker_of_quote_before(verb, previous)
            if speaker is not None:
                return self._quoted_before(previous, speaker, verb.cue, sentence_end)
        before_words = self.text[max(sentence_start, match.start() - 40) : match.start()].split()
        previous_word = before_words[-1].lower() if before_words else ""
        if form.endswith("ing") and lemma in STRONG_SAY_LEMMAS:
            # 'with 22 percent saying ...', 'issued a statement saying ...': who says it comes before.
            sayer = self._share_saying(verb) or self._statement_saying(verb)
            if sayer is not None:
                return self._what_was_said(verb, sayer)
        if _not_a_report(self.text, verb, previous_word):
            return None
        # 2. Who speaks: the subject before the verb, or one the verb's clause implies.
        around = inverted_parenthetical(self, match, sentence_start, sentence_end)
        if around is not None:
            return around
        if (
            lemma in _INVERTING_LEMMAS
            and _strong_form(lemma, form)
            and not clause_like(self.text[verb.end : sentence_end])
            and not _RELATIVE_BEFORE_VERB_RE.search(self.text, sentence_start, verb.start)
        ):
            # 'The firm lobbied for the casinos, taxes and other issues, said strategist Ada Vale.':
            # a named speaker and no clause after the verb, so the clause before it is what was said.
            inverted = fronted_inverted(self, match, sentence_start, sentence_end, any_subject=True)
            if inverted is not None:
                return inverted
        speaker_floor = max(sentence_start, previous.close if previous else 0)
        mention = self._attribution_before(verb) if form.endswith("ing") else None
        if mention is None:
            mention = self._speaker_before(verb, speaker_floor)
        if mention is None:
            inverted = fronted_inverted(self, match, sentence_start, sentence_end)
            if inverted is not None:
                return inverted
            mention = self._implied_speaker(verb, previous_word, speaker_floor)
            if mention is None:
                return None
        elif mention.text.lower() not in PRONOUNS:
            mention = widen(self.text, speaker_floor, mention)
        # 3. What is said: before the verb, around it, or after it.
        return self._what_was_said(verb, mention)

    def _opening_verb(self, match: re.Match[str], lemma: str, form: str) -> Candidate | None:
        """'Said Ada Vale, who grew up there, "..."', 'Stated Vale: "..."': the quotation after the speaker."""
        sentence_start, sentence_end = self.sentence(match.start())
        verb = _Verb(match, lemma, form, sentence_start, sentence_end)
        if verb.start != sentence_start or form.endswith("ing") or lemma in TELL_LEMMAS:
            return None
        mention = mention_after(self.text, verb.end, sentence_end)
        if mention is None:
            return None
        paragraph_end = self.index.paragraphs[self.index.paragraph_at(verb.start)][1]
        quote = self.quote_starting_after(mention.end - 1, paragraph_end)
        if quote is None or quote.open - mention.end > _OPENING_VERB_REACH:
            return None
        if not re.search(r"[,:]\s*$", self.text[mention.end : quote.open]):
            return None
        if CUE_RE.search(self.text, mention.end, quote.open):
            return None  # another verb of saying between: its own reading decides
        start, end = self.trim(quote.inner_start, quote.inner_end)
        if len(self.text[start:end].split()) < 2:
            return None
        return Candidate(start, end, "direct", cue=verb.cue, mention=mention)

    def _paragraph_start(self, offset: int) -> int:
        if not self.index.paragraphs:
            return 0
        return self.index.paragraphs[self.index.paragraph_at(offset)][0]

    def _speaker_of_quote_before(self, verb: _Verb, previous: QuoteSpan) -> Mention | None:
        """The speaker of '"...," X said' or '"...," said X', when the quote before is theirs."""
        between = self.text[previous.close : verb.start]
        inner_tail = (
            self.text[max(previous.open, previous.inner_end - 3) : previous.inner_end]
            .rstrip()
            .rstrip("'’")
        )
        # '"... are missing." Trump said.': a period where the comma belongs, when the verb ends its sentence.
        closes_sentence = (
            inner_tail.endswith(".")
            and len(self.text[verb.end : verb.sentence_end].split()) <= _PERIOD_QUOTE_TAIL_WORDS
        )
        attributable = (
            inner_tail.endswith((",", "?", "!", "—", "-", "–"))
            or between.lstrip().startswith(",")
            or closes_sentence
            or self._unpunctuated_opening(previous, verb)
        ) and not is_title(self.text[previous.inner_start : previous.inner_end])
        if not attributable or len(between) >= _MAX_QUOTE_TO_VERB or "\n" in between:
            return None
        # '"Why would anyone vote for him?" the 43-year-old asked': asking a quoted question is saying it.
        strong = _strong_form(verb.lemma, verb.form) or (
            verb.lemma == "ask" and verb.form in ("asked", "asks") and inner_tail.endswith("?")
        )
        if between.strip(SPACE_COMMA) == "":
            inverted = mention_after(self.text, verb.end, verb.sentence_end)
            if inverted is None and strong:
                inverted = subject_after(self.text, verb.end, verb.sentence_end)
            if (
                inverted is not None
                and inverted.text.lower() in PRONOUNS
                and not INVERTED_TAIL_RE.match(self.text, inverted.end, verb.sentence_end)
            ):
                return (
                    None  # 'X, who calls him a "fraud," said he would ...': 'he' opens what X said
                )
            return inverted
        mention = mention_before(self.text, previous.close, verb.start)
        if strong and (
            mention is None or self.text[previous.close : mention.start].strip(SPACE_COMMA)
        ):
            # '"...," Republican strategist Fred Davis said': the role words belong to the speaker.
            whole = subject_before(self.text, previous.close, verb.start)
            if whole is not None and (mention is None or whole.start < mention.start <= whole.end):
                mention = (
                    whole
                    if mention is None
                    else Mention(whole.text, whole.start, whole.end, mention.role)
                )
        if (
            mention is not None
            and self.text[previous.close : mention.start].strip(SPACE_COMMA) == ""
        ):
            return mention
        return None

    def _quoted_object(self, quote: QuoteSpan, sentence_start: int) -> bool:
        """'Vale, citing "the magic of the place," said ...', 'Vale, who calls him a "wrecker,"
        said ...': the quotation belongs to a participle or a relative clause inside the subject's
        phrase, not to the statement the verb attributes."""
        return bool(
            sentence_start < quote.open
            and _QUOTING_PARTICIPLE_RE.search(self.text, sentence_start, quote.open)
        )

    def _unpunctuated_opening(self, quote: QuoteSpan, verb: _Verb) -> bool:
        """'"We have had to stand by while leaks spread" said Ada Vale.': a quoted sentence of its own
        whose comma was left out, when the quotation opens the verb's sentence and runs several words."""
        sentence = self.index.sentence_at(quote.open)
        inner = self.text[quote.inner_start : quote.inner_end].rstrip(" '’\"”")
        return (
            sentence < len(self.index.sentences)
            and self.index.sentences[sentence][0] == quote.open
            and self.index.sentence_at(verb.start) == sentence
            and inner[-1:].isalnum()
            and len(self.text[quote.inner_start : quote.inner_end].split())
            >= _UNPUNCTUATED_QUOTE_WORDS
        )

    def _speaker_before(self, verb: _Verb, floor: int) -> Mention | None:
        """The subject before the verb: a named speaker, a share of people, or a record that shows."""
        subject_end = verb.start
        carried_on = _CARRIED_ON_BEFORE_RE.search(
            self.text, max(floor, verb.start - 30), verb.start
        )
        if carried_on is not None:
            subject_end = carried_on.start()
        if _COORDINATED_AT_TIME_RE.search(self.text, max(floor, verb.start - 40), verb.start):
            return None  # the day is no speaker: the coordinated verb shares its clause's subject
        mention = mention_before(self.text, floor, subject_end)
        if mention is not None and mention.text.lower() not in PRONOUNS:
            restrictive = _RESTRICTIVE_BEFORE_RE.search(self.text, floor, mention.start)
            if restrictive is not None:
                antecedent = mention_before(self.text, floor, restrictive.start())
                if antecedent is not None and antecedent.text.lower() not in PRONOUNS:
                    mention = antecedent
        share = share_subject(self.text, floor, subject_end)
        if share is not None and (mention is None or share.start < mention.start):
            mention = share  # 'About a third of voters said', 'and others have said': the share, not its people
        if verb.lemma in EVIDENCE_LEMMAS and not verb.form.endswith("ing"):
            record = evidence_subject(self.text, floor, verb.start)
            if record is not None and (mention is None or record.start < mention.start):
                mention = record  # 'New polls released Sunday showed': the record, not the day
        return mention

    def _implied_speaker(self, verb: _Verb, previous_word: str, floor: int) -> Mention | None:
        """With no speaker right before the verb: the subject of the clause it continues, or any subject a strong verb has."""
        lemma, form = verb.lemma, verb.form
        mention = None
        before = self.text[verb.sentence_start : verb.start]
        if (
            form.endswith("ing")
            or _COORDINATED_BEFORE_RE.search(before)
            or _COORDINATED_AT_TIME_RE.search(before)
        ):
            mention = self.clause_subject(verb.sentence_start, verb.start)
        # 'hacking specialists say the data may be fake': a plural subject's plain 'say', then a clause.
        after = self.text[verb.end : verb.sentence_end]
        plural_say = (
            form == "say"
            and previous_word.rstrip(",").isalpha()
            and previous_word not in NON_FINITE_LEADS
            and (clause_like(after) or bool(_THAT_AFTER_RE.match(after)))
        )
        strong = _strong_form(lemma, form)
        # 'Police therefore believe this was ...', 'And on Tuesday, detectives believe that ...':
        # a verb of thinking whose clause follows holds its subject's view, whatever the subject.
        thinking = (
            lemma in _VIEW_LEMMAS
            and form not in _VIEW_NOUN_FORMS
            and not form.endswith("ing")
            and previous_word.isalpha()
            and previous_word not in NON_FINITE_LEADS
            and previous_word not in _NOT_VIEW_HOLDERS
            and not after.lstrip(" ").startswith("\n")
            and (clause_like(after) or bool(_THAT_AFTER_RE.match(after)))
            and not _VIEW_OBJECT_RE.match(after)
        )
        if mention is None and (
            strong or plural_say or thinking or lemma in EVIDENCE_LEMMAS or lemma in CALL_VERBS
        ):
            mention = subject_before(self.text, floor, verb.start)
            if mention is not None and thinking:
                gap = self.text[mention.end : verb.start]
                mention = (
                    None
                    if _NO_VIEW_SUBJECT_RE.match(mention.text)
                    or len(gap.split()) > 2
                    or _GAP_MARK_RE.search(gap)
                    else _without_trailing_adverb(mention)
                )
            if (
                mention is not None
                and not (strong or plural_say or thinking)
                and not is_evidence(mention.text)
                and not (
                    lemma in CALL_VERBS and mention.text[:1].isupper() and not form.endswith("ing")
                )
            ):
                mention = None  # 'Stuart Stevens, who ran the campaign, called it "childish"': a named labeller
        return mention

    def _share_saying(self, verb: _Verb) -> Mention | None:
        """'with 22 percent saying they would ...', 'left 62 percent of voters saying ...': the share speaks."""
        before = self.text[verb.sentence_start : verb.start]
        leads = list(_SHARE_LEAD_RE.finditer(before))
        if not leads:
            return None
        lead = leads[-1]
        start, end = verb.sentence_start + lead.end(), verb.sentence_start + len(before.rstrip())
        if SHARE_SUBJECT_RE.fullmatch(self.text, start, end) is None:
            return None
        return Mention(self.text[start:end], start, end)

    def _statement_saying(self, verb: _Verb) -> Mention | None:
        """'Vale issued a statement saying ...': the statement's author, the subject of the verb that issued it."""
        issued = _ISSUED_STATEMENT_RE.search(self.text, verb.sentence_start, verb.start)
        if issued is None:
            return None
        mention = mention_before(self.text, verb.sentence_start, issued.start()) or subject_before(
            self.text, verb.sentence_start, issued.start()
        )
        if mention is None or mention.text.lower() in ("which", "who", "that"):
            return None
        return mention

    def _attribution_before(self, verb: _Verb) -> Mention | None:
        """'..., he said, adding ...' / '..., said Ada Vale, adding ...': the participle is the same speaker's."""
        before = self.text[verb.sentence_start : verb.start]
        for pattern in _SPEAKER_THEN_VERB_RES:
            said = pattern.search(before)
            if said and CUE_FORMS.get(said.group("verb")) in STRONG_SAY_LEMMAS:
                clause_start = verb.sentence_start + before.rfind(",", 0, said.start()) + 1
                return mention_before(
                    self.text, clause_start, verb.sentence_start + said.start("verb")
                )
        inverted = _VERB_THEN_SPEAKER_RE.search(before)
        if (
            inverted
            and CUE_FORMS.get(inverted.group("verb").lower()) in STRONG_SAY_LEMMAS
            and not SPEAKER_CLAUSE_RE.search(inverted.group("who"))
        ):
            return mention_after(
                self.text,
                verb.sentence_start + inverted.end("verb"),
                verb.sentence_start + inverted.end("who"),
            )
        # 'When the vote came, he said the plan would fail, adding ...': the last speaker's verb.
        said = None
        for match in CUE_RE.finditer(before):
            form = match.group(0)
            if form.islower() and CUE_FORMS.get(form) in STRONG_SAY_LEMMAS:
                said = match
        if said is not None and not said.group(0).endswith("ing"):
            clause_start = verb.sentence_start + before.rfind(",", 0, said.start()) + 1
            mention = mention_before(self.text, clause_start, verb.sentence_start + said.start())
            if mention is not None and mention.text.lower() not in ("which", "who", "that"):
                return mention
        return None

    def _what_was_said(self, verb: _Verb, mention: Mention) -> Candidate | None:
        """The content a speaker's verb attributes: a fronted clause, a parenthetical, or what follows."""
        sentence_start, sentence_end = verb.sentence_start, verb.sentence_end
        # 'A new poll shows Smith with a lead': a record or a poll shows whatever its object is.
        evidence = (
            verb.lemma in EVIDENCE_LEMMAS
            and is_evidence(mention.text)
            and not verb.form.endswith("ing")
        )
        before = fronted(self, mention, verb.cue, sentence_start, sentence_end)
        if before is not None:
            return before
        around = parenthetical(self, mention, verb.cue, sentence_start, sentence_end)
        if around is not None:
            return around
        if _AS_LEAD_RE.fullmatch(self.text[sentence_start : mention.start]) and self.text[
            verb.end : verb.end + 2
        ].startswith(","):
            return self._as_said(verb, mention)
        if self._no_content_follows(verb, mention, evidence):
            return None
        return self._content_after(verb, mention, evidence)

    def _as_said(self, verb: _Verb, mention: Mention) -> Candidate | None:
        """'As the minister said, the talks failed.': the clause after the comma."""
        start, end = self.trim(verb.end + 1, self.clause_end(verb.end + 1, verb.sentence_end))
        if len(self.text[start:end].split()) >= 3:
            return Candidate(start, end, self._kind(start, end), cue=verb.cue, mention=mention)
        return None

    def _no_content_follows(self, verb: _Verb, mention: Mention, evidence: bool) -> bool:
        """A noun-like form with an unnamed subject and no clause, or a subordinate clause that ends at the verb."""
        after = self.text[verb.end : verb.sentence_end]
        named_subject = mention.text.lower() in ("he", "she", "they", "i", "we") or (
            mention.text[:1].isupper() and mention.text.split()[0].lower() not in DETERMINERS
        )
        if (
            verb.form in AMBIGUOUS_FORMS
            and not named_subject
            and not evidence
            and not _THAT_OR_QUOTE_AFTER_RE.match(after)
        ):
            return True
        # 'After Clinton testified, the panel moved on': what follows the comma is not what she said.
        return bool(
            _COMMA_AFTER_VERB_RE.match(after)
            and SUBORDINATE_LEAD_RE.match(self.text, verb.sentence_start, mention.start)
        )

    def _content_after(self, verb: _Verb, mention: Mention, evidence: bool) -> Candidate | None:
        """The content follows the verb: a quote, a that-clause, or a bare clause."""
        rest_start = self._past_adjunct(verb)
        if verb.lemma in TELL_LEMMAS or verb.lemma == "ask":
            listener = LISTENER_RE.match(self.text, rest_start, verb.sentence_end)
            if verb.lemma == "ask" and listener is None:
                listener = ASKED_LISTENER_RE.match(self.text, rest_start, verb.sentence_end)
            if listener:
                rest_start = listener.end()
            elif verb.lemma == "tell":
                told = self._told_clause(verb, mention, rest_start)
                if told is not None:
                    return told
        lead = _CONTENT_LEAD_RE.match(self.text[rest_start : verb.sentence_end])
        assert lead is not None  # every part of the pattern is optional: it always matches
        content_start = rest_start + lead.end()
        that = bool(lead.group(1))
        day = _DAY_LEAD_RE.match(self.text, content_start, verb.sentence_end)
        if day is not None and not that:
            content_start = day.end()
            that = self.text[content_start - 5 : content_start].rstrip().endswith("that")
        when = _WHEN_THAT_RE.match(self.text, content_start, verb.sentence_end)
        if when is not None and not that:
            content_start, that = (
                when.end(),
                True,
            )  # 'knew immediately that', 'announced Feb. 11 that'
        quoted = self._quote_opens_content(verb, mention, content_start, that)
        if quoted is not None:
            return quoted
        if self.text[verb.sentence_start : verb.sentence_end].rstrip().endswith(
            ":"
        ) and not self.quote_starting_after(verb.end, verb.sentence_end):
            # "Cruz continued:" closing its paragraph, with the quotation in the next one.
            return self._block_quote(verb.sentence_end, mention, verb.cue)
        mention, content_end = self._content_end(verb, mention, content_start)
        start, end = self.trim(content_start, content_end)
        return self._judged_content(verb, mention, evidence, that, start, end)

    def _past_adjunct(self, verb: _Verb) -> int:
        """Where the content can start: after "said in a statement on Tuesday", not after "promised" in "promised to repave"."""
        adjunct = ADJUNCT_RE.match(self.text, verb.end, verb.sentence_end)
        if adjunct and not (
            verb.lemma in INFINITIVE_LEMMAS
            and INFINITIVE_AFTER_RE.match(self.text, verb.end, verb.sentence_end)
        ):
            return adjunct.end()
        return verb.end

    def _told_clause(self, verb: _Verb, mention: Mention, rest_start: int) -> Candidate | None:
        """'told Breitbart News he would support her', 'told reporters the dam would hold': a listener, then a bare clause."""
        sentence_end = verb.sentence_end
        named_day = _NAMED_LISTENER_DAY_RE.match(self.text, rest_start, sentence_end)
        if named_day is not None:
            # 'told the Larkspur Courier Wednesday suspected smugglers have ...': the listener, the day, the clause.
            after_day = self.text[named_day.end() : sentence_end]
            if clause_like(after_day) and len(after_day.split()) >= 3:
                start, end = self.trim(
                    named_day.end(), self.clause_end(named_day.end(), sentence_end)
                )
                return Candidate(start, end, "indirect", cue=verb.cue, mention=mention)
        heard = mention_after(self.text, rest_start, sentence_end)
        if heard is not None and heard.text.lower() not in ("he", "she", "they", "we", "i"):
            after_listener = self.text[heard.end : sentence_end]
            if clause_like(after_listener) and len(after_listener.split()) >= 3:
                start, end = self.trim(heard.end, self.clause_end(heard.end, sentence_end))
                return Candidate(start, end, "indirect", cue=verb.cue, mention=mention)
        plain = TOLD_LISTENER_RE.match(self.text, rest_start, sentence_end)
        if plain is not None and (heard is None or heard.end <= plain.end()):
            # 'told reporters the dam would hold', 'tells them why ...': a plain listener, then the clause.
            after_listener = self.text[plain.end() : sentence_end]
            if (clause_like(after_listener) or QUESTION_WORD_RE.match(after_listener)) and len(
                after_listener.split()
            ) >= 3:
                start, end = self.trim(plain.end(), self.clause_end(plain.end(), sentence_end))
                return Candidate(start, end, "indirect", cue=verb.cue, mention=mention)
        return None

    def _quote_opens_content(
        self, verb: _Verb, mention: Mention, content_start: int, that: bool
    ) -> Candidate | None:
        """'said: "..."': the quotation (with the pieces it continues in), or the longer clause it opens."""
        if that or not opens_quote(self.text, content_start):
            return None
        quote = self.quote_at(content_start + 1)
        if quote is None or quote.open != content_start:
            return None
        chained = self._quote_chain(quote, mention, verb.cue)
        clause_end = self.clause_end(quote.close, verb.sentence_end)
        if len(self.text[quote.close : clause_end].split()) < 2 or chained.text:
            return chained
        if self._in_relative_clause(verb, mention):
            return chained  # 'The ruling, which Vale called "a disgrace," was reversed': the main clause is not hers
        # 'says "the wind is at our backs" despite the loss': the quote opens a longer clause.
        start, end = self.trim(content_start, clause_end)
        return Candidate(start, end, "indirect", cue=verb.cue, mention=mention)

    def _in_relative_clause(self, verb: _Verb, mention: Mention) -> bool:
        """Whether the speaker opens a relative clause inside the sentence ('..., which Vale called')."""
        return (
            RELATIVE_SPEAKER_RE.search(
                self.text, max(verb.sentence_start, mention.start - _RELATIVE_REACH), mention.start
            )
            is not None
        )

    def _content_end(
        self, verb: _Verb, mention: Mention, content_start: int
    ) -> tuple[Mention, int]:
        """Where the reported clause ends, and the speaker with the modifiers a relative clause gives it."""
        sentence_start = verb.sentence_start
        content_end = self.clause_end(content_start, verb.sentence_end)
        relative = RELATIVE_SPEAKER_RE.search(
            self.text, max(sentence_start, mention.start - _RELATIVE_REACH), mention.start
        )
        if relative:
            modifiers = relative.group("modifiers").split()
            if modifiers and not any(w.lower() in NOT_MODIFIERS for w in modifiers):
                mention = Mention(
                    self.text[relative.start("modifiers") : mention.end],
                    relative.start("modifiers"),
                    mention.end,
                    mention.role,
                )
            # 'The rules, which officials said will take effect in May, will not apply to ...': the
            # relative clause ends at its comma, and the main clause after it is the writer's.
            comma = self._relative_clause_close(content_start, content_end)
            if comma > content_start:
                content_end = comma
        if WHO_SAID_RE.search(
            self.text, max(sentence_start, verb.start - _RELATIVE_REACH), verb.start
        ):
            # 'Mr. Lee, who said last week that the judge was biased, issued a statement': the main clause resumes.
            resumed = MAIN_VERB_AFTER_COMMA_RE.search(self.text, content_start, content_end)
            while resumed is not None and self.quote_at(resumed.start()) is not None:
                resumed = MAIN_VERB_AFTER_COMMA_RE.search(self.text, resumed.end(), content_end)
            if resumed is not None:
                content_end = resumed.start()
        return mention, content_end

    def _relative_clause_close(self, start: int, end: int) -> int:
        """Where a relative clause between start and end closes: its first comma outside a quotation,
        or the end of a quotation that takes the comma in ('which Vale called "a disgrace," was
        reversed'), or -1."""
        comma = self._comma_outside_quotes(start, end)
        limit = comma if comma >= 0 else end
        quote = self.quote_starting_after(start - 1, limit)
        while quote is not None and quote.closed and quote.close <= limit:
            if self.text[quote.inner_start : quote.inner_end].rstrip().endswith(","):
                return quote.close
            quote = self.quote_starting_after(quote.open, limit)
        return comma

    def _comma_outside_quotes(self, start: int, end: int) -> int:
        """The first ', ' between start and end that is not inside a quotation, or -1."""
        comma = self.text.find(", ", start, end)
        while comma >= 0 and self.quote_at(comma) is not None:
            comma = self.text.find(", ", comma + 1, end)
        return comma

    def _judged_content(
        self, verb: _Verb, mention: Mention, evidence: bool, that: bool, start: int, end: int
    ) -> Candidate | None:
        """The clause after the verb, kept, narrowed to a demand or a label, or refused as no claim."""
        lemma, cue = verb.lemma, verb.cue
        content = self.text[start:end]
        if self._only_circumstance(verb, that, content):
            return None
        after_verb = self.trim(verb.end, verb.sentence_end)[0]
        demand = (
            DEMAND_RE.match(self.text, after_verb, verb.sentence_end) if lemma == "call" else None
        )
        if demand is not None:
            return self._demand(verb, mention, demand)
        if (
            lemma in ("describe", "characterize")
            and not that
            and (described := DESCRIBED_AS_RE.match(content))
            and self.quote_starting_after(verb.end, end) is None
        ):
            # 'described the protests as largely peaceful': what was described, and as what.
            cut = DEMAND_END_RE.search(self.text, start, end)
            d_start, d_end = self.trim(
                start, cut.start() if cut and cut.start() > start + described.end() else end
            )
            return Candidate(d_start, d_end, "indirect", cue=cue, mention=mention)
        if lemma in QUOTE_ONLY_LEMMAS and not that:
            return self._quote_only(verb, mention, start, end, content)
        if len(content.split()) < 2 or _CONNECTIVE_LEAD_RE.match(content):
            return None
        if not that:
            coordinated = _COORDINATED_VERB_RE.search(content)
            if coordinated:
                end = start + coordinated.start()
                content = self.text[start:end]
        if lemma in ACCUSING_LEMMAS and not that and ACCUSED_OF_RE.match(content):
            # 'accused the agency of hiding the hacks': who is accused, and of what.
            return Candidate(start, end, "indirect", cue=cue, mention=mention)
        if self._no_speech(lemma, that, content):
            return None  # 'added three goals', 'denied Dunmore two chances', 'charged a premium': no speech
        if (
            not that
            and not clause_like(content)
            and lemma not in DENIAL_VERBS
            and lemma not in BARE_CLAUSE_LEMMAS
            and not evidence
        ):
            return self._object_claim(verb, mention, start, end, content)
        return Candidate(start, end, self._kind(start, end), cue=cue, mention=mention)

    def _only_circumstance(self, verb: _Verb, that: bool, content: str) -> bool:
        """'said in a wide-ranging interview', 'said in April while promoting a film': where, how or when, not what."""
        if (
            MEDIUM_ADJUNCT_RE.fullmatch(" " + content)
            and not _THAT_OR_QUOTE_RE.search(content)
            and not clause_like(content)
        ):
            return True
        return bool(
            not that
            and verb.lemma in STRONG_SAY_LEMMAS
            and not _QUOTE_MARK_RE.search(content)
            and (
                ADJUNCT_OPENING_RE.match(content)
                and not clause_like(content)
                or verb.lemma in ("say", "tell", "add", "write", "state")
                and SUBORDINATE_ONLY_RE.match(content)
                and "," not in content
            )
        )

    def _no_speech(self, lemma: str, that: bool, content: str) -> bool:
        """A verb of saying in its other sense: a noun phrase, not a clause, after 'added', 'denied', 'charged'."""
        return bool(
            not that
            and lemma in NON_SPEECH_OBJECT_LEMMAS
            and not clause_like(_ADJECTIVAL_RE.sub(" ", _FIRST_CONJUNCT_RE.split(content)[0]))
            and not _QUOTE_MARK_RE.search(content)
            and not (lemma in DENIAL_VERBS and DENIED_CLAIM_NOUN_RE.match(content))
        )

    def _demand(self, verb: _Verb, mention: Mention, demand: re.Match[str]) -> Candidate | None:
        """'called for a boycott of the speech', 'called on the governor to resign': a demand, as a position."""
        d_end = self.clause_end(demand.end(), verb.sentence_end)
        cut = DEMAND_END_RE.search(self.text, demand.end(), d_end)
        d_start, d_end = self.trim(demand.end(), cut.start() if cut else d_end)
        if demand.group(1) == "on" and not _TO_VERB_RE.search(self.text[d_start:d_end]):
            return None
        if len(self.text[d_start:d_end].split()) >= 1 and d_end > d_start:
            return Candidate(d_start, d_end, "indirect", cue=verb.cue, mention=mention)
        return None

    def _quote_only(
        self, verb: _Verb, mention: Mention, start: int, end: int, content: str
    ) -> Candidate | None:
        """A verb that attributes only a quotation, a question, a request, a label or an account ('asked', 'called')."""
        embedded = self._nearby_quote(verb)
        if embedded is not None:
            if verb.lemma == "ask" or self.text[verb.end : embedded.open].strip(" ,:") == "":
                return self._quote_chain(embedded, mention, verb.cue)
            return self._called(verb.end, embedded, mention, verb.cue)
        if verb.lemma == "ask" and _ASKED_QUESTION_RE.match(content):
            return Candidate(start, end, "indirect", cue=verb.cue, mention=mention)
        return self._unquoted(verb.lemma, start, end, mention, verb.cue)

    def _nearby_quote(self, verb: _Verb) -> QuoteSpan | None:
        """A quotation a few words after the verb that no other verb of saying stands before.

        'When Velden asked him, Brill said, "..."': the quotation is Brill's answer, not the
        question Velden asked.
        """
        embedded = self.quote_starting_after(verb.end, verb.sentence_end)
        if embedded is None:
            return None
        gap = self.text[verb.end : embedded.open].split()
        if len(gap) > MAX_QUOTE_GAP_WORDS:
            return None
        if any(CUE_FORMS.get(word.strip(",:;").lower()) in STRONG_SAY_LEMMAS for word in gap):
            return None
        return embedded

    def _scare_quote(self, quote: QuoteSpan) -> bool:
        """A few quoted words inside the writer's noun phrase ('an “earth-shaking” response', 'guilty of “absence”')."""
        inner = self.text[quote.inner_start : quote.inner_end]
        before = self.text[max(0, quote.open - 12) : quote.open].split()
        return (
            len(inner.split()) <= _SCARE_QUOTE_WORDS
            and not _SENTENCE_MARK_RE.search(inner)
            and bool(before)
            and before[-1].lower() in _SCARE_QUOTE_LEADS
        )

    def _object_claim(
        self, verb: _Verb, mention: Mention, start: int, end: int, content: str
    ) -> Candidate | None:
        """A verb with an object, not a clause: a quotation near it, what was announced, or a figure."""
        embedded = self._nearby_quote(verb)
        if embedded is not None and not self._scare_quote(embedded):
            return self._quote_chain(embedded, mention, verb.cue)
        if (
            verb.lemma in OBJECT_LEMMAS
            and not verb.form.endswith("ing")
            and len(content.split()) >= 2
            and not _PRONOUN_OBJECT_RE.match(content)
        ):
            # What is announced or denounced is the claim, figure or not.
            cut = DEMAND_END_RE.search(self.text, start, end)
            a_start, a_end = self.trim(start, cut.start() if cut else end)
            if len(self.text[a_start:a_end].split()) >= 2:
                return Candidate(a_start, a_end, "indirect", cue=verb.cue, mention=mention)
        if not _FIGURE_RE.search(content):
            return None
        return Candidate(start, end, self._kind(start, end), cue=verb.cue, mention=mention)

    def _called(
        self, start: int, first: QuoteSpan, mention: Mention, cue: tuple[int, int]
    ) -> Candidate:
        """'called the plan "a disaster" and "a fraud"': what was called, and what it was called."""
        last = first
        while True:
            following = self.quote_starting_after(last.close - 1, last.close + 12)
            if following is None or not _EPITHET_JOIN_RE.fullmatch(
                self.text[last.close : following.open]
            ):
                break
            last = following
        content_start, _ = self.trim(start, first.open)
        sentence_end = self.sentence(last.close - 1)[1]
        rest = self.text[last.close : sentence_end]
        closed_clause = (
            self.text[last.inner_start : last.inner_end]
            .rstrip()
            .endswith((",", ".", ";", ":", "!", "?"))
        )
        if len(rest.split()) >= 2 and not closed_clause and not _PUNCTUATION_NEXT_RE.match(rest):
            # 'called it "critical" that she speak': the sentence goes on after the epithet.
            _, content_end = self.trim(last.close, self.clause_end(last.close, sentence_end))
        elif first is last and _BARE_PRONOUN_RE.fullmatch(self.text[content_start : first.open]):
            # 'calling them "fake"': the pronoun names nothing, so the claim is the quoted words alone.
            content_start, content_end = self.trim(first.inner_start, first.inner_end)
        else:
            # The span opens at or before a quotation mark, so it takes the closing mark too.
            content_end = (
                last.close if last.closed else self.trim(last.inner_start, last.inner_end)[1]
            )
        candidate = Candidate(content_start, content_end, "direct", cue=cue, mention=mention)
        candidate.text = _ANY_QUOTE_MARK_RE.sub("", self.text[content_start:content_end]).rstrip(
            " ,;:"
        )
        return candidate

    def _unquoted(
        self, lemma: str, start: int, end: int, mention: Mention, cue: tuple[int, int]
    ) -> Candidate | None:
        """'asked voters to stay home', 'called him divisive', 'described how ...': the request, label or account."""
        content = self.text[start:end]
        if lemma == "ask" and ASKED_TO_RE.match(content):
            return Candidate(start, end, "indirect", cue=cue, mention=mention)
        if lemma == "call" and CALLED_LABEL_RE.match(content):
            cut = DEMAND_END_RE.search(self.text, start, end)
            c_start, c_end = self.trim(start, cut.start() if cut else end)
            return Candidate(c_start, c_end, "indirect", cue=cue, mention=mention)
        if lemma in ("describe", "characterize") and _ACCOUNT_LEAD_RE.match(content):
            # An account is a claim; 'described the plan' names a topic and asserts nothing.
            return Candidate(start, end, "indirect", cue=cue, mention=mention)
        return None

    def clause_end(self, start: int, sentence_end: int) -> int:
        """Where a reported clause starting at start ends: before ', but', a second reporting verb or a trailing participle."""
        inside = self.quote_at(sentence_end - 1)
        if inside is not None and inside.open >= start and inside.close > sentence_end:
            # The sentence split fell inside a quotation the clause carries: run to its close.
            sentence_end = self.sentence(inside.close - 1)[1]
        cut = CLAUSE_CUT_RE.search(self.text, start, sentence_end)
        end = cut.start() if cut else sentence_end
        coordinated = COORDINATED_CUE_RE.search(self.text, start, end)
        if coordinated:
            end = coordinated.start()
        second = SECOND_SPEAKER_RE.search(self.text, start, end)
        if (
            second
            and self.quote_at(second.start()) is None
            and clause_like(self.text[start : second.start()])
        ):
            end = second.start()
        sentence_start = self.sentence(start)[0]
        if (
            SUBORDINATE_OPENING_RE.match(self.text, sentence_start, start)
            and "," not in self.text[sentence_start:start]
        ):
            # 'When the mayor promised to fix the roads, voters cheered': the first comma closes the subordinate clause.
            comma = self._comma_outside_quotes(start, end)
            if comma > start:
                end = comma
        summary = SUMMARY_APPOSITIVE_RE.search(self.text, start, end)
        if summary and self.quote_at(summary.start()) is None:
            end = (
                summary.start()
            )  # '..., a recommendation the minister adopted': the writer's gloss on what was said
        relative = TRAILING_RELATIVE_RE.search(self.text, start, end)
        if relative and relative.start() - start > 20 and self.quote_at(relative.start()) is None:
            end = (
                relative.start()
            )  # '..., who will face a challenger in August.': a description, not what was said
        participle = PARTICIPLE_CUT_RE.search(self.text, start, end)
        if participle and participle.start() - start > 40:
            end = participle.start()
        return self._before_closing_dash(start, end)

    def _before_closing_dash(self, start: int, end: int) -> int:
        """'... calls to committee members - there are two from each district': a clause the writer
        adds after a single dash is not what was said; a pair of dashes sets off a part of it."""
        dashes = [
            m
            for m in _SPACED_DASH_RE.finditer(self.text, start, end)
            if self.quote_at(m.start()) is None
        ]
        if len(dashes) != 1:
            return end
        dash = dashes[0]
        before, after = self.text[start : dash.start()], self.text[dash.end() : end]
        if (
            len(before.split()) >= _MIN_BEFORE_DASH_WORDS
            and clause_like(after)
            and clause_like(before)
        ):
            return dash.start()
        return end

    def clause_subject(self, sentence_start: int, end: int) -> Mention | None:
        """The subject of the clause a participle or a coordinated verb hangs on."""
        # 'Adams also points out that there is ...': a name, an adverb, then the name's own verb.
        adverbed = _NAMED_ADVERB_VERB_RE.match(self.text, sentence_start, end)
        if adverbed is not None:
            subject = mention_before(self.text, sentence_start, adverbed.end(1))
            if subject is not None:
                return subject
        for verb in _LOWER_WORD_RE.finditer(self.text[sentence_start:end]):
            word = verb.group(0)
            if word in CUE_FORMS or word in FINITE_WORDS or (word.endswith("ed") and len(word) > 4):
                verb_start = sentence_start + verb.start()
                mention = mention_before(self.text, sentence_start, verb_start) or subject_before(
                    self.text, sentence_start, verb_start
                )
                if mention is not None:
                    return mention
        # 'Wealth-X keeps its finances secret but says ...': a named subject, then a present-tense verb.
        named = _NAMED_PRESENT_RE.match(self.text[sentence_start:end])
        if named:
            return mention_before(
                self.text, sentence_start, sentence_start + named.end(1)
            ) or subject_before(self.text, sentence_start, sentence_start + named.end(1))
        return None
