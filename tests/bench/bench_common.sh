# Sourced by bench_board.sh and bench_chromium.sh: the demo feed and the X server they both use.

# Publishes the Plymouth demo to DIR/snapshot.json with the build's wallboard-publish.
publish_demo() { # BUILD DIR
    "$1"/app/publish/wallboard-publish build --plan config/demo/plymouth/plan.toml \
        --indicators config/demo/plymouth/indicators.csv --actions config/demo/plymouth/actions.csv \
        --evidence config/demo/plymouth/evidence.csv --out "$2" >/dev/null
}

# Starts Xvfb at 1920x1080 on a random display and waits for its socket; sets display and xvfb_pid.
start_xvfb() {
    display=:$((90 + RANDOM % 400))
    Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 50); do
        [ -e "/tmp/.X11-unix/X${display#:}" ] && break
        sleep 0.1
    done
}
