"""Build the hostile-input corpus: article files that try to break syrtui.

Every case is described by a ``Case`` (its file name, what it tries, what the reader must
do). Every case is generated into a folder at test time, so no binary, huge or oddly
named file is committed.

Run by hand: ``python tests/hostile/make_corpus.py DEST`` writes every case into DEST.
"""

from __future__ import annotations

import gzip
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"

# Exact byte strings that must never reach the terminal from an article. The markers
# around CSI sequences tell an injected sequence apart from the ones Textual itself writes.
FORBIDDEN_BYTES: tuple[bytes, ...] = (
    b"\x1b]52;",  # OSC 52: write the clipboard
    b"\x1b]0;pwned",  # OSC 0: window title
    b"\x1b]2;pwned",  # OSC 2: window title
    b"\x1b]8;;https://evil",  # OSC 8: hyperlink
    b"\x1bPq",  # DCS (sixel)
    b"\x1bP+q",  # DCS (termcap query)
    b"zzCLEAR\x1b[2J",
    b"zzMOVE\x1b[10;10H",
    b"zzSGR\x1b[5;31m",
    b"zzBEL\x07",
    "\u202e".encode(),
    "\u202d".encode(),
    "\u2066".encode(),
    "\u2067".encode(),
    "\u2068".encode(),
    "\u2069".encode(),
)


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile input.

    ``expect`` is "document" (opens and shows ``shows``), "skipped" (listed as a skipped
    file with ``shows`` as the reason) or "library" (the folder opens; the bad entry is
    reported or ignored). ``run`` groups cases that can share one run of the reader.
    """

    name: str
    tries: str
    must: str
    expect: str
    shows: str
    run: str = "text"


def _markup_title() -> str:
    return (
        "[bold]Markup[/bold] [@click=app.quit]title[/] [$accent]zzTITLE\n\n"
        "Source: [link=file:///etc/passwd]Agency[/link]\n"
        "Published: 2024-03-01\n"
        "Author: [@click=app.bell]Reporter[/]\n\n"
        "Body with [bold]bold[/bold], an unbalanced [/] close, [/bold] and [b]\n"
        "plus [@click=app.quit]click to quit[/] and [@click=app.bell]ring[/].\n\n"
        "Textual variables: [$accent]accent[/] $text $accent [$text-muted on $error]x[/]\n"
        "and a link [link=file:///etc/passwd]passwd[/link] and [link='x']y[/link].\n\n"
        "Rich styles [red on blue]colour[/] [blink]blink[/] [reverse]rev[/reverse] end.\n"
    )


def _terminal_body() -> str:
    return (
        "Terminal zzTERM title " + ESC + "]0;pwned" + BEL + "\n\n"
        "Clear zzCLEAR" + ESC + "[2J and home " + ESC + "[H then "
        "zzMOVE" + ESC + "[10;10H moved.\n\n"
        "SGR zzSGR" + ESC + "[5;31m blinking red" + ESC + "[0m and bell zzBEL" + BEL + ".\n\n"
        "Title " + ESC + "]0;pwned" + BEL + " and " + ESC + "]2;pwned" + ST + " windows.\n\n"
        "Link " + ESC + "]8;;https://evil.example/" + ST + "click" + ESC + "]8;;" + ST + ".\n\n"
        "Clipboard " + ESC + "]52;c;cm0gLXJmIH4=" + BEL + " written.\n\n"
        "DCS " + ESC + "Pq#0;2;0;0;0#1~~" + ST + " and " + ESC + "P+q544e" + ST + ".\n\n"
        "C1 controls: CSI\x9b2J OSC\x9d0;pwned\x9c DCS\x90x NEL\x85 and \x80\x9f.\n\n"
        "Backspace\x08\x08\x08 overwrite, carriage\rreturn, vertical\x0btab, form\x0cfeed, "
        "delete\x7f.\n"
    )


def _bidi_body() -> str:
    return (
        "Bidi zzBIDI overrides\n\n"
        "Invoice \u202eexe.txt\u202c and \u202dforced LTR\u202c and \u202aembed\u202c "
        "\u202bembed rtl\u202c.\n\n"
        "Isolates \u2066left\u2069 \u2067right\u2069 \u2068first strong\u2069.\n\n"
        "Arabic: \u0642\u0635\u0641 \u0639\u0644\u0649 \u0625\u062f\u0644\u0628 "
        "(shelling on Idlib) and \u062d\u0644\u0628 Aleppo.\n"
    )


def _width_body() -> str:
    stacked = "Z" + "\u0301\u0316\u0334" * 17  # 51 combining marks on one letter
    return (
        "Wide zzWIDE and stacked marks\n\n"
        f"Combining stack: {stacked} end.\n\n"
        "Zero width: a\u200bb\u200cc\u200dd\u2060e\ufefff and \u200e\u200f marks.\n\n"
        "CJK \u5927\u9a6c\u58eb\u9769 \u53d9\u5229\u4e9a\u5185\u6218 " * 8 + "\n\n"
        "Emoji \U0001f4a3\U0001f525\U0001f1f8\U0001f1fe \U0001f468\u200d\U0001f469\u200d"
        "\U0001f467 family " * 6 + "\n"
    )


MARKUP_NAME = "[bold]name [@click=app.quit]x [$accent] $text.txt"  # no "/" in a name

TEXT_CASES: dict[str, tuple[Case, str | bytes]] = {}


def _text(case: Case, content: str | bytes) -> None:
    TEXT_CASES[case.name] = (case, content)


_text(Case("markup_title.txt", "Rich/Textual markup in title, metadata and body: [bold], "
           "[/], [@click=app.quit], [@click=app.bell], [link=file:///etc/passwd], "
           "[$accent], $text",
           "show every bracket literally; no action runs, no link is made",
           "document", "zzTITLE"), _markup_title())
_text(Case("terminal_injection.txt", "CSI 2J, cursor moves, SGR, OSC 0/2/8/52, DCS, BEL, "
           "C1 controls (U+009B, U+009D), BS/CR/VT/FF/DEL",
           "show controls as visible pictures; none reaches the terminal",
           "document", "zzTERM"), _terminal_body())
_text(Case("bidi.txt", "bidi overrides and isolates U+202A-U+202E, U+2066-U+2069; Arabic",
           "remove the overrides, keep the Arabic text", "document", "zzBIDI"), _bidi_body())
_text(Case("wide.txt", "combining marks 51 deep, zero-width characters, wide CJK, emoji "
           "and ZWJ sequences", "lay out within the pane width; no crash",
           "document", "zzWIDE"), _width_body())
_text(Case("empty.txt", "an empty file", "skip it with a notice", "skipped", "empty file"), b"")
_text(Case("whitespace.txt", "only spaces, tabs and newlines",
           "skip it with a notice", "skipped", "empty file"), b" \t\n\r\n   \n\t\t\n")
_text(Case("nul_bytes.txt", "NUL bytes all through the text",
           "skip it as binary with a notice", "skipped", "NUL bytes"),
      b"zzNUL\x00title\n\n" + b"a\x00b\x00c\x00" * 200)
_text(Case("one_nul.txt", "a single NUL byte in an otherwise good article",
           "open it; the NUL shows as a visible picture", "document", "zzONENUL"),
      b"zzONENUL one stray byte\n\nText with one \x00 NUL in it.\n")
_text(Case("image.txt", "a PNG image named like an article",
           "skip it as binary with a notice", "skipped", "PNG image"),
      b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
_text(Case("archive.md", "a gzip archive named like an article",
           "skip it as binary with a notice", "skipped", "gzip archive"),
      gzip.compress(b"\x1b]52;c;cm0gLXJmIH4=\x07 hidden inside\n" * 50, mtime=0))
_text(Case("invalid_utf8.txt", "invalid UTF-8 (stray continuation bytes, an overlong "
           "form, a C1 byte)",
           "decode as Windows-1252 with a visible notice", "document", "zzBADUTF8"),
      b"zzBADUTF8 caf\xe9 in Damascus\n\nOverlong \xc0\xaf slash, lone \x80\x9b2J byte, "
      b"\xff\xfe end.\n")
_text(Case("utf16_bom.txt", "UTF-16 little endian with a byte-order mark",
           "decode as UTF-16 with a notice", "document", "zzUTF16"),
      "zzUTF16 report from Homs\n\nThe text is in UTF-16 with a BOM.\n".encode("utf-16"))
_text(Case("utf16_be.txt", "UTF-16 big endian with a byte-order mark",
           "decode as UTF-16 with a notice", "document", "zzUTF16BE"),
      b"\xfe\xff" + "zzUTF16BE report\n\nBig endian text.\n".encode("utf-16-be"))
_text(Case("latin1.txt", "Latin-1 text (not UTF-8)",
           "decode as Windows-1252 with a visible notice", "document", "zzLATIN"),
      "zzLATIN Réfugiés à Alep\n\nLes déplacés de la région.\n".encode("latin-1"))
_text(Case("crlf.txt", "CRLF line ends", "read like LF", "document", "zzCRLF"),
      b"zzCRLF Windows lines\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n")
_text(Case("lone_cr.txt", "lone CR line ends (old Mac)", "read like LF", "document",
           "zzLONECR"),
      b"zzLONECR old lines\r\rFirst paragraph.\r\rSecond paragraph.\r")
_text(Case("name with spaces.txt", "spaces in the file name", "open normally",
           "document", "zzSPACES"), "zzSPACES in the name\n\nBody.\n")
_text(Case("name\nwith\nnewlines.txt", "newlines in the file name",
           "open; the name is shown on one line", "document", "zzNEWLINES"),
      "zzNEWLINES in the name\n\nBody.\n")
_text(Case("esc\x1b]0;pwned\x07name.txt", "an OSC title sequence in the file name",
           "open; the name is shown with visible pictures", "document", "zzESCNAME"),
      "zzESCNAME control in the name\n\nBody.\n")

SPECIAL_CASES: tuple[Case, ...] = (
    Case("non_utf8_\udce9\udcff.txt", "non-UTF-8 bytes in the file name",
         "open; undecodable bytes shown as U+FFFD", "document", "zzBADNAME"),
    Case("unreadable.txt", "a file the process cannot read (mode 000; as root, a "
         "directory named like an article stands in)",
         "skip it with a notice", "skipped", "permission denied"),
    Case("folder.txt", "a directory named like an article",
         "walk into it; nothing to show from it, no crash", "library", ""),
    Case("loop", "a directory loop through symlinks", "visit each folder once; no hang",
         "library", "symlink loop"),
    Case("dangling.txt", "a dangling symlink", "skip it with a notice", "skipped",
         "broken symbolic link"),
    Case("fifo.txt", "a FIFO named like an article (a read would block forever)",
         "skip it without opening it; no hang", "skipped", "not a regular file"),
    Case("one_mb_line.txt", "a 1 MB single line", "open and scroll; wraps to the width",
         "document", "zzONEMB", run="big-line"),
    Case("many_paragraphs.txt", "100,000 paragraphs", "open; stays responsive",
         "document", "zzMANY", run="many"),
    Case(MARKUP_NAME, "markup in a file name, shown in its skipped-file notice (the file "
         "is empty)", "show the name literally in the notice", "skipped", "empty file",
         run="big-line"),
    Case("twenty_mb.txt", "a 20 MB file", "skip it as too large; the rest opens",
         "skipped", "too large", run="huge"),
)

ALL_CASES: tuple[Case, ...] = tuple(case for case, _ in TEXT_CASES.values()) + SPECIAL_CASES


def fs_name(name: str) -> str | bytes:
    """The name as the file system gets it (surrogate escapes become raw bytes)."""
    return os.fsencode(name) if any("\udc80" <= c <= "\udcff" for c in name) else name


def write_text_cases(dest: Path, names: tuple[str, ...] | None = None) -> None:
    """Write the small text cases into ``dest`` (all, or only ``names``)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name, (_, content) in TEXT_CASES.items():
        if names is not None and name not in names:
            continue
        data = content.encode() if isinstance(content, str) else content
        (dest / name).write_bytes(data)


