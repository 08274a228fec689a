"""Comprehensive evaluation of grid work (Art. 5, 23; SPEC §7, §11).

periods — "2026-10", "2026-Q4", "2026" in Beijing time; indicators — the catalogue, weights
and the maths of rates and composites; sources — what each indicator counts, as SQL;
scores — scores and rankings per department, township, grid and staff member;
drilldown — the very rows behind a numerator or denominator.
"""
