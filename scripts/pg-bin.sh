# Sourced by the scripts that run PostgreSQL: find_bin NAME prints the path of a PostgreSQL binary.
find_bin() {
  local name=$1
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  local hit
  hit=$(ls /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$hit" ] && { echo "$hit"; return; }
  echo "PostgreSQL binary '$name' not found (apt-get install -y postgresql)" >&2
  exit 1
}
