"""One line of key hints for the focused pane, drawn as a single widget."""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Static


class KeyHints(Static):
    """The keys that apply where the focus is, like a footer, without a widget per key.

    Bindings with ``show=True`` in the focused widget's chain are listed, one per action,
    and the command palette key at the end.
    """

    COMPONENT_CLASSES = {"keyhints--key"}

    _shown: Content | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.show_bindings)
        self.show_bindings(self.screen)

    def show_bindings(self, screen: Screen) -> None:
        """List the bindings active on ``screen`` (its own screen only); a no-op when the
        line would not change."""
        if not self.is_attached or screen is not self.screen:
            return
        key_style = Style.from_rich_style(self.get_component_rich_style("keyhints--key"))
        parts: list[Content] = []
        seen: set[str] = set()
        palette = None
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.action == "app.command_palette" or binding.action == "command_palette":
                palette = binding
                continue
            if not binding.show or binding.action in seen or not enabled:
                continue
            seen.add(binding.action)
            parts.append(
                Content.styled(self.app.get_key_display(binding), key_style)
                + Content(f" {binding.description}")
            )
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            parts.append(
                Content.styled(self.app.get_key_display(palette), key_style)
                + Content(" palette")
            )
        line = Content("  ").join(parts)
        if line != self._shown:
            self._shown = line
            self.update(line)
