"""Families of page furniture recognised by their wording, not by any one site's layout.

Each family is a list of patterns with the longest block (in words) it may match: short widgets
are matched loosely, long ones (cookie notices) only by phrases prose hardly ever uses.
"""

import re
from dataclasses import dataclass
from re import _parser as expression_parser  # re's own parser: see _Wording
from re._constants import (
    AT,
    AT_BEGINNING,
    AT_END,
    BRANCH,
    IN,
    LITERAL,
    MAX_REPEAT,
    MIN_REPEAT,
    SUBPATTERN,
)

_FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Family:
    name: str
    pattern: re.Pattern[str]
    max_words: int
    wordings: tuple[str, ...]  # the expressions `pattern` is made of
    ends_article: bool = False  # a marker after which the article body rarely goes on


def _family(name: str, max_words: int, *wordings: str, ends_article: bool = False) -> Family:
    pattern = re.compile("|".join(wordings), _FLAGS)
    return Family(name, pattern, max_words, wordings, ends_article)


_SOCIAL = (
    r"facebook|twitter|x|pinterest|linkedin|whatsapp|reddit|messenger|telegram|flipboard|email"
    r"|e-mail|mail|print|sms|tumblr|instagram|youtube|vk|vkontakte|odnoklassniki|pocket|copy"
    r"|copied|link|share|tweet|pin|comment|comments|save|rss|google\+?"
)