def write_special_cases(dest: Path) -> None:
    """Write the file-system cases (not the big ones) into ``dest``. The mode-000 file
    stays readable when the tests run as root."""
    dest.mkdir(parents=True, exist_ok=True)
    bad = os.path.join(os.fsencode(dest), b"non_utf8_\xe9\xff.txt")
    with open(bad, "wb") as handle:
        handle.write(b"zzBADNAME undecodable file name\n\nBody.\n")
    unreadable = dest / "unreadable.txt"
    unreadable.write_text("zzSECRET must not be shown\n\nBody.\n")
    unreadable.chmod(0)
    folder = dest / "folder.txt"
    folder.mkdir()
    loop = dest / "loop"
    loop.mkdir()
    (loop / "inner").mkdir()
    os.symlink("..", loop / "inner" / "back")
    os.symlink(".", loop / "self")
    os.symlink("does-not-exist.txt", dest / "dangling.txt")
    os.mkfifo(dest / "fifo.txt")


def write_big_line(dest: Path) -> Path:
    """A title, then a single line of about 1 MB of words."""
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / "one_mb_line.txt"
    words = "Aleppo Idlib Homs Damascus Raqqa Deir ez-Zor Daraa Latakia "
    path.write_text("zzONEMB one line\n\n" + words * (1_000_000 // len(words)) + "\n")
    return path


def write_many_paragraphs(dest: Path, count: int = 100_000) -> Path:
    """A title and ``count`` short paragraphs."""
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / "many_paragraphs.txt"
    with open(path, "w") as handle:
        handle.write("zzMANY paragraphs\n\n")
        for number in range(count):
            handle.write(f"Paragraph {number} from Aleppo.\n\n")
    return path


def write_markup_named(dest: Path) -> Path:
    """An empty file whose name is markup: the reader shows the name in a notice."""
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / MARKUP_NAME
    path.write_bytes(b"")
    return path


def write_twenty_mb(dest: Path) -> Path:
    """A 20 MB plain-text file (over the 16 MB limit)."""
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / "twenty_mb.txt"
    line = ("zzTWENTY " + "x" * 90 + "\n").encode()
    with open(path, "wb") as handle:
        for _ in range(20 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    return path


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: make_corpus.py DEST", file=sys.stderr)
        return 2
    dest = Path(argv[1])
    if dest.exists():
        shutil.rmtree(dest)
    write_text_cases(dest / "text")
    write_special_cases(dest / "special")
    for writer in (write_big_line, write_markup_named, write_many_paragraphs, write_twenty_mb):
        writer(dest / "big")
    print(f"wrote {len(ALL_CASES)} cases under {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
