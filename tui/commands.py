"""The command palette offers every binding of the main screen by its description."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.keys import key_label


class DeskCommands(Provider):
    """Review, find, view and export actions, the same ones the keys run."""

    def _commands(self):
        from tui.screens.desk_keys import all_bindings
        from tui.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return []
        commands = []
        for binding in all_bindings(screen):
            if binding.action in ("command_palette", "focus_next") or not binding.description:
                continue
            what = binding.tooltip or binding.description
            commands.append(
                (binding.description, binding.action, f"{what} (key {key_label(binding)})")
            )
        return commands

    async def discover(self) -> Hits:
        for name, action, help_text in self._commands():
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._run, action), help=help_text
                )

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)