FAMILIES = (
    _family(
        "share",
        12,
        rf"^(?:(?:{_SOCIAL})\W*)+$",
        r"^share (?:this|on|via|with|the (?:article|story|page|link))\b",
        r"^(?:click|tap) to (?:share|email|print|tweet)\b",
        r"^(?:\d+\s*)?shares?$",
        r"^copy (?:this )?link\b",
        r"\bopens? (?:in )?(?:a )?new (?:window|tab)\b",
        r"\bare external links\b",
    ),
    _family(
        "follow",
        20,
        r"^follow (?:us|me|@|our|[\w.'’]+ (?:on|at)\b)",
        r"\bfollow (?:us|him|her|them|me) (?:on|@)",
        r"^(?:like|find) us on\b",
        r"^connect with us\b",
    ),
    _family(
        "contact",
        40,
        # An author's or a desk's address: "Email Tariq at tmalik@example.com"
        r"^(?:e-?mail|contact|write to|reach)\b.{0,80}@",
        # the author's line after the story: "Dana Whitlock covers public safety ... Reach her at"
        r"\breach (?:him|her|them|me) at\b.{0,60}@",
    ),
    _family(
        "comments",
        40,
        # Prompts and headers of a comment section. Anchored, because a sentence may well say
        # that someone "declined to leave a comment", and this family ends the article.
        r"^(?:leave|post|add|write) (?:a|your) (?:reply|comment|response)\b",
        r"^please enter your (?:comment|name|e-?mail)\b",
        r"\byou must be logged in to (?:post|leave) a comment\b",
        r"^(?:log|sign) ?in to (?:post|leave) a comment\b",
        r"\bcancel reply\b",
        r"\bsave my name, e-?mail\b",
        r"\bnotify me of (?:new|follow-up) (?:comments|posts)\b",
        r"\byour e-?mail address will not be published\b",
        r"\brequired fields are marked\b",
        # "Responses", "12 Responses"; "RESPONSE" alone heads a report's section
        r"^(?:\d+\s+)?(?:comments?|responses|replies)(?:\s*\(\d+\))?:?$",
        r"^\d+\s+response(?:\s*\(\d+\))?:?$",
        r"^(?:\d+|one|no) (?:comments?|responses?|replies|thoughts) (?:to|on)\b",
        r"^(?:view|show|hide|load|read|see) (?:all )?(?:\d+ )?comments?\b",
        r"^comments? (?:are|is) (?:now )?closed\b",
        r"^join the (?:conversation|discussion|debate)\b",
        r"^join (?:our|the) .{0,40}\b(?:forums?|community)\b",
        r"^(?:recent|latest|top) comments\b",
        r"\bcommenting (?:policy|guidelines)\b",
        ends_article=True,
    ),
    _family(
        "comment author",
        5,
        r"^\S+(?: \S+){0,3} (?:says|wrote|writes|replied|commented):$",
    ),
    _family(
        "related",
        10,
        r"^(?:related|recommended|trending|popular|latest)"
        r"(?: (?:news|stories|posts|articles|videos|now|updates|headlines|content))?:?$",
        r"^(?:related|recommended|suggested|similar|popular|trending|sponsored|latest|recent)"
        r" (?:articles?|stories|posts?|content|coverage|reading|links?|videos?|news|topics?"
        r"|searches|reads|for you)\b",
        r"^(?:more|most) (?:on this story|from|popular|read|viewed|shared|commented|stories"
        r"|articles|news|videos|in\b)",
        r"^(?:top|other|latest|more|editors?['’]?s?) (?:stories|news|headlines|picks|choice)\b",
        r"^you (?:may|might|will|could) (?:also )?(?:like|enjoy|be interested)\b",
        r"^(?:also read|don['’]t miss|what to read next|up next|next up|around the web)\W*$",
        r"^(?:further reading|in other news|in case you missed it|elsewhere on)\b",
        r"^(?:from|by) our partners\b",
        r"^(?:previous|next|older|newer) (?:post|article|story|entry)\b",
        ends_article=True,
    ),
    _family(
        "inline-link",
        30,
        r"^(?:read|see|watch|listen) (?:more|next|also|this next|the full)\b",
        # a media player's: "Listen to the report by Sabine Walcher"
        r"^(?:listen|watch) to (?:the|this|our) (?:report|story|article|podcast|episode|interview"
        r"|programme|program|bulletin|news|audio|video)\b",
        r"^(?:related|more|read|watch|listen|also read|also see|see also|recommended)\s*[:|]",
    ),
    _family(
        "tags",
        6,
        r"^(?:tags?|topics?|tagged(?: with| as)?|filed under|categor(?:y|ies)|related topics"
        r"|keywords?|posted in|more about|terms)\s*:?$",
        r"^(?:tags?|topics?|tagged(?: with| as)?|filed under|categor(?:y|ies)|keywords)\s*:",
        r"^about the authors?$",
        ends_article=True,
    ),
    _family(
        "cookies",
        90,
        r"\b(?:we|this (?:web)?site) uses? cookies\b",
        r"\buse of cookies\b",
        r"\bcookie (?:policy|settings|preferences|notice|consent)\b",
        r"\baccept (?:all )?cookies\b",
        r"\byou (?:agree|consent|accept)\b.{0,60}\b(?:privacy|cookie|terms)",
        r"\bwe(?:['’]ve| have) updated our privacy (?:policy|notice)\b",
    ),
    _family(
        "newsletter",
        45,
        r"\bsign(?:ing)? up (?:for|to) (?:our|the|a|free|daily|weekly)\b",
        r"^sign(?:ing)? up (?:for|to)\b",  # "Sign up to Health Brief"
        r"^our (?:free |daily |weekly |monthly )?newsletter\b",  # the site's own
        r"^e-?mail(?: address)?\s*:?$",  # the field's label
        r"\bunsubscribe\b",
        r"^get (?:breaking|the latest|our)\b.{0,60}\b(?:news|updates|stories)\b",
        r"\b(?:in|to|into) your inbox\b",
        r"\bsubscribe (?:now|today|here|to (?:our|the))\b",
        r"^subscribe\b",
        r"\b(?:enter|your) e-?mail address\b",
        r"^(?:enter|type) (?:your )?e-?mail\W*$",  # the field's prompt
        r"^(?:this field is required|required field)\W*$",  # the form's check
        r"^we use your sign-?up\b",  # "We use your sign-up to provide content ..."
        # a tip line: "Do you have a story for The Blaze news team? Email us at ..."
        r"^(?:do you have|have you got|got) (?:a|any) (?:story|news tip|tip|picture|video)s?\b",
    ),
    _family("newsletter", 6, r"\bnewsletters?\b"),
    _family(
        "paywall",
        45,
        r"\balready (?:a|an) (?:subscriber|member)\b",
        r"\bto continue reading\b",
        r"\bsubscribers? only\b",
        r"\bfree articles? (?:left|remaining)\b",
        r"\b(?:log|sign) ?in (?:to|or) (?:continue|read|subscribe|register|create)\b",
        r"\bcreate (?:a|an|your) (?:free )?account\b",
        r"\blog ?in(?:to)? (?:to )?your account\b",
        r"\bunlimited (?:digital )?access\b",
        r"\bsupport (?:our|independent|quality) journalism\b",
        r"^(?:log ?in|sign ?in|sign ?up|register|my account|account)$",
    ),
    _family(
        "footer",
        60,
        r"©|\(c\) ?(?:19|20)\d\d|\ball rights reserved\b",
        r"^copyright\b.{0,40}(?:(?:19|20)\d\d|©)",
        r"^(?:©|\(c\))\s*(?:19|20)\d\d\b.{0,60}\brights reserved\b",
        r"^(?:privacy(?: policy)?|terms (?:of|and) (?:use|service|conditions)|contact(?: us)?"
        r"|about(?: us)?|advertise(?: with us)?|site ?map|accessibility(?: help)?|careers"
        r"|help|faq|feedback|legal|imprint|corrections)$",
        r"\bmay not be (?:re)?produced\b|\bwithout (?:the )?(?:express )?written permission\b",
    ),
    _family(
        "image",
        40,
        # the label may be glued to the caption: "Media captionWho is Julian Assange?"
        r"^(?:image|photo|picture|video|graphic|illustration|media)(?: \d+ of \d+)?"
        r"\s*(?:copyright|caption|credit|source)(?:\b|(?=(?-i:[A-Z])))",
        r"^(?:image|photo|picture|graphic|illustration|caption|credit|source|photograph)"
        r"(?: credit)?\s*:",
        r"credits?:\s*[^.:]{0,60}$",
        r"^(?:image|photo|picture|video|gallery)(?: \d+)?(?: of \d+)?$",
        r"^(?:item|image|photo|slide) \d+ of \d+\b|^\[\d+ ?/ ?\d+\]",
        r"\b(?:getty images|shutterstock|istock(?:photo)?|file photo|ap photo|pool photo)\b",
        # a placeholder or a menu item ("[image]", "Photos"), not a sentence ("Photos show …")
        r"^\[?(?:image|img|photo)[\w. -]*(?<![.!?])\]?$",
        r"^\[?\w*[_-](?:img|image|photo|thumb|placeholder)\]?$",  # a template's token: spot_img
        r"\.(?:jpe?g|png|gif|webp)$",
        r"^(?:enlarge|expand|zoom) (?:this )?(?:image|photo)\b",
        r"^(?:view|open) (?:gallery|slideshow)",
    ),
    _family(
        "image",
        80,
        # A caption ending in its credit: "... on Tuesday. (AP Photo/Gene Puskar)"
        r"\([^()]{0,60}\b(?:photo|photograph|image|picture|credit)s?\b[^()]{0,60}\)(?:\s+\w+)?$",
        # ... or in square brackets: "... on Monday. [Photo: Evans Kibor, Rift Chronicle]"
        r"\[[^\[\]]{0,60}\b(?:photo|photograph|image|picture|credit)s?\b[^\[\]]{0,60}\]$",
        r"[.!?”\"]\s*\(source:[^()]{1,60}\)$",  # "... closest approach. (Source: NASA)"
        # ... or after a separator: "... on Thursday. PHOTO | JOSEPH MBOYA", "... Photo: Reuters"
        r"[.!?”\"]\s+(?:file\s+)?(?:photo|photograph|image|picture)s?\s*(?:[|:/]|by\b)\s*[^.!?|]{2,60}$",
        # ... or after a dash: "... on Sunday. — Frontier Ledger photo"
        r"[.!?”\"]\s+[—–-]\s*[^.!?|]{2,60}\b(?:photo|photograph|picture|image)s?$",
        # ... or a name in capitals and the outlet: "... on Tuesday. — HAZWAN ISMAIL/The Star"
        r"[.!?”\"]\s+[—–-]\s*(?-i:[A-Z][A-Z.'’ -]{2,40})\s*/\s*[^.!?|/]{2,50}$",
        # ... or the outlet and the photographer, in brackets: "... 2026. (NKP/Dimas Prakoso)"
        r"[.!?”\"]\s*\((?-i:[A-Z][\w&.-]{1,15})\s*/\s*(?-i:[A-Z])[^()/]{2,40}\)$",
        # ... or the outlet in capitals, in brackets: "... on Monday night. (WKDM)"
        r"[.!?”\"]\s*\((?-i:[A-Z][A-Z0-9&.' -]{1,20})\)$",
    ),
    _family(
        "advert",
        8,
        r"^(?:advertisement|advertising|advert|ad|ads|sponsored(?: content)?|paid content"
        r"|promoted(?: content)?|partner content)\W*$",
        r"^(?:story|article) continues (?:below|after)\b",
        r"^continue reading (?:below|the main story)\b",
        r"\bscroll (?:down )?to continue\b",
    ),
    _family(
        "credits",
        40,
        r"^\(?(?:additional )?(?:reporting|writing|editing) by\b",
        r"\b(?:editing|edited) by (?-i:[A-Z])",
        r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b",
        # a translation's note: "This note was originally published in Spanish."
        r"^this (?:note|article|story|report|piece) was (?:originally )?(?:published|written)"
        r" in (?-i:[A-Z])",
        r"^translat(?:ion|ed)(?: from (?-i:[A-Z])\w+)?(?: by)?\s*:",
        # "Society desk | Translated from the Persian"
        r"^[^.!?|]{0,40}\|\s*translated from (?:the )?(?-i:[A-Z])",
        r"^translated from (?:the )?(?-i:[A-Z])\w+ by\b",  # "Translated from the Spanish by ..."
        r"^\(?with inputs from\b[^()]{0,60}\)?$",  # "(With inputs from our Vellimalai bureau)"
    ),
    _family(
        "navigation",
        8,
        r"^(?:skip|jump) to (?:main |the )?(?:content|navigation|search|menu|article)\b",
        r"^(?:toggle|open|close|show|hide)(?: main| the)? (?:navigation|menu|search|sidebar"
        r"|panel|dark mode)\b",
        r"^(?:main |site |primary |footer )?(?:menu|navigation|search)$",
        r"^(?:home|close|open|back|loading\W*|back to top|scroll to top|go to top|top)$",
        r"^(?:you are here|breadcrumbs?)\b",
        r"\b(?:turn on|enable) javascript\b",
        r"^[·•|]?\s*\d+\s*(?:min|minute)s?\s*(?:read|listen)$",
        # a live blog's: "Refresh the page for the latest updates"
        r"^refresh (?:the |this )?(?:page )?(?:for|to see|to get) (?:the )?latest\b",
        r"^load (?:more|older|newer)\b",
        # a feedback widget: "Was this page helpful?"
        r"^(?:was|is) this (?:page|article|information|story) (?:helpful|useful)\b",
        r"^search(?: for| the site| this site)?\s*:?(?: search)?$",
        # a report's download links: "Download the full report (PDF, 2.4 MB)"
        r"^download (?:the |our |this )?(?:full |complete )?(?:report|summary|pdf|document"
        r"|brief|briefing|paper|annex)\b",
    ),
)


