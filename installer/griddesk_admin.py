"""Frozen entry point of the administration command line."""
import sys

from desktop.cli import main

sys.exit(main())
