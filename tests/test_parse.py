"""The parser on the seed and on articles in other layouts."""

from __future__ import annotations

from conftest import ARTICLES, SEEDS

from syrtui.documents import document_id, parse_document, parse_header

SEED = SEEDS / "000_306eaadbf64781bc.txt"


def parse_file(path):
    return parse_document(path.read_text(encoding="utf-8-sig"), str(path))


def assert_offsets_consistent(document) -> None:
    assert document.text.startswith(document.title)
    for paragraph in document.paragraphs:
        assert document.text[paragraph.start : paragraph.end] == paragraph.text


def test_seed_header_fields() -> None:
    document = parse_file(SEED)
    assert document.title == (
        "Hard Times for U.S. Forces in Northeast Syria. Army Prepares for Idlib Escalation"
    )
    assert document.date == "2020-04-09"
    assert document.source == "South Front"
    assert document.byline == "By South Front"
    assert document.metadata["Region"] == "Middle East & North Africa"
    assert document.metadata["Theme"] == "US NATO War Agenda"
    assert document.metadata["In-depth Report"] == "SYRIA"
    assert_offsets_consistent(document)


def test_seed_has_eight_body_paragraphs_and_no_boilerplate_in_body() -> None:
    document = parse_file(SEED)
    assert len(document.paragraphs) == 8
    assert document.paragraphs[0].text.startswith("The Syrian Army and local self-defense")
    assert document.paragraphs[-1].text.startswith("The situation reached such an extent")
    for phrase in ("original source", "Copyright", "Disclaimer", "Comment on",
                   "Become a Member", "media inquiries", "Articles by", "Region:"):
        assert phrase not in document.text
    assert any(line.startswith("The original source") for line in document.boilerplate)
    assert any(line.startswith("For media inquiries") for line in document.boilerplate)
    assert len(document.boilerplate) == 6


def test_plain_text_without_metadata() -> None:
    document = parse_file(ARTICLES / "plain_no_metadata.txt")
    assert document.title.startswith("Water shortages deepen in Hasakah")
    assert document.date is None and document.source is None and document.byline is None
    assert len(document.paragraphs) == 3
    assert document.boilerplate == []
    assert_offsets_consistent(document)


def test_markdown_headings_lists_quotes_and_links() -> None:
    document = parse_file(ARTICLES / "markdown_headings.md")
    assert document.title == "Aleppo countryside: a week of shelling in review"
    assert document.date == "2021-03-14"
    assert document.source == "Syria Monitor Desk"
    assert [h.text for h in document.headings] == ["What happened", "What comes next"]
    items = [p for p in document.paragraphs if p.kind == "list-item"]
    assert [(p.text, p.level) for p in items] == [
        ("Atareb market was struck on Tuesday.", 1),
        ("Two schools in Darat Izza were closed.", 1),
        ("One reopened on Thursday.", 2),
    ]
    quote = next(p for p in document.paragraphs if p.kind == "quote")
    assert quote.text.startswith("Nobody here believes")
    linked = next(p for p in document.paragraphs if p.links)
    link = linked.links[0]
    assert linked.text[link.start : link.end] == "monitor's daily log"
    assert link.target == "https://example.org/log"
    assert "](" not in document.text and "*" not in document.text
    assert_offsets_consistent(document)


def test_other_dateline_format_and_publisher_line() -> None:
    document = parse_file(ARTICLES / "dateline_variant.txt")
    assert document.date == "2020-09-03"
    assert document.source == "Enab Baladi"
    assert document.paragraphs[0].text.startswith("DEIR EZ-ZOR")
    assert document.boilerplate == ["Copyright 2020 Enab Baladi. All rights reserved."]
    assert "All rights reserved" not in document.text


def test_title_only() -> None:
    document = parse_file(ARTICLES / "title_only.txt")
    assert document.title == "Russian envoy arrives in Damascus for talks"
    assert document.paragraphs == []
    assert document.text == document.title


def test_crlf_and_byte_order_mark() -> None:
    raw = (ARTICLES / "crlf_bom.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    document = parse_document(raw.decode("utf-8"), "crlf_bom.txt")
    assert document.title == "Night curfew announced in Daraa al-Balad"
    assert document.source == "Hauran Free League"
    assert document.date == "2021-06-24"
    assert len(document.paragraphs) == 2
    assert "\r" not in document.text and "\ufeff" not in document.text
    # Wrapped lines join into one paragraph.
    assert "Thursday, after a week" in document.paragraphs[0].text


def test_identity_ignores_line_endings_and_whitespace() -> None:
    text = SEED.read_text(encoding="utf-8")
    crlf = "\ufeff" + text.replace("\n", "\r\n") + "\n\n"
    assert document_id(text) == document_id(crlf)
    assert document_id(text) != document_id(text.replace("Idlib", "Idleb"))


def test_header_parse_matches_full_parse() -> None:
    for path in [SEED, *sorted(ARTICLES.iterdir())]:
        text = path.read_text(encoding="utf-8-sig")
        full, head = parse_document(text, str(path)), parse_header(text, str(path))
        assert (head.title, head.date, head.source, head.byline) == (
            full.title, full.date, full.source, full.byline
        ), path.name


def test_markup_and_controls_in_text_are_kept_literal_but_neutralised() -> None:
    text = "Title [bold]x[/]\n\nBody \x1b]52;c;SGVsbG8=\x07 and [@click=app.quit]y[/] \u202e rev"
    document = parse_document(text, "x.txt")
    assert "[bold]x[/]" in document.title
    body = document.paragraphs[0].text
    assert "\x1b" not in body and "\x07" not in body and "\u202e" not in body
    assert "␛]52;c;SGVsbG8=␇" in body
    assert "[@click=app.quit]y[/]" in body
    assert document.notices and "control character" in document.notices[0]


def test_untitled_long_first_paragraph_takes_title_from_file_name() -> None:
    long = "Fighting continued " * 20
    document = parse_document(long + "\n\nSecond paragraph.", "/x/aleppo_update-2.txt")
    assert document.title == "aleppo update 2"
    assert len(document.paragraphs) == 2


def test_a_press_release_closing_section_is_boilerplate() -> None:
    body = "\n\n".join(
        f"Paragraph {n} of the release tells what the teams saw in Idlib." for n in range(6)
    )
    text = (
        "Clinics close as funding falls\n\n" + body + "\n\nNotes to editors\n\n"
        "- The group has worked in Syria since 2012.\n\n"
        "Media contact: Rasha Youssef, press office"
    )
    document = parse_document(text)
    assert "Notes to editors" not in document.text
    assert "since 2012" not in document.text
    assert document.paragraphs[-1].text.startswith("Paragraph 5")
    assert document.boilerplate[0] == "Notes to editors"
    assert_offsets_consistent(document)


def test_an_about_heading_early_in_the_body_is_not_a_tail() -> None:
    text = "A title\n\nAbout Idlib\n\n" + "\n\n".join(
        f"Paragraph {n} about the town." for n in range(6)
    )
    document = parse_document(text)
    assert document.paragraphs[-1].text == "Paragraph 5 about the town."
    assert document.boilerplate == []


def test_an_about_section_of_the_article_itself_stays_in_the_body() -> None:
    text = "A title\n\n" + "\n\n".join(f"Paragraph {n} of the story." for n in range(6)) + (
        "\n\nAbout Raqqa\n\nThe city lies on the Euphrates."
    )
    document = parse_document(text)
    assert document.paragraphs[-1].text == "The city lies on the Euphrates."
    document = parse_document(text.replace("About Raqqa", "About the IRC"))
    assert document.paragraphs[-1].text == "Paragraph 5 of the story."
