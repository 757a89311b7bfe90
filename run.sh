#!/usr/bin/env bash
# Starts a stock Apache James 3.8.1 memory server with Sendguard, in the foreground, its spool, outgoing queue
# and mail repositories made durable (main class io.sendguard.server.DurableJamesServerMain).
#
#   ./run.sh [--conf DIR] [--work DIR] [--rebuild]
#
#   --conf DIR   James configuration directory (default: conf/ of this repository)
#   --work DIR   working directory: var/ (state: held mail, logs, ...) and extensions-jars/ live here and
#                survive restarts (default: work/ of this repository)
#   --rebuild    rebuild the drop-in jar and the James layout even if they look up to date
#
# Builds what is missing (Maven), lays out James (lib/ from Maven Central, the drop-in jar in
# extensions-jars/), starts it, prints where SMTP, submission, IMAP, WebAdmin and the web listener listen, and stops it
# cleanly on Ctrl-C. Environment: JAVA (default: java on PATH), JAVA_OPTS (default: -Xmx1g).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CONF="$HERE/conf"
WORK="$HERE/work"
REBUILD=""

usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --conf) [ $# -ge 2 ] || { echo "run.sh: --conf needs a directory" >&2; exit 2; }; CONF="$2"; shift 2 ;;
        --conf=*) CONF="${1#--conf=}"; shift ;;
        --work) [ $# -ge 2 ] || { echo "run.sh: --work needs a directory" >&2; exit 2; }; WORK="$2"; shift 2 ;;
        --work=*) WORK="${1#--work=}"; shift ;;
        --rebuild) REBUILD=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

[ -d "$CONF" ] || { echo "run.sh: configuration directory '$CONF' does not exist" >&2; exit 2; }
[ -f "$CONF/mailetcontainer.xml" ] || { echo "run.sh: '$CONF' has no mailetcontainer.xml: not a James configuration directory" >&2; exit 2; }
CONF=$(cd "$CONF" && pwd)
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
# One James per working directory: a second run.sh on the same --work would share its state files.
if command -v flock >/dev/null 2>&1; then
    exec 9>"$WORK/.run.lock"
    flock -n 9 || { echo "run.sh: $WORK is in use by another run.sh (one James per working directory)" >&2; exit 2; }
fi

JAMES_HOME="$HERE/distribution/target/james"
JAR="$JAMES_HOME/extensions-jars/sendguard-extension.jar"
JAVA="${JAVA:-java}"

needs_build() {
    [ -n "$REBUILD" ] && return 0
    [ -f "$JAR" ] && [ -d "$JAMES_HOME/lib" ] || return 0
    # any source or pom newer than the jar
    [ -n "$(find "$HERE/pom.xml" "$HERE"/*/pom.xml "$HERE"/*/src/main -newer "$JAR" -type f -print -quit 2>/dev/null)" ]
}
if needs_build; then
    echo "run.sh: building Sendguard and laying out James 3.8.1 (mvn package)..."
    (cd "$HERE" && mvn -B -q -DskipTests package)
fi

# The working directory James expects: conf/ (ours, linked, so edits take effect on restart),
# extensions-jars/ (the drop-in jar, refreshed at every start) and var/ (state).
mkdir -p "$WORK/var" "$WORK/extensions-jars"
if [ -e "$WORK/conf" ] && [ ! -L "$WORK/conf" ]; then
    echo "run.sh: $WORK/conf exists and is not a link made by run.sh; move it away or use another --work" >&2
    exit 2
fi
ln -sfn "$CONF" "$WORK/conf"
cp -f "$JAR" "$WORK/extensions-jars/sendguard-extension.jar"

