"""Cleaner for scraped plain text (placeholder: keeps every block; the real rules replace it)."""

from readtui.cleaning import CleanBlock, Cleaned


def clean_scraped(text: str) -> Cleaned:
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    if not paragraphs:
        return Cleaned()
    title, body = paragraphs[0], paragraphs[1:]
    blocks = [CleanBlock("title", title)] + [CleanBlock("paragraph", p) for p in body]
    return Cleaned(blocks=blocks, title=title)
