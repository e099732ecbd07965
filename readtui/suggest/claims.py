"""The `claim` rule: a statement attributed to a source, or an accusation or denial.

A claim is found by its reporting verb; its span is the sentence (or the clause between
semicolons) that the verb heads, attribution included ("The ministry said the dead had been
killed by other prisoners", "Opposition lawmakers alleged that the utility had delayed the
release"), less an opening phrase ("In a statement on Sunday, ") and what follows the claim
(", a claim the company denied", ", which ...", ", where ...", ", after ...", and ", saying ..."
after an accusation that says something itself).

News text attributes nearly every sentence ("officials said"); most of those are reports, not
claims a researcher wants to weigh. So a sentence is suggested when:
- its verb takes sides: accused, alleged, claimed, denied, blamed, insisted, disputed; rejected or
  dismissed a claim or an account; maintained, argued, contended, asserted or charged that; or
- its verb is neutral (said, says, told, stated, warned, confirmed, reported, added that,
  according to ...) and the statement is disputed: a word in its sentence, or in the sentence
  before or after it, disputes or takes sides ("Villagers disputed that.", "a claim residents
  could not confirm", "could not be independently verified", "Critics alleged ..."), counting
  the nearest sentence that is no quote as next to it too (a dispute often follows the quote
  that backs a statement); or the sentence or the next one opens with "But"/"However".
  `according to` counts only when disputed in its own sentence, and a casualty count from a
  neutral source only when disputed in its own sentence or after it ("officials said 14 people
  were missing" is the casualty rule's).

Not claims: a verb inside a quote or attributing one (`"…," she said`, `he told reporters: "…"`),
a verb whose object only points back ("Villagers disputed that."), a verb said not to have been
used ("did not say whether"), headings, set phrases ("claimed responsibility", "claimed 30 lives",
"was denied bail", "the alleged gunman", "told residents to leave").
"""

import re
from bisect import bisect_right
from typing import NamedTuple

from readtui.suggest.quotes import find_quotes

# a full stop after these ends no sentence: Dr. Smith, Gen. Ali, Nov. 25 (nor after an initial
# or a dotted abbreviation: J. Smith, U.N., a.m.)
_ABBREVIATIONS = (
    "Mr Mrs Ms Dr Prof Gen Col Lt Sgt Capt Maj Cpl Rev St Sen Rep Gov Pres Jan Feb Mar Apr Jun"
    " Jul Aug Sep Sept Oct Nov Dec No Nos Inc Ltd Co Corp vs approx Fig Mt Ft".split()
)
# where a sentence ends: a block boundary, a line break before a capital (kept only after a
# short line: a time stamp or a heading in text kept as it was), a semicolon, or end
# punctuation (with any closing quote marks, brackets and footnote markers, which stay in the
# sentence) before a capital, a digit or an opening mark
_SENTENCE_BREAK = re.compile(
    r"[\n;.!?…](?:(?<=\n)\n+|(?<=\n)(?=[\"'“‘«(\[]?[A-Z0-9À-ÖØ-Þ])|(?<=;)\s+|(?<=[.!?…])"
    + "".join(rf"(?<!\b{abbreviation}\.)" for abbreviation in _ABBREVIATIONS)
    + r"(?<![\s.(][A-Za-z]\.)(?P<closing>[\"'”’»)\]]*(?:\[\d+\])?)\s+"
    r"(?=[\"'“‘«(\[]?[A-Z0-9À-ÖØ-Þ]))"
)

# the words the rule looks for. A reporting verb is of a kind: it takes sides ("sides"); it takes
# sides when "that" follows ("sides that": "argued that") or when its object is a statement
# ("rejects": "rejected that account"); it is neutral ("neutral", "neutral that": "added that",
# "according"). A word can also be a cue that a statement near it is disputed ("dispute"), or a
# claim that takes sides ("sides").
_VERBS = {
    "sides": "accuse accuses accused accusing allege alleges alleged alleging claim claims claimed"
    " claiming deny denies denied denying blame blames blamed blaming insist insists insisted"
    " insisting dispute disputes disputed disputing",
    "sides that": "maintain maintains maintained argue argues argued contend contends contended"
    " assert asserts asserted charge charges charged",
    "rejects": "reject rejects rejected rejecting dismiss dismisses dismissed dismissing",
    "neutral": "say says said saying told tells stated warn warns warned warning confirm confirms"
    " confirmed reported",
    "neutral that": "add adds added adding announce announces announced announcing explain"
    " explains explained explaining note notes noted noting",
}
_CUES = {
    "dispute": "deny denies denied denying denial denials dispute disputes disputed disputing"
    " reject rejects rejected rejecting rejection dismiss dismisses dismissed dismissing refute"
    " refutes refuted refuting contested contesting contradict contradicts contradicted"
    " contradicting contradiction contradictory questioned challenged critic critics conflicting"
    " competing independently unverified verify verifies verified verifying verification"
    " discrepancy discrepancies",
    "sides": "accuse accuses accused accusing accusation accusations allege alleges alleged"
    " alleging allegation allegations allegedly claim claims claimed claiming insist insists"
    " insisted insisting blame blames blamed blaming",
}
_VERB_KIND = {word: kind for kind, words in _VERBS.items() for word in words.split()}
_VERB_KIND["according to"] = "according"
_CUE_KIND = {word: kind for kind, words in _CUES.items() for word in words.split()}
# what each word is, as a verb and as a cue, in lower case and capitalised
_WORD_KIND = {
    form: (_VERB_KIND.get(word), _CUE_KIND.get(word))
    for word in _VERB_KIND | _CUE_KIND
    for form in (word, word.capitalize())
}


