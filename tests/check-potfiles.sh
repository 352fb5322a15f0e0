#!/bin/sh
# Fails when a source or .ui file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -eu
top=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$top"
listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$' | sort)
found=$( {
  grep -lE '(^|[^A-Za-z_])(N?_|C_|NC_|ngettext)[[:space:]]*\(' src/core/*.c src/ui/*.c src/*.c 2>/dev/null || true
  grep -l 'translatable="yes"' data/ui/*.ui data/gtk/*.ui 2>/dev/null || true
  ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml 2>/dev/null || true
} | sort -u)
status=0
for f in $found; do
  echo "$listed" | grep -qx "$f" || { echo "not ok: $f has translatable strings but is not in po/POTFILES.in"; status=1; }
done
for f in $listed; do
  [ -f "$f" ] || { echo "not ok: po/POTFILES.in names $f, which does not exist"; status=1; }
done
[ $status -eq 0 ] && echo "ok: po/POTFILES.in lists all $(echo "$found" | wc -l) files with translatable strings"
exit $status
