"""Cleaner for saved HTML pages: the article body and metadata as trafilatura extracts them.

trafilatura's XML keeps the body's structure (headings, paragraphs, lists, quotes, tables),
which becomes our blocks. When it finds nothing, the page's visible text goes through the
scraped-text cleaner instead, so a page always yields what text it has.
"""

import re
from bisect import bisect_right
from typing import NamedTuple

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import Document as Extracted
from trafilatura.settings import set_date_params

from readtui.cleaning import CleanBlock, Cleaned
from readtui.cleaning.boilerplate import family_of
from readtui.cleaning.headline import overlap
from readtui.cleaning.metadata import is_byline, is_clock_time, is_date_line, is_publication_time
from readtui.cleaning.scraped import clean_scraped
from readtui.cleaning.textstats import SeenText, normalise, words

_HEADING_LEVEL = re.compile(r"h([1-6])")
_SAME_TITLE_OVERLAP = 0.8
# trafilatura leaves out a page's footer itself; footer wording in what it keeps ("FAQ",
# "Corrections", a publisher's copyright line at the end of the story) belongs to the article.
_KEPT_FAMILIES = frozenset({"footer"})
_REPEAT_MIN_WORDS = 15
# A link's label for screen readers, "(opens in new tab)": not text of the article, and the
# wording of a share widget, which would make a short item with a link look like one.
_LINK_LABEL = re.compile(r"[(\[]\s*opens? (?:in )?(?:a )?new (?:window|tab)\s*[)\]]", re.IGNORECASE)
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\W*$")
# Elements that start a new block in a page's visible text (as a naive scraper sees it).
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption dd div dl dt figcaption figure footer form"
    " h1 h2 h3 h4 h5 h6 header li main nav ol p pre section table td th tr ul".split()
)
_INVISIBLE_TAGS = frozenset("script style noscript template svg head".split())
_STANDFIRST_MIN_WORDS = 6  # a summary shorter than this could match a label by chance
_STANDFIRST_OVERLAP = 0.6  # of its content words, when the summary rewords the standfirst
_KEY_POINT_MIN_WORDS = 4
# the classes pages give a standfirst: "standfirst", "article-dek", "summary", "key-points",
# "article-lead" ("lead" or "intro" only at a class name's end: "lead-image" is a photo)
_STANDFIRST_CLASS = re.compile(
    r"(?<![a-z])(?:(?:standfirst|dek|deck|summary|strapline|sell|sub-?title|sub-?headline|subhead"
    r"|sub-?text|tagline|chapo|chapeau|bajada|sumario|entradilla|copete"
    r"|excerpt|key-?points|highlights)(?![a-z])|(?:lead|lede|intro)(?![\w-]))",
    re.IGNORECASE,
)
_HEADING_TAGS = frozenset({"h2", "h3", "h4"})
_MAX_KICKERS = 2  # labels above a headline the extractor kept: "CRIME", "Long read"
_KICKER_MAX_WORDS = 3
# A live blog: entries each headed by a time stamp, at most this many blocks of the page above
# the entry's first kept block, and at least this many entries.
_STAMP_REACH = 3
_LIVE_BLOG_MIN_ENTRIES = 2


class PageBlock(NamedTuple):
    """A block of a page's visible text, and the element that holds it."""

    text: str
    tag: str  # the innermost block element around it: "p", "li", "h2", "div", "title"
    linked: bool  # it holds a link: menus, related stories, tag lists, share bars do
    standfirst: bool  # it is in an element whose class names a standfirst ("dek", "summary")


def clean_html(html: str) -> Cleaned:
    extracted = _extract(html)
    if extracted is None:
        return clean_scraped(visible_text(html))
    title = _page_title(extracted)
    blocks = _without_furniture(_body_blocks(extracted.body), title)
    if blocks and blocks[0].kind == "heading" and _is_title(blocks[0].text, title):
        title = blocks.pop(0).text
    page = page_blocks(html)
    if not blocks:
        return clean_scraped("\n\n".join(block.text for block in page))
    blocks = _with_standfirst(blocks, page, title, extracted.description or "")
    blocks = _with_headings(blocks, page)
    page_texts = [block.text for block in page]
    blocks = _with_time_stamps(blocks, page_texts)
    kept = [CleanBlock("title", title, 1)] if title else []
    kept += blocks
    return Cleaned(
        blocks=kept,
        title=title,
        byline=extracted.author or "",
        date=extracted.date or "",
        url=extracted.url or "",
        **_left_out(page_texts, kept),
    )


