"""GridDesk (网格指挥台): township grid-management command center for Beihai."""

__version__ = "0.1.0"
