#!/usr/bin/env bash
# Restart the Vindplek instances one at a time (a new release, new settings):
#   deploy/rolling-restart.sh 8101 8102
# The next instance is restarted only when the previous one answers /healthz again, so one is
# always serving; nginx sends new requests to it while the other restarts.
set -euo pipefail
for port in "$@"; do
    systemctl restart "vindplek@${port}"
    for _ in $(seq 1 60); do
        if curl -fsS -o /dev/null "http://127.0.0.1:${port}/healthz"; then
            echo "vindplek@${port} is back"
            # nginx leaves an instance alone for fail_timeout (3 s, deploy/render_nginx.py)
            # after a failed connection: wait it out before taking the next one away.
            sleep 5
            continue 2
        fi
        sleep 1
    done
    echo "vindplek@${port} did not come back within 60 s; stopping here" >&2
    exit 1
done
