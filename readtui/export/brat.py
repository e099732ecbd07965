"""brat standoff: a folder of `NAME.txt` (the text, exactly) and `NAME.ann` pairs.

Written the way brat's own server writes (brat.nlplab.org/standoff.html), one line each:
- `T1<TAB>casualty_figure 120 146<TAB>killing at least 14 people`: code points, end exclusive.
  Type names cannot hold spaces, so a tag is written as field_label() gives it; visual.conf's
  [labels] gives each label its tag name back (brat shows it, and import reads it).
- A span over a line break or a tab becomes what brat makes of it: the fragments between the
  breaks (`0 5;6 11`), its text the fragments joined by a space. Import joins fragments that only
  white space separates back into one span.
- `A1<TAB>count T1 14`: one line per attribute. A brat value is one word, so in a string value
  white space, controls, `%`, `|` and `,` are percent-encoded (`civilians%20and%20children`), and
  so is the first character of a string of digits (`%314` is the string "14", `14` the number).
  `true` is brat's binary attribute (no value). Other values (false, null, fractions, lists)
  have no brat form: they are reported and left out.
- `#1<TAB>AnnotatorNotes T1<TAB>note`: `\\`, tabs and line breaks escaped as `\\\\`, `\\t`, `\\n`,
  `\\r`, `\\u2028`...
- The annotator, origin, status, ids and times have no place in brat and are not written.

Each folder of documents gets an `annotation.conf` declaring the labels, the attributes and their
values, and allowing overlaps (readtui keeps them), so that brat opens the folder as it is.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from readtui.annotations import Annotation
from readtui.config import DEFAULT_TAGS, load_config
from readtui.export.importing import ImportedDocument, ImportFault, new_annotation
from readtui.export.model import ExportDocument, ExportOptions, Format, Piece, field_label

# A tab and every line break that str.splitlines() knows: none may stand inside a .ann field.
BREAKS = "\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_RUN = re.compile(f"[{re.escape(BREAKS)}]+")
_INTEGER = re.compile(r"-?[0-9]+")
_NOTE_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_NOTE_ESCAPED = re.compile(r"\\(\\|n|t|r|u[0-9a-fA-F]{4})")
_ENTITY_LINE = re.compile(r"(T\d+)\t(\S+) ([0-9]+ [0-9]+(?:;[0-9]+ [0-9]+)*)(?:\t(.*))?")
_ATTRIBUTE_LINE = re.compile(r"[AM]\d+\t(\S+) (\S+)(?: (\S+))?")
_NOTE_LINE = re.compile(r"#\d*\t(\S+) (\S+)(?:\t(.*))?")
OVERLAP_RULE = "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>"


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of text[start:end] between tabs and line breaks."""
    parts, position = [], start
    for match in _BREAK_RUN.finditer(text, start, end):
        if match.start() > position:
            parts.append((position, match.start()))
        position = match.end()
    if position < end:
        parts.append((position, end))
    return parts


def _percent(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))


def encode_word(value: str) -> str:
    """A string as one brat word that decode_word() turns back into the same string."""
    word = "".join(
        _percent(c) if c in "%|," or c.isspace() or unicodedata.category(c) == "Cc" else c
        for c in value
    )
    return _percent(word[0]) + word[1:] if _INTEGER.fullmatch(value) else word


def decode_word(word: str) -> int | str:
    return int(word) if _INTEGER.fullmatch(word) else unquote(word)


def attribute_word(value: object) -> str | None:
    """The value of an A line (None: a binary attribute); ValueError when brat has no form."""
    if value is True:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value:
        return encode_word(value)
    raise ValueError(f"{value!r} is not a word, a whole number or true")


def escape_note(note: str) -> str:
    return "".join(_NOTE_ESCAPES.get(c) or (f"\\u{ord(c):04x}" if c in BREAKS else c) for c in note)


def unescape_note(text: str) -> str:
    def replace(match: re.Match) -> str:
        code = match[1]
        return {"\\": "\\", "n": "\n", "t": "\t", "r": "\r"}.get(code) or chr(int(code[1:], 16))

    return _NOTE_ESCAPED.sub(replace, text)


def _where(document: ExportDocument, span: Annotation) -> str:
    return f"{document.name} {span.start}-{span.end} {document.text[span.start : span.end][:40]!r}"


