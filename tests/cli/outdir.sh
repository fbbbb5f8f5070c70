#!/bin/sh
# Output folders lose nothing: dxi replaces only a folder it wrote itself,
# never one holding its inputs, the working folder or an ancestor; follows a
# symbolic link without replacing it; runs into one folder take turns on a
# lock; killed, full-disk and read-only runs leave the previous folder as it
# was.  Each case checks the exit code, the message and the files after.
. "$(dirname "$0")/tap.inc"

# A project of our own in $WORK/proj (a copy of the study, catalogue and
# data), so that no case can touch the repository's files.
PROJ=$WORK/proj
mkdir -p "$PROJ/scenarios" "$PROJ/data"
cp -r "$ROOT/indicators" "$PROJ/"
cp -r "$ROOT/scenarios/trafford" "$PROJ/scenarios/"
cp -r "$ROOT/data/trafford" "$PROJ/data/"
STUDY=$PROJ/scenarios/trafford/study.yaml
tree_sum () { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum); }
PROJ_SUM=$(tree_sum "$PROJ")

# run NAME [dxi run options...]: dxi run on the study, exit code in $rc,
# stderr in $WORK/err.
run () { "$DXI" run --quiet "$STUDY" "$@" > /dev/null 2> "$WORK/err"; rc=$?; }
# refused NAME PATTERN: the last run failed with exit 1 and a message matching PATTERN.
refused () {
  if [ $rc -eq 1 ] && grep -Eq -- "$2" "$WORK/err"; then ok "$1"; else not_ok "$1 (exit $rc: $(cat "$WORK/err"))"; fi
}
no_temp () { # no_temp DIR: no temporary folder nor lock left in DIR
  check "$1: no temporary folder or lock left" sh -c "! ls -A '$1' | grep -q 'dxi-tmp\|dxi-lock'"
}
# complete DIR: a whole dxi output, every file in its manifest listed and there.
complete () {
  python3 - "$1" <<'EOF'
import json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json")))
files = sorted(os.listdir(d))
sys.exit(not (m["dxi"] and sorted(m["outputs"] + ["manifest.json"]) == files and "areas.csv" in files
              and "map.pdf" in files and m["outputs"] == sorted(m["outputs"])))
EOF
}

# A fresh folder, then the same folder again: dxi's own, so it is replaced.
run -o "$WORK/out"
check "a fresh folder is written (exit $rc)" test $rc -eq 0
check "its manifest lists exactly the files in it, sorted" complete "$WORK/out"
echo stale > "$WORK/out/areas.csv"
run -o "$WORK/out"
check "a folder dxi wrote is replaced by the next run (exit $rc)" sh -c "test $rc -eq 0 && ! grep -q '^stale' '$WORK/out/areas.csv'"
no_temp "$WORK"

# A folder of the user's own files is refused, named, and left untouched.
mkdir -p "$WORK/mine/sub" && echo precious > "$WORK/mine/notes.txt" && echo deep > "$WORK/mine/sub/data.csv"
before=$(tree_sum "$WORK/mine")
run -o "$WORK/mine"
refused "a folder dxi did not write is refused" "'$WORK/mine' already exists and was not written by dxi \(it holds 'notes.txt', 'sub'\).*--force"
check "... and left exactly as it was" test "$(tree_sum "$WORK/mine")" = "$before"
run -o "$WORK/mine/"
refused "... also named with a trailing slash" "not written by dxi"
run -o "$WORK/mine" --force
check "--force replaces it on purpose (exit $rc)" sh -c "test $rc -eq 0 && test ! -e '$WORK/mine/notes.txt'"
check "... with a complete output" complete "$WORK/mine"

# A dxi folder the user has since added a file to.
echo "my notes" > "$WORK/out/notes.docx"
run -o "$WORK/out"
refused "a dxi folder holding a file dxi did not write is refused, naming it" "now also holds 'notes.docx', which dxi did not write"
check "... and the file is still there" grep -q "my notes" "$WORK/out/notes.docx"
rm "$WORK/out/notes.docx"
printf '{"dxi": "0.1.0", "outputs": "areas.csv"}\n' > "$WORK/fake.json"
mkdir -p "$WORK/badman" && cp "$WORK/fake.json" "$WORK/badman/manifest.json" && echo x > "$WORK/badman/areas.csv"
run -o "$WORK/badman"
refused "a manifest that is not dxi's (no outputs list) does not make a folder dxi's" "not written by dxi"

# Folders that hold the run's inputs: never, not even with --force.
for target in "$PROJ/scenarios/trafford" "$PROJ/data/trafford" "$PROJ/data/trafford/boundaries" "$PROJ/data" "$PROJ"; do
  run -o "$target" --force
  refused "--force still refuses ${target#$WORK/}, which holds an input" "holds '.*', an input of this run"
