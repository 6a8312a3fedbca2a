"""`python build.py` is `sitrep build`: builds the site into public/ (arguments pass through).

`python build.py --publish` is `sitrep publish`: build, check, commit to gh-pages.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from sitrep.cli import main  # noqa: E402

if __name__ == "__main__":
    arguments = sys.argv[1:]
    if "--publish" in arguments:             # `python build.py --publish` is `sitrep publish`
        arguments.remove("--publish")
        sys.exit(main(["publish", *arguments]))
    sys.exit(main(["build", *arguments]))
