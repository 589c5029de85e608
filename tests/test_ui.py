"""The reader driven with Pilot: every key flow a user has."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ARTICLES, SEEDS
from ui_helpers import main_screen, make_app, screen_text, wait_for_index

from syrtui.store import open_store
from syrtui.ui.keymap import Config
from syrtui.ui.screens.dialogs import HelpDialog, NoteEditor, PickDialog
from syrtui.ui.widgets.article import ArticleView

SEED_TITLE = "Hard Times for U.S. Forces in Northeast Syria"


def library_folder(tmp_path: Path) -> Path:
    """The seed plus the layout test articles, in one folder."""
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(SEEDS / "000_306eaadbf64781bc.txt", folder)
    for path in ARTICLES.iterdir():
        shutil.copy(path, folder)
    (folder / "idlib_second.txt").write_text(
        "Shelling resumes around Idlib\n\nPublished: 2020-05-01\n\n"
        "Artillery hit villages south of Idlib on Friday, and Idlib city lost power.\n",
        encoding="utf-8",
    )
    return folder


def entity_row(main, name: str):
    for row in main.entities.actors + main.entities.places:
        if row.entity.name == name:
            return row
    raise AssertionError(f"{name} not in the sidebar: "
                         f"{[r.entity.name for r in main.entities.actors + main.entities.places]}")


async def select_in_sidebar(pilot, main, name: str) -> None:
    """Move to ``name`` in the Actors or Places list by keyboard and press Enter."""
    for list_id, rows in (("#actors", main.entities.actors), ("#places", main.entities.places)):
        names = [r.entity.name for r in rows]
        if name in names:
            await pilot.press("3")
            if list_id == "#places":
                await pilot.press("tab")
            row_list = main.query_one(list_id)
            assert row_list.has_focus
            await pilot.press("home", *(["down"] * names.index(name)), "enter")
            await pilot.pause()
            return
    raise AssertionError(f"{name} not in the sidebar")


async def test_opens_seed_with_three_panes(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = main_screen(app)
        text = screen_text(app)
        assert SEED_TITLE in text
        assert "Documents 1" in text
        assert "Actors" in text and "Places" in text
        assert main.documents.display and main.entities.display
        names = {r.entity.name for r in main.entities.places}
        assert "Idlib" in names and "Deir Ezzor" in names
        assert any(r.entity.name == "ISIS" for r in main.entities.actors)


async def test_index_finishing_keeps_the_detail_of_the_highlighted_row(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = main_screen(app)
        await pilot.press("3")  # the Actors list, its first row highlighted
        await pilot.pause()
        first = main.entities.actors[0].entity
        assert main.selected is None
        assert f"{first.kind} · " in screen_text(app)
        await wait_for_index(pilot, app)
        main._index_done()  # the index may finish after the highlight, as on a fast key
        await pilot.pause()
        text = screen_text(app)
        assert f"{first.kind} · " in text and "Select an entity" not in text


async def test_a_paused_collector_runs_again_once_the_first_screen_is_drawn(
    tmp_path: Path,
) -> None:
    import gc

    app = make_app(data_dir=tmp_path / "data")
    app.collector_paused = True  # as the reader starts it: the cyclic GC off
    gc.disable()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert SEED_TITLE in screen_text(app)
            await pilot.pause()
            assert gc.isenabled()
            assert not app.collector_paused
    finally:
        gc.enable()
        gc.unfreeze()


async def test_next_and_previous_mention(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        article = main_screen(app).article
        await pilot.press("right_square_bracket")
        assert article.current_mention == 0
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert article.current_mention == 2
        await pilot.press("left_square_bracket")
        assert article.current_mention == 1
        # The first mention is in the title; the cursor follows mentions into the body.
        for _ in range(6):
            await pilot.press("right_square_bracket")
        mention = article.mentions[article.current_mention]
        assert article.cursor_paragraph == article.document.paragraph_at(mention.start).index


async def test_select_place_in_sidebar_highlights_and_jumps(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = main_screen(app)
        await select_in_sidebar(pilot, main, "Idlib")
        article = main.article
        assert main.selected.name == "Idlib"
        assert article.selected_entity_id == main.selected.id
        indexes = article.entity_mentions(main.selected.id)
        assert len(indexes) == entity_row(main, "Idlib").count >= 3
        assert article.current_mention == indexes[0]
        detail = screen_text(app)
        assert f"Mentions here: {len(indexes)}" in detail
        assert "Coordinates:" in detail
        # } and { walk through the selected entity's mentions only.
        await pilot.press("2", "right_curly_bracket")
        assert article.current_mention == indexes[1]
        await pilot.press("right_curly_bracket")
        assert article.current_mention == indexes[2]
        await pilot.press("left_curly_bracket")
        assert article.current_mention == indexes[1]
        # Mentions of the selected entity are drawn with the selection style.
        style = article.mention_style(indexes[0])
        assert style.reverse


async def test_enter_on_a_mention_selects_its_entity(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = main_screen(app)
        article = main.article
        await pilot.press("right_square_bracket", "right_square_bracket", "enter")
        mention = article.mentions[1]
        assert main.selected is not None and main.selected.id == mention.entity.id
        assert main.entities.selected_id == mention.entity.id


async def test_escape_clears_the_selection(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = main_screen(app)
        await pilot.press("right_square_bracket", "enter")
        assert main.selected is not None
        await pilot.press("escape")
        assert main.selected is None and main.article.selected_entity_id is None


async def test_search_in_article(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        article = main_screen(app).article
        await pilot.press("slash", *"ceasefire", "enter")
        assert len(article.search_hits) == 2
        first = article.current_hit
        await pilot.press("n")
        assert article.current_hit == (first + 1) % 2
        await pilot.press("N", "N")
        assert article.current_hit == (first - 1) % 2
        hit = article.search_hits[article.current_hit]
        assert article.document.text[hit[0]:hit[1]].casefold() == "ceasefire"
        await pilot.press("escape")
        assert article.search_hits == []


async def test_boilerplate_is_hidden_until_asked(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        article = main_screen(app).article
        lines = [line.text for line in article.layout_cache.lines]
        assert not any("Disclaimer" in line for line in lines)
        assert any("6 blocks of site boilerplate hidden" in line for line in lines)
        await pilot.press("t")
        lines = [line.text for line in article.layout_cache.lines]
        assert any("Disclaimer" in line for line in lines)
        assert "For media inquiries" in screen_text(app)
        await pilot.press("t")
        assert not any("Disclaimer" in line.text for line in article.layout_cache.lines)


async def test_back_and_forward_through_jumps(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = main_screen(app)
        article = main.article
        await pilot.press("j", "j", "j", "j", "j")
        start_paragraph = article.cursor_paragraph
        await select_in_sidebar(pilot, main, "Idlib")
        jumped_to = article.current_mention
        await pilot.press("H")
        assert article.cursor_paragraph == start_paragraph
        await pilot.press("L")
        assert article.current_mention == jumped_to


async def test_other_documents_and_filter_by_entity(tmp_path: Path) -> None:
    folder = library_folder(tmp_path)
    app = make_app([str(folder)], data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        main = main_screen(app)
        seed = next(e for e in app.library.entries if e.title.startswith(SEED_TITLE))
        main.open_entry(seed)
        await pilot.pause()
        await select_in_sidebar(pilot, main, "Idlib")
        assert "other document" in screen_text(app)
        await pilot.press("o")
        dialog = app.screen
        assert isinstance(dialog, PickDialog)
        assert any("Shelling resumes around Idlib" in label for label in dialog.labels)
        target = next(i for i, label in enumerate(dialog.labels) if "Shelling resumes" in label)
        await pilot.press(*(["down"] * dialog.shown.index(target)), "enter")
        await pilot.pause()
        assert main.document.title == "Shelling resumes around Idlib"
        mention = main.article.mentions[main.article.current_mention]
        assert mention.entity.name == "Idlib"
        # Filter the document list to documents that mention Idlib, then clear it.
        await pilot.press("f")
        titles = {main.documents.rows[i].entry.title for i in main.documents.shown}
        assert "Shelling resumes around Idlib" in titles
        assert any(t.startswith(SEED_TITLE) for t in titles)
        assert "Water shortages deepen in Hasakah as Alouk station stays offline" not in titles
        await pilot.press("f")
        assert len(main.documents.shown) == len(app.library.entries)
        # H goes back to the seed.
        await pilot.press("H")
        assert main.document.title.startswith(SEED_TITLE)


async def test_document_list_type_to_filter_and_open(tmp_path: Path) -> None:
    folder = library_folder(tmp_path)
    app = make_app([str(folder)], data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = main_screen(app)
        await pilot.press("1", "slash", *"curfew")
        assert len(main.documents.shown) == 1
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert main.document.title == "Night curfew announced in Daraa al-Balad"
        assert isinstance(app.focused, ArticleView)


async def test_note_and_bookmark_are_saved(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = make_app(data_dir=data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = main_screen(app)
        await pilot.press("j", "j", "a")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Check the ambush figures", "ctrl+s")
        await pilot.pause()
        await pilot.press("b")
        assert main.article.note_paragraphs == {1}
        assert main.article.bookmark_paragraphs == {1}
        assert main.documents.rows[0].notes == 1
    store = open_store(data)
    notes = store.notes()
    assert [n.body for n in notes] == ["Check the ambush figures"]
    assert notes[0].paragraph == 1
    assert notes[0].quote.startswith("The security operation came in response")
    assert [b.paragraph for b in store.bookmarks()] == [1]


async def test_notes_list_jumps_to_the_note(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = make_app(data_dir=data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = main_screen(app)
        document = main.document
        app.store.add_note(document.id, "About Afrin", paragraph=2,
                           quote=document.paragraphs[2].text)
        await pilot.press("v")
        assert isinstance(app.screen, PickDialog)
        assert "About Afrin" in app.screen.labels[0]
        await pilot.press("enter")
        await pilot.pause()
        assert main.article.cursor_paragraph == 2


async def test_copy_quote_and_entity_name(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = main_screen(app)
        await pilot.press("j", "y")
        assert app.clipboard.startswith("“The Syrian Army and local self-defense forces")
        assert app.clipboard.endswith("(South Front, 2020-04-09)")
        await select_in_sidebar(pilot, main, "Idlib")
        await pilot.press("Y")
        assert app.clipboard == "Idlib"


async def test_panes_collapse_at_80_columns_and_toggle(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        main = main_screen(app)
        assert not main.documents.display
        assert main.entities.display
        await pilot.press("D")
        assert main.documents.display
        await pilot.press("D", "E")
        assert not main.documents.display and not main.entities.display
        assert SEED_TITLE.split(".")[0][:30] in screen_text(app)


async def test_too_small_terminal_says_so(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "too small" in text and "40x10" in text


async def test_help_lists_bindings_with_ids(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpDialog)
        ids = {row[3] for row in app.screen.rows}
        assert {"article.next_mention", "reader.add_note", "reader.back"} <= ids
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpDialog)


async def test_every_reader_binding_is_in_the_command_palette(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Note" in titles and "Other docs" in titles
        assert "Article: Next mention" in titles


async def test_keymap_from_config_rebinds_keys(tmp_path: Path) -> None:
    config = Config(keymap={"article.next_mention": "x"})
    app = make_app(data_dir=tmp_path / "data", config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        assert main_screen(app).article.current_mention == 0


async def test_binding_keys_do_not_clash() -> None:
    from syrtui.ui.screens.main import MainScreen

    for owner in (MainScreen, ArticleView):
        seen: dict[str, str] = {}
        for binding in owner.BINDINGS:
            for key in binding.key.split(","):
                assert key not in seen, f"{key} bound to {seen.get(key)} and {binding.id}"
                seen[key] = binding.id
    screen_keys = {k for b in MainScreen.BINDINGS for k in b.key.split(",")}
    article_keys = {k for b in ArticleView.BINDINGS for k in b.key.split(",")}
    assert screen_keys.isdisjoint(article_keys), screen_keys & article_keys


async def test_reading_position_is_restored(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = make_app(data_dir=data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space", "space")
        position = main_screen(app).article.top_position()
        await pilot.press("q")
    assert position is not None and position[0] > 0
    app = make_app(data_dir=data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        restored = main_screen(app).article.top_position()
        assert restored[0] == position[0]


async def test_library_search_opens_the_matching_document(tmp_path: Path) -> None:
    folder = library_folder(tmp_path)
    app = make_app([str(folder)], data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        main = main_screen(app)
        await pilot.press("s", *"negotiations", "enter")
        dialog = app.screen
        assert isinstance(dialog, PickDialog)
        assert len(dialog.labels) == 1
        assert "Night curfew announced in Daraa al-Balad" in dialog.labels[0]
        await pilot.press("enter")
        await pilot.pause()
        assert main.document.title == "Night curfew announced in Daraa al-Balad"
        article = main.article
        assert article.search_hits
        start, end = article.search_hits[article.current_hit]
        assert article.document.text[start:end].casefold() == "negotiations"


async def test_long_article_shows_text_first_then_entities(tmp_path: Path) -> None:
    from syrtui.ui.screens.main import BACKGROUND_EXTRACT

    paragraph = ("Turkish forces shelled villages near Tal Rifaat while the SDF said it "
                 "repelled an attack on its positions outside Manbij. ")
    body = "\n\n".join([paragraph] * (BACKGROUND_EXTRACT // len(paragraph) + 20))
    article = tmp_path / "long.txt"
    article.write_text("A long week around Manbij\n\n" + body, encoding="utf-8")
    app = make_app([str(article)], data_dir=tmp_path / "data", with_index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        main = main_screen(app)
        assert "A long week around Manbij" in screen_text(app)
        for _ in range(600):
            if not main.extracting:
                break
            await pilot.pause(0.05)
        assert not main.extracting
        names = {row.entity.name for row in main.entities.places}
        assert "Manbij" in names
        assert main.article.mentions and main.article.mentions[0].start < 30


async def test_notes_follow_an_edited_article(tmp_path: Path) -> None:
    article = tmp_path / "lib" / "report.txt"
    article.parent.mkdir()
    article.write_text("Report\n\nFirst paragraph about Idlib.\n\nSecond about Raqqa.\n",
                       encoding="utf-8")
    data = tmp_path / "data"
    app = make_app([str(article.parent)], data_dir=data, with_index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "a", *"about Raqqa", "ctrl+s")
        await pilot.pause()
        assert main_screen(app).article.note_paragraphs == {1}
    article.write_text("Report\n\nA new opening line.\n\nFirst paragraph about Idlib.\n\n"
                       "Second about Raqqa.\n", encoding="utf-8")
    app = make_app([str(article.parent)], data_dir=data, with_index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = main_screen(app)
        assert main.article.note_paragraphs == {2}
        notes = app.store.notes(main.document.id)
        assert [n.body for n in notes] == ["about Raqqa"]


async def test_markup_and_escape_sequences_in_an_article_show_literally(tmp_path: Path) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(
        "Breaking [@click=app.quit] news [bold]x[/]\n\n"
        "Body [ @click=app.quit]x[/] and [$accent @click=app.quit]y[/] and a lone [/] "
        "and [link=https://example.org]y[/link] then \x1b[2J\x1b]0;title\x07 "
        "\x1b]52;c;SGVsbG8=\x07 end.\n",
        encoding="utf-8",
    )
    app = make_app([str(article)], data_dir=tmp_path / "data", with_index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        # (Tokens without spaces: lines may wrap at any space.)
        for literal in ("[@click=app.quit]", "[bold]x[/]", "@click=app.quit]x[/]",
                        "[$accent", "@click=app.quit]y[/]", "[/]",
                        "[link=https://example.org]y[/link]", "␛[2J␛]0;title␇"):
            assert literal in text, literal
        assert "\x1b" not in text and "\x07" not in text
        # Clicking on the words that look like actions does nothing but move the cursor.
        await pilot.click(ArticleView, offset=(12, 0))
        await pilot.click(ArticleView, offset=(8, 8))
        await pilot.press("j", "right_square_bracket")
        assert app.is_running and app.return_code is None
