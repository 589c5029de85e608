"""`syrtui config path|show|init`: where the config file is, and a starting one."""

from __future__ import annotations

import argparse
import os
import sys

from syrtui.paths import config_file
from syrtui.ui.keymap import EXAMPLE, load_config


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "config", help="the config file (key map)",
        description="Show where the config file is, or write a commented starting one.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("path", help="print the config file's path").set_defaults(func=run_path)
    actions.add_parser("show", help="print the key map in effect").set_defaults(func=run_show)
    actions.add_parser("init", help="write a commented config file if there is none"
                       ).set_defaults(func=run_init)
    parser.set_defaults(func=run_path)


def run_path(args: argparse.Namespace) -> int:
    print(config_file())
    return 0


def run_show(args: argparse.Namespace) -> int:
    config = load_config()
    if config.problem:
        print(f"syrtui: {config.problem}", file=sys.stderr)
        return 1
    if not config.keymap:
        print("(no key changes: the defaults are in effect)")
    for binding_id, keys in sorted(config.keymap.items()):
        print(f"{binding_id} = {keys}")
    return 0


def run_init(args: argparse.Namespace) -> int:
    path = config_file()
    if path.exists():
        print(f"syrtui: {path} already exists; not overwritten", file=sys.stderr)
        return 1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(EXAMPLE, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        print(f"syrtui: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(path)
    return 0
