"""Suggestions for a long article found in another process.

The rules are regular expressions, and a regular expression holds Python's lock on the
interpreter for as long as one scan runs: over a 10 MB article, long enough that the reader
would stop answering keys for seconds. In a process of their own they cannot hold the reader's.
The text goes there once through a pipe and plain tuples come back; a search that is no longer
wanted (the text changed, the article was closed) ends with its process.
"""

import pickle
import subprocess
import sys

from readtui.config import Config
from readtui.suggest import Suggestion

APART_FROM = 200_000  # characters; a shorter text is searched in a few tens of milliseconds


class Search:
    """One search in its own process: `result()` waits for it, `stop()` ends it."""

    def __init__(
        self, text: str, config: Config, rejected: list, annotated: list, quoted: list = ()
    ) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "readtui.suggest.apart"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._request = pickle.dumps((text, config, rejected, annotated, list(quoted)))

    def result(self) -> tuple[list[Suggestion], list[str]] | None:
        """The suggestions and the faults of rules that could not run; None when stopped."""
        try:
            answer, _ = self._process.communicate(self._request)
        except (OSError, ValueError):  # stopped while the request was being written
            return None
        if self._process.returncode != 0 or not answer:
            return None
        rows, faults = pickle.loads(answer)
        return [Suggestion(*row) for row in rows], faults

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()


def main() -> None:
    from readtui.suggest import suggest
    from readtui.suggest.user_rules import rule_faults

    text, config, rejected, annotated, quoted = pickle.load(sys.stdin.buffer)
    found = suggest(text, config, rejected, annotated, quoted)
    rows = [(s.rule, s.tag, s.start, s.end, s.attrs) for s in found]
    sys.stdout.buffer.write(pickle.dumps((rows, rule_faults(config))))


if __name__ == "__main__":
    main()