def convert(document: ExportDocument, options: ExportOptions) -> Piece:
    piece = Piece(content={})
    lines: list[str] = []
    numbers = Counter()
    text = document.text
    for span in document.spans:
        parts = fragments(text, span.start, span.end)
        if not parts:
            piece.left_out["only tabs and line breaks (brat)"] += 1
            piece.issues.append(f"{_where(document, span)}: only tabs and line breaks: left out")
            piece.faults += 1
            continue
        if (parts[0][0], parts[-1][1]) != (span.start, span.end):
            piece.issues.append(
                f"{_where(document, span)}: written without the line break at its edge "
                f"({parts[0][0]}-{parts[-1][1]})"
            )
        numbers["T"] += 1
        entity = f"T{numbers['T']}"
        offsets = ";".join(f"{s} {e}" for s, e in parts)
        quoted = " ".join(text[s:e] for s, e in parts)
        lines.append(f"{entity}\t{field_label(span.tag)} {offsets}\t{quoted}\n")
        piece.written[span.tag] += 1
        for name, value in span.attrs.items():
            try:
                word = attribute_word(value)
            except ValueError as exc:
                where = _where(document, span)
                piece.issues.append(f"{where}: attribute {name!r}: {exc}: left out")
                continue
            numbers["A"] += 1
            value_part = "" if word is None else f" {word}"
            lines.append(f"A{numbers['A']}\t{encode_word(name)} {entity}{value_part}\n")
        if span.note:
            numbers["#"] += 1
            lines.append(f"#{numbers['#']}\tAnnotatorNotes {entity}\t{escape_note(span.note)}\n")
    piece.content = {f"{document.name}.txt": text, f"{document.name}.ann": "".join(lines)}
    return piece


def join(pieces: Iterable[Piece], options: ExportOptions) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    # attribute name -> (labels it is used on, values in the order met; None: binary)
    attributes: dict[str, tuple[dict[str, None], dict[str | None, None]]] = {}
    for piece in pieces:
        for name, content in piece.content.items():
            files[name] = content.encode("utf-8")
            if name.endswith(".ann"):
                parsed = parse_ann(content, name)
                for _line, attr, target, word in parsed.attributes:
                    labels, values = attributes.setdefault(attr, ({}, {}))
                    labels[parsed.entities[target].label] = None
                    values[word] = None
    files["annotation.conf"] = annotation_conf(options, attributes).encode("utf-8")
    return files


def annotation_conf(options: ExportOptions, attributes: dict) -> str:
    lines = ["# Written by readtui: the labels and attributes of the documents in this folder."]
    lines += ["[entities]", *(field_label(tag) for tag in options.labels), ""]
    lines += ["[relations]", "# readtui keeps overlapping spans", OVERLAP_RULE, ""]
    lines += ["[events]", "", "[attributes]"]
    for attr, (labels, values) in attributes.items():
        definition = f"{attr}\tArg:{'|'.join(labels)}"
        words = [word for word in values if word is not None]
        lines.append(f"{definition}, Value:{'|'.join(words)}" if words else definition)
    return "\n".join(lines) + "\n"


def shared(options: ExportOptions) -> dict[str, bytes]:
    """visual.conf: brat shows each label by its tag name; import reads the names back."""
    lines = ["[labels]"]
    lines += [f"{field_label(tag)} | {tag}" for tag in options.labels if "|" not in tag]
    return {"visual.conf": ("\n".join([*lines, "", "[drawing]"]) + "\n").encode("utf-8")}


# Import --------------------------------------------------------------------------------------


@dataclass
class Entity:
    line: int
    label: str
    fragments: list[tuple[int, int]]
    text: str | None  # None when the line has no text field


@dataclass
class AnnFile:
    entities: dict[str, Entity] = field(default_factory=dict)
    attributes: list[tuple[int, str, str, str | None]] = field(default_factory=list)
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # line, target, note


def parse_ann(content: str, path: object) -> AnnFile:
    """The entities, attributes and notes of a .ann file; relations and events are skipped."""
    parsed = AnnFile()
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip() or line[0] in "REN*":
            continue
        if match := _ENTITY_LINE.fullmatch(line):
            entity, label, offsets, quoted = match.groups()
            spans = [tuple(map(int, pair.split(" "))) for pair in offsets.split(";")]
            parsed.entities[entity] = Entity(number, label, spans, quoted)
        elif match := _ATTRIBUTE_LINE.fullmatch(line.rstrip()):
            parsed.attributes.append((number, *match.groups()))
        elif match := _NOTE_LINE.fullmatch(line):
            if match[1] == "AnnotatorNotes":
                parsed.notes.append((number, match[2], unescape_note(match[3] or "")))
        else:
            raise ImportFault(f"{path}:{number}: not a brat annotation line: {line[:60]!r}")
    for number, target in [(a[0], a[2]) for a in parsed.attributes] + [
        (n[0], n[1]) for n in parsed.notes
    ]:
        if target.startswith("T") and target not in parsed.entities:
            raise ImportFault(f"{path}:{number}: refers to {target}, which is not in the file")
    return parsed


