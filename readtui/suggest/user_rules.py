"""A tag's own suggestion rules from `readtui.toml`: regular expressions and token patterns.

```toml
[[tags]]
name = "denial"
key = 4
patterns = ['\\b(?:denied|rejected) (?:that|any|the)\\b[^.]*']   # regular expressions
token_patterns = [
  # "according to" then one or more capitalised words: spaCy EntityRuler style
  [{LOWER = "according"}, {LOWER = "to"}, {IS_TITLE = true, OP = "+"}],
]
```

A regular expression suggests each match (its group 1 when it has groups, so context can be
matched without being tagged); it never reaches over a blank line. A token pattern is a list of
token specs matched against readtui's tokens (readtui.export.tokens), as spaCy's Matcher does:
- keys `TEXT`, `LOWER` (a string, or `{IN = [...]}`, `{NOT_IN = [...]}`, `{REGEX = "..."}`),
  `LENGTH` (a whole number), `IS_ALPHA`, `IS_DIGIT`, `IS_PUNCT`, `IS_TITLE`, `IS_UPPER`,
  `IS_LOWER`, `LIKE_NUM` (true or false);
- `OP`: `?` (optional), `*` (any number), `+` (one or more), `!` (one token that does not
  match the rest of the table).
Matches are greedy, the longest at each start, and do not overlap.

Rules are named `<tag>/pattern-<n>` and `<tag>/tokens-<n>` (from 1, in the order written). A rule
that cannot run (a bad expression, an unknown key) is left out and reported by `rule_faults`,
one line naming it and the fault: the app still opens, and the other rules still run.
"""

import re
from collections.abc import Callable, Iterable

from readtui.config import Config, TagDef
from readtui.suggest import Found, Rule

_BLOCK_END = re.compile(r"\n[^\S\n]*\n")
_FLAGS = ("IS_ALPHA", "IS_DIGIT", "IS_PUNCT", "IS_TITLE", "IS_UPPER", "IS_LOWER", "LIKE_NUM")
_OPS = ("?", "*", "+", "!", "1")
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion dozen dozens hundreds thousands".split()
)


class RuleError(ValueError):
    """A rule that cannot run; the message says why."""


def user_rules(config: Config) -> list[Rule]:
    return compile_rules(config)[0]


def rule_faults(config: Config) -> list[str]:
    """One line for each rule of the config that cannot run: `rule denial/pattern-2: ...`."""
    return compile_rules(config)[1]


def compile_rules(config: Config) -> tuple[list[Rule], list[str]]:
    rules, faults = [], []
    for tag in config.tags:
        for name, make in _rule_makers(tag):
            try:
                rules.append(Rule(name, tag.name, make()))
            except RuleError as exc:
                faults.append(f"rule {name}: {exc}")
    return rules, faults


def _rule_makers(tag: TagDef) -> Iterable[tuple[str, Callable[[], Callable[[str], list]]]]:
    for number, pattern in enumerate(tag.patterns, start=1):
        yield f"{tag.name}/pattern-{number}", lambda p=pattern: regex_rule(p)
    for number, pattern in enumerate(tag.token_patterns, start=1):
        yield f"{tag.name}/tokens-{number}", lambda p=pattern: token_rule(p)


# Regular expressions --------------------------------------------------------------------------


def regex_rule(pattern: object) -> Callable[[str], list[Found]]:
    if not isinstance(pattern, str) or not pattern:
        raise RuleError("a pattern is a regular expression in a string")
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise RuleError(f"not a regular expression: {exc}") from None
    group = 1 if compiled.groups else 0

    def find(text: str) -> list[Found]:
        found = []
        for match in compiled.finditer(text):
            start, end = match.span(group)
            if start < 0 or start >= end:
                continue
            piece = text[start:end]
            cut = _BLOCK_END.search(piece)
            if cut:  # never over a blank line: the part before it
                end = start + cut.start()
            start, end = _trimmed(text, start, end)
            if start < end:
                found.append((start, end))
        return [(start, end, {}) for start, end in sorted(set(found))]

    return find


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Token patterns -------------------------------------------------------------------------------


class _Token:
    __slots__ = ("text", "lower", "start", "end")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.lower, self.start, self.end = text, text.lower(), start, end


