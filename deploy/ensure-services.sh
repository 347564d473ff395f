#!/usr/bin/env bash
# What `make deploy-check` needs on this machine: nginx (installed from Debian's packages when
# missing, without starting Debian's own nginx service), PostgreSQL and Redis running.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    echo "nginx is missing; installing Debian's package"
    # Keep the package's own service from starting (it would take port 80); the check runs its
    # own nginx with its own configuration.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx
fi

source .ci/postgres.sh
start_postgres

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    if ! command -v redis-server >/dev/null; then
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redis-server
    fi
    echo "Redis is down; starting it"
    redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save "" --appendonly no
    for _ in $(seq 1 20); do
        redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
        sleep 0.5
    done
fi
