# Batch emulator: sets up one node process's sandbox, then runs it. Run by `unshare --user --map-root-user
# --mount` so every mount below happens in a private mount namespace and vanishes with the process.
# Arguments: NODE_DIR TOOL_DIR(or empty) SHIM_DIR UID PROGRAM [ARGS...]; the program's arguments are passed
# through as they are, never interpreted by this script. With UID `hold` and no program, the script makes the
# node's sandbox, prints `ready` and waits for the end of its stdin: the emulator keeps that process as the
# node's sandbox and runs each node process inside it with `nsenter` (NodeNamespaces).
set -eu
node=$1; tools=$2; shims=$3; uid=$4; shift 4
exec 3<"$node" 5<"$shims"
if [ -n "$tools" ]; then exec 4<"$tools"; fi
wd=$PWD

# 1. The host read-only: every mount except the kernel's own file systems (per mount, not per file system).
awk '{print $5" "$6}' /proc/self/mountinfo | while read -r m opts; do
  case "$m" in /proc|/proc/*|/sys|/sys/*|/dev|/dev/*) continue ;; esac
  case ",$opts," in *,ro,*) continue ;; esac
  keep=$(printf '%s' "$opts" | tr ',' '\n' | grep -E '^(nosuid|nodev|noexec|noatime|nodiratime|relatime|strictatime)$' | paste -sd, - || true)
  o=remount,bind,ro
  if [ -n "$keep" ]; then o="$o,$keep"; fi
  if ! mount -o "$o" "$m" 2>/dev/null; then
    echo "batch emulator: could not make $m read-only for the node; refusing to run" >&2
    exit 125
  fi
done

# 2. The node: its own /tmp and /var/tmp, its directory writable, the tool and shim directories visible.
mount -c --bind /proc/self/fd/3/tmp /tmp
mount -o remount,bind,rw /tmp
if [ -d /var/tmp ]; then mount -c --bind /proc/self/fd/3/tmp /var/tmp; mount -o remount,bind,rw /var/tmp; fi
mkdir -p "$node"
mount -c --bind /proc/self/fd/3 "$node"
mount -o remount,bind,rw "$node"
mkdir -p "$shims"
mount -c --bind /proc/self/fd/5 "$shims"
if [ -n "$tools" ]; then mkdir -p "$tools"; mount -c --bind /proc/self/fd/4 "$tools"; fi

# 3. Package managers and sudo resolve to the provisioning shim, also when called by absolute path.
for t in apt-get apt dpkg sudo; do
  for d in /usr/bin /usr/sbin /usr/local/bin /usr/local/sbin; do
    if [ -f "$d/$t" ] && [ ! -L "$d/$t" ]; then mount -c --bind "$shims/$t" "$d/$t"; fi
  done
done
cd "$wd"

# 4. A node's long-lived sandbox: keep the namespaces until the emulator closes our stdin.
if [ "$uid" = hold ]; then echo ready; exec cat >/dev/null; fi

# 5. Identity: admin runs as the namespace's root, anyone else as an unprivileged uid in a nested namespace.
if [ "$uid" = 0 ]; then exec "$@"; fi
exec unshare --user --map-user="$uid" --map-group="$uid" -- "$@"
