"""Case exchange screens: import of Open311/CSV files and export of the queue as filtered (SPEC §9)."""
