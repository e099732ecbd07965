"""The scraped-text and HTML cleaners' rules, each on a small page (here or in fixtures/layouts)."""

from pathlib import Path

import pytest

from readtui.cleaning.headline import unglued
from readtui.cleaning.html import clean_html, visible_text
from readtui.cleaning.metadata import is_clock_time, is_date_line, is_time_stamp
from readtui.cleaning.scraped import clean_scraped, split_blocks

PARAGRAPHS = [
    "At least 34 people were killed and dozens more are missing after two days of torrential "
    "rain sent the river over its banks, flooding villages across the valley, officials said.",
    "The disaster authority said 112 people had been injured, most of them in the market town "
    "where the water rose to the height of shop roofs within hours of the storm.",
    "Army engineers reached the village on Wednesday afternoon after clearing a landslide that "
    "had blocked the only road, and rescuers there recovered the bodies of nine people.",
]
NAV = ["Home", "World", "Politics", "Business", "Weather", "Opinion", "Contact", "Search"]


def page(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def body(cleaned) -> list[str]:
    return [block.text for block in cleaned.blocks if block.kind != "title"]


def test_breadcrumb_glued_title_is_split_from_its_trail():
    text = page(
        "Thursday, November 26, 2026",
        *NAV,
        "HomeWorldFloods Kill Dozens in Northern Valley",
        "By Mara Ellison",
        "November 26, 2026",
        *PARAGRAPHS,
        "TAGS",
        "floods",
        "LEAVE A REPLY Cancel reply",
        "Please enter your comment!",
    )
    cleaned = clean_scraped(text)
    assert cleaned.title == "Floods Kill Dozens in Northern Valley"
    assert cleaned.blocks[0].kind == "title"
    assert cleaned.blocks[0].text == "Floods Kill Dozens in Northern Valley"
    assert body(cleaned) == PARAGRAPHS


def test_page_title_line_confirms_the_headline_below_it():
    text = page(
        "Floods Kill Dozens in Northern Valley - The Valley Courier",
        *NAV,
        "Floods Kill Dozens in Northern Valley",
        *PARAGRAPHS,
        "© 2026 The Valley Courier",
    )
    cleaned = clean_scraped(text)
    assert cleaned.title == "Floods Kill Dozens in Northern Valley"
    assert body(cleaned) == PARAGRAPHS
    assert "Floods Kill Dozens in Northern Valley - The Valley Courier" in cleaned.removed


def test_unglued_strips_only_capitalised_navigation_words():
    assert unglued("HomeWorldFloods Kill Dozens") == "Floods Kill Dozens"
    assert unglued("iPhone sales rise again") == "iPhone sales rise again"


def test_date_line_and_byline_are_recorded_and_removed():
    text = page(
        "Storm Hits Coast - Daily News",
        *NAV,
        "Storm Hits Coast",
        "By Ana Ruiz and Tom Bell",
        "Published: 25 November 2026, 07:30",
        *PARAGRAPHS,
    )
    cleaned = clean_scraped(text)
    assert cleaned.date == "25 November 2026, 07:30"
    assert cleaned.byline == "Ana Ruiz and Tom Bell"
    assert body(cleaned) == PARAGRAPHS
    assert "By Ana Ruiz and Tom Bell" in cleaned.removed


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Nov. 20, 2019 5:52 AM EST", True),
        ("Updated 16:05 GMT, 26 November 2026", True),
        ("November 24, 2026 · 6 min read", True),
        ("Published Thu, 14 Aug 2026 09:12 EAT | Updated Thu, 14 Aug 2026 17:40 EAT", True),
        ("The ceasefire, agreed on October 12, collapsed after a week of fighting.", False),
    ],
)
def test_date_lines_are_dates_not_sentences_about_them(line, expected):
    assert is_date_line(line) is expected


