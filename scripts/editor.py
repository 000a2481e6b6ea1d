"""What the measuring scripts share: finding the built binary, and saving a file the way
editors do."""

import glob
import os
import tempfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_binary():
    """The newest kind of build there is: release first, then debug."""
    for pattern in (".build*/release/cartograph", ".build*/debug/cartograph"):
        for path in sorted(glob.glob(os.path.join(HERE, pattern))):
            if os.access(path, os.X_OK):
                return path
    return None


def save(path, text, prefix=".save-"):
    """Writes like an editor: a temporary file beside the target, renamed over it."""
    folder = os.path.dirname(path)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=prefix)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(temporary, path)
