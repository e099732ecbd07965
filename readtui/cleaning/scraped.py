"""Cleaner for scraped plain text: keep the headline and the article body, drop the page around it.

Input is a naive scraper's output (every visible text block, blank lines between blocks, the
page's <title> first) or a clean .txt (title, blank line, paragraphs). The rules are general:
each block is described by its length, its density of function words and its wording; the
article is the run of blocks richest in prose, starting after the on-page headline when it can
be found; short blocks inside that run stay (sub-headings, list items), and furniture known by
its wording (share bars, captions, sign-up prompts) goes wherever it stands.
"""

import re

from readtui.cleaning import CleanBlock, Cleaned
from readtui.cleaning.blocks import (
    PROSE_MIN_DENSITY,
    SENTENCE_END,
    SENTENCE_MIN_WORDS,
    Block,
    describe,
    marked_blocks,
)
from readtui.cleaning.headline import headline_before, headline_from_page_title, looks_like_headline
from readtui.cleaning.layout import BULLET, split_blocks, without_bullet
from readtui.cleaning.metadata import (
    byline_of,
    date_of,
    is_time_stamp,
)
from readtui.cleaning.textstats import normalise, words

_NUMBER = re.compile(r"[-+$€£]?\d[\d.,:%/-]*%?")

# What a block is.
# a headline-like line above the headline found is the headline, when it is this long (a kicker
# above a headline, "Analysis", "War in the north", is shorter)
_HEADLINE_OVER_STANDFIRST_WORDS = 6
# a breadcrumb trail ("News / South Africa / Mining") or a section and a place ("Faits divers ·
# Saint-Orbe"): a label over the headline, not the headline
_TRAIL = re.compile(r"\s[/>»|›·•]\s")
_STANDFIRST_MIN_WORDS = 8
_KEY_POINT_MIN_WORDS = 5
_NAMES_MAX_WORDS = 8
_SITE_NAME_MAX_WORDS = 4  # "Carrow Valley Gazette"; a headline is longer
# the label a page puts over its key points
_KEY_POINTS_LABEL = re.compile(
    r"(?:key (?:points|events|facts)|highlights|at a glance|in brief|in short|summary)\W*$",
    re.IGNORECASE,
)
_STANDFIRST_MAX_CAPITALISED = 0.5  # more, and it is names: "Lisa Kaczke and Trevor J. Mitchell"
_LABEL_MAX_WORDS = 4  # a line between a standfirst and the body: "Court reporter", "Share"

# What a block is worth to an article region (prose: one point a word). Non-text blocks cost
# more the longer their run, up to a cap: an article is interrupted by a caption or an advert,
# not by a menu. A marker such as "Related stories", or a date line, costs enough to end it.
_GAP_STEP_COST = 2.0
_MAX_GAP_STEPS = 5
_FURNITURE_COST = 6.0
_END_MARKER_COST = 40.0
_TEXTY_WEIGHT = 0.5  # data text, counted only on pages without prose
_ISOLATED_WEIGHT = 0.25  # prose alone between runs of unknown short blocks: a teaser excerpt
_ISOLATING_RUN = 2

# Finding the region.
_PROSE_BEFORE_COMMENTS = 80  # words of prose after which a comment marker starts the comments
_MIN_PROSE_WORDS = 60  # below this the page has no prose article (results, tables)
_ANCHORED_SHARE = 0.5  # how much poorer than the best run the run below the headline may be
_MAX_LEAD_INS = 2
_LEAD_IN_MAX_WORDS = 12
_DATED_REACH = 8  # lines between a headline and its byline or date (a standfirst, key points)
_DATED_MIN_WORDS = 6  # not a byline's "Courts and Inquests Reporter"
_STANDFIRST_TO_BYLINE = 3  # lines between a standfirst and its byline or date
_POINT_MAX_WORDS = 30
_SUBHEADING_MAX_WORDS = 4
_MAX_LISTED_POINTS = 8  # the points between a colon's lead and the body
_LISTED_POINT_MIN_WORDS = 4
_HEADLINE_SEARCH_SPAN = 25
_TITLE_MAX_WORDS = 30  # blocks above the body where an unconfirmed headline may stand