def _left_out(page_blocks: list[str], kept: list[CleanBlock]) -> dict[str, list]:
    """The page's visible blocks that are not in the article (what the extractor dropped), as
    the `removed` and `removed_at` of a `Cleaned`: each placed after the last kept block seen
    above it in the page."""
    seen = SeenText()
    position_of: dict[str, int] = {}
    for index, block in enumerate(kept):
        seen.add(block.text)
        position_of.setdefault(normalise(block.text), index)
    # a piece of a kept block (a line of a paragraph, a cell of a table) is not left out
    whole = "\n".join(position_of)
    removed, removed_at, position = [], [], 0
    for text in page_blocks:
        key = normalise(text)
        if key in position_of:
            position = max(position, position_of[key] + 1)
        elif not (key in whole or seen.covers(text)):
            removed.append(text)
            removed_at.append(position)
    return {"removed": removed, "removed_at": removed_at}


def _extract(html: str) -> Extracted | None:
    """trafilatura's document (metadata and XML body), or None when it finds no article."""
    try:
        return trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            # the date from the page's markup only: the extensive search reads the text with
            # dateparser, which loads each language it meets (tens of MB over a corpus), for a
            # date that the page's own date line gives
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception:  # noqa: BLE001 - an extractor failure must not stop reading; fall back
        return None


def _without_furniture(blocks: list[CleanBlock], title: str) -> list[CleanBlock]:
    """The blocks less what is clearly furniture among the text the extractor kept.

    The extractor has already left out the page around the article, so what it kept is taken
    as body unless a rule is sure: a widget's wording (share, follow, newsletter, comments,
    paywall, advert, related links), a date line or an "Updated 17:40" that is not a heading,
    a long paragraph or a cut-off teaser repeating text above, a paragraph repeating the
    headline. A list is judged whole: its furniture items go only when they are at least half
    of it, so a round-up of short items (deals, a meal plan) keeps every item."""
    doomed = [_is_furniture(block) for block in blocks]
    for start, end in _list_runs(blocks):
        if 2 * sum(doomed[start:end]) < end - start:
            doomed[start:end] = [False] * (end - start)
    seen = SeenText()
    headline = normalise(title)
    kept = []
    for block, furniture in zip(blocks, doomed, strict=True):
        if furniture or (block.kind in ("paragraph", "quote") and _repeats(block, seen, headline)):
            continue
        seen.add(block.text)
        kept.append(block)
    return _without_headline_on_top(kept, headline)


def _without_headline_on_top(blocks: list[CleanBlock], headline: str) -> list[CleanBlock]:
    """The blocks less the headline given again as the body's first heading, with the
    section's label above it ("CRIME"): the extractor took the headline's container."""
    for index, block in enumerate(blocks[: _MAX_KICKERS + 1]):
        if block.kind == "heading" and normalise(block.text) == headline:
            above = blocks[:index]
            if all(len(words(label.text)) <= _KICKER_MAX_WORDS for label in above):
                return blocks[index + 1 :]
            return blocks
    return blocks


def _is_furniture(block: CleanBlock) -> bool:
    family = family_of(block.text, len(words(block.text)))
    if family is not None and family.name not in _KEPT_FAMILIES:
        return True
    return block.kind != "heading" and (
        is_date_line(block.text) or is_publication_time(block.text) or is_byline(block.text)
    )


