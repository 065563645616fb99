#!/usr/bin/env bash
# The PostgreSQL tests need a server they can reach as `postgres` without a password
# (127.0.0.1:5432 unless TEST_POSTGRES_URL says otherwise). CI must fail here, loudly, rather
# than let those tests skip: so check, provision when we are root on a Debian-like machine,
# and otherwise stop with a message that names the address.
set -euo pipefail
cd "$(dirname "$0")/.."

URL="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
read -r HOST PORT DB_USER < <(node -e '
  const u = new URL(process.argv[1]);
  console.log(u.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1", u.port || 5432, decodeURIComponent(u.username) || "postgres");
' "$URL")
WHERE="$HOST:$PORT"

# Connects with the pg package (present after `npm ci`). "answers": any reply from the
# server, a refused login included; "login": the login itself succeeds.
pg_probe() {
  node -e '
    const pg = require("pg");
    const [url, mode] = process.argv.slice(1);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    const fromServer = (err) => /^[0-9A-Z]{5}$/.test(err.code ?? ""); // a SQLSTATE
    client.connect().then(() => client.end()).catch((err) => process.exit(mode === "answers" && fromServer(err) ? 0 : 1));
  ' "$URL" "$1"
}
have_pg_package() { node -e 'require.resolve("pg")' 2>/dev/null; }

reachable() {
  if command -v pg_isready >/dev/null; then
    pg_isready -q -t 3 -d "$URL"
  elif have_pg_package; then
    pg_probe answers
  else
    timeout 3 bash -c "exec 3<>/dev/tcp/$HOST/$PORT" 2>/dev/null
  fi
}

login_works() {
  if command -v psql >/dev/null; then
    psql -XAtqw -d "$URL" -c 'select 1' >/dev/null 2>&1
  elif have_pg_package; then
    pg_probe login
  fi # else nothing here can log in; the tests will say so
}

fail() {
  echo "PostgreSQL is not usable at $WHERE: $1" >&2
  echo "The PostgreSQL tests need it (trust auth for user postgres, or set TEST_POSTGRES_URL)." >&2
  exit 1
}

# Trust is for a throwaway CI database only: it is added for the postgres user on the
# loopback addresses, above the rules that would ask for a password (the first match wins).
trust_local_postgres() {
  local hba="$1" marker="# gatehouse CI: local postgres without a password"
  grep -qF "$marker" "$hba" && return 0
  local rules
  rules="$(printf '%s\nhost all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust\n' "$marker")"
  # cat into the file keeps its owner and mode.
  { printf '%s\n' "$rules"; cat "$hba"; } > "$hba.gatehouse-new"
  cat "$hba.gatehouse-new" > "$hba" && rm -f "$hba.gatehouse-new"
}

provision() {
  if ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
    echo "Installing PostgreSQL for the database tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local version cluster status
  # Use the cluster that already owns the port; never move another cluster's port.
  read -r version cluster status < <(pg_lsclusters -h | awk -v p="$PORT" '$3 == p { print $1, $2, $4; exit }') || true
  if [ -z "${cluster:-}" ]; then
    version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
    cluster=gatehouse
    status=down
    pg_createcluster --port "$PORT" "$version" "$cluster" >/dev/null
  fi
  trust_local_postgres "/etc/postgresql/$version/$cluster/pg_hba.conf"
  if [ "$status" = online ]; then
    pg_ctlcluster "$version" "$cluster" reload
  else
    pg_ctlcluster "$version" "$cluster" start || service postgresql start
  fi
}

ready() {
  if ! login_works; then
    fail "it answers but refuses to let user $DB_USER in (pg_hba.conf, or a password missing from TEST_POSTGRES_URL)"
  fi
  echo "PostgreSQL is ready at $WHERE"
  exit 0
}

reachable && ready

case "$HOST" in
  127.0.0.1 | localhost | ::1) local_target=1 ;;
  *) local_target=0 ;;
esac
if [ "$local_target" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  provision
  for _ in $(seq 1 30); do
    reachable && ready
    sleep 1
  done
  fail "still unreachable 30 s after installing and starting it"
fi
fail "nothing answers there, and this script can only set it up as root on the local machine with apt-get"
