#!/bin/sh
# One backup archive per night into ZHENGGAI_BACKUP_DIR, checked after writing, and archives older than
# ZHENGGAI_BACKUP_KEEP_DAYS removed. Exit status non-zero when the backup failed (systemd records it).
set -eu
dir="${ZHENGGAI_BACKUP_DIR:-/var/backups/zhenggai}"
keep="${ZHENGGAI_BACKUP_KEEP_DAYS:-30}"
bin="${ZHENGGAI_BIN:-$(dirname "$0")/../bin/zhenggai.js}"
mkdir -p "$dir"
stamp="$(date +%Y-%m-%d-%H%M%S)"
tmp="$dir/.zhenggai-$stamp.tar.partial"
node "$bin" backup -o "$tmp"
# The archive's own checksums, read back before it replaces anything.
check="$(mktemp -d)"
trap 'rm -rf "$check"' EXIT
tar -xf "$tmp" -C "$check"
(cd "$check" && sha256sum -c --quiet SHA256SUMS)
mv "$tmp" "$dir/zhenggai-$stamp.tar"
find "$dir" -maxdepth 1 -name 'zhenggai-*.tar' -mtime +"$keep" -delete
echo "备份完成：$dir/zhenggai-$stamp.tar"
