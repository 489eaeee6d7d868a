# Shared by scripts/run, scripts/test and scripts/bench: packages, a private MariaDB, nginx, the worker.
# Source it; every function assumes `set -euo pipefail` and ROOT set to the repository.

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Debian packages each script needs; installed only when missing.
PACKAGES_RUN=(pkg-config libfcgi-dev libmariadb-dev libsodium-dev zlib1g-dev libcurl4 mariadb-server mariadb-client nginx curl openssl jq)
PACKAGES_TEST=(chromium chromium-driver python3-selenium python3-pytest python3-jsonschema python3-venv poppler-utils)
PACKAGES_BENCH=(wrk valgrind)

ensure_packages() {
    local missing=()
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    # A third-party apt source that cannot be reached must not stop Debian's own from being read.
    $sudo apt-get update -qq || log "apt-get update reported errors; trying the install anyway"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    # Debian may start the system services on install; this stack runs its own private ones.
    $sudo sh -c 'command -v service >/dev/null && { service nginx stop; service mariadb stop; } >/dev/null 2>&1 || true'
}

# local_stack_environment ROOT VAR PORT — the settings of the stack scripts/run serves, exported
# for the worker and for commands run beside it (scripts/budgetd). Secrets stay in VAR/budgetd.env.
local_stack_environment() {
    local root=$1 var=$2 port=$3
    export BUDGETD_CONFIG="$var/budgetd.env"
    export BUDGETD_DB_SOCKET="$var/mariadb/mysql.sock"
    export BUDGETD_DB_USER=budgetd
    export BUDGETD_DB_NAME=finops_v2
    export BUDGETD_TEMPLATES="$root/templates"
    export BUDGETD_SQL_DIR="$root/sql"
    export BUDGETD_SOCKET="$var/run/budgetd.sock"
    export BUDGETD_PUBLIC_URL="http://127.0.0.1:$port"
    export BUDGETD_SENDMAIL="$root/scripts/lib/sendmail-to-folder $var/mail -t -i"
    # Local demo only: webhooks may point at this machine (a receiver run next to the stack).
    export BUDGETD_WEBHOOK_ALLOW_PRIVATE=1
}

# start_mariadb DIR — a private server with its data, socket and log under DIR; no TCP port.
# Its settings are sql/mariadb.cnf, production's; BUDGETD_MARIADB_OPTIONS adds or overrides options
# (scripts/test and scripts/bench trade durability for speed with --innodb-flush-log-at-trx-commit=2).
start_mariadb() {
    mkdir -p "$1"
    local dir
    dir=$(cd "$1" && pwd)  # mariadbd changes into its data directory: every path must be absolute
    if [ ! -d "$dir/data/mysql" ]; then
        log "creating a MariaDB data directory in $dir/data"
        mariadb-install-db --datadir="$dir/data" --auth-root-authentication-method=normal --user="$(id -un)" \
            --skip-test-db >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; die "mariadb-install-db failed"; }
    fi
    if mariadb-admin --socket="$dir/mysql.sock" -uroot ping >/dev/null 2>&1; then
        return 0
    fi
    rm -f "$dir/mysql.sock"
    local options=()
    read -r -a options <<<"${BUDGETD_MARIADB_OPTIONS:-}"
    mariadbd --defaults-file="$ROOT/sql/mariadb.cnf" --datadir="$dir/data" --socket="$dir/mysql.sock" --skip-networking \
        --user="$(id -un)" --pid-file="$dir/mariadbd.pid" --log-error="$dir/mariadbd.log" \
        "${options[@]}" >/dev/null 2>&1 &
    local i
    for i in $(seq 1 60); do
        mariadb-admin --socket="$dir/mysql.sock" -uroot ping >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    tail -n 30 "$dir/mariadbd.log" >&2 || true
    die "MariaDB did not start (log: $dir/mariadbd.log)"
}

stop_mariadb() {
    local dir=$1
    [ -d "$dir" ] && dir=$(cd "$dir" && pwd)
    [ -f "$dir/mariadbd.pid" ] || return 0
    local pid
    pid=$(cat "$dir/mariadbd.pid" 2>/dev/null || true)
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 60); do
        [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.5
    done
    kill -9 "$pid" 2>/dev/null || true
}

# mariadb_root DIR SQL… — runs statements as the server's root over its socket.
mariadb_root() {
    local dir=$1; shift
    mariadb --socket="$dir/mysql.sock" -uroot --batch --skip-column-names -e "$*"
}

# bootstrap_database DIR NAME USER PASSWORD — the schema and an application user limited to it.
bootstrap_database() {
    local dir=$1 name=$2 user=$3 password=$4
    mariadb_root "$dir" "
        CREATE DATABASE IF NOT EXISTS \`$name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
        CREATE USER IF NOT EXISTS '$user'@'localhost' IDENTIFIED BY '$password';
        ALTER USER '$user'@'localhost' IDENTIFIED BY '$password';
        GRANT ALL PRIVILEGES ON \`$name\`.* TO '$user'@'localhost';"
}

# render_nginx ROOT VAR PORT SOCKET — writes VAR/nginx/nginx.conf and the files it includes.
render_nginx() {
    local root=$1 var=$2 port=$3 socket=$4
    mkdir -p "$var/nginx"/{client_body,fastcgi,proxy,uwsgi,scgi} "$var/log"
    local f
    for f in budgetd.site.conf budgetd.locations.conf budgetd.headers.conf budgetd.fastcgi.conf; do
        sed -e "s|@ROOT@|$root|g" "$root/nginx/$f" >"$var/nginx/$f"
    done
    sed -e "s|@ROOT@|$root|g" -e "s|@VAR@|$var|g" -e "s|@PORT@|$port|g" -e "s|@SOCKET@|$socket|g" \
        -e "s|@USER@|$(id -un)|g" "$root/nginx/budgetd.local.conf.in" >"$var/nginx/nginx.conf"
    nginx -t -q -c "$var/nginx/nginx.conf" -e "$var/log/nginx-error.log" 2>&1 | grep -v "could not open error log" >&2 || true
}

start_nginx() {
    local var=$1
    nginx -c "$var/nginx/nginx.conf" -e "$var/log/nginx-error.log" &
    echo $! >"$var/nginx/master.pid"
}

stop_nginx() {
    local var=$1
    [ -f "$var/nginx/master.pid" ] || return 0
    kill -QUIT "$(cat "$var/nginx/master.pid")" 2>/dev/null || true
    rm -f "$var/nginx/master.pid"
}

# wait_http URL [SECONDS] — until the URL answers 200.
wait_http() {
    local url=$1 seconds=${2:-30} i
    for i in $(seq 1 $((seconds * 4))); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" = "200" ] && return 0
        sleep 0.25
    done
    return 1
}

free_port() {
    /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

random_secret() { openssl rand -hex 32; }

# worker_memory PID → "peak N MB, at the end M MB": the process's resident set, its high-water mark
# (VmHWM) and now (VmRSS), for the benchmarks' memory figures.
worker_memory() {
    awk '/^VmHWM/ { p = $2 } /^VmRSS/ { r = $2 } END { printf "peak %.0f MB, at the end %.0f MB", p / 1024, r / 1024 }' "/proc/$1/status"
}
