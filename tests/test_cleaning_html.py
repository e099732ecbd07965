"""HTML cleaning keeps what the extractor kept, less only what is clearly page furniture, and
puts back the article text it leaves out: the standfirst, a live blog's time stamps.

Each page is checked against trafilatura itself first, so that a test cannot pass because the
extractor never kept (or always kept) the text in question.
"""

import pytest
import trafilatura

from readtui.cleaning.html import clean_html

INTRO = (
    "Black Friday has come early this year, and the biggest retailers have already cut the "
    "prices of headphones, kitchen gadgets and smart speakers. These are the best deals we "
    "have found so far, checked by our editors against last year's lowest prices."
)
DEALS = [
    "Apple AirPods Pro 2: $189 (was $249) at Amazon",
    "Kindle Paperwhite: $99 (was $149) at Best Buy",
    "Most popular: Instant Pot Duo 7-in-1, $59 at Walmart",
    "Subscribe & Save: Cascade dishwasher pods, $17 at Amazon",
    "Ninja air fryer: $89 (was $129) at Target",
    "Google Nest Mini: $18 at Home Depot",
    "Roku Streaming Stick 4K: $29 at Amazon",
    "Dyson V8 vacuum: $299 (was $449) at Walmart",
    "Le Creuset Dutch oven: $250 at Williams Sonoma",
    "Sonos Era 100: $199 at Sonos",
]
OUTRO = (
    "Prices were correct when this article was published, but deals like these often sell out "
    "within hours, so check the retailer's page before you count on a discount."
)


def _page(title: str, body: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title} - The Shopper</title>"
        f'<meta property="og:title" content="{title}"></head><body>'
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/deals">Deals</a></li></ul></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer><p>© 2026 The Shopper</p></footer></body></html>"
    )


def _link(text: str) -> str:
    """A deal as deal pages write it: the shop is a link with a screen-reader label."""
    item, shop = text.rsplit(" at ", 1)
    return f'{item} at <a href="https://shop.example/">{shop}<span> (opens in new tab)</span></a>'


def _body(html: str) -> list[str]:
    return [block.text for block in clean_html(html).blocks if block.kind != "title"]


def test_a_round_up_of_short_list_items_keeps_every_item():
    items = "".join(f"<li>{_link(deal)}</li>" for deal in DEALS)
    html = _page(
        "The best early Black Friday deals", f"<p>{INTRO}</p><ul>{items}</ul><p>{OUTRO}</p>"
    )
    extracted = trafilatura.extract(html, include_comments=False)
    assert all(deal in extracted for deal in DEALS)  # the extractor kept them all
    cleaned = clean_html(html)
    items_kept = [block.text for block in cleaned.blocks if block.kind == "list_item"]
    assert items_kept == DEALS
    assert _body(html) == [INTRO, *DEALS, OUTRO]
    assert cleaned.title == "The best early Black Friday deals"


def test_short_lines_repeated_in_a_body_are_kept():
    days = [
        ("Monday", "Breakfast: overnight oats with berries and two spoons of chia seeds"),
        ("Tuesday", "Breakfast: overnight oats with berries and two spoons of chia seeds"),
        ("Wednesday", "Breakfast: scrambled eggs on rye toast with a handful of spinach"),
    ]
    lines = [INTRO]
    body = f"<p>{INTRO}</p>"
    for day, meal in days:
        body += f"<h2>{day}</h2><p>{meal}</p><p>Dinner: lentil soup with a slice of bread</p>"
        lines += [day, meal, "Dinner: lentil soup with a slice of bread"]
    html = _page("A week of easy meals", body + f"<p>{OUTRO}</p>")
    assert trafilatura.extract(html).count("Dinner: lentil soup") == 3
    assert _body(html) == [*lines, OUTRO]


