"""Analysis and evaluation screens: evaluation with drill-down, hotspots, governance, law conformance."""
