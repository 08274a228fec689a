"""Geometry helpers for grids and boundaries (no Qt, no database).

Stored geometry is WGS84 longitude/latitude (CGCS2000 treated as equal); `gcj02` converts
data drawn on Amap/DataV, `projection` gives metres for drawing and areas, `validation`
finds what is wrong with a grid set, `geojson_io` reads and writes the files.
"""
