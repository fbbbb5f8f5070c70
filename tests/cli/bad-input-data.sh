#!/bin/sh
# The bad-input corpus as data, the way jq's test files pin error messages:
# each tests/bad-input/NNN-name.yaml (a study or scenario; files it alone
# needs in the folder NNN-name/) beside NNN-name.expected, the exact lines
# dxi prints on stderr after its "dxi: " prefix, paths relative to the
# repository.  dxi check runs on each, from the repository root; a case
# whose last line is "# dxi run: ..." (an error only a run reaches) runs
# dxi run into a fresh folder and into one holding a previous result.  Each
# must exit 1 with exactly the expected stderr and write nothing.  Names of
# cases (tests/bad-input/NNN-name.yaml) as arguments run only those.
CASES=$*
. "$(dirname "$0")/tap.inc"

. "$(dirname "$0")/bad-input.inc"

cd "$ROOT" || exit 1
# written: files newer than $WORK/stamp under the repository's top level,
# the corpus, or $WORK (where a run's temporary folder would be).
written () {
  { find . -maxdepth 1 -newer "$WORK/stamp"; find tests/bad-input "$WORK" -newer "$WORK/stamp"; } \
    | grep -v -e '^\.$' -e "^$WORK\$" -e "^$WORK/std" -e "^$WORK/got" -e "^$WORK/prev" | head -3
}

for yaml in ${CASES:-tests/bad-input/*.yaml}; do
  id=${yaml##*/}
  id=${id%.yaml}
  expected=${yaml%.yaml}.expected
  if [ ! -f "$expected" ]; then not_ok "$id: no $expected"; continue; fi
  rm -rf "$WORK/out" "$WORK/prev"
  mkprev "$WORK/prev"
  touch "$WORK/stamp"
  sleep 0.01 2> /dev/null || sleep 1
  if tail -n 1 "$yaml" | grep -q '^# dxi run:'; then
    how=run
    "$DXI" run --quiet "$yaml" -o "$WORK/out" > "$WORK/stdout" 2> "$WORK/stderr"
    got=$?
    "$DXI" run --quiet "$yaml" -o "$WORK/prev" > /dev/null 2>&1
  else
    how=check
    "$DXI" check --quiet "$yaml" > "$WORK/stdout" 2> "$WORK/stderr"
    got=$?
  fi
  sed 's/^dxi: //' "$WORK/stderr" > "$WORK/got"
  if [ "$got" -ne 1 ]; then
    not_ok "$id ($how): exit $got, expected 1 ($(cat "$WORK/stderr"))"; continue
  fi
  if ! cmp -s "$WORK/got" "$expected"; then
    not_ok "$id ($how): stderr differs from $expected"
    diff "$expected" "$WORK/got" | sed 's/^/# /'
    continue
  fi
  if [ -s "$WORK/stdout" ]; then not_ok "$id ($how): printed on stdout"; continue; fi
  if [ -e "$WORK/out" ]; then not_ok "$id ($how): output folder was created"; continue; fi
  if ! prev_intact "$WORK/prev"; then not_ok "$id ($how): previous output was touched"; continue; fi
  new=$(written)
  if [ -n "$new" ]; then not_ok "$id ($how): wrote $new"; continue; fi
  ok "$id ($how): $(head -n 1 "$expected")"
done

done_testing
