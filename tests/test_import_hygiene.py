"""The core modules must load without the UI toolkit: scripts and the CLI stay light."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "syrtui.documents",
    "syrtui.entities",
    "syrtui.store",
    "syrtui.index",
    "syrtui.cli.docs",
    "syrtui.cli.extract",
    "syrtui.cli.notes",
    "syrtui.cli.search",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} pulled in {result.stdout.strip()}"


def test_the_reader_loads_dialogs_export_and_process_pools_on_first_use() -> None:
    code = (
        "import sys, syrtui.cli.reader, syrtui.ui.app\n"
        "late = ('syrtui.ui.screens.dialogs', 'syrtui.store.export', 'multiprocessing',\n"
        "        'concurrent.futures.process', 'tomllib')\n"
        "print(','.join(m for m in late if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"loaded at start: {result.stdout.strip()}"
