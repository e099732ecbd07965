"""Make untrusted article text safe to show in a terminal.

Rich and Textual strip only a few controls (BEL, BS, VT, FF, CR); escape sequences, NUL, DEL,
C1 controls and bidi overrides would reach the terminal. They are removed when text is loaded,
so every offset is into text that is already safe.
"""

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC
# (ESC P/X/^/_ ... ST), and two-character escapes. Their 8-bit C1 forms are covered too. A
# string sequence is removed whole only when it is ended on its line: one left open loses its
# introducer alone, so that the text after it is kept (it is harmless without the ESC).
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                # CSI
    | (?:\x1b\]|\x9d)[^\n\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)      # OSC, ended by BEL or ST
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\n\x1b\x9c]*(?:\x1b\\|\x9c)  # DCS, SOS, PM, APC
    | \x1b[ -/]*[0-~]?                              # other escapes (and a lone ESC)
    """,
    re.VERBOSE,
)
# controls that separate words (NUL, vertical tab, form feed, the file/group/record/unit
# separators) become a space, so that "Hello\0World" stays two words
_SEPARATORS = re.compile(r"[\x00\x0b\x0c\x1c-\x1f]")
# C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding, override and
# isolate characters that can make text display in an order other than the one stored.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sanitise(text: str) -> str:
    """Return `text` with `\\n` line ends, tabs as spaces, and no terminal controls."""
    text = normalise_newlines(text).replace("\t", " ")
    if _CONTROLS.search(text) is None:  # the usual case, and one fast scan of a long text
        return text
    return _CONTROLS.sub("", _SEPARATORS.sub(" ", _ESCAPES.sub("", text)))


def one_line(text: str) -> str:
    """Untrusted text made safe and single-line for a terminal: no controls, no line breaks."""
    return " ".join(sanitise(text).split("\n"))
