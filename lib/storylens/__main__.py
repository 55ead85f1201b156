"""``python -m storylens ...``: see :mod:`storylens.cli`."""

from .cli import main

raise SystemExit(main())
