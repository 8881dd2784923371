#!/usr/bin/env bash
# Damages a board's cache in each way a wall meets (truncated, garbage, a zeroed header, a damaged newest
# row, a damaged history page behind a clean-close mark, a read-only folder, a read-only mount, a full disk)
# and prints what the board shows with the feed down and with it up, beside how many good snapshots the
# damaged file held as the sqlite3 shell reads it ("good"). Fails when a good snapshot was in the
# file and the board shows none, or when the feed is up and the board shows nothing.
# Usage: tests/io/cache_damage.sh BUILD_DIR [SCREENSHOT_DIR]   (the mounts need root; skipped otherwise)
set -euo pipefail
build=$(cd "${1:?usage: cache_damage.sh BUILD_DIR [SCREENSHOT_DIR]}" && pwd)
shots=${2:-}
cd "$(dirname "$0")/../.."
board=$build/wallboard
publish=$build/app/publish/wallboard-publish

work=$(mktemp -d)
chmod 755 "$work" # the read-only folder case runs the board as "nobody"
mounts=()
cleanup() {
    for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || true; done
    chmod -R u+w "$work" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Three Plymouth snapshots: April's (older) and May's (newer) fill the cache; June's is new to it.
for month in 04 05 06; do
    mkdir -p "$work/plan-$month" "$work/feed-$month"
    cp -r config/demo/plymouth/. "$work/plan-$month/"
    sed -i "s/^as_of = 2023-04-17/as_of = 2023-$month-17/" "$work/plan-$month/plan.toml"
    "$publish" build --plan "$work/plan-$month/plan.toml" --indicators "$work/plan-$month/indicators.csv" \
        --actions "$work/plan-$month/actions.csv" --out "$work/feed-$month" >/dev/null
done
chmod -R a+rX "$work"
down=http://127.0.0.1:9/snapshot.json # nothing listens on the discard port: refused at once
base=$work/base.sqlite
"$board" --once --feed "file://$work/feed-04/snapshot.json" --cache "$base" >/dev/null 2>&1
"$board" --once --feed "file://$work/feed-05/snapshot.json" --cache "$base" >/dev/null 2>&1
[ -f "$base.closed" ] || { echo "FAIL: the base cache was not closed cleanly"; exit 1; }

# What the board shows in words: the as-of date of its data, where it came from, and what the cache says.
shows() { # CACHE FEED [AS_USER]
    local run=("$board" --once --feed "$2" --cache "$1")
    [ -n "${3:-}" ] && run=(setpriv --reuid="$3" --regid=nogroup --clear-groups "${run[@]}")
    local status as_of source cache
    status=$("${run[@]}" 2>>"$work/board.log") || true
    field() { sed -n "s/^  \"$1\": \"\(.*\)\",\{0,1\}$/\1/p" <<<"$status"; }
    as_of=$(field snapshot_as_of) source=$(field data_source) cache=$(field cache)
    if [ -z "$status" ]; then echo "nothing (the board failed)"; return; fi
    local text=${as_of:+$as_of ($source)}
    [ -n "$text" ] || text=nothing
    if [ -n "$cache" ] && [ "$cache" != saving ]; then text+=", cache $cache"; fi
    echo "$text"
}

# How many snapshots in a damaged file still verify, found without the board: the sqlite3 shell reads
# each row it can (ids 1 to 20; Debian's shell has no working .recover), and its bytes are checked
# against its hash (the SHA-256 of the bytes, as the sync stores it).
good_in() { # FILE
    local copy=$work/oracle.sqlite good=0 id hash
    rm -f "$copy" "$copy-wal" "$copy-shm" "$work/row.json"
    cp "$1" "$copy"
    for id in $(seq 1 20); do
        rm -f "$work/row.json"
        hash=$(sqlite3 -cmd "PRAGMA writable_schema = ON" "$copy" \
            "SELECT hash, writefile('$work/row.json', bytes) FROM snapshots WHERE id = $id" 2>/dev/null |
            cut -d'|' -f1) || true
        if [ -n "$hash" ] && [ -f "$work/row.json" ] &&
            [ "sha256:$(sha256sum "$work/row.json" | cut -d' ' -f1)" = "$hash" ]; then
            good=$((good + 1))
        fi
    done
    echo "$good"
}

failures=0
printf '%-36s | %-4s | %-36s | %s\n' "case" "good" "feed down: shows" "feed up: shows"
printf '%s\n' "-------------------------------------+------+--------------------------------------+---------------------------------"
# CASE-NAME DIR EXPECT_DOWN(yes/no) [FEED_UP_MONTH] [AS_USER]
report() {
    local name=$1 dir=$2 expect=$3 month=${4:-05} user=${5:-}
    local cache=$dir/cache.sqlite
    local on_down on_up
    # Good data the shell finds counts too (a zeroed header it cannot open: the case says).
    local good
    good=$(good_in "$cache")
    if [ "$good" -gt 0 ]; then expect=yes; fi
    on_down=$(shows "$cache" "$down" "$user")
    shoot "$name/feed-down" "$cache" "$down" "$user"
    on_up=$(shows "$cache" "file://$work/feed-$month/snapshot.json" "$user")
    shoot "$name/feed-up" "$cache" "file://$work/feed-$month/snapshot.json" "$user"
    local verdict=""
    if [ "$expect" = yes ] && [[ $on_down == nothing* ]]; then verdict=" FAIL: good data was in the file"; fi
    if [[ $on_up == nothing* ]]; then verdict+=" FAIL: the feed is up"; fi
    [ -n "$verdict" ] && failures=$((failures + 1))
    printf '%-36s | %-4s | %-36s | %s%s\n' "$name" "$good" "$on_down" "$on_up" "$verdict"
}

# What a person sees: one detail page with its status strip, drawn under Xvfb, when a folder is given.
shoot() { # NAME CACHE FEED [AS_USER]
    [ -n "$shots" ] || return 0
    mkdir -p "$shots/$1"
    chmod 777 "$shots/$1" # the read-only folder case draws as "nobody"
    local run=(xvfb-run -a -s "-screen 0 1280x720x24" "$board" --feed "$3" --cache "$2"
        --screenshot "$shots/$1" --page indicator:12 --windowed 1280x720)
    [ -n "${4:-}" ] && run=(setpriv --reuid="$4" --regid=nogroup --clear-groups "${run[@]}")
    "${run[@]}" >/dev/null 2>&1 || true
}

fresh_copy() { # NAME: a folder with a copy of the base cache (and its clean-close mark), times kept
    mkdir -p "$work/$1"
    cp -p "$base" "$work/$1/cache.sqlite"
    cp -p "$base.closed" "$work/$1/cache.sqlite.closed"
    echo "$work/$1"
}

# Whether a cut loses a snapshot depends on where the table's pages lie: the oracle above decides.
dir=$(fresh_copy truncated-half)
truncate -s $(($(stat -c %s "$dir/cache.sqlite") / 2)) "$dir/cache.sqlite"
report "truncated to half" "$dir" no

dir=$(fresh_copy truncated-last-page)
truncate -s $(($(stat -c %s "$dir/cache.sqlite") - $(sqlite3 "$base" "PRAGMA page_size"))) "$dir/cache.sqlite"
report "truncated by its last page" "$dir" no

dir=$(fresh_copy garbage)
head -c "$(stat -c %s "$dir/cache.sqlite")" /dev/urandom >"$dir/cache.sqlite"
report "garbage (no good data)" "$dir" no

dir=$(fresh_copy zeroed-header)
dd if=/dev/zero of="$dir/cache.sqlite" bs=100 count=1 conv=notrunc status=none
report "zeroed header" "$dir" yes

dir=$(fresh_copy damaged-newest-row)
sqlite3 "$dir/cache.sqlite" "UPDATE snapshots SET bytes = substr(bytes, 1, 100) WHERE id = (SELECT max(id) FROM snapshots)"
report "damaged newest row" "$dir" yes

# Bit rot: the file's size and time stay as the mark has them, so no check runs at the next start.
dir=$(fresh_copy damaged-history)
page_size=$(sqlite3 "$base" "PRAGMA page_size")
root=$(sqlite3 "$base" "SELECT rootpage FROM sqlite_schema WHERE name = 'history'")
stamp=$(stat -c %y "$dir/cache.sqlite")
head -c "$page_size" /dev/urandom | dd of="$dir/cache.sqlite" bs="$page_size" seek=$((root - 1)) conv=notrunc status=none
touch -d "$stamp" "$dir/cache.sqlite"
report "damaged history page, clean mark" "$dir" yes

if [ "$(id -u)" -ne 0 ]; then
    dir=$(fresh_copy read-only-folder)
    chmod 555 "$dir"
    report "read-only folder" "$dir" yes
    echo "read-only mount, full disk: skipped (they need root to mount)"
else
    dir=$(fresh_copy read-only-folder)
    chmod -R a+r "$dir"
    chmod 555 "$dir"
    report "read-only folder (as nobody)" "$dir" yes 05 nobody

    dir=$(fresh_copy read-only-mount)
    mkdir -p "$work/ro-mount"
    mount --bind "$dir" "$work/ro-mount" && mounts+=("$work/ro-mount")
    mount -o remount,bind,ro "$work/ro-mount"
    report "read-only mount" "$work/ro-mount" yes

    # A tmpfs just large enough for the cache, then filled: June's snapshot cannot be stored.
    mkdir -p "$work/full"
    size_kb=$(($(stat -c %s "$base") / 1024 + 256))
    mount -t tmpfs -o size=${size_kb}k tmpfs "$work/full" && mounts+=("$work/full")
    cp -p "$base" "$work/full/cache.sqlite"
    cp -p "$base.closed" "$work/full/cache.sqlite.closed"
    dd if=/dev/zero of="$work/full/filler" bs=4k status=none 2>/dev/null || true
    report "full disk (feed up: a new snapshot)" "$work/full" yes 06
    grep -o "the disk is full: [^;]*" "$work/board.log" | sort -u | head -n 2 | sed 's/^/    said: /'
fi

if [ "$failures" -gt 0 ]; then
    echo "FAIL: $failures case(s) showed no data where there was some (log: below)"
    cat "$work/board.log"
    exit 1
fi
echo "every case showed good data wherever the file held some"