def test_live_blog_time_stamps_stay_as_their_own_blocks():
    entries = []
    for time, paragraph in zip(("16:05 GMT", "15:40 GMT", "15:12 GMT"), PARAGRAPHS, strict=True):
        entries += [time, paragraph, "Share"]
    text = page(
        "Quake: death toll rises – live | News",
        *NAV,
        "Quake: death toll rises – live",
        *entries,
        "Most viewed",
        "Other story here",
    )
    cleaned = clean_scraped(text)
    assert body(cleaned) == [
        "16:05 GMT",
        PARAGRAPHS[0],
        "15:40 GMT",
        PARAGRAPHS[1],
        "15:12 GMT",
        PARAGRAPHS[2],
    ]
    assert is_time_stamp("9.30am") and not is_time_stamp("Nov 20")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18:40 GMT", True),
        ("07:05", True),
        ("9.30am", True),
        ("10:42 a.m. ET", True),
        ("18.40 BST", True),
        ("Updated 17:40", False),  # when the article was published
        ("Sat 17 Jan 2026 18.44 GMT", False),
        ("12.50", False),  # a price or a score as well
        ("18:40 the rescue began", False),
    ],
)
def test_a_clock_time_is_a_time_of_day_alone(text, expected):
    assert is_clock_time(text) is expected


def test_comment_form_related_list_and_widgets_are_dropped():
    furniture = [
        "Share this with Facebook",
        "Image copyright Getty Images",
        "Advertisement",
        "Sign up for our morning briefing",
        "Reporting by Hana Lutz; Editing by Peter Gaunt",
        "RELATED ARTICLES",
        "Landslide Blocks Mountain Pass for Third Day",
        "LEAVE A REPLY Cancel reply",
        "Please enter your comment!",
        "Please enter your name here",
        "We use cookies to improve your experience. By using this site you accept cookies.",
    ]
    text = page(
        "Floods Kill Dozens - Courier",
        *NAV,
        "Floods Kill Dozens",
        PARAGRAPHS[0],
        *furniture[:4],
        *PARAGRAPHS[1:],
        *furniture[4:],
    )
    cleaned = clean_scraped(text)
    assert body(cleaned) == PARAGRAPHS
    for line in furniture:
        assert line in cleaned.removed


CAPTIONS = [
    "Divers searched the water near the hull on Thursday.",
    "Relatives waited outside the port office through the afternoon",
]
# A figure as pages give it, its caption at {}: the label on a line of its own, or glued to it.
FIGURES = {
    "source and caption labels, each on a line": "Image source, Harbour Police\nImage caption,\n{}",
    "a caption label without punctuation": "Image caption\n{}",
    "a video's caption": "Media caption,\n{}",
    "a photo caption with a colon": "Photo caption:\n{}",
    "the credit below its own label": "Image copyright\nHarbour Police\nImage caption\n{}",
    "a label glued to the caption": "Media caption{}",
}


@pytest.mark.parametrize("figure", FIGURES.values(), ids=FIGURES.keys())
@pytest.mark.parametrize("innertext", [False, True], ids=["blank lines", "innertext"])
def test_a_caption_below_its_label_is_dropped(figure, innertext):
    head = "\n".join(["Ferry capsizes in harbour - Coast News", *NAV, "Ferry capsizes in harbour"])
    first, second = (figure.format(caption) for caption in CAPTIONS)
    parts = [f"{head}\n{first}", PARAGRAPHS[0], second, *PARAGRAPHS[1:], "Related Topics\nFerries"]
    # a browser's innerText has blank lines only around paragraphs; other scrapers, everywhere
    text = "\n\n".join(parts) if innertext else page(*"\n".join(parts).split("\n"))
    cleaned = clean_scraped(text)
    assert cleaned.title == "Ferry capsizes in harbour"
    assert body(cleaned) == PARAGRAPHS
    assert first.split("\n")[-1] in cleaned.removed  # the user can restore it


def test_what_follows_a_credit_or_a_caption_label_is_kept_when_it_is_no_caption():
    long_paragraph = f"{PARAGRAPHS[1]} {PARAGRAPHS[2]}"  # longer than any caption
    closing = "The ferry had passed an inspection in March, its owners said."
    text = page(
        "Ferry capsizes in harbour - Coast News",
        *NAV,
        "Ferry capsizes in harbour",
        "Image source, Getty Images",  # a credit with its text: nothing below is labelled
        PARAGRAPHS[0],
        "Image caption,",
        long_paragraph,
        "Image source,",  # a credit's label: a sentence below it is no credit
        closing,
        "Related Topics",
    )
    assert body(clean_scraped(text)) == [PARAGRAPHS[0], long_paragraph, closing]