_MOST_WORDS = max(family.max_words for family in FAMILIES)
# captions, credits and image placeholders
IMAGE = next(family for family in FAMILIES if family.name == "image")
INLINE_LINK = next(family for family in FAMILIES if family.name == "inline-link")

# A caption's or a credit's label on a line of its own ("Image caption,", "Image source,"), as
# broadcasters' pages give it: the block after it is what it labels, if it is short enough to
# be a caption (a sentence or two) or a credit (a name or two, no sentence).
_BARE_LABEL = re.compile(
    r"(?:image|photo|picture|video|graphic|illustration|media)\s*(caption|copyright|credit|source)"
    r"\W*",
    _FLAGS,
)
_CAPTION_MAX_WORDS = 40
_CREDIT_MAX_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")


def labels_next(label: str, text: str, word_count: int) -> bool:
    """Whether `text`, the block after `label`, is the caption or credit that `label` names."""
    match = _BARE_LABEL.fullmatch(label.strip())
    if match is None:
        return False
    if match[1].lower() == "caption":
        return word_count <= _CAPTION_MAX_WORDS
    return word_count <= _CREDIT_MAX_WORDS and _SENTENCE_END.search(text) is None


# Nearly every block belongs to no family, and a case-insensitive search is slow: re cannot skip
# ahead to where a literal text stands, as it does when case counts. So each wording is read
# once (with re's own parser) for texts that any match of it holds, starts or ends with, which
# are found fast in the lower-cased block; only a block holding them is searched.
_MOST_NEEDED = 8  # texts a wording is looked for by, at most
_MOST_STARTS = 64  # texts a wording may start with, at most (one test tries them all)
_UNCOMMON_LENGTH = 5  # a text this long is seldom in a block by chance
_RARE_LENGTH = 8  # and this long, hardly ever: then the fewer texts, the faster the test
# characters from the most common in English text to the least (any other is rarer still)
_BY_COMMONNESS = {char: rank for rank, char in enumerate(" etaoinsrhldcumwfgypbvkjxqz")}
# re's IGNORECASE takes these for "i", "i" and "s", which str.lower() does not make of them;
# every other character re takes for an ASCII letter, str.lower() makes into that letter
_LOWERED_APART = "\u0130\u0131\u017f"


