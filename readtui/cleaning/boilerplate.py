"""Families of page furniture recognised by their wording, not by any one site's layout.

Each family is a list of patterns with the longest block (in words) it may match: short widgets
are matched loosely, long ones (cookie notices) only by phrases prose hardly ever uses.
"""

import re
from dataclasses import dataclass

_FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Family:
    name: str
    pattern: re.Pattern[str]
    max_words: int
    ends_article: bool = False  # a marker after which the article body rarely goes on


def _family(name: str, max_words: int, *patterns: str, ends_article: bool = False) -> Family:
    return Family(name, re.compile("|".join(patterns), _FLAGS), max_words, ends_article)


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
        r"^(?:\d+\s+)?(?:comments?|responses?|replies)(?:\s*\(\d+\))?:?$",
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
        r"^(?:related|more|also read|also see|see also|recommended)\s*:",
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
        r"\bunsubscribe\b",
        r"^get (?:breaking|the latest|our)\b.{0,60}\b(?:news|updates|stories)\b",
        r"\bin your inbox\b",
        r"\bsubscribe (?:now|today|here|to (?:our|the))\b",
        r"^subscribe\b",
        r"\b(?:enter|your) e-?mail address\b",
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
        r"^(?:privacy(?: policy)?|terms (?:of|and) (?:use|service|conditions)|contact(?: us)?"
        r"|about(?: us)?|advertise(?: with us)?|site ?map|accessibility(?: help)?|careers"
        r"|help|faq|feedback|legal|imprint|corrections)$",
        r"\bmay not be (?:re)?produced\b|\bwithout (?:the )?(?:express )?written permission\b",
    ),
    _family(
        "image",
        40,
        r"^(?:image|photo|picture|video|graphic|illustration|media)(?: \d+ of \d+)?"
        r"\s*(?:copyright|caption|credit|source)\b",
        r"^(?:image|photo|picture|graphic|illustration|caption|credit|source|photograph)"
        r"(?: credit)?\s*:",
        r"credits?:\s*[^.:]{0,60}$",
        r"^(?:image|photo|picture|video|gallery)(?: \d+)?(?: of \d+)?$",
        r"^(?:item|image|photo|slide) \d+ of \d+\b|^\[\d+ ?/ ?\d+\]",
        r"\b(?:getty images|shutterstock|istock(?:photo)?|file photo|ap photo|pool photo)\b",
        r"^\[?(?:image|img|photo)[\w. -]*\]?$",
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
        r"^\d+\s*(?:min|minute)s?\s*(?:read|listen)$",
        r"^load (?:more|older|newer)\b",
        r"^search(?: for| the site| this site)?\s*:?(?: search)?$",
    ),
)


_MOST_WORDS = max(family.max_words for family in FAMILIES)


def family_of(text: str, word_count: int) -> Family | None:
    """The boilerplate family a block belongs to, if any."""
    if word_count > _MOST_WORDS:  # a paragraph: longer than any furniture
        return None
    stripped = text.strip()
    for family in FAMILIES:
        if word_count <= family.max_words and family.pattern.search(stripped):
            return family
    return None
