"""Run every benchmark in one process and one run: ``python -m bench``.

- ``bench.backends``: the bridge against the bare CAS on the same script, sessions
  against one-shot processes, Macaulay2 against Singular per problem;
- ``bench.fast_dimension``: the fast dimension on a wide (5,000+ weights) and a deep
  (9 layers) network, against a floating-point baseline;
- ``bench.batch``: ``nagbridge batch`` (1 and 2 workers) against one fresh
  ``M2 --script`` process per problem, on 200 small problems
  (``python -m bench.batch --problems N`` for fewer).

``python -m bench.singular_routes`` (Singular's elimination routes against each other)
is separate: elim.lib's ``elim`` alone takes minutes on one of its cases.
"""

import sys

from bench import backends, batch, fast_dimension

for title, run in (
    ("bridge vs bare CAS, session vs one-shot, Macaulay2 vs Singular", backends.main),
    ("fast dimension (Jacobian rank mod p) vs floating SVD", lambda: fast_dimension.main([])),
    ("nagbridge batch (1 and 2 workers) vs one M2 --script per problem", lambda: batch.main([])),
):
    sys.stdout.write(f"\n== {title}\n")
    sys.stdout.flush()
    run()
