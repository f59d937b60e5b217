#!/usr/bin/env bash
# Fails when a tracked file cites a document that is not in the repository, so a clone stands on
# its own: every rule is stated where it is used or in docs/ (docs/protocol.md, docs/adr/,
# contracts/CHANGES.md). Run by `make standalone-check`, the first check of `make test`.
#
# What counts as an outside citation (case-insensitive):
#   - a path into the design workspace next to the repository (dot-dot-slash "shared");
#   - a section of the product specification or of the background notes: "SPEC", "reference" or
#     "protocol" followed by a section sign;
#   - a numbered issue (the word "issue", then a number with or without "#"): state the
#     constraint itself;
#   - the background notes or the house style guide by file name, or one of its numbered rules.
# Public standards are fine (RFC 8785 §3.2.4, FIPS 180-4 §5.3.5). Lock files are not checked.
#
# Each pattern below is written so that it does not match its own text ([ ] for a space,
# [.] for a dot), so this file passes its own check.
set -euo pipefail

cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"

patterns=(
  -e '[.][.]/shared'
  -e 'SPEC[ ]§'
  -e 'reference[ ]§'
  -e 'protocol[ ]§'
  -e 'issues?[ ]#?[0-9]'
  -e 'STYLE[ ]rule'
  -e 'STYLE[.]md'
  -e 'stateset-sequencer-protocol[.]md'
  -e 'set-contracts-and-anchor[.]md'
  -e 'peers-and-conventions[.]md'
)

if hits=$(git grep -n -I -i -E "${patterns[@]}" -- . ':!*.lock' ':!*package-lock.json'); then
  count=$(printf '%s\n' "$hits" | wc -l)
  printf '%s\n' "$hits"
  echo
  echo "check-standalone: $count line(s) above cite a document outside the repository."
  echo "State the fact itself, or link into docs/ (e.g. docs/protocol.md#receipt-bundle)."
  exit 1
fi
echo "check-standalone: no citation of a document outside the repository"
