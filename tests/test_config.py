"""readtui.toml: what a broken or hostile tag definition gives (issue 10's audit)."""

from pathlib import Path

import pytest

from readtui.config import ConfigError, parse_config


def config(tmp_path: Path, tags: str) -> Path:
    path = tmp_path / "readtui.toml"
    path.write_text(tags, encoding="utf-8")
    return path


def test_a_colour_that_is_not_one_is_a_clear_fault(tmp_path: Path) -> None:
    path = config(tmp_path, '[[tags]]\nname = "claim"\ncolour = "not-a-colour"\n')
    with pytest.raises(ConfigError, match="tag 'claim': colour 'not-a-colour' is not a colour"):
        parse_config(path)
    assert parse_config(config(tmp_path, '[[tags]]\nname = "claim"\ncolour = "dark_orange"\n'))


def test_tag_names_and_letters_lose_terminal_controls(tmp_path: Path) -> None:
    hostile = '[[tags]]\nname = "claim\\u001b]0;pwned\\u0007"\nletter = "\\u001b[31mX"\n'
    (tag,) = parse_config(config(tmp_path, hostile)).tags
    assert tag.name == "claim" and tag.letter == "X"
    with pytest.raises(ConfigError, match="needs a name"):
        parse_config(config(tmp_path, '[[tags]]\nname = "\\u001b[2J"\n'))
