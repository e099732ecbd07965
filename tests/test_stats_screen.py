"""The statistics screen (issue 11 item 5): the corpus in charts, opened from the palette."""

import shutil
from pathlib import Path

from textual_plotext import PlotextPlot

from readtui.config import Config
from readtui.stats import corpus_statistics
from readtui.tui.app import ReadtuiApp
from readtui.tui.screens.stats import StatsScreen

SAMPLES = Path(__file__).resolve().parents[1] / "sample_articles"


def two_annotators_corpus(tmp_path: Path, annotate) -> Path:
    """Three articles: alice did two (one done), bob one; the third is untouched."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("camp-fire.md", "border-shelling-wire.txt", "hospital-strike.md"):
        shutil.copy(SAMPLES / name, folder / name)
    killed = ("killing at least seven people", "casualty figure")
    store = annotate(folder / "camp-fire.md", [killed])
    store.set_state("alice", "done")
    store.save()
    annotate(folder / "border-shelling-wire.txt", [("Dalvar", "claim")], annotator="alice")
    annotate(folder / "camp-fire.md", [("Fire Tears Through", "claim")], annotator="bob")
    return folder


async def open_statistics(app: ReadtuiApp, pilot) -> StatsScreen:
    await pilot.pause()
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"Statistics", "enter")
    screen = app.screen
    assert isinstance(screen, StatsScreen)
    for _ in range(100):
        await pilot.pause(0.05)
        if screen.statistics is not None:
            break
    return screen


async def test_the_palette_opens_the_corpus_in_charts_and_q_goes_back(
    tmp_path: Path, annotate
) -> None:
    folder = two_annotators_corpus(tmp_path, annotate)
    app = ReadtuiApp([folder], Config(annotator="alice"))
    async with app.run_test(size=(120, 40)) as pilot:
        library = app.screen
        screen = await open_statistics(app, pilot)
        summary = str(screen.query_one("#stats-summary").render())
        assert "3 articles · 2 with annotations · 3 annotations · 2 annotators" in summary
        charts = {plot.id: plot for plot in screen.query(PlotextPlot)}
        assert set(charts) == {"per-annotator", "per-tag", "progress", "created", "done"}
        # what is drawn is the counts: the progress chart's bars for alice and bob
        drawn = {plot_id: str(plot.render()) for plot_id, plot in charts.items()}
        assert "alice" in drawn["progress"] and "bob" in drawn["progress"]
        assert "casualty figure" in drawn["per-tag"] and "claim" in drawn["per-tag"]
        assert "Articles marked done per day" in drawn["done"]
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is library


def test_the_screen_draws_what_readtui_stats_counts(tmp_path: Path, annotate) -> None:
    folder = two_annotators_corpus(tmp_path, annotate)
    statistics = corpus_statistics([folder])
    assert statistics.by_annotator_tag["alice"] == {
        "claim": 1,
        "quote": 0,
        "casualty figure": 1,
    }
    assert statistics.progress["alice"] == {"done": 1, "in progress": 1, "not started": 1}
    assert statistics.progress["bob"]["done"] == 0


async def test_an_unreadable_sidecar_is_counted_apart(tmp_path: Path, annotate) -> None:
    folder = two_annotators_corpus(tmp_path, annotate)
    (folder / "hospital-strike.md.annotations.json").write_text("{not json", encoding="utf-8")
    app = ReadtuiApp([folder], Config(annotator="alice"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_statistics(app, pilot)
        assert "1 sidecar unreadable" in str(screen.query_one("#stats-summary").render())