def is_text(block: Block) -> bool:
    """Prose, or data in running text (scores, table rows), or a live blog's time stamp."""
    if block.is_furniture or block.is_metadata:
        return False
    return block.is_prose or block.is_texty or is_time_stamp(block.text)


def is_unknown(block: Block) -> bool:
    """A short block that is neither known furniture nor metadata nor a list item."""
    return not (block.is_furniture or block.is_metadata or block.is_item)


def unknown_runs_around(blocks: list[Block]) -> list[tuple[int, int]]:
    """For each block, how many unknown short blocks stand between it and the text before it,
    and between it and the text after it."""
    before, run = [], 0
    for block in blocks:
        before.append(run)
        run = 0 if is_text(block) else run + is_unknown(block)
    after, run = [], len(blocks)  # nothing after the last text: as if a long run
    for block in reversed(blocks):
        after.append(run)
        run = 0 if is_text(block) else run + is_unknown(block)
    return list(zip(before, reversed(after), strict=True))


def region_values(blocks: list[Block], count_texty: bool) -> list[float]:
    """What each block adds to an article region: prose adds its length, anything else costs.

    Non-text blocks cost more the longer their run: an article is interrupted by a caption or
    an advert, not by a menu. Prose standing alone between runs of unknown short blocks counts
    for less: teaser lists alternate headlines and excerpts.
    """
    values: list[float] = []
    run = 0  # non-text blocks since the last text
    for block, (before, after) in zip(blocks, unknown_runs_around(blocks), strict=True):
        if block.is_prose:
            alone = before >= _ISOLATING_RUN and after >= _ISOLATING_RUN
            values.append(block.word_count * (_ISOLATED_WEIGHT if alone else 1.0))
            run = 0
        elif is_text(block):
            # Data in running text is article matter, though not prose; a live blog's entries
            # each start with a time stamp.
            texty = count_texty and block.is_texty
            values.append(block.word_count * _TEXTY_WEIGHT if texty else 0.0)
            run = 0
        elif block.is_item or _NUMBER.fullmatch(block.text):
            values.append(0.0)  # a list item, a table cell: neither article nor menu
        else:
            run += 1
            known = block.is_furniture or block.is_metadata
            cost = furniture_cost(block) if known else 0.0
            values.append(-cost - min(run, _MAX_GAP_STEPS) * _GAP_STEP_COST)
    return values


def furniture_cost(block: Block) -> float:
    if block.family is not None and block.family.ends_article:
        return _END_MARKER_COST
    if block.is_date and block.family is None:
        # Inside an article a date line is rare; in teaser lists and comments each item has one.
        return _END_MARKER_COST
    return _FURNITURE_COST


def comments_start(blocks: list[Block]) -> int:
    """Index of the comment section: the first comment marker after some article prose."""
    prose_words = 0
    for index, block in enumerate(blocks):
        if block.family is not None and block.family.name == "comments":
            if prose_words >= _PROSE_BEFORE_COMMENTS:
                return index
        elif block.is_prose:
            prose_words += block.word_count
    return len(blocks)


def best_run(values: list[float]) -> tuple[float, int, int]:
    """(total, start, end) of the run of values with the highest total (Kadane's algorithm)."""
    best = (0.0, 0, 0)
    run_total, run_start = 0.0, 0
    for index, value in enumerate(values):
        if run_total <= 0:
            run_total, run_start = 0.0, index
        run_total += value
        if run_total > best[0]:
            best = (run_total, run_start, index + 1)
    return best


