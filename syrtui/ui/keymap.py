"""The user's key map: a TOML table of binding id -> keys, read from the config file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from syrtui.paths import config_file

EXAMPLE = """\
# syrtui configuration
#
# [keymap] maps a binding id to one or more keys (comma separated).
# Binding ids are listed in the help screen (press ?) and in the README.
[keymap]
# "article.next_mention" = "right_square_bracket,ctrl+n"
# "reader.quit" = "q"
"""


@dataclass(slots=True)
class Config:
    """What the config file says, and any problem reading it."""

    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    problem: str | None = None


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file is an empty config, a broken one a problem."""
    path = path or config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        return Config(problem=f"Cannot read {path}: {exc.strerror or exc}")
    import tomllib  # only a config file that exists needs the parser

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Config(problem=f"Ignoring {path}: {exc}")
    config = Config()
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        config.problem = f"Ignoring [keymap] in {path}: it must be a table"
        keymap = {}
    for binding_id, keys in keymap.items():
        if isinstance(keys, str) and keys.strip():
            config.keymap[str(binding_id)] = keys.strip()
        elif isinstance(keys, list) and all(isinstance(k, str) for k in keys):
            config.keymap[str(binding_id)] = ",".join(keys)
        else:
            config.problem = f"Ignoring keymap entry {binding_id!r} in {path}: not a key string"
    theme = data.get("theme")
    if isinstance(theme, str):
        config.theme = theme
    return config
