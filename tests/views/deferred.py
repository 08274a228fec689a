"""A task runner for tests that holds each task until the test runs it, so answers can land in any order."""

from __future__ import annotations


class Deferred:
    def __init__(self):
        self.queued = []

    def submit(self, fn, *args, on_done=None, on_error=None, **kwargs):
        self.queued.append((fn, args, kwargs, on_done, on_error))

    def run(self, index: int = 0):
        """Run one held task and hand its answer (or its error, where the caller took errors) to its
        callback; returns the task's function."""
        fn, args, kwargs, on_done, on_error = self.queued.pop(index)
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:
            if on_error is None:
                raise
            on_error(exc)
        else:
            on_done(result)
        return fn

    def run_all(self) -> None:
        while self.queued:
            self.run()
