#!/usr/bin/env bash
# The README's main command: set up, then classify the clauses of a sample
# statement (not part of the training data) with the default model.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "== themes classify docs/sample-statement.txt (default model: models/default.model)" >&2
build/themes classify docs/sample-statement.txt
