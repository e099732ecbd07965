"""Cleaner for saved HTML pages (placeholder; the trafilatura-based one replaces it)."""

from readtui.cleaning import Cleaned
from readtui.cleaning.scraped import clean_scraped


def clean_html(html: str) -> Cleaned:
    import re

    return clean_scraped(re.sub(r"<[^>]+>", "\n\n", html))