def test_furniture_inside_the_extracted_text_is_still_removed():
    paragraphs = [
        INTRO,
        "Retailers say stock of the cheapest televisions is already running low in many stores, "
        "and that more discounts will follow over the weekend for customers who wait.",
        OUTRO,
    ]
    share = ["Share on Facebook", "Share on Twitter", "Share via email"]
    newsletter = "Sign up for our daily newsletter to get the best deals in your inbox."
    body = (
        f"<p>{paragraphs[0]}</p><ul>"
        + "".join(f"<li>{item}</li>" for item in share)
        + f"</ul><p>{newsletter}</p><p>Advertisement</p>"
        f"<p>{paragraphs[1]}</p><p>Share this article</p><p>{paragraphs[2]}</p>"
    )
    html = _page("Stores brace for the weekend rush", body)
    extracted = trafilatura.extract(html, include_comments=False)
    furniture = [*share, newsletter, "Advertisement", "Share this article"]
    assert all(text in extracted for text in furniture)  # the extractor let them through
    assert _body(html) == paragraphs


UPDATES = [
    (
        "Lorry overturns on the river bridge",
        "Police have closed the river bridge in both directions after a lorry overturned on it "
        "in high winds this morning, and drivers are asked to keep away from the area.",
    ),
    (
        "Schools to shut at noon",
        "The county council says all schools in the valley will close at noon so that children "
        "can get home before the worst of the storm arrives this afternoon.",
    ),
    (
        "Power cuts spread to the hills",
        "The network operator says more than 40,000 homes are now without electricity, most of "
        "them in hill villages where its engineers cannot yet reach the damaged lines.",
    ),
]
FOLLOW_UP = "Officials from the emergency services will give a further update later today."
AUTHOR = "Rhian Powell"


def _live_blog(stamps: list[str], entry_head: str, page_head: str) -> str:
    """A live blog page: each entry's head (`entry_head`, its stamp at {stamp} and headline at
    {headline}), then its paragraphs; `page_head` stands under the page's headline."""
    entries = "".join(
        f'<div class="entry">{entry_head.format(stamp=stamp, headline=headline)}'
        f"<p>{paragraph}</p><p>{FOLLOW_UP}</p></div>"
        for stamp, (headline, paragraph) in zip(stamps, UPDATES, strict=True)
    )
    return _page("Storm Mara live: roads closed as gales hit the valley", page_head + entries)


# Each entry's head, its time stamp at {stamp}, and whether the extractor keeps the stamps.
LIVE_BLOG_SHAPES = {
    "a <time> above each headline": (
        ["11.20 GMT", "10.05 GMT", "08.45 GMT"],
        '<p class="entry-time"><time datetime="2026-03-21">{stamp}</time></p><h2>{headline}</h2>',
        False,
    ),
    "a time stamp and a label above each headline": (
        ["10:45am", "9:30am", "8:05am"],
        '<header class="entry-header"><time>{stamp}</time><div class="label">Key event</div>'
        "</header><h3>{headline}</h3>",
        False,
    ),
    "the author between the time stamp and the text": (
        ["14:32", "13:50", "12:15"],
        f'<div class="entry-stamp">{{stamp}}</div><div class="contributor">{AUTHOR}</div>',
        True,
    ),
}


@pytest.mark.parametrize(
    ("stamps", "entry_head", "extractor_keeps_them"),
    LIVE_BLOG_SHAPES.values(),
    ids=LIVE_BLOG_SHAPES,
)
def test_a_live_blog_keeps_each_entrys_time_stamp_above_it(
    stamps, entry_head, extractor_keeps_them
):
    published = '<p class="published"><time>Sat 21 Mar 2026 14.40 GMT</time> Updated 14:40</p>'
    html = _live_blog(stamps, entry_head, published)
    extracted = trafilatura.extract(html, include_comments=False)
    assert all((stamp in extracted) is extractor_keeps_them for stamp in stamps)
    expected = []
    for stamp, (headline, paragraph) in zip(stamps, UPDATES, strict=True):
        # each entry as the extractor kept it (its stamp or not), under its stamp
        entry = [text for text in (AUTHOR, headline, paragraph, FOLLOW_UP) if text in extracted]
        expected += [stamp, *entry]
    cleaned = clean_html(html)
    assert _body(html) == expected
    stamp_kinds = {block.kind for block in cleaned.blocks if block.text in stamps}
    assert stamp_kinds == {"heading"}
    assert not any("14.40" in text or "14:40" in text for text in _body(html))  # published


