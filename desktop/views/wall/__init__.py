"""The supervisor's wall display: full screen, large type, read-only (SPEC §5, §10)."""

from .window import WallWindow

__all__ = ["WallWindow"]