def test_sub_headings_inside_the_article_are_kept_as_headings():
    text = page(
        "Floods Kill Dozens - Courier",
        *NAV,
        "Floods Kill Dozens",
        PARAGRAPHS[0],
        "Rescuers reach cut-off villages",
        *PARAGRAPHS[1:],
        "Most Popular",
        "Other story",
    )
    cleaned = clean_scraped(text)
    assert [(block.kind, block.text) for block in cleaned.blocks[1:3]] == [
        ("paragraph", PARAGRAPHS[0]),
        ("heading", "Rescuers reach cut-off villages"),
    ]


CLEAN_TEXT = """Ceasefire Collapses as Fighting Resumes

Fighting resumed on Monday around the hill town after a
ceasefire brokered last month collapsed, with both sides
reporting casualties.

Civilians caught in the middle

Residents said shells had landed in the town centre.

"Now everyone is in the cellars again," she said.
"""


def test_clean_text_comes_through_unchanged_with_wrapped_lines_joined():
    cleaned = clean_scraped(CLEAN_TEXT)
    assert cleaned.title == "Ceasefire Collapses as Fighting Resumes"
    assert [block.text for block in cleaned.blocks] == [
        "Ceasefire Collapses as Fighting Resumes",
        "Fighting resumed on Monday around the hill town after a ceasefire brokered last month "
        "collapsed, with both sides reporting casualties.",
        "Civilians caught in the middle",
        "Residents said shells had landed in the town centre.",
        '"Now everyone is in the cellars again," she said.',
    ]
    assert cleaned.removed == []


ORDINARY_SENTENCES = [
    "By the time rescuers arrived, 12 people were dead.",
    "In other words, the plan failed.",
    "Copyright lawyers said the ruling would stand.",
    "He entered the building without permission.",
    "Search for survivors continues",
    "The group published a newsletter on Tuesday claiming victory.",
    "The minister said:",
    "Share the load, officials urged residents.",
    "Popular anger grew through the night.",
    "He declined to leave a comment on the matter.",
    "Facebook said on Tuesday it would appeal.",
    "Photos shared by residents showed water up to the roofs of the shops.",
    "Images of the flooded square spread quickly online.",
]


def test_ordinary_sentences_are_not_taken_for_furniture():
    text = "Protest Grows in Capital\n\n" + "\n\n".join([PARAGRAPHS[0], *ORDINARY_SENTENCES])
    cleaned = clean_scraped(text)
    assert body(cleaned) == [PARAGRAPHS[0], *ORDINARY_SENTENCES]
    assert cleaned.byline == "" and cleaned.removed == []


def test_text_without_blank_lines_is_one_block_per_line():
    assert split_blocks("Title\nFirst paragraph.\r\nSecond paragraph.") == [
        "Title",
        "First paragraph.",
        "Second paragraph.",
    ]


def test_innertext_furniture_lines_stay_apart_from_headline_and_list_items_stay_items():
    # a browser's innerText: blank lines only around paragraphs
    text = (
        "Thursday, November 26, 2026\nspot_img\nMenu\nHome › World › Floods\nWORLD NEWS\n"
        "Floods Kill Dozens in Northern Valley\nBy Mara Ellison\n\n"
        + "\n\n".join(PARAGRAPHS[:2])
        + "\n\nAdvertisement\n\nThe authority asked residents to do three things:\n\n"
        "Boil all drinking water for a week\nKeep away from the river banks\n"
        "Report missing relatives to the police\n\n"
        + PARAGRAPHS[2]
        + "\n\nYou might also like\nStorm hits coast\nPrivacy policy\n"
    )
    cleaned = clean_scraped(text)
    assert cleaned.title == "Floods Kill Dozens in Northern Valley"
    assert cleaned.byline == "Mara Ellison"
    assert [(block.kind, block.text) for block in cleaned.blocks[1:]] == [
        ("paragraph", PARAGRAPHS[0]),
        ("paragraph", PARAGRAPHS[1]),
        ("paragraph", "The authority asked residents to do three things:"),
        ("list_item", "Boil all drinking water for a week"),
        ("list_item", "Keep away from the river banks"),
        ("list_item", "Report missing relatives to the police"),
        ("paragraph", PARAGRAPHS[2]),
    ]