@dataclass(frozen=True)
class _Wording:
    """A wording of a family, and the texts that tell which blocks it may match."""

    expression: str
    at_start: bool  # it matches only at the start of a block
    starting_texts: frozenset[str] | None  # a match starts with one of them, lower-cased
    # a match ends with one of them, lower-cased: told only where the start is not, and the
    # match ends with the block (whose end, when `family_of` tries it, is not a line break)
    ending_texts: frozenset[str] | None
    needed_texts: frozenset[str] | None  # a match holds one of them: where neither is told

    @classmethod
    def of(cls, expression: str) -> "_Wording":
        parsed = list(expression_parser.parse(expression, _FLAGS))
        at_start = _is_anchored(parsed, AT_BEGINNING)
        starting = _starting_texts(parsed) if at_start else None
        ending = None
        if starting is None:
            backwards = _backwards(parsed)
            if _is_anchored(backwards, AT_END):
                ending = _starting_texts(backwards)
        return cls(
            expression,
            at_start,
            starting,
            None if ending is None else frozenset(text[::-1] for text in ending),
            None if at_start or ending else _needed_texts(parsed),
        )


@dataclass(frozen=True, eq=False)
class _Prefilter:
    """A test much cheaper than matching a block with some wordings, which every block that
    one of them matches passes."""

    starting_texts: dict[str, tuple[str, ...]]  # by their first character
    ending_texts: tuple[str, ...]
    unknown_start: re.Pattern[str] | None  # the wordings at a block's start not told by those
    # finds in a lower-cased block the texts that the other wordings need, if there are any
    # (re searches for many texts at once faster than `in` for each, if arranged as a tree)
    needed_texts: re.Pattern[str] | None

    @classmethod
    def of(cls, wordings: list[_Wording]) -> "_Prefilter":
        starting: set[str] = set()
        ending: set[str] = set()
        unknown_start = []
        needed: set[str] = set()
        for wording in wordings:
            if wording.starting_texts:
                starting |= wording.starting_texts
            elif wording.ending_texts:
                ending |= wording.ending_texts
            elif wording.at_start:
                unknown_start.append(wording.expression)
            else:
                needed |= set(map(_rarely_started, wording.needed_texts or {""}))
        return cls(
            _by_first_character(_fewest_starts(starting)),
            tuple(sorted(ending)),
            _compiled(unknown_start),
            re.compile(_tree_expression(_fewest(needed))) if needed else None,
        )

    def passes(self, stripped: str, lowered: str) -> bool:
        """`lowered` is `stripped.lower()`, and neither holds a character of _LOWERED_APART."""
        return (
            lowered.startswith(self.starting_texts.get(lowered[:1], ()))
            or lowered.endswith(self.ending_texts)
            or (self.unknown_start is not None and self.unknown_start.match(stripped) is not None)
            or (self.needed_texts is not None and self.needed_texts.search(lowered) is not None)
        )


