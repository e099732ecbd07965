"""Settings and the tag set: defaults, overridden by `readtui.toml` in the article folder or in
the user's config folder.

```toml
annotator = "alice"
reader_width = 90

[[tags]]
name = "claim"
key = 1
colour = "#E69F00"
mark = "underline"
```
"""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from platformdirs import user_config_path

from readtui.textsafety import sanitise

CONFIG_NAME = "readtui.toml"

# Okabe-Ito colours stay distinguishable with the common colour-vision deficiencies; each tag
# also has a mark that is not colour (underline, bold, italic...) and a letter in the gutter.
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#CC79A7", "#D55E00", "#0072B2")
MARKS = ("underline", "bold", "italic", "overline", "strike")


class AttrDef(NamedTuple):  # NamedTuples: see readtui.document.Block
    name: str
    type: str = "str"  # str | int | choice
    choices: tuple[str, ...] = ()
    help: str = ""

    def parse(self, raw: str) -> object:
        """The typed value of `raw`, or None for empty; ValueError with a message for the user."""
        raw = raw.strip()
        if not raw:
            return None
        if self.type == "int":
            try:
                value = int(raw.replace(",", "").replace("_", ""))
            except ValueError:
                raise ValueError(f"{self.name} must be a whole number, not '{raw}'") from None
            if value < 0:
                raise ValueError(f"{self.name} cannot be negative")
            return value
        if self.type == "choice" and raw not in self.choices:
            raise ValueError(f"{self.name} must be one of: {', '.join(self.choices)}")
        return raw


class TagDef(NamedTuple):
    name: str
    key: int
    colour: str
    mark: str
    letter: str
    attributes: tuple[AttrDef, ...] = ()
    # suggestion rules (readtui.suggest.user_rules): regular expressions, token patterns; checked
    # when they run, so that a broken rule is reported without keeping the app from opening
    patterns: tuple = ()
    token_patterns: tuple = ()

    def validate_attrs(self, attrs: dict) -> list[str]:
        """Faults in a set of attribute values that each parse alone but not together."""
        faults = []
        low, high = attrs.get("count_min"), attrs.get("count_max")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            faults.append("count_min is larger than count_max")
        count = attrs.get("count")
        if isinstance(count, int) and isinstance(low, int) and count < low:
            faults.append("count is below count_min")
        if isinstance(count, int) and isinstance(high, int) and count > high:
            faults.append("count is above count_max")
        return faults


CASUALTY_ATTRIBUTES = (
    AttrDef("count", "int", help="the figure, when one number is given"),
    AttrDef("count_min", "int", help="lower bound: 'at least 12' gives 12"),
    AttrDef("count_max", "int", help="upper bound: 'up to 30' gives 30"),
    AttrDef("kind", "choice", ("killed", "injured", "missing", "captured")),
    AttrDef("group", "str", help="who: civilians, soldiers, children..."),
)

DEFAULT_TAGS = (
    TagDef("claim", 1, PALETTE[0], "underline", "C"),
    TagDef("quote", 2, PALETTE[1], "italic", "Q"),
    TagDef("casualty figure", 3, PALETTE[2], "bold", "#", CASUALTY_ATTRIBUTES),
)


class ConfigError(Exception):
    """A readtui.toml that cannot be used; the message names the file and the fault."""


@dataclass
class Config:
    tags: tuple[TagDef, ...] = DEFAULT_TAGS
    annotator: str = ""
    reader_width: int = 90
    source: Path | None = None

    def tag(self, name: str) -> TagDef | None:
        return next((tag for tag in self.tags if tag.name == name), None)

    def tag_for_key(self, key: int) -> TagDef | None:
        return next((tag for tag in self.tags if tag.key == key), None)

    @property
    def tag_names(self) -> list[str]:
        return [tag.name for tag in self.tags]


def default_annotator() -> str:
    try:
        if os.environ.get("READTUI_ANNOTATOR"):
            return os.environ["READTUI_ANNOTATOR"]
        import getpass  # the login name, needed only when nothing else names the user

        return getpass.getuser()
    except Exception:  # getuser raises when no name can be found (containers)
        return "annotator"


