#!/bin/sh
# The long fuzzing profile: 10,000 broken files per adapter and per register
# (tests/fuzz). Hours on two cores; pass pytest arguments to run a subset, e.g.
#   sh scripts/fuzz-long.sh -k "meta_facebook_posts or access"
# Record the result in docs/reliability.md.
set -eu
cd "$(dirname "$0")/.."
HYPOTHESIS_PROFILE=long exec .venv/bin/pytest tests/fuzz -p no:cacheprovider -q "$@"