def test_a_lone_time_under_the_headline_is_when_the_article_was_published():
    body = f'<p class="stamp"><time>07:30</time></p><p class="byline">By {AUTHOR}</p>' + "".join(
        f"<p>{paragraph}</p>" for _, paragraph in UPDATES
    )
    html = _page("Storm Mara closes valley roads", body)
    assert _body(html) == [paragraph for _, paragraph in UPDATES]


HARBOUR = [
    "The harbour authority said on Monday that the old breakwater, built in 1911, would be "
    "rebuilt over the next three years at a cost of about 40 million euros, after storms last "
    "winter breached it twice.",
    "Fishermen who moor their boats behind the wall have complained for a decade that repairs "
    "were patched and postponed, and several lost their boats when the sea came through.",
    "The work will close the northern quay from April, the authority said, and boats will be "
    "moved to a temporary pontoon in the inner basin.",
]
STANDFIRST = (
    "After two breaches in one winter, the wall that shelters the town's fishing fleet is to be "
    "rebuilt. Fishermen say it is years too late."
)
PHOTO_CAPTION = "Waves break over the old wall at high tide in January. Photograph: Ines Vale"


def _feature(summary: str, under: str, body_class: str = "article-body") -> str:
    """A feature page: its summary in the metadata, the headline and what stands `under` it
    (standfirst, byline, date) in a header, a photo, then the body in its own container, which
    the extractor takes alone."""
    return (
        "<!DOCTYPE html><html><head><title>Harbour wall to be rebuilt | Coast Herald</title>"
        '<meta property="og:title" content="Harbour wall to be rebuilt">'
        f'<meta name="description" content="{summary}"></head>'
        '<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article>'
        '<header><p class="kicker">Coast</p><h1>Harbour wall to be rebuilt</h1>'
        f"{under}</header>"
        f'<figure><img src="wall.jpg" alt=""><figcaption>{PHOTO_CAPTION}</figcaption></figure>'
        f'<div class="{body_class}">'
        + "".join(f"<p>{paragraph}</p>" for paragraph in HARBOUR)
        + "</div></article></main><footer><p>© 2026 Coast Herald</p></footer></body></html>"
    )


STANDFIRST_SHAPES = {
    "a dek paragraph, the summary whole": (
        STANDFIRST,
        f'<p class="dek">{STANDFIRST}</p><p class="byline">By Ines Vale</p>'
        "<p><time>9 March 2026</time></p>",
        "article-body",
    ),
    "a sub-headline, the summary cut off": (
        STANDFIRST[:70] + "…",
        f'<h2 class="standfirst">{STANDFIRST}</h2>'
        '<div class="meta">By Ines Vale · 4 min read</div>',
        "entry-content",
    ),
}


@pytest.mark.parametrize(
    ("summary", "under_headline", "body_class"), STANDFIRST_SHAPES.values(), ids=STANDFIRST_SHAPES
)
def test_the_standfirst_under_the_headline_opens_the_body(summary, under_headline, body_class):
    html = _feature(summary, under_headline, body_class)
    extracted = trafilatura.extract(html, include_comments=False)
    assert STANDFIRST not in extracted and HARBOUR[0] in extracted  # the extractor left it out
    cleaned = clean_html(html)
    assert cleaned.blocks[1] == ("paragraph", STANDFIRST, 0)
    assert _body(html) == [STANDFIRST, *HARBOUR]  # not the caption, byline or date around it
    assert STANDFIRST not in cleaned.removed


def test_a_summary_that_is_not_shown_or_repeats_the_first_paragraph_adds_nothing():
    only_in_metadata = _feature(STANDFIRST, '<p class="byline">By Ines Vale</p>')
    assert _body(only_in_metadata) == HARBOUR
    repeated = _feature(HARBOUR[0], f'<p class="summary">{HARBOUR[0]}</p>')
    assert _body(repeated) == HARBOUR


KEY_POINTS = [
    "Category 4 storm made landfall near the port at 5.10pm local time",
    "At least 14 people killed and 63 treated in hospital, officials say",
    "More than 11,000 people moved out of the northern coast",
]