def test_hard_wrapped_text_is_unwrapped_but_bullets_and_short_lines_end_blocks():
    text = (
        "Floods Kill Dozens in Northern Valley\n\n"
        "At least 34 people were killed and dozens more are missing after two\n"
        "days of torrential rain sent the river over its banks, officials said in\n"
        "a well-\nattended briefing on Wednesday.\n"
        "Rescuers were still searching the valley.\n\n"
        "Residents were told to:\n"
        "• keep away from the river banks and the\n  bridges over it\n"
        "• boil their drinking water\n"
    )
    assert split_blocks(text) == [
        "Floods Kill Dozens in Northern Valley",
        "At least 34 people were killed and dozens more are missing after two days of "
        "torrential rain sent the river over its banks, officials said in a well-attended "
        "briefing on Wednesday.",
        "Rescuers were still searching the valley.",
        "Residents were told to:",
        "• keep away from the river banks and the bridges over it",
        "• boil their drinking water",
    ]


def test_cleaning_is_deterministic():
    text = page("Floods Kill Dozens - Courier", *NAV, "Floods Kill Dozens", *PARAGRAPHS)
    assert clean_scraped(text) == clean_scraped(text)


@pytest.mark.parametrize("text", ["", "\n\n  \n", "\ufeff"])
def test_empty_input_gives_an_empty_article(text):
    cleaned = clean_scraped(text)
    assert cleaned.blocks == [] and cleaned.title == ""


ARTICLE_HTML = """<!DOCTYPE html>
<html><head><title>Floods Kill Dozens in Northern Valley - Valley Courier</title>
<meta property="og:title" content="Floods Kill Dozens in Northern Valley">
<meta name="author" content="Mara Ellison">
<meta property="article:published_time" content="2026-11-26T08:00:00Z">
<link rel="canonical" href="https://courier.example/world/floods">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<h1>Floods Kill Dozens in Northern Valley</h1>
<p>{}</p>
<h2>Rescuers reach cut-off villages</h2>
<p>{}</p>
<ul><li>Drinking water and blankets are needed in the shelters.</li>
<li>Medicine is needed for the injured in the town.</li></ul>
<p>{}</p>
</article>
<footer><p>© 2026 Valley Courier. All rights reserved.</p></footer>
</body></html>
""".format(*PARAGRAPHS)


def test_html_article_blocks_and_metadata():
    cleaned = clean_html(ARTICLE_HTML)
    assert cleaned.title == "Floods Kill Dozens in Northern Valley"
    assert [(block.kind, block.text) for block in cleaned.blocks] == [
        ("title", "Floods Kill Dozens in Northern Valley"),
        ("paragraph", PARAGRAPHS[0]),
        ("heading", "Rescuers reach cut-off villages"),
        ("paragraph", PARAGRAPHS[1]),
        ("list_item", "Drinking water and blankets are needed in the shelters."),
        ("list_item", "Medicine is needed for the injured in the town."),
        ("paragraph", PARAGRAPHS[2]),
    ]
    assert cleaned.byline == "Mara Ellison"
    assert cleaned.date == "2026-11-26"
    assert cleaned.url == "https://courier.example/world/floods"
    assert "© 2026 Valley Courier. All rights reserved." in cleaned.removed
    assert PARAGRAPHS[0] not in cleaned.removed


def test_html_nested_list_items_follow_their_item_one_level_deeper():
    html = ARTICLE_HTML.replace(
        "<li>Medicine is needed for the injured in the town.</li>",
        "<li>Medicine is needed for the injured in the town.<ul><li>Bandages</li>"
        "<li>Antibiotics</li></ul></li>",
    )
    items = [(b.text, b.level) for b in clean_html(html).blocks if b.kind == "list_item"]
    assert items == [
        ("Drinking water and blankets are needed in the shelters.", 1),
        ("Medicine is needed for the injured in the town.", 1),
        ("Bandages", 2),
        ("Antibiotics", 2),
    ]


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><body><p>Unclosed <b>bold <div>and <table><tr><td>cell",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>Short.</p></body></html>",
        "\x00\x01<p>binary junk</p>\ufffd",
        "<div>" * 3000 + "deep" + "</div>" * 10,
        "plain text, no tags at all",
    ],
)
def test_malformed_html_does_not_crash(html):
    cleaned = clean_html(html)
    assert isinstance(cleaned.blocks, list)


