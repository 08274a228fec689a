"""Writing an export file whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path, write: Callable[[Path], object]):
    """Call `write(tmp)` on a file beside `path`, then rename it over `path`; returns what `write` returned.

    A failure or a Cancel part-way leaves neither half a file nor a stray temporary one.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=path.suffix)
    os.close(fd)
    try:
        result = write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return result
