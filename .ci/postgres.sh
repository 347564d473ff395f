# Start this machine's PostgreSQL when it is down; used by .ci/run and the Makefile.
PGHOST_ADDR="${PGHOST_ADDR:-127.0.0.1}"
PGPORT_NUM="${PGPORT_NUM:-5432}"

psql_admin() {
    psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"
}

start_postgres() {
    if pg_isready -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -q; then
        return 0
    fi
    echo "PostgreSQL is down; starting it"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
    for _ in $(seq 1 30); do
        pg_isready -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -q && return 0
        sleep 1
    done
    echo "PostgreSQL did not start" >&2
    return 1
}