def _rarely_started(text: str) -> str:
    """The end of the text from its rarest character on (still long enough not to be common):
    re skips ahead faster to the texts it looks for if few characters start them."""
    last = max(0, len(text) - _UNCOMMON_LENGTH)
    rarest = max(range(last + 1), key=lambda at: _BY_COMMONNESS.get(text[at], len(_BY_COMMONNESS)))
    return text[rarest:]


def _tree_expression(texts: tuple[str, ...]) -> str:
    """An expression matching the texts, with the texts that start alike under one branch."""
    by_first: dict[str, list[str]] = {}
    for text in texts:
        by_first.setdefault(text[:1], []).append(text[1:])
    branches = []
    for first, rests in sorted(by_first.items()):
        if len(rests) == 1:
            branches.append(re.escape(first + rests[0]))
        else:  # none is empty: no text starts another (see _fewest)
            branches.append(f"{re.escape(first)}(?:{_tree_expression(tuple(rests))})")
    return "|".join(branches)


def _by_first_character(texts: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    by_first: dict[str, tuple[str, ...]] = {}
    for text in texts:
        by_first[text[:1]] = (*by_first.get(text[:1], ()), text)
    return by_first


def _fewest(texts: set[str]) -> tuple[str, ...]:
    """The texts but those holding another one: a block holds one of these if it holds one of
    the texts."""
    return tuple(sorted(text for text in texts if not any(o in text for o in texts - {text})))


def _fewest_starts(texts: set[str]) -> tuple[str, ...]:
    """The texts but those starting with another one."""
    fewest: list[str] = []
    for text in sorted(texts):  # after a text come those it starts
        if not (fewest and text.startswith(fewest[-1])):
            fewest.append(text)
    return tuple(fewest)


def _compiled(expressions: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(expressions), _FLAGS) if expressions else None


def _lowers_alike(code: int) -> bool:
    """Whether a literal character of an expression matches only characters that str.lower()
    makes into its lower case (_LOWERED_APART aside): an ASCII one, or one without case."""
    char = chr(code)
    return char.isascii() or char.lower() == char == char.upper()


def _is_anchored(items: list, anchor) -> bool:
    """Whether a parsed expression starts with the position `anchor` ("^", or "$" for one
    read backwards), wherever it may go on."""
    if not items:
        return False
    op, argument = items[0]
    if op is SUBPATTERN:
        return _is_anchored(list(argument[-1]), anchor)
    if op is BRANCH:
        return all(_is_anchored(list(alternative), anchor) for alternative in argument[1])
    return op is AT and argument is anchor


def _backwards(items: list) -> list:
    """A parsed expression read from its end: it matches the texts the expression matches,
    backwards (as far as `_starting_texts` and `_is_anchored` look)."""
    backwards = []
    for op, argument in reversed(items):
        if op is SUBPATTERN:
            argument = (*argument[:-1], _backwards(list(argument[-1])))
        elif op is BRANCH:
            argument = (argument[0], [_backwards(list(alternative)) for alternative in argument[1]])
        elif op in (MAX_REPEAT, MIN_REPEAT):
            argument = (*argument[:-1], _backwards(list(argument[-1])))
        backwards.append((op, argument))
    return backwards


def _spelled(item: tuple, most: int) -> frozenset[str] | None:
    """The lower-cased texts a parsed item of an expression matches, if at most `most` and
    known ("" for a position such as "^" or "\\b", which matches no text)."""
    op, argument = item
    if op is LITERAL:
        return frozenset({chr(argument).lower()}) if _lowers_alike(argument) else None
    if op is AT:
        return frozenset({""})
    if op is IN and all(kind is LITERAL and _lowers_alike(code) for kind, code in argument):
        return _few(frozenset(chr(code).lower() for _, code in argument), most)
    if op is SUBPATTERN:
        return _spelled_all(list(argument[-1]), most)
    if op is BRANCH:
        alternatives = [_spelled_all(list(alternative), most) for alternative in argument[1]]
        return None if None in alternatives else _few(frozenset().union(*alternatives), most)
    if op in (MAX_REPEAT, MIN_REPEAT) and argument[1] == 1:  # there once, or optional
        once = _spelled_all(list(argument[2]), most)
        return once if once is None or argument[0] == 1 else once | {""}
    return None


def _spelled_all(items: list, most: int) -> frozenset[str] | None:
    texts: frozenset[str] | None = frozenset({""})
    for item in items:
        texts = _joined(texts, _spelled(item, most), most)
        if texts is None:
            return None
    return texts


def _joined(heads, tails, most: int) -> frozenset[str] | None:
    if heads is None or tails is None:
        return None
    return _few(frozenset(head + tail for head in heads for tail in tails), most)


def _lengthened(heads, tails, most: int) -> frozenset[str] | None:
    """The texts `heads` followed by `tails`, unless there would be more of them and all
    of `heads` are long enough to tell a block by already."""
    joined = _joined(heads, tails, most)
    if joined is None or len(joined) > len(heads) >= 1 and _long_enough(heads):
        return None
    return joined


def _long_enough(texts: frozenset[str]) -> bool:
    return min(map(len, texts)) >= _UNCOMMON_LENGTH


def _few(texts: frozenset[str], most: int) -> frozenset[str] | None:
    return texts if len(texts) <= most else None


def _needed_texts(items: list) -> frozenset[str] | None:
    """Lower-cased texts of which any match of a parsed expression holds one; None when
    nothing can be told."""
    choices: list[frozenset[str] | None] = []
    stretch = frozenset({""})  # the texts the items spelled out one after another match
    for op, argument in items:
        if op is SUBPATTERN:
            choices.append(_needed_texts(list(argument[-1])))
        elif op is BRANCH:
            alternatives = [_needed_texts(list(alternative)) for alternative in argument[1]]
            choices.append(None if None in alternatives else frozenset().union(*alternatives))
        elif op in (MAX_REPEAT, MIN_REPEAT) and argument[0] >= 1:  # there at least once
            choices.append(_needed_texts(list(argument[2])))
        spelled = _spelled((op, argument), _MOST_NEEDED)
        joined = _lengthened(stretch, spelled, _MOST_NEEDED)
        if joined is None:
            choices.append(stretch)
            joined = spelled or frozenset({""})
        stretch = joined
    choices.append(stretch)
    # a text's spaces at its ends are common: without them, it is found faster, and still needed
    known = [frozenset(text.strip(" ") for text in texts) for texts in choices if texts]
    known += [frozenset({_common_part(texts).strip(" ")}) for texts in known if len(texts) > 1]
    return max((texts for texts in known if "" not in texts), key=_rarity, default=None)


def _common_part(texts: frozenset[str]) -> str:
    """The longest text that all the texts hold ("" if none)."""
    shortest = min(texts, key=len)
    for length in range(len(shortest), 0, -1):
        for start in range(len(shortest) - length + 1):
            part = shortest[start : start + length]
            if all(part in text for text in texts):
                return part
    return ""


def _rarity(texts: frozenset[str]) -> tuple[int, int, int]:
    """How seldom a block holds one of the texts by chance (the longer the shortest, the more
    seldom), and how fast they are looked for."""
    shortest = min(map(len, texts))
    return min(shortest, _RARE_LENGTH), -len(texts), shortest


def _starting_texts(items: list) -> frozenset[str] | None:
    """Lower-cased texts of which any match of a parsed expression starts with one; None when
    nothing can be told."""
    start = frozenset({""})  # the texts the items spelled out one after another match
    for index, (op, argument) in enumerate(items):
        joined = _lengthened(start, _spelled((op, argument), _MOST_STARTS), _MOST_STARTS)
        if joined is not None:
            start = joined
            continue
        if start != {""}:
            break
        rest = items[index + 1 :]
        if op is SUBPATTERN:
            return _starting_texts([*argument[-1], *rest])
        if op is BRANCH:
            alternatives = [_starting_texts([*alternative, *rest]) for alternative in argument[1]]
            return None if None in alternatives else frozenset().union(*alternatives)
        if op in (MAX_REPEAT, MIN_REPEAT) and argument[0] >= 1:
            return _starting_texts(list(argument[2]))  # starts as the repeated item
        return None
    return None if "" in start else start


_WORDINGS = [list(map(_Wording.of, family.wordings)) for family in FAMILIES]
_PREFILTERS = tuple(map(_Prefilter.of, _WORDINGS))
_ANY_FAMILY = _Prefilter.of([wording for wordings in _WORDINGS for wording in wordings])


def family_of(text: str, word_count: int) -> Family | None:
    """The boilerplate family a block belongs to, if any."""
    if word_count > _MOST_WORDS:  # a paragraph: longer than any furniture
        return None
    stripped = text.strip()
    lowered = stripped.lower()
    lowered_alike = stripped.isascii() or not any(map(stripped.__contains__, _LOWERED_APART))
    if lowered_alike and not _ANY_FAMILY.passes(stripped, lowered):
        return None
    for family, prefilter in zip(FAMILIES, _PREFILTERS, strict=True):
        if (
            word_count <= family.max_words
            and (not lowered_alike or prefilter.passes(stripped, lowered))
            and family.pattern.search(stripped)
        ):
            return family
    return None
