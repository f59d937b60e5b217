#!/usr/bin/env bash
# Fails when a tracked file cites a document that is not in the repository, so a clone stands on
# its own: every rule is stated where it is used or in docs/ (docs/protocol.md, docs/adr/,
# contracts/CHANGES.md). Run by `make standalone-check`, the first check of `make test`.
#
# What counts as an outside citation (case-insensitive):
#   - a path into the design workspace next to the repository (dot-dot-slash "shared");
#   - a section of the product specification or of the background notes: "SPEC", "reference" or
#     "protocol" followed by a section sign;
#   - a section sign that does not follow a named public standard: "RFC 8785 §3.2.4" and
#     "FIPS 180-4 §5.3.5" are fine, a bare section number is not (whose section is it?);
#   - a numbered issue (the word "issue", then a number with or without "#"): state the
#     constraint itself;
#   - the background notes or the house style guide by file name, or one of its numbered rules.
# Lock files are not checked.
#
# The patterns are written so that they do not match their own text ([ ] for a space, [.] for a
# dot, the section sign as a byte escape), so this file passes its own check.
set -euo pipefail
export LC_ALL=C

cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"

section=$'\xc2\xa7'
pathspec=(-- . ':!*.lock' ':!*package-lock.json')

patterns=(
  -e '[.][.]/shared'
  -e "SPEC[ ]$section"
  -e "reference[ ]$section"
  -e "protocol[ ]$section"
  -e 'issues?[ ]#?[0-9]'
  -e '[S]TYLE[ ]rule'
  -e '[S]TYLE[.]md'
  -e 'stateset-sequencer-protocol[.]md'
  -e 'set-contracts-and-anchor[.]md'
  -e 'peers-and-conventions[.]md'
)

named=$(git grep -n -I -i -E "${patterns[@]}" "${pathspec[@]}" || true)
# Lines that still hold a section sign once the sections of public standards are removed (an RFC
# or FIPS number, then one section, or several joined by "/", "and" or ",").
standard="s/(RFC|FIPS) [0-9-]+ $section[0-9A-Za-z.]+(( ?\/ ?| and |, )$section[0-9A-Za-z.]+)*//g"
bare=""
while IFS= read -r line; do
  if printf '%s\n' "${line#*:*:}" | sed -E "$standard" | grep -qF "$section"; then
    bare+="$line"$'\n'
  fi
done < <(git grep -n -I -F "$section" "${pathspec[@]}" || true)

hits=$(printf '%s\n%s\n' "$named" "$bare" | grep -v '^$' | sort -t: -k1,1 -k2,2n -u || true)
if [ -n "$hits" ]; then
  count=$(printf '%s\n' "$hits" | wc -l)
  printf '%s\n' "$hits"
  echo
  echo "check-standalone: $count line(s) above cite a document outside the repository."
  echo "State the fact itself, or link into docs/ (e.g. docs/protocol.md#receipt-bundle)."
  exit 1
fi
echo "check-standalone: no citation of a document outside the repository"
