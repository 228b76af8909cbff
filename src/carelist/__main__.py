"""`python -m carelist`."""

import sys

from carelist.cli import main

sys.exit(main())