done
check "the project's files are all still there, unchanged" test "$(tree_sum "$PROJ")" = "$PROJ_SUM"
(cd "$PROJ/scenarios/trafford" && "$DXI" run --quiet study.yaml -o . --force > /dev/null 2> "$WORK/err"); rc=$?
refused "'.' (the study's own folder) is refused" "'\.' (is the working folder|holds 'study.yaml')"
mkdir -p "$WORK/elsewhere"
(cd "$WORK/elsewhere" && "$DXI" run --quiet "$STUDY" -o . --force > /dev/null 2> "$WORK/err"); rc=$?
refused "'.' is refused even when it holds no input" "'\.' is the working folder or holds it"
(cd "$WORK/elsewhere" && "$DXI" run --quiet "$STUDY" -o .. --force > /dev/null 2> "$WORK/err"); rc=$?
refused "an ancestor of the working folder is refused" "'\.\.' is the working folder or holds it"
check "the project's files are still unchanged after every refusal" test "$(tree_sum "$PROJ")" = "$PROJ_SUM"
check "the working folder still exists" test -d "$WORK/elsewhere"

# The scenario files are inputs too.
mkdir -p "$WORK/sc" && cp "$PROJ/scenarios/trafford/champions.yaml" "$WORK/sc/" && cp "$ROOT/scenarios/benefits.yaml" "$WORK/" \
  && sed -i "s|^study: .*|study: $STUDY|" "$WORK/sc/champions.yaml"
"$DXI" run --quiet "$WORK/sc/champions.yaml" -o "$WORK/sc" --force > /dev/null 2> "$WORK/err"; rc=$?
refused "a folder holding a scenario file is refused" "holds '.*champions.yaml', an input of this run"

# A file where the folder should be.
echo "not a folder" > "$WORK/afile"
run -o "$WORK/afile" --force
refused "a file as the output folder is refused" "it exists and is not a folder"
check "... and left as it was" grep -q "not a folder" "$WORK/afile"

# Symbolic links: followed, never replaced by a folder.
mkdir -p "$WORK/real"
ln -s "$WORK/real" "$WORK/link"
run -o "$WORK/link"
check "-o a link to an empty folder writes where it points (exit $rc)" sh -c "test $rc -eq 0 && test -s '$WORK/real/areas.csv'"
run -o "$WORK/link"
check "... again, replacing the folder it points to (exit $rc)" test $rc -eq 0
check "... and the link is still a link to it" sh -c "test -L '$WORK/link' && test \"\$(readlink '$WORK/link')\" = '$WORK/real'"
check "... and the folder behind it is complete" complete "$WORK/real"
ln -s "$WORK/mine" "$WORK/minelink"
echo precious > "$WORK/userdir.txt"; mkdir -p "$WORK/userdir" && mv "$WORK/userdir.txt" "$WORK/userdir/"
ln -sfn "$WORK/userdir" "$WORK/userlink"
run -o "$WORK/userlink"
refused "a link to a user's folder is refused like the folder" "not written by dxi"
check "... which is left as it was" grep -q precious "$WORK/userdir/userdir.txt"
ln -s "$WORK/nowhere" "$WORK/dangling"
run -o "$WORK/dangling"
refused "a link to nothing is refused" "symbolic link to '$WORK/nowhere', which does not exist"
check "... and stays a dangling link" sh -c "test -L '$WORK/dangling' && test ! -e '$WORK/nowhere'"

# A failed run into a new nested folder leaves no folder behind at all.
sed 's|^name: Trafford|name: [oops|' "$STUDY" > "$PROJ/scenarios/trafford/broken.yaml"
"$DXI" run --quiet "$PROJ/scenarios/trafford/broken.yaml" -o "$WORK/new/a/b" > /dev/null 2>&1; rc=$?
check "a failed run creates no output folder nor its parents (exit $rc)" sh -c "test $rc -eq 1 && test ! -e '$WORK/new'"
rm "$PROJ/scenarios/trafford/broken.yaml"

# Two runs at once into one folder take turns: a lock, not a sleep.  While
# another holder has the lock, dxi waits, says so, and leaves that run's
# temporary folder alone.
mkdir -p "$WORK/turns"
run -o "$WORK/turns/out"
prev_sum=$(tree_sum "$WORK/turns/out")
mkdir "$WORK/turns/.out.dxi-tmp-OTHER1" && echo partial > "$WORK/turns/.out.dxi-tmp-OTHER1/areas.csv"
flock "$WORK/turns/.out.dxi-lock" sh -c "sleep 3; rm -r '$WORK/turns/.out.dxi-tmp-OTHER1'" &
holder=$!
sleep 0.5
"$DXI" run "$STUDY" -o "$WORK/turns/out" > /dev/null 2> "$WORK/turns.err" &
waiter=$!
sleep 1.5
check "while another run holds the lock, dxi waits" kill -0 $waiter
check "... without touching the other run's temporary folder" test -s "$WORK/turns/.out.dxi-tmp-OTHER1/areas.csv"
check "... or the previous output" test "$(tree_sum "$WORK/turns/out")" = "$prev_sum"
wait $holder
wait $waiter; rc=$?
check "... and then writes (exit $rc)" test $rc -eq 0
check "... having said it was waiting" grep -q "another dxi run is writing '$WORK/turns/out'; waiting" "$WORK/turns.err"
check "... into a complete folder" complete "$WORK/turns/out"
no_temp "$WORK/turns"
for i in 1 2 3; do
  "$DXI" run --quiet "$STUDY" -o "$WORK/turns/out" > /dev/null 2> "$WORK/a.err" & a=$!
  "$DXI" run --quiet "$STUDY" -o "$WORK/turns/out" > /dev/null 2> "$WORK/b.err" & b=$!
  wait $a; ra=$?; wait $b; rb=$?
  check "two runs started together both succeed, round $i (exit $ra, $rb)" test $ra -eq 0 -a $rb -eq 0
