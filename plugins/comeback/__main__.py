"""`python -m comeback`: the same as the `comeback` command."""

import sys

from comeback.cli import main

sys.exit(main())
