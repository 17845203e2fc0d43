#!/bin/sh
# The Neovim session of tests/lsp/init.lua on a copy of the fixture.
# Usage: nvim_test.sh MLM_VALIDATE SOURCE_DIR. Exit 77 (skip) without nvim.
set -eu
server=$1
src=$2
command -v nvim >/dev/null 2>&1 || { echo "nvim is not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$src/tests/lsp/fixtures/item.json" "$tmp/item.json"
cd "$tmp"
# XDG folders in the scratch directory: no user configuration, no state.
XDG_CONFIG_HOME=$tmp XDG_DATA_HOME=$tmp XDG_STATE_HOME=$tmp XDG_CACHE_HOME=$tmp \
MLM_VALIDATE=$server LSP_DOC=$tmp/item.json \
  timeout 120 nvim --headless -u "$src/tests/lsp/init.lua" -i NONE -n </dev/null