done
check "... leaving one complete folder" complete "$WORK/turns/out"
no_temp "$WORK/turns"

# SIGKILL at random points of a run: the folder is always the previous one
# (runs are byte-identical, so a complete new one has the same sum).
start=$(date +%s%N)
run -o "$WORK/kill"
span=$(( ($(date +%s%N) - start) / 1000000 ))
kill_sum=$(cd "$WORK/kill" && sha256sum $(ls | grep -v manifest.json) | sha256sum)
seed=$$
for i in 1 2 3 4 5 6; do
  ms=$(awk -v s="$seed$i" -v span="$span" 'BEGIN { srand(s); printf "%d", rand() * span * 1.2 }')
  "$DXI" run --quiet "$STUDY" -o "$WORK/kill" > /dev/null 2>&1 & pid=$!
  sleep "$(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  now=$(cd "$WORK/kill" && sha256sum $(ls | grep -v manifest.json) | sha256sum)
  check "killed at ${ms} ms of ${span}: the folder is whole (previous or new)" sh -c "test '$now' = '$kill_sum' && python3 -c 'import json;json.load(open(\"$WORK/kill/manifest.json\"))'"
done
ls -A "$WORK" | grep 'kill.dxi-tmp' > "$WORK/tmpnames"
check "temporary names are random (.kill.dxi-tmp-XXXXXX)" sh -c "! grep -qv '^\.kill\.dxi-tmp-[A-Za-z0-9]\{6\}$' '$WORK/tmpnames'"
run -o "$WORK/kill"
check "the next run clears what killed runs left (exit $rc)" test $rc -eq 0
no_temp "$WORK"

# Once the new folder is in place the run has succeeded: a previous file
# that cannot be removed (immutable, as chattr +i makes it even for root) is
# a warning naming where it was left, never exit 1 after the swap.
run -o "$WORK/stuck"
if chattr +i "$WORK/stuck/areas.csv" 2> /dev/null; then
  "$DXI" run "$STUDY" -o "$WORK/stuck" > /dev/null 2> "$WORK/err"; rc=$?
  check "a previous file that cannot be removed after the swap: exit 0 (exit $rc)" test $rc -eq 0
  check "... with a warning naming where the previous contents were left" \
    grep -q "warning: the results are in '$WORK/stuck', but the previous contents were left in '$WORK/.stuck.dxi-tmp-" "$WORK/err"
  check "... and the new folder complete" complete "$WORK/stuck"
  chattr -i "$WORK"/.stuck.dxi-tmp-*/areas.csv
  run -o "$WORK/stuck"
  check "... which the next run clears (exit $rc)" sh -c "test $rc -eq 0 && ! ls -A '$WORK' | grep -q stuck.dxi-tmp"
else
  for t in "exit 0" "warning" "complete" "cleared"; do
    echo "ok $((TAP_N = TAP_N + 1)) # SKIP unremovable previous file ($t): chattr +i is not supported here"
  done
fi

# A full disk and a read-only parent (tmpfs mounts; root only).
MNT=$WORK/mnt
if [ "$(id -u)" = 0 ] && mkdir -p "$MNT" && mount -t tmpfs -o size=1200k tmpfs "$MNT" 2> /dev/null; then
  run -o "$MNT/out"
  full_sum=$(tree_sum "$MNT/out")
  check "a run fits on the small disk once (exit $rc)" test $rc -eq 0
  dd if=/dev/zero of="$MNT/filler" bs=1k count=300 2> /dev/null
  run -o "$MNT/out"
  # GDAL and SQLite report a full disk in their own words (a failed tile
  # read, "no such table"), so dxi says what it is, with the space left;
  # a file dxi writes itself carries the system's ENOSPC message.
  refused "a second run on a full disk fails, saying the disk is full" "no space left on device \([0-9]+ KiB free where it is written|No space left on device"
  check "... and leaves the previous folder intact" test "$(tree_sum "$MNT/out")" = "$full_sum"
  check "... with no temporary folder behind" sh -c "! ls -A '$MNT' | grep -q 'dxi-tmp\|dxi-lock'"
  rm -f "$MNT/filler"
  mount -o remount,ro "$MNT"
  run -o "$MNT/out"
  refused "a read-only parent fails with a message" "Read-only file system"
  check "... and leaves the previous folder intact" test "$(tree_sum "$MNT/out")" = "$full_sum"
  umount "$MNT"
else
  for t in "full disk fails" "full disk leaves the folder" "full disk leaves no temp" "fits once" "read-only fails" "read-only intact"; do
    echo "ok $((TAP_N = TAP_N + 1)) # SKIP $t: needs root and tmpfs mounts"
  done
fi
done_testing
