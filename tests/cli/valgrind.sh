#!/bin/sh
# Valgrind memcheck on dxi's own code: no invalid read or write, no use of
# uninitialised memory, no definite leak, for `dxi check` on a study and a
# whole `dxi run` of a scenario (few draws: the paths, not the counts, are
# what matters).  System libraries' process-long caches are suppressed in
# tests/valgrind.supp; nothing of dxi's is.  The sanitizer build is skipped
# (ASan and valgrind do not mix).
. "$(dirname "$0")/tap.inc"
case "${BUILD:-build}" in
  *san*) echo "1..0 # SKIP valgrind does not run the sanitizer build"; exit 0 ;;
esac
if ! command -v valgrind > /dev/null; then echo "1..0 # SKIP valgrind is not installed"; exit 0; fi
vg () { # vg NAME CODE DXI-ARGS...: memcheck clean, dxi's exit code CODE
  name=$1 code=$2; shift 2
  valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
    --errors-for-leak-kinds=definite --suppressions="$ROOT/tests/valgrind.supp" \
    "$DXI" "$@" > "$WORK/vg.out" 2> "$WORK/vg.err"
  rc=$?
  if [ $rc -eq "$code" ]; then ok "$name: memcheck clean (exit $rc)"; else
    not_ok "$name: exit $rc"; grep -E "^==[0-9]+== (Invalid|Conditional|Use of|[0-9,]+ .*definitely)|by 0x.*dxi_" "$WORK/vg.err" | head -20 | sed 's/^/# /'; fi
}
vg "dxi check on the Trafford study" 0 check "$ROOT/scenarios/trafford/study.yaml"
vg "dxi run of the champions scenario, every output" 0 run --quiet --draws 50 \
  "$ROOT/scenarios/trafford/champions.yaml" -o "$WORK/out"
vg "dxi run refusing a missing study (error paths)" 1 run --quiet "$WORK/missing.yaml" -o "$WORK/out2"
done_testing