def _flag(name: str, token: _Token) -> bool:
    text = token.text
    if name == "IS_ALPHA":
        return text.isalpha()
    if name == "IS_DIGIT":
        return text.isdigit()
    if name == "IS_PUNCT":
        return not any(c.isalnum() for c in text)
    if name == "IS_TITLE":
        return text.istitle()
    if name == "IS_UPPER":
        return text.isupper()
    if name == "IS_LOWER":
        return text.islower()
    return text.replace(",", "").replace(".", "").isdigit() or token.lower in _NUMBER_WORDS


def _value_test(key: str, value: object) -> Callable[[str], bool]:
    if isinstance(value, str):
        return lambda text: text == value
    if isinstance(value, dict) and len(value) == 1:
        ((how, argument),) = value.items()
        if how in ("IN", "NOT_IN") and isinstance(argument, list):
            choices = frozenset(map(str, argument))
            if how == "IN":
                return lambda text: text in choices
            return lambda text: text not in choices
        if how == "REGEX" and isinstance(argument, str):
            try:
                compiled = re.compile(argument)
            except re.error as exc:
                raise RuleError(f"{key}: not a regular expression: {exc}") from None
            return lambda text: compiled.search(text) is not None
    raise RuleError(f"{key} takes a string, or {{IN = [...]}}, {{NOT_IN = [...]}}, {{REGEX = ...}}")


def _token_test(spec: object) -> tuple[Callable[[_Token], bool], str]:
    """(does a token match, OP) of one token spec."""
    if not isinstance(spec, dict):
        raise RuleError("each token of a pattern is a table, like {LOWER = \"said\"}")
    tests: list[Callable[[_Token], bool]] = []
    op = spec.get("OP", "1")
    if op not in _OPS:
        raise RuleError(f"OP must be one of {', '.join(_OPS)}, not {op!r}")
    for key, value in spec.items():
        if key == "OP":
            continue
        if key in ("TEXT", "LOWER"):
            test = _value_test(key, value)
            attribute = "text" if key == "TEXT" else "lower"
            tests.append(lambda token, t=test, a=attribute: t(getattr(token, a)))
        elif key == "LENGTH":
            if not isinstance(value, int) or isinstance(value, bool):
                raise RuleError("LENGTH takes a whole number")
            tests.append(lambda token, n=value: len(token.text) == n)
        elif key in _FLAGS:
            if not isinstance(value, bool):
                raise RuleError(f"{key} takes true or false")
            tests.append(lambda token, k=key, v=value: _flag(k, token) is v)
        else:
            raise RuleError(f"unknown token key {key!r}")
    return (lambda token: all(test(token) for test in tests)), op


def token_rule(pattern: object) -> Callable[[str], list[Found]]:
    if not isinstance(pattern, list) or not pattern:
        raise RuleError("a token pattern is a list of token tables")
    steps = [_token_test(spec) for spec in pattern]
    if all(op in ("?", "*") for _, op in steps):
        raise RuleError("a token pattern needs at least one token that must match")

    def find(text: str) -> list[Found]:
        from readtui.export.tokens import tokenize  # only a config with token rules needs it

        found = []
        for block_start, block_end in _blocks(text):
            tokens = [
                _Token(text[block_start + s : block_start + e], block_start + s, block_start + e)
                for s, e in tokenize(text[block_start:block_end])
            ]
            index = 0
            while index < len(tokens):
                end = _match(steps, tokens, 0, index)
                if end is not None and end > index:
                    found.append((tokens[index].start, tokens[end - 1].end, {}))
                    index = end
                else:
                    index += 1
        return found

    return find


def _match(steps, tokens: list[_Token], step: int, at: int) -> int | None:
    """The end (token index) of the longest match of steps[step:] from token `at`."""
    if step == len(steps):
        return at
    test, op = steps[step]
    if op == "!":
        if at < len(tokens) and not test(tokens[at]):
            return _match(steps, tokens, step + 1, at + 1)
        return None
    if op == "1":
        if at < len(tokens) and test(tokens[at]):
            return _match(steps, tokens, step + 1, at + 1)
        return None
    # ?, * and +: as many as match, then back off until the rest matches (greedy)
    limit = 1 if op == "?" else len(tokens)
    count = 0
    while count < limit and at + count < len(tokens) and test(tokens[at + count]):
        count += 1
    least = 1 if op == "+" else 0
    for taken in range(count, least - 1, -1):
        end = _match(steps, tokens, step + 1, at + taken)
        if end is not None:
            return end
    return None


def _blocks(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for match in _BLOCK_END.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)
