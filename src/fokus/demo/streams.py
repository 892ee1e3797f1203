"""Named random streams, so the demo is reproducible byte for byte.

Each part of the simulation draws from its own stream (seeded with the demo seed
and a name), so adding a writer or a metric never shifts the numbers of another.
``random.Random`` seeds a string through SHA-512, not ``hash()``: stable across runs.
"""

from __future__ import annotations

import random


def stream(seed: int, name: str) -> random.Random:
    """A generator for one named part of the demo."""
    # A seeded simulation, not cryptography: the standard generator is right here.
    return random.Random(f"{seed}:{name}")  # noqa: S311
