"""Regenerate docs/reader.svg, the README's picture: `python docs/screenshot.py`.

It annotates a copy of a sample article (the sample folder is left alone) and photographs the
reader with the cursor inside overlapping annotations.
"""

import asyncio
import shutil
import tempfile
from pathlib import Path

from readtui.annotations import Annotation
from readtui.config import Config
from readtui.document import load_document
from readtui.store import AnnotationStore
from readtui.tui.app import ReadtuiApp

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "sample_articles" / "valley-floods-wordpress.txt"
SPANS = [
    ("At least 34 people were killed", "casualty figure", "provincial figure, Wednesday"),
    (
        "At least 34 people were killed and dozens more are missing after two days of torrential "
        "rain sent the Sarn River over its banks",
        "claim",
        "",
    ),
    ("dozens more are missing", "casualty figure", ""),
    ("112 people had been injured", "casualty figure", ""),
    ("“We lost everything in one night — the house, the animals, the harvest,”", "quote", ""),
    (
        "the provincial government had been warned of the storm “only hours, not days” before it "
        "struck",
        "claim",
        "disputed by the weather service",
    ),
    ("“only hours, not days”", "quote", ""),
]


async def photograph(folder: Path) -> None:
    article = folder / SAMPLE.name
    shutil.copy(SAMPLE, article)
    document = load_document(article)
    store = AnnotationStore(document)
    with store.batch():
        for phrase, tag, note in SPANS:
            start = document.text.index(phrase)
            end = start + len(phrase)
            store.add(Annotation.create(document.text, start, end, tag, "alice", note=note))
    app = ReadtuiApp([article], Config(annotator="alice"))
    async with app.run_test(size=(150, 34)) as pilot:
        await pilot.press("right_curly_bracket", "w", "w")
        await pilot.press("right_curly_bracket", "right_curly_bracket", "right_curly_bracket")
        await pilot.press("right_parenthesis", "w", "w", "w", "w", "v", "w", "w", "w")
        await pilot.pause()
        app.save_screenshot("reader.svg", str(HERE))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(photograph(Path(folder)))
