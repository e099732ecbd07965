"""The blocks of scraped text and what each one is, told before the article is looked for.

Each block is described by its length, its density of function words and its wording (the
furniture families of readtui.cleaning.boilerplate, a date, a byline); then passes over the
whole page mark what a block alone does not say: a caption by the label or the credit beside it,
the links listed under a "Read more" label, a block that repeats prose above it, list items.
readtui.cleaning.scraped finds the article among the marked blocks.
"""

import re
from typing import NamedTuple

from readtui.cleaning.boilerplate import IMAGE, INLINE_LINK, Family, family_of, labels_next
from readtui.cleaning.layout import BULLET, split_blocks
from readtui.cleaning.metadata import is_byline, is_date_line, is_publication_time
from readtui.cleaning.textstats import SeenText, stopword_density, words

SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_CLAUSE_END = re.compile(r"[.:;](?:\s|$)")
_PROSE_MIN_WORDS = 10
PROSE_MIN_DENSITY = 0.2  # share of function words; menus and teaser titles have fewer
SENTENCE_MIN_WORDS = 4  # a short paragraph: "He declined to comment."
_TEXTY_MIN_WORDS = 6
_ITEM_MIN_WORDS = 3  # fewer, and a line below a list's opening is a menu item
_ITEM_MAX_WORDS = 80  # more, and a numbered block is a whole listicle run together
_CAPTION_MAX_WORDS = 25
_MAX_TEASERS = 4  # the links listed under a "Read more" label
_TEASER_MIN_WORDS = 4  # a sub-heading is shorter: "Rusting away"
_TEASER_MAX_WORDS = 20


class Block(NamedTuple):  # a tuple: made for every block of a page, faster than a dataclass
    text: str
    word_count: int
    density: float
    family: Family | None
    is_date: bool
    is_byline: bool
    is_repeat: bool = False  # repeats article text above it
    is_item: bool = False  # a list item: bulleted, or in a list a line ending in ":" opens

    @property
    def is_furniture(self) -> bool:
        return self.family is not None or self.is_repeat

    @property
    def is_metadata(self) -> bool:
        return self.is_date or self.is_byline

    @property
    def is_prose(self) -> bool:
        return (
            self.word_count >= _PROSE_MIN_WORDS
            and self.density >= PROSE_MIN_DENSITY
            and bool(SENTENCE_END.search(self.text))
            and not self.is_furniture
        )

    @property
    def is_texty(self) -> bool:
        """Text that is not prose but not a menu either: results, scores, figures."""
        return (
            self.word_count >= _TEXTY_MIN_WORDS
            and bool(_CLAUSE_END.search(self.text))
            and any(char.isdigit() for char in self.text)
        )


def describe(text: str) -> Block:
    word_list = words(text)
    count = len(word_list)
    return Block(
        text=text,
        word_count=count,
        density=stopword_density(word_list),
        family=family_of(text, count),
        is_date=is_date_line(text) or is_publication_time(text),  # "Updated at 18.58 KLT"
        is_byline=is_byline(text),
    )


def mark_captions(blocks: list[Block]) -> list[Block]:
    """Flag as a caption the block below a caption's label standing alone ("Image caption,"):
    broadcasters' pages put the label on a line of its own and the caption on the next. And a
    photo's credit on a line of its own ("Luis Acevedo/Carrow Valley Gazette"), with the caption
    above it."""
    credited = {  # captions given again with their credit: the bare copy is the caption too
        _CAPTION_CREDIT.sub("", block.text)
        for block in blocks
        if block.family is not None and block.family.name == IMAGE.name
    }
    marked = blocks[:1]
    caption_below: set[int] = set()
    for index, (label, block) in enumerate(zip(blocks, blocks[1:], strict=False), start=1):
        if (
            label.family is IMAGE
            and block.family is None
            and not block.is_metadata
            and labels_next(label.text, block.text, block.word_count)
        ):
            block = block._replace(family=IMAGE)
        credit = _CREDIT_LINE.match(block.text) and block.family is None
        labelled = block.family is IMAGE and _LABELLED_CREDIT.match(block.text)
        if credit or labelled:
            block = block._replace(family=IMAGE)
            if labelled and index + 1 < len(blocks) and _reads_as_caption(blocks[index + 1]):
                caption_below.add(index + 1)  # "Photo: Alpenfunk / Martin Gruber", then it
            else:
                caption = marked[-1]
                if caption.family is None and not caption.is_metadata and caption.word_count <= 40:
                    marked[-1] = caption._replace(family=IMAGE)
        if (index in caption_below or block.text in credited) and block.family is None:
            block = block._replace(family=IMAGE)
        marked.append(block)
    return marked


