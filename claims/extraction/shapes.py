"""The shapes reported content takes around a verb: adjuncts, listeners, clause ends, demands, openings.

Regular expressions and word lists the cue reader uses to find where a reported clause starts and
ends, and which verbs take which kind of complement.
"""

from __future__ import annotations

import re

from claims.extraction.lexicon import CUE_FORMS, trie_pattern

# Adjuncts between a verb and its content: "said in a statement on Tuesday that ...".
ADJUNCT_RE = re.compile(
    r"(?:\s*,?\s*(?:in|on|at|to|of|about|during|via|through|from|over|after|before|last|earlier|late|"
    r"this\s+(?=(?:week|month|year|morning|afternoon|evening|weekend|spring|summer|fall|autumn|winter)\b)|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|later|again|also|"
    r"recently|repeatedly|publicly|privately|flatly)\b(?:[^,:\"“”.;]|,(?=\d)){0,50}?"
    r"(?=\s*(?:,(?!\d)|:|\bthat\b|[\"“]|'')))?"
    r"(?:\s*,[^,:\"“”.;]{1,40},(?=\s*(?:that\b|[\"“]|'')))?",
)
LISTENER_RE = re.compile(
    r"\s+(?:(?!(?:he|she|they|it|we|I|that)\b)[\w'’.-]+(?:\s+|(?=,\s*(?:[\"“]|''))|(?=:))){0,8}?"
    r"(?=that\b|[\"“]|''|,\s*(?:[\"“]|'')|:)"
)
CLAUSE_CUT_RE = re.compile(
    r",\s+(?:but|while|whereas|although|though)\b(?!\s+that\b)|;|,\s+(?:according\s+to)\b"
    # '... are “about right,” though voters ...': the comma sits inside the closing quotation mark.
    r"|(?<=,[”\"])\s+(?:but|while|whereas|although|though)\b(?!\s+that\b)"
    r"|,\s+(?:and|but)\s+(?:he|she|they|we|I|when|then)\b|,\s+and\s+[A-Z]\w+\s+[a-z]+(?:ed|s)\b"
    r"|\s+but\s+(?:did|does|do|has|have|had|is|was|were|would|will|also|not|then)\b"
    r"|,\s+(?:citing|referring\s+to|pointing\s+to|in\s+reference\s+to)\s"
    r"|,\s+and\s+(?:the|a|an|his|her|their|its|most|many|some|people|others)\s+(?:[\w'’.-]+\s+){0,3}?"
    r"(?:is|are|was|were|has|have|had|did|does|do|will|would|could|can|may|might|must|should|[a-z]{3,}ed)\b"
    # '... was arrested - but according to the Met, no such officer exists': the writer's debunk after a dash.
    r"|\s+[-–—]\s+but\b"
    r"|,\s+(?!(?:that|which|who|and|but)\b)(?:[\w'’.-]+\s+){1,6}?(?:said|says|added|adds|wrote|writes|argued|noted|reported|reports)"
    r"(?=[^,;:\"“”]*$)"
)
# A gloss in apposition to a whole clause, closing the sentence ('..., a move that could split the party').
SUMMARY_APPOSITIVE_RE = re.compile(
    r",\s+(?:a|an)\s+(?:[a-z-]+\s+){0,3}?(?:that|which|[a-z]{3,}ed|[A-Z][a-z]+)\b(?=[^,;:\"“”]*$)"
    # '..., a swipe at the protesters', '..., an apparent reference to the mayor': the writer's gloss.
    r"|,[”\"]?\s+(?:a|an)\s+(?:[a-z-]+\s+)?(?:swipe|jab|dig|shot|nod|reference|allusion)\s+(?:at|to)\b"
)
# A relative clause on a name that runs to the sentence's end ('..., who faces a primary on Tuesday').
TRAILING_RELATIVE_RE = re.compile(r",\s+(?:who|whose|which|where)\s+(?=[^,;:\"“”]*$)")
PARTICIPLE_CUT_RE = re.compile(r"(?:,|(?<=,[”\"]))\s+(?:\w+ing)\b(?!\s+(?:to|that)\b)")
COORDINATED_CUE_RE = re.compile(
    r"\s(?:and|but)\s+(?:also\s+|later\s+|then\s+)?"
    + trie_pattern([f for f in CUE_FORMS if not f.endswith("ing")])
    + r"\b|(?:,|(?<=,[”\"]))\s+"
    + trie_pattern([f for f in CUE_FORMS if f.endswith("ing")])
    + r"\b"
)
# A second speaker with a reporting verb of their own ('..., and three-quarters said ...'): the first clause ends.
SECOND_SPEAKER_RE = re.compile(
    r",?\s+(?:and|but|while|whereas)\s+(?!(?:that|he|she|it|they|we|I|you)\s)(?:[\w'’.-]+\s+){1,5}?"
    r"(?:(?:have|has|had)\s+)?(?:said|says|say|told|tells|added|adds|argued|argues|noted|notes|wrote|writes|"
    r"believe|believes|think|thinks|agreed|agree|insisted|insists)\b"
)
MAX_QUOTE_GAP_WORDS = 9
# Verbs whose noun-phrase object is itself the news or the position taken: 'announced plans to close two
# libraries', 'denounced the ruling', 'urged voters to stay home'.
OBJECT_LEMMAS = frozenset(
    "announce propose reveal pledge promise vow denounce decry blast slam mention criticize praise condemn urge blame".split()
)
# Finite verbs a clause's subject comes before ('Fiorina threw her support behind Cruz, saying ...').
FINITE_WORDS = frozenset(
    """has have had is are was were will would can could did does took threw gave made went came held put sent won
    lost led left began ran brought sought fought spoke stood kept set met paid got took hit struck drew cast
    became grew rose fell chose broke""".split()
)
DESCRIBED_AS_RE = re.compile(r"(?:[\w'’.-]+\s+){1,10}?as\s+\S")
DEMAND_RE = re.compile(
    r"(for|on)\s+(?!(?:the\s+)?(?:first|second|third|last|next|once|years?|months?|weeks?|days?|decades?|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
DEMAND_END_RE = re.compile(
    r"\s*[,;(—–]|\s+-\s|\s+(?:and\s+(?:said|says|called|urged|warned|added)|because|while|after|before|"
    r"during|in\s+(?:a|an|his|her|their)\s+(?:statement|interview|speech|letter|tweet))\b"
)
# 'asked callers how much ...': the people asked, then the question.
ASKED_LISTENER_RE = re.compile(
    r"\s+(?!(?:whether|if|why|how|what|when|who|which|where)\b)(?:[\w'’.-]+\s+){1,4}?"
    r"(?=(?:whether|if|why|how|what|when|where)\b|(?:who|which)\b(?!\s+(?:had|has|have|is|are|was|were|will|would|"
    r"could|can|did|does|do|[a-z]+ed|[a-z]+s)\b))"
)
# 'asked the crowd to stand': the people asked, then what they were asked to do.
ASKED_TO_RE = re.compile(r"(?!(?:to|for|about|of|on|in|at|by)\b)(?:[\w'’.-]+\s+){1,5}?to\s+[a-z]")
# 'called him divisive', 'called the plan a disaster': who or what was labelled, and the label.
CALLED_LABEL_RE = re.compile(
    r"(?:him|her|them|it|this|that|(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,5}|(?:the|this|that|his|her|their|its)\s+[a-z-]+)\s+"
    r"(?:(?:a|an|the|his|her|their|its|so|too|very|more|most|less|an?\s+\w+)\s+[a-z]"
    r"|[a-z]+(?:ive|ous|ful|ent|ant|ic|al|ble|less|ist|ish|ed)\b(?!\s+(?:to|by|for|on|in|at|from|with)\b))"
)
ACCUSING_LEMMAS = frozenset("accuse".split())
ACCUSED_OF_RE = re.compile(r"(?:[\w'’.-]+\s+){1,8}?of\s+\S")
# What may follow an inverted speaker ('..., said the minister on Tuesday.'): punctuation or an adjunct.
INVERTED_TAIL_RE = re.compile(
    r"\s*(?:[,.;:!?)\]—–-]|$|(?:on|in|at|during|last|this|earlier|late|yesterday|today|tonight|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|from|to|after|before|when|while|via|through|of|about|as)\b)"
)
SUBORDINATE_OPENING_RE = re.compile(
    r"\s*(?:As|When|While|If|After|Before|Since|Although|Though|Because|Once|Until|Unless|Whether|Asked|[A-Z][a-z]+ing)\b"
)
PREPOSITION_OPENING_RE = re.compile(
    r"\s*(?:In|On|At|For|With|Without|During|Despite|Under|Over|From|By|Amid|Among)\b"
)
# 'wrote in a memo to the inspector general.': where a statement was made, not what it says.
MEDIUM_ADJUNCT_RE = re.compile(
    r"\s+(?:(?:in|on|at|during|to|via|through|over|from)\s+(?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:memo|statement|interview|letter|email|e-mail|post|tweet|op-ed|speech|call|conference|briefing|hearing|"
    r"appearance|release|filing|message|note|video|broadcast|podcast|show|program|programme|report|book|column|"
    r"essay|article|editorial|blog)s?)\b[^.;:]*$"
)
CONTENT_OPENING_RE = re.compile(
    r"\s+(?!(?:on|in|at|during|last|this|earlier|late|yesterday|today|tonight|from|to|after|before|when|while|via|"
    r"through|of|about|as|[A-Z]\w*day)\b)[A-Za-z]"
)
SPACE_COMMA = " ,\t\xa0\u2009\u202f"
ING_LEADS = frozenset("and while when after before also is are was were been be by without".split())
NOUN_LEADS = frozenset(
    "have has had the a an his her their its our my your these those such many some no any new recent".split()
)
# 'promised to repave': an infinitive, not an adjunct like 'said to reporters'.
INFINITIVE_AFTER_RE = re.compile(
    r"\s+to\s+(?!(?:the|a|an|his|her|their|its|our|my|this|that|these|those|reporters|supporters|voters|lawmakers|"
    r"me|him|them|us)\b)[a-z]"
)
INFINITIVE_LEMMAS = frozenset(
    "vow pledge promise threaten agree swear refuse urge ask tell warn remind advise decline".split()
)
QUOTE_ONLY_LEMMAS = frozenset("call ask label brand dub term describe characterize".split())
# Verbs whose bare complement is a clause even when no auxiliary shows it ("says she plans to ...").
BARE_CLAUSE_LEMMAS = frozenset(
    """say think believe claim argue insist write predict warn suggest hope fear know feel guess
    reckon suspect assume hint contend maintain acknowledge admit concede complain tweet estimate
    agree worry""".split()
)
# Where a named object ends: an adjunct of time or reason, or a new clause.
OBJECT_END_RE = re.compile(
    r"\s+(?:(?:on|in|at|during)\s+(?=\d|an?\s|[A-Z][a-z]+day\b|(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\b|the\s+(?:week|weekend|morning|evening|night|debate|rally|"
    r"convention|interview|speech)\b)|last|this|next|after|before|because|since|as|when|while|despite|"
    r"yesterday|today|earlier|later|and\s+(?:said|says|called|is|was|has|had|will)|even)\b|\s*[,;:(—–]"
)
# A finite verb after the object ('support for the levy has faded', 'voters who back Lee are'): the stance was inside the subject.
FINITE_VERB_RE = re.compile(
    r"\s+(?:is|are|was|were|has|have|had|will|would|could|can|may|might|must|should|did|does|do|"
    r"remains|remained|seems|seemed|appears|appeared|" + trie_pattern(sorted(FINITE_WORDS)) + r"|"
    r"[a-z]{3,}ed(?=\s+(?!(?:by|to|in|on|at|for|with|from|of|as|under|over)\b)[a-z]))\b"
)
# Words that cannot modify a speaker's head noun: verbs, pronouns, conjunctions and prepositions.
NOT_MODIFIERS = frozenset(
    """is are was were be been has have had will would can could may might must should do does did not and or but
    that which who he she it they we i you him her them us this there when while if because as of to in on at for
    with by from than then""".split()
)


# What opens an adjunct after a verb of saying rather than a reported clause.
ADJUNCT_OPENING_RE = re.compile(
    r"(?:in|on|at|during|from|through|via|over|after|before|while|amid|"
    r"[a-z]+ly)\b",
    re.IGNORECASE,
)
# A subordinate clause with no main clause after it: 'said when Boyle asked him a question'.
SUBORDINATE_ONLY_RE = re.compile(r"(?:when|while|as|after|before|since|because)\s", re.IGNORECASE)
# A conjunction and a comma right before 'according to': the attribution interrupts the clause it opens.
CONJUNCTION_BEFORE_RE = re.compile(
    r"\b(?:because|after|before|since|and|but|that|when|while|although|though|if|as)\s*,\s*$"
)
# A listener in plain words after 'told': 'reporters', 'them', 'her closest advisers', before a clause's subject.
TOLD_LISTENER_RE = re.compile(
    r"\s+(?:him|her|them|me|us|you|(?:(?:the|his|her|their|its|our|my|a|an|some|several|many|local|[a-z]+(?:al|ic|est|ive))\s+){0,3}"
    r"[a-z]+s),?\s+(?=(?:he|she|they|it|we|I|you|the|a|an|his|her|their|its|this|that|there|no|nobody|why|how|what|whether|when|where)\b)"
)
QUESTION_WORD_RE = re.compile(r"\s*(?:why|how|what|whether|when|where|who)\b")
# A speaker inside a relative clause: 'the plan, which officials said ...'.
RELATIVE_SPEAKER_RE = re.compile(
    r",\s+(?:which|who|whom|that)\s+(?P<modifiers>(?:[\w'’-]+\s+){0,3})$"
)
# Words before a plain 'say' that make it an infinitive or an auxiliary's verb ('to say', 'would say', 'did not say').
NON_FINITE_LEADS = frozenset(
    """to would could will can may might should must shall do does did not never n't cannot let
    i you we they he she it""".split()
)
# A subject pronoun and a verb opening a clause: 'she worries', 'they want' (not 'it' or 'you', which are objects too).
PRONOUN_CLAUSE_RE = re.compile(
    r"\b(?:he|she|they|we|I)\s+(?:also\s+|still\s+|now\s+)?[a-z]{2,}(?:s|ed)?\b(?!\s*[,.;:]?$)"
)
# A reporting verb in a relative clause on its speaker: 'Mr. Lee, who said ...' / 'Mr. Lee, who has long said ...'.
WHO_SAID_RE = re.compile(r",\s+who\s+(?:[a-z]+\s+){0,2}$")
# Where the main clause resumes after a relative clause: a comma and a finite verb ('..., issued a statement').
MAIN_VERB_AFTER_COMMA_RE = re.compile(
    r",\s+(?:also\s+)?(?:has|have|had|is|was|were|are|will|would|could|can|did|does|[a-z]{3,}ed|[a-z]{3,}s|"
    r"said|told|wrote|thought|knew|found|made|took|gave|became|saw|left|began|won|held|led|met|sent)\b(?!\s*,)"
)
