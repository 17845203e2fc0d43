#!/bin/sh
# The C sources and headers of src/, tools/ and include/ are laid out as
# .clang-format says (clang-format --dry-run --Werror). Exit 77 (skip) when
# clang-format is not installed. Usage: clang_format.sh ROOT [CLANG_FORMAT]
root=$1 cf=${2:-clang-format}
[ "$cf" = "MLM_CLANG_FORMAT-NOTFOUND" ] && cf=clang-format
command -v "$cf" >/dev/null 2>&1 || { echo "SKIP: $cf is not installed"; exit 77; }
cd "$root" || exit 1
files=$(find src tools include -name '*.c' -o -name '*.h' | sort)
if "$cf" --style=file --dry-run --Werror $files; then
  echo "PASS: $(echo "$files" | wc -l) files laid out as .clang-format says"
else
  echo "FAIL: run: clang-format -i \$(find src tools include -name '*.[ch]')"
  exit 1
fi