def read(path: Path) -> Iterator[ImportedDocument]:
    """Every NAME.ann under `path` (a folder, searched recursively, or one .ann/.txt file)."""
    path = Path(path)
    if path.is_dir():
        root, anns = path, sorted(path.rglob("*.ann"))
    elif path.suffix in (".ann", ".txt") and path.exists():
        root, anns = path.parent, [path.with_suffix(".ann")]
    else:
        raise ImportFault(f"{path}: expected a folder of brat .txt and .ann files")
    if not anns:
        raise ImportFault(f"{path}: no .ann files in this folder")
    tags = _TagNames(root)
    for ann in anns:
        yield _document(ann, ann.relative_to(root).with_suffix("").as_posix(), tags)


def _document(ann: Path, name: str, tags: "_TagNames") -> ImportedDocument:
    source = ann.with_suffix(".txt")
    try:
        with open(source, encoding="utf-8", newline="") as handle:
            text = handle.read()
        content = ann.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ImportFault(f"{ann}: no {Path(exc.filename).name} beside it") from None
    except UnicodeDecodeError:
        raise ImportFault(f"{ann}: {source.name} or {ann.name} is not UTF-8 text") from None
    parsed = parse_ann(content, ann)
    attrs: dict[str, dict] = {entity: {} for entity in parsed.entities}
    for _line, attr, target, word in parsed.attributes:
        if target in attrs:
            attrs[target][unquote(attr)] = True if word is None else decode_word(word)
    notes: dict[str, list[str]] = {entity: [] for entity in parsed.entities}
    for _line, target, note in parsed.notes:
        if target in notes:
            notes[target].append(note)
    annotations = []
    for key, entity in parsed.entities.items():
        where = f"{ann}:{entity.line}"
        start, end = _span(text, entity, where, source.name)
        try:
            annotation = new_annotation(text, start, end, tags.tag(entity.label, ann.parent))
        except ValueError as exc:
            raise ImportFault(f"{where}: {exc}") from None
        note = "\n".join(notes[key])
        annotations.append(annotation.edited(note=note, attrs=attrs[key]))
    return ImportedDocument(name=name, text=text, annotations=annotations)


def _span(text: str, entity: Entity, where: str, source: str) -> tuple[int, int]:
    """One continuous span from the fragments of an entity, checked against the text."""
    parts = sorted(entity.fragments)
    for start, end in parts:
        if not 0 <= start <= end <= len(text):
            raise ImportFault(
                f"{where}: offsets {start}-{end} are outside {source} (length {len(text)})"
            )
    written = " ".join(text[s:e] for s, e in entity.fragments)
    if entity.text is not None and entity.text != written:
        raise ImportFault(
            f"{where}: text {entity.text[:40]!r} does not match {source} at "
            f"{';'.join(f'{s}-{e}' for s, e in entity.fragments)} ({written[:40]!r})"
        )
    for (_, end), (start, _) in zip(parts, parts[1:], strict=False):
        if start < end or not text[end:start].isspace():
            raise ImportFault(
                f"{where}: a discontinuous span (text between its fragments); "
                "readtui spans are continuous"
            )
    return parts[0][0], parts[-1][1]


class _TagNames:
    """Tag names for brat labels: `casualty_figure` is read back as `casualty figure` when a
    visual.conf [labels] line or a tag of the config (readtui.toml, else the defaults) has that
    name; any other label stays as it is."""

    def __init__(self, root: Path):
        self.root = root
        self.config_names = [t.name for t in (*load_config(root).tags, *DEFAULT_TAGS)]
        self.visual: dict[Path, list[str]] = {}

    def tag(self, label: str, folder: Path) -> str:
        for name in (*self._visual_names(folder), *self.config_names):
            if name != label and field_label(name) == label:
                return name
        return label

    def _visual_names(self, folder: Path) -> list[str]:
        """Display names of the nearest visual.conf in `folder` or above it, up to the root."""
        if folder not in self.visual:
            conf = folder / "visual.conf"
            if conf.is_file():
                self.visual[folder] = _labels_section(conf)
            elif folder != self.root and self.root in folder.parents:
                self.visual[folder] = self._visual_names(folder.parent)
            else:
                self.visual[folder] = []
        return self.visual[folder]


def _labels_section(conf: Path) -> list[str]:
    names, section = [], ""
    for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[labels]" and "|" in line and not line.startswith("#"):
            names.append(line.split("|")[1].strip())
    return names


FORMAT = Format(
    name="brat",
    suffix="",
    convert=convert,
    join=join,
    shared=shared,
    description="brat standoff: NAME.txt + NAME.ann pairs (T, A and # note lines)",
    field_labels=True,
)