def _with_standfirst(
    blocks: list[CleanBlock], page: list[PageBlock], headline: str, summary: str
) -> list[CleanBlock]:
    """The blocks with the standfirst (dek) first when the extractor left it out, as it does
    when it takes the body's container and the standfirst stands above it, by the headline.

    Between the headline and the body stand a caption, a byline, a date, a share bar; the
    standfirst is what of it the page marks as one (a class "standfirst", "dek", "summary"...)
    or what its own summary (the meta description) gives, whole, cut off with "…" or reworded,
    unless the body holds it too. A live blog's key points are a list there: items without
    links (a menu's items are links), kept as list items."""
    first = normalise(blocks[0].text)
    keys: list[str] = []  # the page's blocks, normalised, down to the body's first block
    for block in page:
        keys.append(normalise(block.text))
        if keys[-1] == first:
            break
    else:
        return blocks
    headline_key = normalise(headline)
    top = next((i for i in range(len(keys) - 2, -1, -1) if keys[i] == headline_key), None)
    if top is None:
        return blocks
    wanted = normalise(summary)
    if len(wanted.split()) < _STANDFIRST_MIN_WORDS:
        wanted = ""
    kept = {normalise(block.text) for block in blocks}
    standfirst: list[CleanBlock] = []
    for index in range(top + 1, len(keys) - 1):
        key, block = keys[index], page[index]
        if (
            key in kept  # a paragraph of the body, given above it too
            or first.startswith(key)  # a teaser of the first paragraph
            or block.linked
            or _is_furniture(CleanBlock("paragraph", block.text))
        ):
            continue
        if block.tag == "li":
            if len(key.split()) >= _KEY_POINT_MIN_WORDS and (
                block.standfirst or _in_list_run(page, index)
            ):
                standfirst.append(CleanBlock("list_item", block.text, 1))
        elif len(key.split()) >= _STANDFIRST_MIN_WORDS and (
            block.standfirst
            or (block.tag == "h2" and index == top + 1)  # a sub-headline right under the h1
            or (wanted and (wanted.startswith(key) or key.startswith(wanted)))
            # reworded: a paragraph only, not another story's headline
            or (wanted and block.tag == "p" and overlap(key, wanted) >= _STANDFIRST_OVERLAP)
        ):
            standfirst.append(CleanBlock("paragraph", block.text))
    return [*standfirst, *blocks]


def _in_list_run(page: list[PageBlock], index: int) -> bool:
    """Whether the item at `index` has a neighbour that is an item without a link too."""
    return any(
        0 <= other < len(page) and page[other].tag == "li" and not page[other].linked
        for other in (index - 1, index + 1)
    )


def _with_headings(blocks: list[CleanBlock], page: list[PageBlock]) -> list[CleanBlock]:
    """The blocks with a live blog's entry headlines that the extractor dropped put back (it
    drops some, the newest entry's among them): a heading of the page (<h2> to <h4>, without a
    link) under an entry's time stamp and right above a kept block. A heading over what the
    extractor dropped (a "Related" list) has no kept block under it; promotions, author boxes
    and related stories stand under no time stamp."""
    positions: dict[str, list[int]] = {}  # where each text stands among the kept blocks
    for index, block in enumerate(blocks):
        positions.setdefault(normalise(block.text), []).append(index)
    above: dict[int, CleanBlock] = {}  # the heading to put above the kept block at an index
    last = -1  # the kept block met last, in page order
    for index, block in enumerate(page):
        at = positions.get(normalise(block.text), [])
        found = bisect_right(at, last)
        if found < len(at):
            last = at[found]
            continue
        if (
            block.tag not in _HEADING_TAGS
            or block.linked
            or index + 1 == len(page)
            or page[index + 1].linked  # a list of links under it: "Key events", "Related"
            or not any(is_clock_time(page[j].text) for j in range(max(0, index - 3), index))
            or _is_furniture(CleanBlock("heading", block.text))
        ):
            continue
        below = positions.get(normalise(page[index + 1].text), [])
        found = bisect_right(below, last)
        if found == len(below) or below[found] in above:
            continue
        if below[found] == 0 or blocks[below[found] - 1].text != block.text:
            above[below[found]] = CleanBlock("heading", block.text, int(block.tag[1]))
    if not above:
        return blocks
    with_headings: list[CleanBlock] = []
    for index, block in enumerate(blocks):
        if index in above:
            with_headings.append(above[index])
        with_headings.append(block)
    return with_headings