def _word_pattern(words: list[str]) -> str:
    """A regular expression for any of `words`, as a tree of their letters: far faster to scan
    with than a flat alternation."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + pattern(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)


_WORD_SCAN = re.compile(rf"(?<!\w){_word_pattern(list(_WORD_KIND))}(?!\w)")


def _any_word(words: str) -> re.Pattern:
    """A regular expression for any of `words` (space-separated), lower case or capitalised."""
    forms = [form for word in words.split() for form in (word, word.capitalize())]
    return re.compile(rf"(?<!\w){_word_pattern(forms)}(?!\w)")


_THAT = re.compile(r"\s+that\b")
_STATEMENT = r"claims?|accounts?|accusations?|allegations?|charges?|reports?|version|findings?"
# the object of "rejected" that makes it a claim
_STATEMENT_OBJECT = re.compile(
    r"\s+(?:(?:the|that|this|these|those|its|his|her|their)\s+)?(?:\w+[’']s\s+)?"
    rf"(?:{_STATEMENT})\b"
)
# "could not confirm", "cannot be confirmed": a dispute
_NOT_BEFORE = re.compile(r"(?:\bnot|cannot)\s+(?:be\s+)?$")
# a reporting verb used as a noun or adjective ("a claim", "the alleged gunman"), in the passive
# ("was denied bail", "were told to leave"), or said not to have been used ("did not say")
_BEFORE_A_NON_CLAIM = frozenset(
    "a an the this that these those such its his her their our any no whose of to was were been"
    " being is are be not never".split()
)
# set phrases: "claimed responsibility", "claimed 30 lives", "denied access"
_NOT_A_CLAIM_AFTER = re.compile(
    r"\s+(?:responsibility|credit|victory|a\s+victory|the\s+lives?|(?:(?!that\b)\S+\s+){0,4}lives\b"
    r"|asylum|bail|entry|access|permission)",
    re.IGNORECASE,
)
# "told residents to leave": an order, not a statement
_ORDER_AFTER = re.compile(r"(?:\s+(?!that\b)[\w’'-]+){1,3}\s+(?:not\s+)?to\s", re.IGNORECASE)
# a comment on the statement before it, whose verb is no claim of its own: ", a claim the
# company denied", " — an accusation the minister rejected"
_COMMENT = re.compile(
    r"(?:,|—|–|\s-)\s+(?:a|an)\s+(?:claim|accusation|allegation|charge|assertion|figure|finding"
    r"|account|version)\b"
)
# a sentence that contradicts the one before it
_CONTRAST = ("But ", "However", "Yet ")
# a count of dead, hurt, missing or held people
_CASUALTY = _any_word(
    "killed killing died dead death deaths injured injuries injuring wounded wounding hurt missing"
    " unaccounted bodies critical critically hospitalised hospitalized toll casualties captured"
    " abducted kidnapped hostage hostages"
)
_COUNT = _any_word(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
    " sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
    " hundred hundreds thousand thousands dozen dozens scores"
)
_DIGIT = re.compile(r"\d")
_SHORT_LINE = 40
_OPENING_MARKS = "\"'“‘«„"
# after a verb, an object that only points at a statement made before ("Villagers disputed
# that."): the statement is where it was made, this sentence adds no claim of its own
_POINTER_ONLY = re.compile(
    r"\s+(?:(?:that|the|this|those|these|its|his|her|their|\w+[’']s)\s+){0,2}"
    rf"(?:{_STATEMENT}|that|this|it)?[.!]?\s*"
)
# a sentence that opens with a phrase before its subject: "In a statement on Sunday, the army said"
_OPENING_PHRASE = re.compile(
    r"(?:In|On|At|After|Before|During|Despite|Since|Late|Earlier|Later|Speaking|Writing|Asked"
    r"|Separately|Meanwhile|However|Instead|Elsewhere|Overnight|Yesterday|Today|Last|Also"
    r"|Still|Yet|But|And|Then|From|Through|Under|Following|Hours|Days|Weeks)\b[^,]{0,80},\s+"
    r"|(?:But|And|Yet|So|Also)\s+"
)
# where a claim's clause ends before its sentence does: a comment on it, a relative clause, or a
# circumstance after it
_TAIL = re.compile(
    rf"{_COMMENT.pattern}|,?\s+(?:—|–)\s+|,\s+(?:which|who|where|after|despite|before|while)\b"
)
# "X blamed A, saying B": the claim is "X blamed A"; "X disputed that, saying B" keeps B
_SAYING = re.compile(r",\s+(?:saying|adding|arguing|claiming|insisting)\b")
# between a quote and the verb that attributes it: `…," Colonel Ruben Asker told`
_ATTRIBUTION_GAP = re.compile(
    r"[\s,\"'“”‘’«»]*(?:(?!(?:that|and|but|which|who)\b)[\w’'.-]+\s+){0,8}", re.IGNORECASE
)
# between a verb and the quote it attributes: `told reporters: "…`, `said, "…`
_QUOTE_AFTER = re.compile(r"(?:\s+[\w’'-]+){0,4}\s*[,:]\s*|\s*")
_ENDS_AN_UTTERANCE = ",.!?…—–-"
_END_PUNCTUATION = ".!?…\"'”’»)]"
_WORD = re.compile(r"\w+")


class _Verb(NamedTuple):
    start: int
    end: int
    kind: str  # "sides", "neutral" or "according"


class _Cues(NamedTuple):
    """The sentences, by index, that dispute something, that take sides, and that contradict
    or are contradicted by the next one ("But ...")."""

    disputing: set[int]
    siding: set[int]
    contrasted: set[int]


def find_claims(text: str) -> list[tuple[int, int, dict]]:
    """Every attributed claim, accusation or denial in `text`: (start, end, {}) spans, sorted."""
    sentences = _sentences(text)
    starts = [start for start, _ in sentences]
    quotes = [(start, end) for start, end, _ in find_quotes(text)]
    quote_starts = [start for start, _ in quotes]
    # a sentence that opens with "But" disputes itself and the one before it
    contrasted = {index for index, start in enumerate(starts) if text.startswith(_CONTRAST, start)}
    contrasted |= {index - 1 for index in contrasted}
    cues = _Cues(set(), set(), contrasted)
    verbs_by_sentence: dict[int, list[_Verb]] = {}
    taking_sides: set[int] = set()  # the sentences with a verb that takes sides
    for match in _WORD_SCAN.finditer(text):
        word = match.group()
        kind, cue = _WORD_KIND.get(word) or _WORD_KIND[" ".join(word.split())]
        at, end = match.span()
        index = bisect_right(starts, at) - 1
        if cue == "dispute" or (
            kind == "neutral"
            and word.startswith("confirm")
            and _NOT_BEFORE.search(text, max(0, at - 20), at)
        ):
            cues.disputing.add(index)
        elif cue == "sides":
            cues.siding.add(index)
        if kind == "sides that":
            kind = "sides" if _THAT.match(text, end) else None
        elif kind == "rejects":
            kind = "sides" if _STATEMENT_OBJECT.match(text, end) else None
        elif kind == "neutral that":
            kind = "neutral" if _THAT.match(text, end) else None
        if kind is not None:
            verbs_by_sentence.setdefault(index, []).append(_Verb(at, end, kind))
            if kind == "sides":
                taking_sides.add(index)

    found = []
    for index, verbs in verbs_by_sentence.items():
        start, end = sentences[index]
        takes_sides = index in taking_sides
        # the cheap tests first: most sentences are attributed reports nobody disputes
        if not takes_sides and not _disputed(text, sentences, index, verbs, cues):
            continue
        if _is_heading(text, start, end):
            continue
        comment = _COMMENT.search(text, start, end)
        claim_verbs = [
            verb
            for verb in verbs
            if (comment is None or verb.start < comment.start())
            and _states_a_claim(text, verb, quotes, quote_starts, start)
        ]
        if not claim_verbs:
            continue
        if (
            takes_sides
            and all(verb.kind != "sides" for verb in claim_verbs)
            and not _disputed(text, sentences, index, claim_verbs, cues)
        ):
            continue
        span = _clause(text, start, end, claim_verbs)
        if span is not None and not _POINTER_ONLY.fullmatch(text, claim_verbs[0].end, span[1]):
            found.append(span)
    return [(start, end, {}) for start, end in sorted(set(found))]


def _disputed(
    text: str, sentences: list[tuple[int, int]], index: int, verbs: list[_Verb], cues: _Cues
) -> bool:
    """Whether the statement a neutral verb reports in sentence `index` is disputed (see the
    module's docstring)."""
    disputing, siding = cues.disputing, cues.siding
    if index in disputing or index in siding or index in cues.contrasted:
        return True
    if all(verb.kind == "according" for verb in verbs):
        return False
    before, nearest_before, after, nearest_after = _around(text, sentences, index)
    if after in disputing or nearest_after in disputing:
        return True
    if not any(near in disputing or near in siding for near in (before, nearest_before)) and not (
        after in siding or nearest_after in siding
    ):
        return False
    # a casualty count is disputed by what answers it, not by what it answers
    start, end = sentences[index]
    return not (
        _CASUALTY.search(text, start, end)
        and (_DIGIT.search(text, start, end) or _COUNT.search(text, start, end))
    )


def _sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of `text`, (start, end), never across a block boundary."""
    # a break ends its sentence after its closing marks, or where it starts if it has none
    breaks = [
        (end if (end := match.end("closing")) >= 0 else match.start(), match.end())
        for match in _SENTENCE_BREAK.finditer(text)
        if match.group() != "\n" or _after_a_short_line(text, match.start())
    ]
    starts = [0] + [start for _, start in breaks]
    ends = [end for end, _ in breaks] + [len(text)]
    return list(zip(starts, ends, strict=True))


def _after_a_short_line(text: str, at: int) -> bool:
    """Whether the line break at `at` ends a line too short to be part of a hard-wrapped
    paragraph."""
    return at - text.rfind("\n", 0, at) <= _SHORT_LINE


def _around(text: str, sentences: list[tuple[int, int]], index: int) -> tuple[int, int, int, int]:
    """The sentences around the one at `index`: the one before, the nearest one before that is
    no quote, the one after and the nearest one after that is no quote (a dispute often follows
    the quote that backs a statement)."""
    before = index - 1
    while before > 0 and text[sentences[before][0]] in _OPENING_MARKS:
        before -= 1
    after = index + 1
    while after < len(sentences) - 1 and text[sentences[after][0]] in _OPENING_MARKS:
        after += 1
    return index - 1, before, index + 1, after


def _is_heading(text: str, start: int, end: int) -> bool:
    """A heading or headline: a block without end punctuation, short or in title case."""
    block_start = start == 0 or text.startswith("\n\n", start - 2)
    block_end = end == len(text) or text.startswith("\n\n", end)
    if not (block_start and block_end) or text[end - 1] in _END_PUNCTUATION:
        return False
    words = _WORD.findall(text, start, end)
    capitalised = sum(word[0].isupper() for word in words)
    return len(words) <= 8 or capitalised * 2 > len(words)


def _states_a_claim(
    text: str, verb: _Verb, quotes: list, quote_starts: list, sentence_start: int
) -> bool:
    """Whether a reporting verb introduces a claim of its own (see the module's docstring)."""
    at, end = verb.start, verb.end
    word_before = text[max(sentence_start, at - 12) : at].rsplit(None, 1)
    if word_before and (
        word_before[-1].lower() in _BEFORE_A_NON_CLAIM
        or word_before[-1].endswith(("’s", "'s", "n’t", "n't"))
    ):
        return False
    if verb.kind == "sides" and _NOT_A_CLAIM_AFTER.match(text, end):
        return False
    if text.startswith("told", at) and _ORDER_AFTER.match(text, end):
        return False
    index = bisect_right(quote_starts, at) - 1
    if index >= 0:
        _, quote_end = quotes[index]
        if quote_end > at:
            return False  # inside a quote
        if (
            quote_end >= sentence_start
            and text[quote_end - 1] in _ENDS_AN_UTTERANCE
            and _ATTRIBUTION_GAP.fullmatch(text, quote_end, at)
        ):
            return False  # `"…," said X`
    following = index + 1
    return not (
        following < len(quotes) and _QUOTE_AFTER.fullmatch(text, end, quotes[following][0] - 1)
    )  # `X said: "…"`


def _clause(text: str, start: int, end: int, verbs: list[_Verb]) -> tuple[int, int] | None:
    """The claim's span in its sentence: from the subject of the first verb to the end of the
    clause of the last."""
    first = verbs[0]
    opening = _OPENING_PHRASE.match(text, start, first.start)
    if opening:
        start = opening.end()
    saying = _SAYING.search(text, first.end, end)
    if saying and not _POINTER_ONLY.fullmatch(text, first.end, saying.start()):
        end = saying.start()
    last = max(verb.end for verb in verbs if verb.start < end)
    tail = _TAIL.search(text, last, end)
    if tail:
        end = tail.start()
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return (start, end) if start < end else None
