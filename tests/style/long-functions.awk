# Functions longer than MAX lines (default 80), GNU style: the body runs from
# a "{" in column 0 to the next "}" in column 0; the name is the last line
# before the "{" that starts in column 0 with an identifier and "(".
# Prints "file:line: name: N lines".
BEGIN { if (MAX == "") MAX = 80 }
FNR == 1 { name = ""; start = 0 }
/^[A-Za-z_][A-Za-z0-9_]* *\(/ { name = $1; sub(/\(.*/, "", name); decl = FNR }
/^\{/ { start = FNR }
/^\}/ && start {
  n = FNR - start + 1
  if (n > MAX) printf "%s:%d: %s: %d lines\n", FILENAME, decl, name, n
  start = 0
}
