"""HTML cleaning keeps what the extractor kept, less only what is clearly page furniture.

Each page is checked against trafilatura itself first, so that a test cannot pass because the
extractor never kept the text in question.
"""

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
