"""Cleaner for Markdown: block structure through markdown-it-py, plain text of each block."""

from markdown_it import MarkdownIt
from markdown_it.token import Token

from readtui.cleaning import CleanBlock, Cleaned

_PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")
# markdown-it stops at its nesting limit and drops the rest of the file: allow deep lists, and
# take whatever lies past the limit as plain paragraphs (see `_rest_after`)
_PARSER.options["maxNesting"] = 100
_TEXT_TOKENS = frozenset({"inline", "fence", "code_block", "html_block"})


def _inline_text(token: Token) -> str:
    """Plain text of an inline run: emphasis and link markup dropped, line breaks as spaces."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content if child.type != "html_inline" else "")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def clean_markdown(text: str) -> Cleaned:
    tokens = _PARSER.parse(text)
    blocks: list[CleanBlock] = []
    title = ""
    # The kind of block an inline run belongs to depends on the containers open around it.
    containers: list[str] = []
    heading_level = 0
    row: list[str] | None = None  # the cells of the table row being read
    for token in tokens:
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            # a row is one block, its cells separated by spaces, as the HTML cleaner's rows
            blocks.append(CleanBlock("paragraph", " ".join(cell for cell in row if cell)))
            row = None
        elif row is not None and token.type == "inline":
            row.append(_inline_text(token))
        elif token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            containers.append(token.type)
        elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            containers.pop()
        elif token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type in ("fence", "code_block"):
            blocks.append(CleanBlock("code", token.content))
        elif token.type == "inline":
            content = _inline_text(token)
            if heading_level:
                if heading_level == 1 and not title:
                    title = content
                    blocks.append(CleanBlock("title", content, 1))
                else:
                    blocks.append(CleanBlock("heading", content, heading_level))
            elif "blockquote_open" in containers:
                blocks.append(CleanBlock("quote", content))
            elif containers:
                depth = sum(c != "blockquote_open" for c in containers)
                blocks.append(CleanBlock("list_item", content, depth))
            else:
                blocks.append(CleanBlock("paragraph", content))
    blocks += _rest_after(text, tokens)
    return Cleaned(blocks=blocks, title=title)


def _rest_after(text: str, tokens: list[Token]) -> list[CleanBlock]:
    """The lines after the last one the parser reached (it gives up at its nesting limit), as
    paragraphs: never is text lost."""
    reached = max(
        (token.map[1] for token in tokens if token.map and token.type in _TEXT_TOKENS),
        default=0,
    )
    rest = "\n".join(text.split("\n")[reached:])
    return [
        CleanBlock("paragraph", part.strip())
        for part in rest.split("\n\n")
        if part.strip()
    ]