def _live_blog_with_key_points(points_class: str) -> str:
    """A live blog as news sites build it: key points under the headline (in a box with class
    `points_class`), a byline, a menu of links, then entries each with a linked time stamp and
    a headline."""
    entries = "".join(
        f'<article class="lb-entry"><header class="lb-entry__meta"><a href="#e{n}">'
        f'<time datetime="2027-09-14">{stamp}</time></a></header>'
        f'<h2 class="lb-entry__title">{headline}</h2><p>{paragraph}</p><p>{FOLLOW_UP}</p>'
        "<footer><button>Share</button></footer></article>"
        for n, (stamp, (headline, paragraph)) in enumerate(
            zip(["21:40 AST", "21:15 AST", "20:50 AST"], UPDATES, strict=True)
        )
    )
    return (
        "<!DOCTYPE html><html><head><title>Storm Mara live | Coast Herald</title>"
        '<meta property="og:title" content="Storm Mara live: valley cut off"></head><body>'
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>'
        '<main><div class="liveblog__header"><h1>Storm Mara live: valley cut off</h1>'
        f'<div class="{points_class}"><ul>'
        + "".join(f"<li>{point}</li>" for point in KEY_POINTS)
        + f'</ul></div><p class="byline">By <a href="/a/rp">{AUTHOR}</a></p>'
        '<ul class="share"><li><a href="#">Facebook</a></li><li><a href="#">Email</a></li></ul>'
        f'</div><section class="liveblog__entries">{entries}</section></main>'
        "<footer><p>© 2027 Coast Herald</p></footer></body></html>"
    )


@pytest.mark.parametrize("points_class", ["liveblog__standfirst", "summary-box", "box"])
def test_a_live_blog_keeps_its_key_points_and_every_entry_headline(points_class):
    html = _live_blog_with_key_points(points_class)
    extracted = trafilatura.extract(html, include_comments=False)
    assert not any(point in extracted for point in KEY_POINTS)  # the extractor left them out
    # (it keeps these entries' headlines; the gold page hurricane-teodora-santa-lucar-liveblog
    # is one where it drops the newest one, and the cleaner puts it back)
    cleaned = clean_html(html)
    body = [(block.kind, block.text) for block in cleaned.blocks if block.kind != "title"]
    assert body[:3] == [("list_item", point) for point in KEY_POINTS]
    assert body[3:6] == [
        ("heading", "21:40 AST"),
        ("heading", UPDATES[0][0]),
        ("paragraph", UPDATES[0][1]),
    ]
    assert [text for _, text in body].count(UPDATES[1][0]) == 1
    assert not any(text in {"Home", "News", "Facebook", "Email", AUTHOR} for _, text in body)


def test_a_standfirst_marked_by_its_class_or_reworded_by_the_summary_opens_the_body():
    marked = _feature(
        "A different summary written for search engines, of no use to readers at all.",
        f'<p class="article-lead">{STANDFIRST}</p><p class="byline">By Ines Vale</p>',
    )
    reworded = _feature(
        "After two breaches in one winter the wall sheltering the fishing fleet will be rebuilt",
        f'<p>{STANDFIRST}</p><p class="byline">By Ines Vale</p>',
    )
    for html in (marked, reworded):
        assert STANDFIRST not in trafilatura.extract(html, include_comments=False)
        assert _body(html) == [STANDFIRST, *HARBOUR]


def test_headings_under_no_time_stamp_are_not_put_back():
    # an author box right above the body's first paragraph, and related stories below it
    author = "Ines Vale, coastal affairs correspondent"
    html = (
        _feature(STANDFIRST, "")
        .replace("</figure>", f'</figure><div class="author-box"><h3>{author}</h3></div>')
        .replace(
            "</div></article>",
            '</div><h2>Related stories</h2><ul><li><a href="/a">Pier closed</a></li></ul>'
            "</article>",
        )
    )
    extracted = trafilatura.extract(html, include_comments=False)
    assert author not in extracted and "Related stories" not in extracted
    assert author not in _body(html) and "Related stories" not in _body(html)
