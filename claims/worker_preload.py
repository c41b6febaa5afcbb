"""Imported by the fork server `counterclaim add`'s extraction workers are forked from, and by nothing else.

Importing it loads extraction, matching and the shipped parser once, in the server: each
worker forked from it starts ready instead of spending seconds of CPU loading them itself.
"""

import claims.extraction
import claims.workers  # noqa: F401  (the job, and matching)
from claims.syntax import warm_up

warm_up()
