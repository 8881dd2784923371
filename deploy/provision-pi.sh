#!/usr/bin/env bash
# Provisions a Raspberry Pi (Raspberry Pi OS Bookworm 64-bit, Lite or Desktop) or a Debian 12 machine as
# a Wallboard kiosk, over SSH from a laptop or in the machine's own shell (--local). Idempotent: run it
# again with the same options and it reports "nothing to change".
#
#   deploy/provision-pi.sh [options] USER@HOST     over ssh/scp (USER needs sudo, or is root)
#   deploy/provision-pi.sh --local [options]       here, as root (or through sudo)
#
# What it does, each step only when needed:
#   1. installs the package (--deb FILE) with apt-get, which brings its Depends (X, xinit, libinput...)
#   2. sets `feed` and `rotation` in /etc/wallboard/board.toml, leaving every other line as it was; or
#      puts a whole board.toml of yours there (--config FILE), then applies --feed/--rotation to it
#   3. on a Pi: the firmware settings a TV kiosk needs (deploy/kiosk/firmware-config.txt) as a block
#      between marker lines in config.txt (at the end the first time) (/boot/firmware/config.txt on Bookworm,
#      /boot/config.txt before), and consoleblank=0 in cmdline.txt
#   4. disables a display manager (lightdm on Raspberry Pi OS Desktop) and boots to multi-user.target:
#      the kiosk is its own X session on tty7 (deploy/DESIGN.md)
#   5. enables wallboard.service, and (re)starts it when nothing waits for a reboot
# and prints what it changed. Firmware and display-manager changes take effect at the next boot (--reboot).
#
# Options:
#   --deb FILE        the package, wallboard_<version>_arm64.deb for a Pi (deploy/package.sh arm64);
#                     without it the package must be installed already
#   --feed URL        the snapshot URL (http://, https:// or file://)
#   --rotation N      0, 90, 180 or 270: a panel mounted on its side
#   --config FILE     a complete board.toml to install in place of the one there
#   --reboot          reboot at the end when a change needs it
#   --local           provision this machine instead of USER@HOST
#   --ssh-option OPT  passed to ssh and scp as -o OPT (repeatable), e.g. --ssh-option Port=2222
# Exit codes: 0 done, 2 bad arguments, 1 a step failed (its message says which).
set -euo pipefail

self=$(realpath "$0")
here=$(dirname "$self")
readonly self here
firmware_block=$here/kiosk/firmware-config.txt
readonly marker_begin="# BEGIN wallboard: managed by deploy/provision-pi.sh (or its Ansible playbook); edits here are replaced"
readonly marker_end="# END wallboard"

usage() {
    sed -n '2,32p' "$self" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
die() {
    echo "provision-pi: $*" >&2
    exit 1
}
bad_argument() {
    echo "provision-pi: $*" >&2
    exit 2
}

original_args=("$@")
deb=""
feed=""
rotation=""
config=""
reboot=no
local_run=no
target=""
ssh_options=()
while [ $# -gt 0 ]; do
    case "$1" in
    --deb | --feed | --rotation | --config | --ssh-option | --firmware-block)
        [ $# -ge 2 ] || bad_argument "$1 needs a value"
        case "$1" in
        --deb) deb=$2 ;;
        --feed) feed=$2 ;;
        --rotation) rotation=$2 ;;
        --config) config=$2 ;;
        --ssh-option) ssh_options+=(-o "$2") ;;
        --firmware-block) firmware_block=$2 ;; # where the remote copy is (set by the laptop's side)
        esac
        shift 2
        ;;
    --reboot) reboot=yes && shift ;;
    --local) local_run=yes && shift ;;
    -h | --help) usage ;;
    -*) bad_argument "unknown option $1 (--help lists them)" ;;
    *)
        [ -z "$target" ] || bad_argument "one USER@HOST only (got $target and $1)"
        target=$1
        shift
        ;;
    esac
done