def _with_time_stamps(blocks: list[CleanBlock], page_blocks: list[str]) -> list[CleanBlock]:
    """The blocks with a live blog's time stamps put back, each as a heading above the first
    kept block of its entry: the extractor drops them (a <time> element, a "timestamp" class).

    A stamp is a block of the page that holds a time of day alone ("18:40 GMT") with a kept
    block a few blocks below it (past a "Key event" label, an author's name). A page is a live
    blog only with two such entries or more; a lone time by the headline says when the
    article was published."""
    positions: dict[str, list[int]] = {}  # where each text stands among the kept blocks
    for index, block in enumerate(blocks):
        positions.setdefault(normalise(block.text), []).append(index)
    stamp_above: dict[int, str] = {}  # by the index in `blocks` of its entry's first block
    kept_stamps: set[int] = set()  # stamps the extractor kept, as paragraphs
    entries = 0
    stamp, reach, last = "", 0, -1  # `last`: the kept block that began the entry before
    for text in page_blocks:
        clock = is_clock_time(text)
        if not (clock or stamp):
            continue
        # the first kept block with this text after the entry before (a menu of the entries'
        # headlines above them on the page holds the same texts)
        at = positions.get(normalise(text), [])
        found = bisect_right(at, last)
        if found < len(at):  # a kept block: the stamp itself, or what it heads
            index = at[found]
            if clock and blocks[index].kind == "paragraph":
                kept_stamps.add(index)
            elif not clock:
                stamp_above[index] = stamp
            entries += 1
            stamp, last = "", index
        elif clock:
            stamp, reach = text, _STAMP_REACH
        else:
            reach -= 1
            stamp = stamp if reach else ""
    if entries < _LIVE_BLOG_MIN_ENTRIES:
        return blocks
    with_stamps: list[CleanBlock] = []
    for index, block in enumerate(blocks):
        if index in stamp_above:
            with_stamps.append(CleanBlock("heading", stamp_above[index]))
        with_stamps.append(block._replace(kind="heading") if index in kept_stamps else block)
    return with_stamps


def _list_runs(blocks: list[CleanBlock]) -> list[tuple[int, int]]:
    """(start, end) of each run of consecutive list items: one list with its nested items."""
    runs = []
    start = None
    for index, block in enumerate([*blocks, CleanBlock("paragraph", "")]):
        if block.kind == "list_item" and start is None:
            start = index
        elif block.kind != "list_item" and start is not None:
            runs.append((start, index))
            start = None
    return runs


def _repeats(block: CleanBlock, seen: SeenText, headline: str) -> bool:
    """Whether a paragraph only repeats text above it: the headline, a cut-off teaser, or a
    long passage (an article given twice). Short lines may well repeat in a body (the same
    breakfast on two days of a meal plan) and stay."""
    if headline and normalise(block.text) == headline:
        return True
    if not seen.covers(block.text):
        return False
    return len(words(block.text)) >= _REPEAT_MIN_WORDS or _TRUNCATED.search(block.text) is not None


def _page_title(extracted: Extracted) -> str:
    """The metadata title without a trailing " - Site Name"."""
    title = (extracted.title or "").strip()
    site = (extracted.sitename or "").strip()
    if site and title.endswith(site) and len(title) > len(site):
        title = title[: -len(site)].rstrip(" -|–—:·•")
    return title


def _is_title(heading: str, title: str) -> bool:
    """Whether the body's first heading is the headline (the page title, near enough)."""
    if not title:
        return True
    return normalise(heading) == normalise(title) or overlap(heading, title) >= _SAME_TITLE_OVERLAP