def test_html_without_an_article_falls_back_to_its_visible_text():
    html = "<html><head><title>Notice</title></head><body><div>Closed today.</div></body></html>"
    assert visible_text(html) == "Notice\n\nClosed today."
    cleaned = clean_html(html)
    assert "Closed today." in [block.text for block in cleaned.blocks] + cleaned.removed


def test_a_text_larger_than_any_page_is_kept_whole() -> None:
    from readtui.cleaning.scraped import LARGE_TEXT

    paragraph = "Officials said that at least 12 people were killed in the attack on Monday."
    menu = "Home\n\nWorld\n\nShare on Facebook"  # furniture a page would lose
    chunks = [menu] + [paragraph] * (LARGE_TEXT // len(paragraph) + 1)
    cleaned = clean_scraped("A Very Long Record\n\n" + "\n\n".join(chunks))
    assert cleaned.title == "A Very Long Record"
    texts = [block.text for block in cleaned.blocks]
    assert texts[1:4] == ["Home", "World", "Share on Facebook"]
    assert len(texts) == 1 + 3 + (len(chunks) - 1)


def test_a_headline_longer_than_the_wrapped_body_does_not_split_its_paragraphs() -> None:
    # a clean .txt wrapped at 74 under a 80-character headline: the width is the body's
    import textwrap

    from readtui.cleaning.layout import split_blocks

    title = "The trust denied that the closure of the eastern ward was a cost-cutting measure"
    first = "The hospital trust said on Monday that the eastern ward would close. " * 3
    second = "Nurses said they had not been told, and that patients would pay. " * 3
    text = f"{title}\n\n{textwrap.fill(first, 74)}\n\n{textwrap.fill(second, 74)}\n"
    assert split_blocks(text) == [title, first.strip(), second.strip()]


# samples in the shapes real pages take, written for these tests
LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
# an innerText page: a date line with time zones under the headline
INNERTEXT_DATE_LINE_WITH_ZONES = (LAYOUTS / "innertext-date-line-with-zones.txt").read_text()
# a regional paper: headline, standfirst, byline with its role, date, body
REGIONAL_HEADLINE_STANDFIRST_BYLINE = (
    LAYOUTS / "regional-headline-standfirst-byline.txt"
).read_text()
# an innerText live blog: bulleted key points under the headline, names as the byline, an
# in-text "READ:" link
INNERTEXT_LIVEBLOG_KEY_POINTS = (LAYOUTS / "innertext-liveblog-key-points.txt").read_text()
# an innerText page: header lines without blank lines (no hard wrapping), a byline with the
# place and the date, captions ending in their credit, a report's section heading
SCRAPED_REPORT_WITH_CAPTIONS = (
    LAYOUTS / "scraped-report-with-captions-and-sections.txt"
).read_text()
# a scraped page whose <title> is the site's name, repeated by the byline; a key points label,
# a credit on its own line under its caption, a newsletter box, a feedback prompt, an author's bio
SCRAPED_SITE_NAME_TITLE = (LAYOUTS / "scraped-site-name-title-credit-newsletter.txt").read_text()


def test_a_date_line_with_time_zones_is_no_headline():
    cleaned = clean_scraped(INNERTEXT_DATE_LINE_WITH_ZONES)
    assert cleaned.title == "Ferry sinks on Lake Tamaru: 9 bodies found, scores missing"
    assert cleaned.date == "3 Mar 2026 08:41 EAT"
    body = [block.text for block in cleaned.blocks if block.kind != "title"]
    assert body[0].startswith("Rescue teams on Lake Tamaru recovered nine bodies")
    assert not any("Published" in text or "PHOTO" in text for text in body)  # a caption too


def test_a_standfirst_under_the_headline_is_body_and_the_headline_stays_the_title():
    cleaned = clean_scraped(REGIONAL_HEADLINE_STANDFIRST_BYLINE)
    assert cleaned.title == (
        "Inquest hears blast at Marsh Lane paint works was 'waiting to happen'"
    )
    body = [block.text for block in cleaned.blocks if block.kind != "title"]
    assert body[:2] == [
        "Coroner records that three men were unlawfully killed after a solvent tank exploded "
        "in 2024",
        'The explosion that killed three men at a paint works in Marsh Lane was "waiting to '
        'happen", an inquest has heard.',
    ]
    assert "Court reporter" not in body and "By Helen Marsh" not in body


def test_a_live_blog_s_key_points_are_body_and_no_key_point_is_the_headline():
    cleaned = clean_scraped(INNERTEXT_LIVEBLOG_KEY_POINTS)
    assert cleaned.title == (
        "Flood warnings issued as Tessa Valley rivers burst banks – as it happened"
    )
    blocks = [(block.kind, block.text) for block in cleaned.blocks if block.kind != "title"]
    assert blocks[:5] == [
        (
            "list_item",
            "Two men died after their car was swept off the B812 near Glenmoy, police say",
        ),
        ("list_item", "About 40 homes evacuated in Strathallan overnight as the Tay Burn rose"),
        ("list_item", "Rail services between Perth and Dunkeld suspended until Friday"),
        ("heading", "22:15 GMT"),  # the list ends at its first line without a bullet
        ("heading", "River levels begin to fall"),
    ]
    texts = [text for _, text in blocks]
    assert not any(text.startswith("READ:") for text in texts)  # an in-text link
    assert "Kirsty Baird and Owen Tait" not in texts and "Refresh for updates" not in texts


def test_captions_with_credits_and_a_byline_line_with_the_date_are_no_headline_or_body():
    cleaned = clean_scraped(SCRAPED_REPORT_WITH_CAPTIONS)
    assert cleaned.title == "Floodwaters cut off three villages as Kessel River peaks"
    assert cleaned.date == "Mar 4, 2027, 08:15 EAT"
    body = [block.text for block in cleaned.blocks if block.kind != "title"]
    assert body == [
        "KESSEL: Floodwaters cut off three villages in Kessel district on Monday after the "
        "river rose two metres overnight, county officials said.",
        "Two people drowned when their canoe capsized near Lower Kessel, the county "
        "commissioner said. A search for a third person continues.",
        "RESPONSE",  # a section of the report, not a comment section's header
        "The county has opened four evacuation centres and sent two boats to ferry residents "
        "to higher ground.",
    ]


def test_the_site_s_name_is_no_headline_and_page_widgets_are_no_body():
    cleaned = clean_scraped(SCRAPED_SITE_NAME_TITLE)
    assert cleaned.title == "Storm surge floods Harbour Valley seafront; 3 dead"
    body = [block.text for block in cleaned.blocks if block.kind != "title"]
    assert body[:3] == [
        "Key points",  # the label over the key points stays with them
        "Three people died when the sea wall at Kelp Point was breached on Sunday night",
        "About 200 homes were flooded along the seafront",
    ]
    assert body[3].startswith("KELP POINT — Three people died")
    assert body[-1].startswith('"We told them in every meeting')  # past the newsletter box
    for furniture in (
        "Sandbags line the promenade",  # the caption, with its credit on the next line
        "Jon Reyes/Harbour Valley Times",
        "Sign up to Coast Watch",
        "Our weekly newsletter",
        "Email address",
        "Was this page helpful?",
        "Mara Quinn covers the coast",
    ):
        assert not any(text.startswith(furniture) for text in body), furniture


def test_an_embedded_post_keeps_its_text_apart_from_its_sign_off():
    cleaned = clean_html((LAYOUTS / "liveblog-embedded-post.html").read_text())
    blocks = [(block.kind, block.text) for block in cleaned.blocks]
    assert (
        "quote",
        "Our thoughts are with everyone affected tonight. Please avoid the area around the "
        "ground and follow the instructions of police, as asked to.",
    ) in blocks
    assert ("paragraph", "— Mayor Joel Baptiste (@MayorBaptiste) August 14, 2026") in blocks


def test_a_list_item_keeps_a_dash_inside_it():
    # only a bullet at the start goes: "Char Bhabanipur — 9" is the item's own dash
    text = (
        "Boat capsizes on the Kalindi: 24 missing\n\n"
        "Police in the district said the boat was carrying about 60 people when it overturned "
        "in strong currents on Sunday evening, and that the search would go on overnight.\n\n"
        "The missing, by village, according to the district administration:\n"
        "Char Bhabanipur — 9 (four of them children)\n"
        "• Uttar Kandi — 4\n\n"
        "Divers from the fire service joined the search on Monday morning, officials said, "
        "and relatives waited on the bank through the night for news of the missing."
    )
    body = [block.text for block in clean_scraped(text).blocks if block.kind != "title"]
    assert "Char Bhabanipur — 9 (four of them children)" in body
    assert "Uttar Kandi — 4" in body
