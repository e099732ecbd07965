"""Suggestions: passages that rules find worth a tag, for the user to accept or reject by key.

Built-in rules find quotes (`quote`), casualty figures (`casualty`) and attributed claims
(`claim`); a tag in `readtui.toml` can add its own rules (regular expressions and token patterns,
see readtui.suggest.user_rules). Each rule is a function from the cleaned text to spans:
`(start, end, attrs)`, code-point offsets into the text, never across a block boundary (a blank
line), `attrs` the tag's attributes the text says (a casualty figure's count and kind).

`suggest()` runs them all and leaves out what the user rejected (the sidecar's `rejected`) and
what is already annotated with the same tag over the same span. A block the source marks as
quoted (a Markdown or HTML blockquote, an embedded post) is a quote as a whole: the text alone
does not say so, so its span comes from the document (`quote_blocks`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from readtui.config import Config

if TYPE_CHECKING:
    from readtui.document import Document

# (start, end, attrs) found in a text
Found = tuple[int, int, dict]
RuleFunction = Callable[[str], Iterable[Found]]


@dataclass(frozen=True)
class Suggestion:
    rule: str  # the rule's name: kept in `origin: suggested:<rule>` and in `rejected`
    tag: str
    start: int
    end: int
    attrs: dict = field(default_factory=dict, hash=False, compare=False)

    is_orphan = False  # a suggestion is always placed: it can sit in a SpanIndex

    @property
    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.start, self.end, self.tag, self.rule)

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.start}-{self.end}"


@dataclass(frozen=True)
class Rule:
    name: str
    tag: str
    find: RuleFunction


def _quotes(text: str) -> Iterable[Found]:
    from readtui.suggest.quotes import find_quotes

    return find_quotes(text)


def _casualties(text: str) -> Iterable[Found]:
    from readtui.suggest.casualties import find_casualties

    return find_casualties(text)


def _claims(text: str) -> Iterable[Found]:
    from readtui.suggest.claims import find_claims

    return find_claims(text)


# the built-in rules, by name, and the default tag each suggests
BUILTIN_RULES = (
    Rule("quote", "quote", _quotes),
    Rule("casualty", "casualty figure", _casualties),
    Rule("claim", "claim", _claims),
)


def rules_for(config: Config) -> list[Rule]:
    """The built-in rules whose tag the config has, then the config's own rules."""
    from readtui.suggest.user_rules import user_rules

    names = set(config.tag_names)
    return [rule for rule in BUILTIN_RULES if rule.tag in names] + user_rules(config)


def quote_blocks(document: "Document") -> list[tuple[int, int]]:
    """The spans of the document's quoted blocks, for suggest()."""
    return [(block.start, block.end) for block in document.blocks if block.kind == "quote"]


def suggest(
    text: str,
    config: Config,
    rejected: Iterable[dict] = (),
    annotated: Iterable[tuple[int, int, str]] = (),
    quoted: Iterable[tuple[int, int]] = (),
) -> list[Suggestion]:
    """Every suggestion for `text`, sorted by (start, end): none that was rejected
    (`{rule, start, end}` rows) and none already annotated (`(start, end, tag)`). `quoted`:
    the spans of the blocks the document marks as quoted (quote_blocks)."""
    refused = {(row["rule"], row["start"], row["end"]) for row in rejected}
    done = set(annotated)
    found: dict[tuple, Suggestion] = {}
    quoted = list(quoted)
    for rule in rules_for(config):
        spans = rule.find(text)
        if rule.name == "quote" and quoted:
            # the whole quoted block; a quote inside it is part of it
            spans = [(start, end, {}) for start, end in quoted] + [
                span for span in spans if not any(s <= span[0] and span[1] <= e for s, e in quoted)
            ]
        for start, end, attrs in spans:
            if (rule.name, start, end) in refused or (start, end, rule.tag) in done:
                continue
            suggestion = Suggestion(rule.name, rule.tag, start, end, dict(attrs))
            found.setdefault((start, end, rule.tag), suggestion)  # the first rule names it
    return sorted(found.values(), key=lambda s: s.sort_key)