def _text(element, skip: str = "") -> str:
    """An element's text, line breaks (<lb/>) as newlines, leaving out `skip` children."""
    parts = [element.text or ""]
    for child in element:
        if child.tag != skip:
            parts.append("\n" if child.tag == "lb" else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _tidy(text: str) -> str:
    """One line, single spaces, without links' screen-reader labels."""
    return " ".join(_LINK_LABEL.sub(" ", text).split())


def _body_blocks(body) -> list[CleanBlock]:
    """Blocks of trafilatura's XML body, in document order."""
    blocks: list[CleanBlock] = []
    if body is None:
        return blocks
    for element in body:
        tag = element.tag
        if tag == "head":
            match = _HEADING_LEVEL.fullmatch(element.get("rend", ""))
            blocks.append(
                CleanBlock("heading", _tidy(_text(element)), int(match[1]) if match else 2)
            )
        elif tag == "list":
            blocks.extend(_list_blocks(element, depth=1))
        elif tag == "quote":
            blocks.extend(_quote_blocks(element))
        elif tag == "code":
            blocks.append(CleanBlock("code", _text(element).strip("\n")))
        elif tag == "table":
            blocks.extend(_table_blocks(element))
        elif tag == "p":
            blocks.append(CleanBlock("paragraph", _tidy(_text(element))))
        else:
            blocks.extend(_body_blocks(element))
    return [block for block in blocks if block.text]


def _quote_blocks(element) -> list[CleanBlock]:
    """A quote's paragraphs, each a quote block; text beside them (an embedded post's sign-off,
    "— Name (@handle) date") is a paragraph of its own, not glued to the last of them."""
    if not any(child.tag == "p" for child in element):
        return [CleanBlock("quote", _tidy(_text(element)))]
    blocks = []
    loose = [element.text or ""]
    for child in element:
        if child.tag == "p":
            blocks.append(CleanBlock("quote", _tidy(_text(child))))
        else:
            loose.append("\n" if child.tag == "lb" else _text(child))
        loose.append(child.tail or "")
    if _tidy("".join(loose)):
        blocks.append(CleanBlock("paragraph", _tidy("".join(loose))))
    return blocks


def _list_blocks(element, depth: int) -> list[CleanBlock]:
    """One block per item; a nested list's items follow their item, one level deeper."""
    blocks: list[CleanBlock] = []
    for item in element:
        if item.tag != "item":
            continue
        blocks.append(CleanBlock("list_item", _tidy(_text(item, skip="list")), depth))
        for nested in item:
            if nested.tag == "list":
                blocks.extend(_list_blocks(nested, depth + 1))
    return blocks


def _table_blocks(element) -> list[CleanBlock]:
    """One paragraph per table row, its cells separated by spaces."""
    rows = []
    for row in element.iter("row"):
        cells = [_tidy(_text(cell)) for cell in row if cell.tag == "cell"]
        rows.append(CleanBlock("paragraph", " ".join(cell for cell in cells if cell)))
    return rows


def visible_text(html: str) -> str:
    """The page's visible text, one block a paragraph, the <title> first: what the scraped-text
    cleaner expects. Malformed or empty HTML gives what text can be recovered, or ""."""
    return "\n\n".join(block.text for block in page_blocks(html))


def page_blocks(html: str) -> list[PageBlock]:
    """The blocks of `visible_text`, each with what its element says of it."""
    try:
        root = lxml.html.document_fromstring(
            html.encode("utf-8", "replace"), parser=lxml.html.HTMLParser(encoding="utf-8")
        )
    except (lxml.etree.ParserError, ValueError):
        return []
    blocks: list[PageBlock] = []
    title = root.findtext(".//title")
    if title and title.strip():
        blocks.append(PageBlock(title.strip(), "title", False, False))
    current: list[str] = []
    # the block elements open around the text being read: [tag, holds a link, standfirst]
    open_blocks: list[list] = [["body", False, False]]

    def flush() -> None:
        text = _tidy("".join(current).replace("\n", " "))
        if text:
            blocks.append(PageBlock(text, *open_blocks[-1]))
        current.clear()
        open_blocks[-1][1] = False

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _INVISIBLE_TAGS or not tag:
            return
        if tag in _BLOCK_TAGS:
            flush()
            marked = open_blocks[-1][2] or bool(_STANDFIRST_CLASS.search(element.get("class", "")))
            open_blocks.append([tag, False, marked])
        elif tag == "a":
            open_blocks[-1][1] = True
        current.append(element.text or "")
        for child in element:
            walk(child)
            current.append(child.tail or "")
        if tag in _BLOCK_TAGS:
            flush()
            open_blocks.pop()

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return blocks