def best_run_from(values: list[float], start: int) -> tuple[float, int, int]:
    """(total, start, end) of the best run that begins at `start`."""
    best = (0.0, start, start)
    total = 0.0
    for index in range(start, len(values)):
        total += values[index]
        if total > best[0]:
            best = (total, start, index + 1)
    return best


def article_region(blocks: list[Block], headline_index: int) -> tuple[int, int]:
    """[start, end) of the article body.

    It is the run of blocks richest in prose; after a headline confirmed by the <title>, the
    run that starts at the first prose below it, unless that run is much poorer (the headline
    was repeated in a teaser list). Comments are prose too, so the search stops where they
    begin. A page with hardly any prose (a results table) also counts punctuated text.
    """
    searched = blocks[: comments_start(blocks)]
    for count_texty in (False, True):
        values = region_values(searched, count_texty)
        total, start, end = best_run(values)
        first_text = next(
            (i for i in range(headline_index + 1, len(values)) if values[i] > 0), None
        )
        if headline_index > 0 and first_text is not None:
            anchored = best_run_from(values, first_text)
            if anchored[0] >= total * _ANCHORED_SHARE:
                total, start, end = anchored
        if total >= _MIN_PROSE_WORDS:
            break
    return widen(blocks, start, end, floor=max(1, headline_index + 1))


def is_sentence(block: Block) -> bool:
    """A short paragraph: a few words of running text ending like a sentence."""
    return (
        block.word_count >= SENTENCE_MIN_WORDS
        and block.density >= PROSE_MIN_DENSITY
        and bool(SENTENCE_END.search(block.text))
        and not block.is_furniture
        and not block.is_metadata
    )


def is_lead_in(block: Block) -> bool:
    """A block that may open an article above its first prose: a sub-heading, a time stamp."""
    if block.is_furniture or block.is_metadata:
        return False
    return is_time_stamp(block.text) or (
        block.word_count <= _LEAD_IN_MAX_WORDS
        and (is_sentence(block) or looks_like_headline(block.text))
    )


def widen(blocks: list[Block], start: int, end: int, floor: int) -> tuple[int, int]:
    """Take in the short paragraphs that end the article and the lead-ins that open it (not
    above `floor`), which are too short to count as prose."""
    while end < len(blocks) and (
        is_sentence(blocks[end]) or is_text(blocks[end]) or blocks[end].is_item
    ):
        end += 1
    for _ in range(_MAX_LEAD_INS):
        if start > floor and is_lead_in(blocks[start - 1]):
            start -= 1
    return _with_listed_lead(blocks, start, floor), end


def _with_listed_lead(blocks: list[Block], start: int, floor: int) -> int:
    """`start`, or the line above it that opens a list of points with a colon ("Key figures
    this week:") when only such points stand between them: a digest's summary, which reads
    as a list, not as prose."""
    above = start - 1
    while above >= max(floor, start - _MAX_LISTED_POINTS) and above >= 0:
        block = blocks[above]
        if block.is_furniture or block.is_metadata:
            return start
        if block.text.rstrip().endswith(":") and block.word_count <= _LEAD_IN_MAX_WORDS:
            return above if above < start - 1 else start
        if block.word_count < _LISTED_POINT_MIN_WORDS:
            return start
        above -= 1
    return start


def is_clean_text(blocks: list[Block]) -> bool:
    """A file with no furniture and no metadata lines: every block after the title is the
    article."""
    return not any(block.is_furniture or block.is_metadata for block in blocks)


def block_kind(block: Block) -> str:
    """A sub-heading is short and does not end like a sentence; a live blog's time stamp
    heads its entry."""
    if block.is_item:
        return "list_item"
    if is_time_stamp(block.text):
        return "heading"
    if looks_like_headline(block.text) and not SENTENCE_END.search(block.text):
        return "heading"
    return "paragraph"