# Checked here, before anything is copied or changed.
[ "$local_run" = yes ] || [ -n "$target" ] || bad_argument "give USER@HOST, or --local to provision this machine"
[ "$local_run" = no ] || [ -z "$target" ] || bad_argument "--local provisions this machine: no USER@HOST with it"
[ -z "$deb" ] || [ -f "$deb" ] || bad_argument "--deb: no such file: $deb"
[ -z "$deb" ] || [[ "$deb" == *.deb ]] || bad_argument "--deb: $deb is not a .deb"
[ -z "$config" ] || [ -f "$config" ] || bad_argument "--config: no such file: $config"
[ -f "$firmware_block" ] || die "missing $firmware_block (run the script from the repository)"
case "$rotation" in
"" | 0 | 90 | 180 | 270) ;;
*) bad_argument "--rotation: $rotation is not 0, 90, 180 or 270" ;;
esac
if [ -n "$feed" ]; then
    [[ "$feed" =~ ^(https?|file)://[^[:space:]\"\\]+$ ]] ||
        bad_argument "--feed: $feed is not an http://, https:// or file:// URL (without spaces, quotes or backslashes)"
fi

# ---------------------------------------------------------------------------------------------------------
# The laptop's side: copy this script, the firmware block, the package and the config to a temporary
# folder on the target, run it there with --local (through sudo unless the user is root), clean up.
# ---------------------------------------------------------------------------------------------------------
if [ "$local_run" = no ]; then
    # One connection for every command: one password prompt at most.
    control=$(mktemp -u "${TMPDIR:-/tmp}/wallboard-ssh.XXXXXX")
    ssh_options+=(-o ControlMaster=auto -o "ControlPath=$control" -o ControlPersist=60)
    trap 'ssh "${ssh_options[@]}" -O exit "$target" >/dev/null 2>&1 || true' EXIT
    echo "provision-pi: connecting to $target"
    remote_dir=$(ssh "${ssh_options[@]}" "$target" 'mktemp -d /tmp/wallboard-provision.XXXXXX') ||
        die "cannot reach $target over ssh"
    files=("$self" "$firmware_block")
    remote_args=(--local --firmware-block "$remote_dir/$(basename "$firmware_block")")
    if [ -n "$deb" ]; then
        files+=("$deb")
        remote_args+=(--deb "$remote_dir/$(basename "$deb")")
    fi
    if [ -n "$config" ]; then
        # Its own name, so that a file called like the script or the package cannot overwrite them.
        scp_config=$(mktemp -d)/board.toml
        cp "$config" "$scp_config"
        files+=("$scp_config")
        remote_args+=(--config "$remote_dir/board.toml")
    fi
    [ -z "$feed" ] || remote_args+=(--feed "$feed")
    [ -z "$rotation" ] || remote_args+=(--rotation "$rotation")
    [ "$reboot" = no ] || remote_args+=(--reboot)
    echo "provision-pi: copying ${#files[@]} files to $target:$remote_dir"
    scp -q "${ssh_options[@]}" "${files[@]}" "$target:$remote_dir/" || die "cannot copy to $target:$remote_dir"
    command="bash $remote_dir/$(basename "$self")$(printf ' %q' "${remote_args[@]}")"
    status=0
    # -t: sudo may ask for the user's password.
    tty_option=()
    [ -t 0 ] && tty_option=(-t)
    # shellcheck disable=SC2029 # $command and $remote_dir are meant to expand here, quoted with %q
    ssh "${ssh_options[@]}" "${tty_option[@]}" "$target" \
        "if [ \"\$(id -u)\" -eq 0 ]; then $command; else sudo $command; fi; status=\$?; rm -rf $remote_dir; exit \$status" ||
        status=$?
    exit "$status"
fi

# ---------------------------------------------------------------------------------------------------------
# The target's side (--local): every step compares before it writes, and says what it changed.
# ---------------------------------------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || exec sudo "$self" "${original_args[@]}"

changes=()
needs_reboot=no
changed() { # changed WHAT: remember and say it
    changes+=("$1")
    echo "provision-pi: changed: $1"
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# replace_file PATH NEW WHAT: put NEW's content at PATH (same owner and mode) if it differs; sets
# $replaced to yes or no.
replaced=no
replace_file() {
    local path=$1 new=$2 what=$3
    replaced=no
    if [ -f "$path" ] && cmp -s "$path" "$new"; then
        return 0
    fi
    if [ -f "$path" ]; then
        chmod --reference="$path" "$new"
        chown --reference="$path" "$new"
    else
        chmod 644 "$new"
    fi
    # A rename: a power cut leaves the old file or the new one, never half of one (config.txt too).
    cp -p "$new" "$path.wallboard-new"
    sync "$path.wallboard-new" 2>/dev/null || true
    mv "$path.wallboard-new" "$path"
    replaced=yes
    changed "$what"
}

# 1. The package.
step_package() {
    if [ -z "$deb" ]; then
        dpkg-query -W -f='${Status}' wallboard 2>/dev/null | grep -q "install ok installed" ||
            die "wallboard is not installed here: give --deb wallboard_<version>_$(dpkg --print-architecture).deb"
        return 0
    fi
    local name version arch installed
    name=$(dpkg-deb -f "$deb" Package)
    version=$(dpkg-deb -f "$deb" Version)
    arch=$(dpkg-deb -f "$deb" Architecture)
    [ "$name" = wallboard ] || die "--deb: $deb is the package $name, not wallboard"
    [ "$arch" = all ] || [ "$arch" = "$(dpkg --print-architecture)" ] ||
        die "--deb: $deb is for $arch and this machine is $(dpkg --print-architecture) (deploy/package.sh arm64 for a Pi)"
    installed=$(dpkg-query -W -f='${Status} ${Version}' wallboard 2>/dev/null || true)
    if [ "$installed" = "install ok installed $version" ]; then
        return 0
    fi
    echo "provision-pi: installing $(basename "$deb") and what it depends on (apt-get)"
    cp "$deb" "$work/"
    # _apt downloads as its own user: the package must be readable by it.
    chmod 644 "$work/$(basename "$deb")"
    chmod 755 "$work"
    local apt_log=$work/apt.log
    # Keep a board.toml the technician edited (confold) rather than ask on an upgrade.
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Use-Pty=0 \
            -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$work/$(basename "$deb")"; } \
        >"$apt_log" 2>&1; then
        tail -25 "$apt_log" >&2
        die "apt-get could not install $(basename "$deb") (above: the end of its output)"
    fi
    changed "installed wallboard $version${installed:+ (was ${installed##* })}"
}

# set_key FILE KEY VALUE: KEY = VALUE at the top level of a TOML file, every other line untouched. A live
# `KEY = ...` line keeps its place and its trailing comment; otherwise the new line goes right after a
# commented-out example (`# KEY = ...`), or before the first [table], or at the end.
set_key() {
    local file=$1 key=$2 value=$3 live example table
    read -r live example table < <(awk -v key="$key" '
        /^[ \t]*\[/ && !table { table = NR }
        !table && !live && $0 ~ "^[ \t]*" key "[ \t]*=" { live = NR }
        !table && !example && $0 ~ "^#[ \t]*" key "[ \t]*=" { example = NR }
        END { print live + 0, example + 0, table + 0 }
    ' "$file")
    awk -v key="$key" -v value="$value" -v live="$live" -v example="$example" -v table="$table" '
        NR == live {
            match($0, "^[ \t]*" key "[ \t]*=[ \t]*")
            prefix = substr($0, 1, RLENGTH); rest = substr($0, RLENGTH + 1)
            if (substr(rest, 1, 1) == "\"") end = index(substr(rest, 2), "\"") + 1
            else end = match(rest, /[ \t#]/) ? RSTART - 1 : length(rest)
            print prefix value substr(rest, end + 1); next
        }
        !live && !example && NR == table { print key " = " value }
        { print }
        !live && NR == example { print key " = " value }
        END { if (!live && !example && !table) print key " = " value }
    ' "$file" >"$file.keyed"
    mv "$file.keyed" "$file"
}

# 2. The board's config.
step_config() {
    local path=/etc/wallboard/board.toml
    [ -f "$path" ] || [ -n "$config" ] || die "$path is missing: reinstall the package, or give --config FILE"
    if [ -n "$config" ]; then
        cp "$config" "$work/board.toml"
    else
        cp "$path" "$work/board.toml"
    fi
    [ -z "$feed" ] || set_key "$work/board.toml" feed "\"$feed\""
    [ -z "$rotation" ] || set_key "$work/board.toml" rotation "$rotation"
    local what="$path"
    [ -z "$config" ] || what="$what (from $(basename "$config"))"
    [ -z "$feed" ] || what="$what: feed = \"$feed\""
    [ -z "$rotation" ] || what="$what, rotation = $rotation"
    replace_file "$path" "$work/board.toml" "$what"
    if ! grep -Eq '^[[:space:]]*feed[[:space:]]*=' "$path"; then
        echo "provision-pi: warning: $path has no feed yet: the board will say so and wait (--feed URL)" >&2
    fi
}

# 3. Firmware settings and the kernel command line, on a Raspberry Pi.
step_firmware() {
    local dir
    for dir in /boot/firmware /boot; do
        [ -f "$dir/config.txt" ] && break
    done
    if [ ! -f "$dir/config.txt" ]; then
        echo "provision-pi: no /boot/firmware/config.txt or /boot/config.txt: not a Raspberry Pi, firmware settings skipped"
        return 0
    fi
    # Bookworm keeps the real files in /boot/firmware and leaves a note in /boot/config.txt.
    if [ "$dir" = /boot ] && grep -q '/boot/firmware/config.txt' /boot/config.txt; then
        die "/boot/config.txt points to /boot/firmware/config.txt, which is missing: is the boot partition mounted?"
    fi
    local config_txt=$dir/config.txt new=$work/config.txt block=$work/block.txt
    # The KMS driver, which the rootless X server needs, is Bookworm's default: the block says it only when
    # the rest of the file does not.
    local has_kms=no
    awk -v begin="$marker_begin" -v end="$marker_end" '
        $0 == begin { skipping = 1 }
        !skipping && /^[ \t]*dtoverlay=vc4-(f)?kms-v3d/ { found = 1 }
        skipping && $0 == end { skipping = 0 }
        END { exit !found }
    ' "$config_txt" && has_kms=yes
    {
        echo "$marker_begin"
        cat "$firmware_block"
        if [ "$has_kms" = no ]; then
            echo "# The KMS graphics driver, which the kiosk's X server needs (Bookworm's default, missing here)."
            echo "dtoverlay=vc4-kms-v3d"
        fi
        echo "$marker_end"
    } >"$block"
    # The block replaces the old one where it is (lines a technician put after it keep their section), or
    # goes at the end; it starts with [all], whatever section came before.
    awk -v begin="$marker_begin" -v end="$marker_end" -v block="$block" '
        function emit() { while ((getline line < block) > 0) print line; emitted = 1 }
        $0 == begin { skipping = 1; if (!emitted) emit(); next }
        skipping && $0 == end { skipping = 0; next }
        !skipping { print }
        END { if (!emitted) emit() }
    ' "$config_txt" >"$new"
    replace_file "$config_txt" "$new" "$config_txt: the wallboard block (HDMI, overscan, splash, CEC)"
    [ "$replaced" = no ] || needs_reboot=yes

    local cmdline=$dir/cmdline.txt
    if [ ! -f "$cmdline" ]; then
        echo "provision-pi: warning: no $cmdline: console blanking left as it is" >&2
        return 0
    fi
    # One line; consoleblank=0 once, replacing another value. The text console blanks otherwise after
    # 10 minutes, which shows whenever X is not on the screen (at boot, during a restart).
    local line
    line=$(head -n 1 "$cmdline")
    if [[ " $line " =~ \ consoleblank=([^ ]*)\  ]]; then
        [ "${BASH_REMATCH[1]}" = 0 ] && return 0
        line=$(sed -E 's/(^| )consoleblank=[^ ]*/\1consoleblank=0/' <<<"$line")
    else
        line="${line%"${line##*[! ]}"} consoleblank=0"
    fi
    printf '%s\n' "$line" >"$work/cmdline.txt"
    replace_file "$cmdline" "$work/cmdline.txt" "$cmdline: consoleblank=0"
    needs_reboot=yes
}

# 4. No display manager; boot to the console (multi-user.target), where wallboard.service takes tty7.
step_display_manager() {
    local link=/etc/systemd/system/display-manager.service unit
    if [ -L "$link" ]; then
        unit=$(basename "$(readlink "$link")")
        systemctl disable --quiet "$unit" 2>/dev/null || rm -f "$link"
        [ ! -L "$link" ] || rm -f "$link"
        changed "disabled the display manager $unit"
        needs_reboot=yes
    fi
    # lightdm enabled by other means (a wants link without the alias).
    if [ -f /lib/systemd/system/lightdm.service ] && systemctl is-enabled --quiet lightdm.service 2>/dev/null; then
        systemctl disable --quiet lightdm.service
        changed "disabled lightdm.service"
        needs_reboot=yes
    fi
    if [ "$(systemctl get-default 2>/dev/null)" != multi-user.target ]; then
        systemctl set-default --quiet multi-user.target 2>/dev/null || systemctl set-default multi-user.target >/dev/null
        changed "boots to multi-user.target (no desktop)"
        needs_reboot=yes
    fi
}

# 5. The kiosk unit.
step_unit() {
    if ! systemctl is-enabled --quiet wallboard.service 2>/dev/null; then
        systemctl enable --quiet wallboard.service 2>/dev/null || systemctl enable wallboard.service
        changed "enabled wallboard.service"
    fi
}

step_package
step_config
step_firmware
step_display_manager
step_unit

if [ ${#changes[@]} -eq 0 ]; then
    echo "provision-pi: nothing to change"
    exit 0
fi
echo "provision-pi: ${#changes[@]} changes"
if [ ! -d /run/systemd/system ]; then
    echo "provision-pi: systemd is not running here (a chroot or an image): the board starts at the next boot"
elif [ "$needs_reboot" = yes ]; then
    if [ "$reboot" = yes ]; then
        echo "provision-pi: rebooting for the firmware and session changes"
        systemctl reboot
    else
        echo "provision-pi: reboot to finish (sudo reboot, or --reboot next time): the firmware and session changes need it"
    fi
else
    systemctl restart wallboard.service
    echo "provision-pi: restarted wallboard.service (systemctl status wallboard)"
fi
