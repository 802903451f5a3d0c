"""``python -m wxshop.sweep``: see :mod:`wxshop.sweep.cli`."""
import sys

from wxshop.sweep.cli import main

sys.exit(main())