def find_title(
    blocks: list[Block], start: int, confirmed: tuple[int, str] | None, site_name: int = -1
) -> tuple[int, str]:
    """(index, text) of the headline, (-1, "") without one; the block at `site_name` is the
    site's name, never the headline."""
    if confirmed:
        return confirmed
    window = range(max(0, start - _HEADLINE_SEARCH_SPAN), start)
    candidates = [
        i
        for i in window
        if i != site_name
        and not (blocks[i].is_furniture or blocks[i].is_metadata or BULLET.match(blocks[i].text))
    ]  # a bulleted line is a key point under the headline, not the headline
    found = headline_before(
        [block.text for block in blocks], candidates, _dated(blocks, set(candidates))
    )
    if not found:
        return -1, ""
    above = found[0] - 1
    if (
        above in candidates
        and len(words(blocks[above].text)) >= _HEADLINE_OVER_STANDFIRST_WORDS
        and looks_like_headline(blocks[above].text)
        and not _TRAIL.search(blocks[above].text)
    ):
        # two headline-like lines in a row: a headline and its standfirst, which is longer
        return above, blocks[above].text
    return found


def _dated(blocks: list[Block], candidates: set[int]) -> frozenset[int]:
    """The lines that head a byline or a date: above each, the run of lines of text (a
    headline, its standfirst, key points) up to a short label or furniture, and the topmost
    of them that may be a headline."""
    dated = set()
    for index, block in enumerate(blocks):
        if not block.is_metadata or index == 0 or blocks[index - 1].is_metadata:
            continue
        top = None
        above = index - 1
        while above >= max(0, index - _DATED_REACH) and above in candidates:
            if blocks[above].word_count < _KEY_POINT_MIN_WORDS or _TRAIL.search(blocks[above].text):
                break  # a label over the headline: "LIVE", "Faits divers · Saint-Orbe"
            if blocks[above].word_count >= _DATED_MIN_WORDS:
                top = above
            above -= 1
        if top is not None:
            dated.add(top)
    return frozenset(dated)


def metadata_near(blocks: list[Block], headline: int, start: int, end: int, kind: str) -> str:
    """The first date (or byline) between the headline and the body, else the nearest one
    above, else the first one inside the body."""
    top = headline if headline >= 0 else start
    between = range(top + 1, start)
    above = range(top - 1, -1, -1)
    inside = range(start, end)
    for index in (*between, *above, *inside):
        block = blocks[index]
        if kind == "date" and block.is_date:
            return date_of(block.text)
        if kind == "byline" and block.is_byline:
            return byline_of(block.text)
    return ""


# A scraped page's text is tens of kilobytes; a text far larger is a book or a corpus dump, where
# looking for "the article region" would drop real text. It is taken as clean: title and blocks.
LARGE_TEXT = 1_000_000


# A block longer than this (a book saved on one line) is cut after sentence ends, so that the
# reader wraps it a screen at a time and the start of a long file can be shown at once.
LONG_BLOCK = 20_000
_SENTENCE_BREAK = re.compile(r"[.!?][”\"’')\]]*\s+")  # not SENTENCE_END, a block's end
_SPACES = re.compile(r"\s+")
_TITLE_MAX_CHARS = 300


def clean_large_text(text: str) -> Cleaned:
    chunks = split_blocks(text)
    if not chunks:
        return Cleaned()
    first = chunks[0]
    title = first if len(first) <= _TITLE_MAX_CHARS and is_title_line(describe(first)) else ""
    blocks = [CleanBlock("title", title, 1)] if title else []
    blocks += [
        CleanBlock("paragraph", piece)
        for chunk in chunks[1 if title else 0 :]
        for piece in _cut_long(chunk)
    ]
    return Cleaned(blocks=blocks, title=title)