# a photo's credit alone: a name in capitals, a slash, the outlet or agency
_CREDIT_LINE = re.compile(r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} ?/ ?[A-Z][\w.&'’ -]{1,40}$")
# a caption's credit at its end: "... last summer (Image: Family handout)"
_CAPTION_CREDIT = re.compile(
    r"\s*[(\[](?:image|photo|picture|credit|source)s?\s*:[^()\[\]]*[)\]]\s*$", re.IGNORECASE
)
# ... or after its label: "Credit: Wavecrest Media", "Photo: Reuters"
_LABELLED_CREDIT = re.compile(
    r"(?i:(?:photo|picture|image)?\s*credits?|photo|picture|photograph)\s*:"
)


def _reads_as_caption(block: Block) -> bool:
    """A short line with no sentence's end under a credit: its caption, not the body."""
    return (
        block.family is None
        and not block.is_metadata
        and 0 < block.word_count <= _CAPTION_MAX_WORDS
        and not SENTENCE_END.search(block.text)
    )


def mark_teasers(blocks: list[Block]) -> list[Block]:
    """Flag the headlines listed under a "Read more" label standing alone ("READ MORE ON THE
    PIER DISASTER", then "HERO DAD Tributes to scaffolder ..."): links to other articles, not
    sub-headings of this one (which are short, or followed by their text)."""
    marked = []
    teasers = 0  # how many lines under the label may still be its links
    for block in blocks:
        if teasers and _is_teaser(block):
            block = block._replace(family=INLINE_LINK)
            teasers -= 1
        else:
            teasers = _MAX_TEASERS if block.family is INLINE_LINK and ":" not in block.text else 0
        marked.append(block)
    return marked


def _is_teaser(block: Block) -> bool:
    return (
        block.family is None
        and not block.is_metadata
        and _TEASER_MIN_WORDS <= block.word_count <= _TEASER_MAX_WORDS
        and not SENTENCE_END.search(block.text)
    )


def mark_repeats(blocks: list[Block]) -> list[Block]:
    """Flag blocks that only repeat prose standing above them."""
    seen = SeenText()
    marked = []
    for block in blocks:
        if seen.covers(block.text, block.word_count):
            block = block._replace(is_repeat=True)
        elif block.word_count >= _PROSE_MIN_WORDS and not block.is_furniture:
            seen.add(block.text)
        marked.append(block)
    return marked


def mark_list_items(blocks: list[Block]) -> list[Block]:
    """Flag list items: bulleted lines, and the run of lines below a sentence ending in ":"
    ("The tour dates:"), up to the next furniture, metadata or menu-like line of few words."""
    marked: list[Block] = []
    in_list = in_bullets = False  # in a list, and in one whose items are bulleted
    for block in blocks:
        plain = not (block.is_furniture or block.is_metadata)
        bulleted = (
            plain and bool(BULLET.match(block.text)) and 0 < block.word_count <= _ITEM_MAX_WORDS
        )
        # a bulleted list ends at its first line without a bullet: "Refresh for updates"
        listed = (
            in_list and not in_bullets and block.word_count >= _ITEM_MIN_WORDS
        ) and not block.is_prose
        in_list = plain and (bulleted or listed)
        in_bullets = bulleted
        marked.append(block._replace(is_item=True) if in_list else block)
        if plain and block.text.endswith(":") and block.word_count >= SENTENCE_MIN_WORDS:
            in_list = True
    return marked


def marked_blocks(text: str) -> list[Block]:
    """The page's blocks, described and marked."""
    described = [describe(block) for block in split_blocks(text)]
    return mark_list_items(mark_repeats(mark_teasers(mark_captions(described))))
