"""Frozen entry point of the desktop application."""
import sys

from desktop.app import main

sys.exit(main())
