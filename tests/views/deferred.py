"""A task runner for tests that holds each task until the test runs it, so answers can land in any order."""

from __future__ import annotations

from desktop.tasks import SyncTaskRunner


class Deferred:
    def __init__(self):
        self.queued = []
        self._answer = SyncTaskRunner()  # answers (and errors, where the caller took them) as the app's runner does

    def submit(self, fn, *args, **kwargs):
        self.queued.append((fn, args, kwargs))

    def run(self, index: int = 0):
        """Run one held task and hand its answer to its callback; returns the task's function."""
        fn, args, kwargs = self.queued.pop(index)
        self._answer.submit(fn, *args, **kwargs)
        return fn

    def run_all(self) -> None:
        while self.queued:
            self.run()