def _cut_long(chunk: str) -> list[str]:
    """A block cut into pieces of at most about LONG_BLOCK characters, after a sentence end
    past the half of each (else at a space): the cuts depend only on the text before them, so a
    prefix of the block is cut the same way."""
    pieces, start = [], 0
    while len(chunk) - start > LONG_BLOCK:
        half = start + LONG_BLOCK // 2
        end = _SENTENCE_BREAK.search(chunk, half, start + LONG_BLOCK)
        if end is None:
            end = _SPACES.search(chunk, half, start + LONG_BLOCK)
        if end is None:
            pieces.append(chunk[start : start + LONG_BLOCK])
            start += LONG_BLOCK
        else:
            pieces.append(chunk[start : end.start() + len(end.group().rstrip())])
            start = end.end()
    pieces.append(chunk[start:])
    return [piece for piece in pieces if piece.strip()]


def clean_scraped(text: str) -> Cleaned:
    if len(text) > LARGE_TEXT:
        return clean_large_text(text)
    blocks = marked_blocks(text)
    if not blocks:
        return Cleaned()
    if is_clean_text(blocks):
        headline_index = 0 if is_title_line(blocks[0]) else -1
        title = blocks[0].text if headline_index == 0 else ""
        start, end = headline_index + 1, len(blocks)
    else:
        headline_index, title, start, end = scraped_article(blocks)
    cleaned = Cleaned(
        title=title,
        date=metadata_near(blocks, headline_index, start, end, "date"),
        byline=metadata_near(blocks, headline_index, start, end, "byline"),
    )
    if title:
        cleaned.blocks.append(CleanBlock("title", title, 1))
    kept = article_blocks(blocks, start, end)
    kept.update(standfirst_indexes(blocks, headline_index, start))
    # the label over key points that open the body: "HIGHLIGHTS", "Key points"
    first = min(kept, default=-1)
    if first > 0 and blocks[first].is_item and _KEY_POINTS_LABEL.match(blocks[first - 1].text):
        kept.add(first - 1)
    for index, block in enumerate(blocks):
        if index in kept:
            kind = block_kind(block)
            text = without_bullet(block.text) if kind == "list_item" else block.text
            cleaned.blocks.append(CleanBlock(kind, text, 1 if kind == "list_item" else 0))
        elif index != headline_index:
            cleaned.removed.append(block.text)
            # what stood above the headline is shown above it
            cleaned.removed_at.append(len(cleaned.blocks) if index > headline_index else 0)
    return cleaned


def is_title_line(block: Block) -> bool:
    """A clean file's first line is its title unless it reads as a paragraph."""
    return block.word_count <= _TITLE_MAX_WORDS and not block.text.rstrip().endswith(".")


def scraped_article(blocks: list[Block]) -> tuple[int, str, int, int]:
    """(headline index, headline, body start, body end) of a scraped page."""
    confirmed = headline_from_page_title([block.text for block in blocks])
    site_name = -1  # the index of the site's name by the byline, which is no headline
    if confirmed and _site_name_in_byline(blocks, *confirmed):
        confirmed, site_name = None, confirmed[0]
    start, end = article_region(blocks, confirmed[0] if confirmed else -1)
    if confirmed and confirmed[0] >= start:
        confirmed = None  # the <title> repeated below the article: a site name in the footer
    headline_index, title = find_title(blocks, start, confirmed, site_name)
    return headline_index, title, max(start, headline_index + 1), end


def _site_name_in_byline(blocks: list[Block], index: int, text: str) -> bool:
    """Whether the block that repeats the page's <title> is the site's name by the byline (the
    <title> being the name alone, and a date line under it), not the headline."""
    return (
        len(words(text)) <= _SITE_NAME_MAX_WORDS
        and normalise(text) == normalise(blocks[0].text)
        and index + 1 < len(blocks)
        and blocks[index + 1].is_metadata
    )


