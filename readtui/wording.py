"""How readtui counts things for people, on the screen and on the command line."""


def count_of(number: int, noun: str) -> str:
    """'1 match', '2 matches', '5,000 articles'."""
    plural = noun + ("es" if noun.endswith(("s", "sh", "ch", "x")) else "s")
    return f"{number:,} {noun if number == 1 else plural}"
