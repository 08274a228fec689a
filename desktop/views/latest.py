"""Answers of a request sent again before the last one's answer landed: only the latest counts."""

from __future__ import annotations

from collections.abc import Callable

from ..tasks import receiver_gone


class LatestAnswer:
    """A place chosen, then another, before the first's answer came back: the first's landing last
    showed the place left (the map a county after a township was chosen; the status bar another
    place's counts). `send()` marks a new request and returns a wrapper for its callbacks, which
    then run only while no later request was sent, and not on a window deleted meanwhile (the task
    runner's own check sees the wrapper, not what it wraps)."""

    def __init__(self) -> None:
        self._sent = 0

    def send(self) -> Callable[[Callable], Callable]:
        self._sent += 1
        sent = self._sent

        def answer(callback: Callable) -> Callable:
            def landed(*args) -> None:
                if sent == self._sent and not receiver_gone(callback):
                    callback(*args)
            return landed

        return answer
