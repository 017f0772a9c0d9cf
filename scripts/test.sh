#!/usr/bin/env bash
# The test command of the README: installs what the tests need and is missing, runs every test
# project, and ends with one line "tests: N passed, N failed, N skipped" summed over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."

# chromium: the browser the UI tests drive through Playwright; postgresql: the second metadata
# database; tinyproxy: the HTTP proxy outbound calls are tested through.
packages=(skopeo docker-registry podman buildah uidmap fuse-overlayfs chromium postgresql tinyproxy)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "could not install ${missing[*]}"; exit 1; }
fi

# The real OpenID provider the single sign-on tests run against (npm oidc-provider).
command -v node >/dev/null && command -v npm >/dev/null || {
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null || { echo "could not install nodejs and npm"; exit 1; }
}
if [ ! -d tests/oidc-provider/node_modules/oidc-provider ]; then
  (cd tests/oidc-provider && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed in tests/oidc-provider"; exit 1; }
fi

# PostgreSQL: the Debian cluster, started if it is down, with a test role that may create databases
# (each test server gets a database of its own and drops it afterwards).
cluster=$(pg_lsclusters -h 2>/dev/null | head -n 1)
[ -n "$cluster" ] || { echo "no PostgreSQL cluster (pg_lsclusters shows none)"; exit 1; }
read -r pg_version pg_name pg_port pg_status _ <<<"$cluster"
if [ "$pg_status" != online ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo pg_ctlcluster "$pg_version" "$pg_name" start || { echo "could not start PostgreSQL $pg_version/$pg_name"; exit 1; }
fi
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
as_postgres "psql -q -v ON_ERROR_STOP=1 -p $pg_port" <<'SQL' || { echo "could not create the PostgreSQL test role"; exit 1; }
DO $$BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portalcrane_test') THEN
    CREATE ROLE portalcrane_test LOGIN CREATEDB PASSWORD 'portalcrane-test';
  END IF;
END$$;
SQL
export PORTALCRANE_TEST_POSTGRES_SERVER="Host=127.0.0.1;Port=$pg_port;Username=portalcrane_test;Password=portalcrane-test"

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
dotnet build Portalcrane.slnx -c Release -nologo -v quiet || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }

status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=1500000 \
    || status=1
done

# The registry and access-control integration tests again, on PostgreSQL.
echo "== Portalcrane.Registry.Tests on PostgreSQL"
PORTALCRANE_TEST_DATABASE=postgres dotnet test tests/Portalcrane.Registry.Tests/Portalcrane.Registry.Tests.csproj -c Release --no-build --nologo \
  --logger "trx;LogFileName=Portalcrane.Registry.Tests.Postgres.trx" --results-directory "$results" || status=1
echo "== Portalcrane.EndToEnd.Tests (access control) on PostgreSQL"
PORTALCRANE_TEST_DATABASE=postgres dotnet test tests/Portalcrane.EndToEnd.Tests/Portalcrane.EndToEnd.Tests.csproj -c Release --no-build --nologo \
  --filter "FullyQualifiedName~EndToEnd.Tests.Access" \
  --logger "trx;LogFileName=Portalcrane.EndToEnd.Tests.Access.Postgres.trx" --results-directory "$results" || status=1

python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find(f"{ns}ResultSummary/{ns}Counters")
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