def standfirst_indexes(blocks: list[Block], headline: int, start: int) -> list[int]:
    """The standfirst under the headline: a summary sentence right under it, and a live blog's
    key points (a bulleted list, each point a sentence or a clause), when only the byline, the
    date, page furniture and short lines ("Court reporter", "LIVE") stand between them and the
    body: readers read them, they are body."""
    if headline < 0 or headline + 1 >= start:
        return []
    found = []
    summary = blocks[headline + 1]
    if not (
        summary.is_furniture
        or summary.is_metadata
        or summary.word_count < _STANDFIRST_MIN_WORDS
        or not (is_sentence(summary) or looks_like_headline(summary.text))
        or _capitalised_share(summary.text) > _STANDFIRST_MAX_CAPITALISED  # a byline's names
    ):
        found.append(headline + 1)
    for index in range(headline + 1 + len(found), start):
        block = blocks[index]
        # the blocks above and below it, under the headline
        neighbours = [blocks[i] for i in (index - 1, index + 1) if headline < i < start]
        if _is_key_point(block) and any(_is_key_point(other) for other in neighbours):
            found.append(index)
        elif _is_point(block) and any(_is_point(other) for other in neighbours):
            found.append(index)  # key points whose bullets the copy lost (innerText)
        elif _KEY_POINTS_LABEL.match(block.text) and index + 1 < start:
            if _is_key_point(blocks[index + 1]):
                found.append(index)  # "Key points" over them
        elif not (
            block.is_metadata
            or block.is_furniture
            or block.word_count <= _LABEL_MAX_WORDS
            or _is_names(block)  # a byline without "By": "Kirsty Baird and Owen Tait"
        ):
            # text between them and the body: the body may start higher than it seems, so
            # only what stands right under the headline, its byline or date close below, is
            # surely its standfirst (lines under a headline taken from a menu are more menu)
            right_under = found == list(range(headline + 1, headline + 1 + len(found)))
            below = headline + 1 + len(found)
            dated = any(b.is_metadata for b in blocks[below : below + _STANDFIRST_TO_BYLINE])
            return found if right_under and dated else []
    return found


def _is_names(block: Block) -> bool:
    return (
        block.word_count <= _NAMES_MAX_WORDS
        and _capitalised_share(block.text) > _STANDFIRST_MAX_CAPITALISED
        and not SENTENCE_END.search(block.text)
    )


def _is_key_point(block: Block) -> bool:
    return (
        not block.is_furniture
        and block.word_count >= _KEY_POINT_MIN_WORDS
        and bool(BULLET.match(block.text))
    )


def _is_point(block: Block) -> bool:
    """A line that may be a key point without its bullet: a clause or a sentence."""
    return (
        not (block.is_furniture or block.is_metadata or block.is_repeat)
        and _KEY_POINT_MIN_WORDS <= block.word_count <= _POINT_MAX_WORDS
        and block.density > 0
        and _capitalised_share(block.text) <= _STANDFIRST_MAX_CAPITALISED  # not a byline
    )


def _capitalised_share(text: str) -> float:
    found = words(text)
    return sum(word[:1].isupper() for word in found) / len(found) if found else 0.0


def _heads_prose(blocks: list[Block], index: int, end: int) -> bool:
    """A short line right above prose: a sub-heading, not a link of a box (a headline)."""
    return (
        blocks[index].word_count <= _SUBHEADING_MAX_WORDS
        and index + 1 < end
        and blocks[index + 1].is_prose
    )


def article_blocks(blocks: list[Block], start: int, end: int) -> set[int]:
    """Indexes of the blocks kept from the article region: not furniture, not metadata, and
    not the headlines of a "Related stories" box set in the text (up to the next prose)."""
    kept: set[int] = set()
    in_box = False
    for index in range(start, end):
        block = blocks[index]
        if block.family is not None and block.family.ends_article:
            in_box = True
        elif block.is_prose or (in_box and _heads_prose(blocks, index, end)):
            in_box = False  # the box ends at the text, or at a sub-heading over it
        if not (in_box or block.is_furniture or block.is_metadata):
            kept.add(index)
    return kept