# Where things listen, read from the configuration.
binds_of() { # file tag -> "name bind" for each enabled server
    awk -v tag="$2" '
        $0 ~ "<"tag"[ >]" { enabled = ($0 !~ /enabled="false"/); name=""; bind="" }
        /<jmxName>/ { gsub(/.*<jmxName>|<\/jmxName>.*/, ""); name=$0 }
        /<bind>/ { gsub(/.*<bind>|<\/bind>.*/, ""); bind=$0 }
        $0 ~ "</"tag">" { if (enabled && bind != "") print name, bind }
    ' "$1"
}
prop() { sed -n "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*//p" "$1" | tail -n 1; }
WEBADMIN_HOST=$(prop "$CONF/webadmin.properties" host); WEBADMIN_HOST=${WEBADMIN_HOST:-localhost}
WEBADMIN_PORT=$(prop "$CONF/webadmin.properties" port); WEBADMIN_PORT=${WEBADMIN_PORT:-8000}
# Sendguard's own web listener for senders and approvers (conf/sendguard.properties)
WEB_ENABLED=$(prop "$CONF/sendguard.properties" 'web\.enabled'); WEB_ENABLED=${WEB_ENABLED:-true}
WEB_HOST=$(prop "$CONF/sendguard.properties" 'web\.host'); WEB_HOST=${WEB_HOST:-127.0.0.1}
WEB_PORT=$(prop "$CONF/sendguard.properties" 'web\.port'); WEB_PORT=${WEB_PORT:-8025}
WEB_URL=$(prop "$CONF/sendguard.properties" 'web\.baseUrl')
if [ -z "$WEB_URL" ]; then
    scheme=http; [ -n "$(prop "$CONF/sendguard.properties" 'web\.tls\.keystore')" ] && scheme=https
    url_host=$WEB_HOST; [ "$url_host" = "0.0.0.0" ] && url_host=localhost
    WEB_URL="$scheme://$url_host:$WEB_PORT"
fi

# Every address James will listen on must be free: otherwise James fails to start, and another program
# answering there must not be taken for this James.
in_use() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
{ binds_of "$CONF/smtpserver.xml" smtpserver; binds_of "$CONF/imapserver.xml" imapserver;
  echo "webadmin $WEBADMIN_HOST:$WEBADMIN_PORT"
  [ "$WEB_ENABLED" = "true" ] && echo "sendguard-web $WEB_HOST:$WEB_PORT"; } | while read -r name bind; do
    host=${bind%:*}; port=${bind##*:}
    [ "$host" = "0.0.0.0" ] && host=127.0.0.1
    if in_use "$host" "$port"; then
        echo "run.sh: $host:$port ($name) is already in use: is James already running with this configuration? Stop it or change the port." >&2
        exit 3
    fi
done || exit 2

cd "$WORK"   # James reads conf/jvm.properties relative to the current directory
# shellcheck disable=SC2086
"$JAVA" ${JAVA_OPTS:--Xmx1g} \
    -Dworking.directory="$WORK" \
    -Dlogback.configurationFile="$WORK/conf/logback.xml" \
    -cp "$JAMES_HOME/lib/*" io.sendguard.server.DurableJamesServerMain &
PID=$!
STOPPED=""
stop() { STOPPED=1; echo; echo "run.sh: stopping James (pid $PID)..."; kill -TERM "$PID" 2>/dev/null || true; }
trap stop INT TERM

for _ in $(seq 1 240); do
    kill -0 "$PID" 2>/dev/null || break
    if in_use "$WEBADMIN_HOST" "$WEBADMIN_PORT" && kill -0 "$PID" 2>/dev/null; then
        echo
        echo "Sendguard is running (James 3.8.1 memory server with a durable spool, pid $PID)"
        echo "  configuration : $CONF"
        echo "  working dir   : $WORK"
        binds_of "$CONF/smtpserver.xml" smtpserver | while read -r name bind; do
            case "$name" in *submission*) label="submission" ;; *) label="SMTP" ;; esac
            printf '  %-13s : %s (%s)\n' "$label" "$bind" "$name"
        done
        binds_of "$CONF/imapserver.xml" imapserver | while read -r name bind; do
            printf '  %-13s : %s (%s)\n' "IMAP" "$bind" "$name"
        done
        printf '  %-13s : http://%s:%s (admin API: keep it on loopback)\n' "WebAdmin" "$WEBADMIN_HOST" "$WEBADMIN_PORT"
        [ "$WEB_ENABLED" = "true" ] && printf '  %-13s : %s (senders and approvers: sign in, my mail, approvals)\n' "web" "$WEB_URL"
        echo "  smart host    : $(sed -n 's/.*<gateway>\(.*\)<\/gateway>.*/\1/p' "$CONF/mailetcontainer.xml" | head -n 1)"
        echo "Press Ctrl-C to stop."
        break
    fi
    sleep 0.5
done

set +e
wait "$PID"; status=$?
# a trapped signal interrupts the first wait: wait for James to finish stopping
if kill -0 "$PID" 2>/dev/null; then wait "$PID"; status=$?; fi
# stopped on request (Ctrl-C / SIGTERM) and James shut down through its hook: a clean stop
if [ -n "$STOPPED" ] && { [ "$status" = 130 ] || [ "$status" = 143 ]; }; then
    echo "run.sh: James stopped."
    exit 0
fi
exit "$status"
