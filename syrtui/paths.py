"""Where syrtui keeps per-user files: data (notes), config (keymap), cache (library index)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "syrtui"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: ``override``, else ``$SYRTUI_DATA_DIR``, else the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("SYRTUI_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The config directory (``$SYRTUI_CONFIG_DIR`` overrides it)."""
    env = os.environ.get("SYRTUI_CONFIG_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    """The TOML config file (key map and preferences)."""
    return config_dir() / "config.toml"


def cache_dir() -> Path:
    """The cache directory for the library index (``$SYRTUI_CACHE_DIR`` overrides it)."""
    env = os.environ.get("SYRTUI_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
