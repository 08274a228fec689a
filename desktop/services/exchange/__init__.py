"""Data exchange of cases: Open311 GeoReport v2 JSON in and out, CSV/XLSX of the queue (SPEC §9)."""
