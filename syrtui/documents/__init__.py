"""Documents: parse article files and list a library of them. No UI code here.

The door: ``open_library(paths) -> Library`` (entries listed cheaply, ``entry.load()``
parses), ``parse_document(text, path) -> Document``, ``clean_text`` for untrusted text.
"""

from syrtui.documents.library import (
    Library,
    LibraryEntry,
    LibraryError,
    Problem,
    UnreadableFile,
    bundled_seeds_dir,
    decode_bytes,
    open_library,
)
from syrtui.documents.model import Document, Link, Paragraph
from syrtui.documents.parse import PARSER_VERSION, document_id, parse_document, parse_header
from syrtui.documents.sanitize import clean_line, clean_text, display_path

__all__ = [
    "PARSER_VERSION",
    "Document",
    "Library",
    "LibraryEntry",
    "LibraryError",
    "Link",
    "Paragraph",
    "Problem",
    "UnreadableFile",
    "bundled_seeds_dir",
    "clean_line",
    "clean_text",
    "decode_bytes",
    "display_path",
    "document_id",
    "open_library",
    "parse_document",
    "parse_header",
]