def _parse_tags(raw_tags: list, path: Path) -> tuple[TagDef, ...]:
    tags: list[TagDef] = []
    for index, raw in enumerate(raw_tags):
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"]:
            raise ConfigError(f"{path}: tags[{index}] needs a name")
        # a tag's name and letter are drawn on screen: no terminal controls in them
        raw = {**raw, "name": " ".join(sanitise(raw["name"]).split())}
        if "letter" in raw:
            raw["letter"] = sanitise(str(raw["letter"])).strip()
        if not raw["name"]:
            raise ConfigError(f"{path}: tags[{index}] needs a name")
        if any(tag.name == raw["name"] for tag in tags):
            raise ConfigError(f"{path}: tag '{raw['name']}' is defined twice")
        default = next((t for t in DEFAULT_TAGS if t.name == raw["name"]), None)
        key = raw.get("key", index + 1)
        if not isinstance(key, int) or not 1 <= key <= 9:
            raise ConfigError(f"{path}: tag '{raw['name']}': key must be 1-9")
        if any(t.key == key for t in tags):
            raise ConfigError(f"{path}: tag '{raw['name']}': key {key} is taken")
        colour = raw.get("colour", default.colour if default else PALETTE[index % 7])
        if not _is_colour(colour):
            raise ConfigError(
                f"{path}: tag '{raw['name']}': colour {colour!r} is not a colour "
                "(#RRGGBB, or a name such as 'red' or 'dark_orange')"
            )
        mark = raw.get("mark", default.mark if default else MARKS[index % len(MARKS)])
        if mark not in MARKS:
            raise ConfigError(f"{path}: tag '{raw['name']}': mark must be one of {MARKS}")
        attributes = default.attributes if default else ()
        if "attributes" in raw:
            attributes = tuple(
                AttrDef(
                    a["name"], a.get("type", "str"), tuple(a.get("choices", ())), a.get("help", "")
                )
                for a in raw["attributes"]
            )
        tags.append(
            TagDef(
                name=raw["name"],
                key=key,
                colour=colour,
                mark=mark,
                letter=(raw.get("letter") or (default.letter if default else raw["name"][0]))[:1],
                attributes=attributes,
                patterns=_listed(raw.get("patterns", ())),
                token_patterns=_listed(raw.get("token_patterns", ())),
            )
        )
    return tuple(tags)


def _is_colour(value: object) -> bool:
    from rich.color import Color, ColorParseError  # Rich draws the colours: it decides

    try:
        Color.parse(value) if isinstance(value, str) else None
    except ColorParseError:
        return False
    return isinstance(value, str)


def _listed(value: object) -> tuple:
    """A list from the config as a tuple; one item written without its list, as a list of it."""
    return tuple(value) if isinstance(value, list | tuple) else (value,)


def config_paths(folder: Path | None) -> list[Path]:
    """Where a readtui.toml is looked for, first found wins: the article folder, then the user's."""
    paths = [folder / CONFIG_NAME] if folder else []
    return paths + [user_config_path("readtui") / CONFIG_NAME]


def load_config(folder: Path | None = None) -> Config:
    for path in config_paths(folder):
        if path.is_file():
            return parse_config(path)
    return Config(annotator=default_annotator())


def parse_config(path: Path) -> Config:
    import tomllib  # only with a readtui.toml: ~3 ms of a start-up without one

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    try:
        tags = _parse_tags(raw["tags"], path) if "tags" in raw else DEFAULT_TAGS
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: bad tag definition: {exc}") from None
    width = raw.get("reader_width", 90)
    if not isinstance(width, int) or width < 20:
        raise ConfigError(f"{path}: reader_width must be a whole number of at least 20")
    return Config(
        tags=tags,
        annotator=str(raw.get("annotator") or default_annotator()),
        reader_width=width,
        source=path,
    )
