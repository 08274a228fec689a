"""`python3 -m desktop.cli`: the same as the griddesk-admin command."""

import sys

from . import main

sys.exit(main())
