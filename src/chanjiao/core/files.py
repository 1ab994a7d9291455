"""Files that several processes may create at the same moment (a key on first start)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_once(path: Path, data: bytes, mode: int = 0o600) -> bool:
    """Create ``path`` holding ``data`` unless it exists; no reader ever sees it half written.

    The content goes to a temporary file in the same folder first, which is then linked to
    ``path``: the link either appears whole or fails because another process made it first.

    Returns
    -------
    bool
        True when this call created the file, False when it already existed.

    Examples
    --------
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_once(folder / "key", b"first"), write_once(folder / "key", b"second")
    (True, False)
    >>> (folder / "key").read_bytes()
    b'first'
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, mode)
        os.link(temporary, path)
    except FileExistsError:
        return False
    finally:
        os.unlink(temporary)
    return True
