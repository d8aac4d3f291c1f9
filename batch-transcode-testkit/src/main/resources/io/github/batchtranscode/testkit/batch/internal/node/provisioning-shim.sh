#!/bin/sh
# Batch emulator provisioning shim: stands in for apt-get, apt, dpkg and sudo on a sandboxed node. It records
# what was asked for and installs nothing; a package counts as present when the emulator's tool directory has a
# program of that name or the node's image (the host, read-only) has it installed.
log=@LOG@
tools=@TOOLS@
tool=${0##*/}
record() { printf '%s\t%s\t%s\n' "$tool" "$1" "$2" >> "$log"; }
provided() {
  p=${1%%=*}; p=${p%%:*}
  if [ -n "$tools" ] && [ -x "$tools/$p" ]; then return 0; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'
}
case "$tool" in
  sudo)
    while [ $# -gt 0 ]; do
      case "$1" in
        -u|-g|-C|-D|-h|-p|-r|-t|-U) if [ $# -ge 2 ]; then shift 2; else shift; fi ;;
        --) shift; break ;;
        -*) shift ;;
        *) break ;;
      esac
    done
    if [ $# -eq 0 ]; then exit 0; fi
    exec "$@" ;;
  dpkg)
    case "${1:-}" in
      -l|-s|-L|-S|-W|--list|--status|--listfiles|--search|--show) exec dpkg-query "$@" ;;
      --print-architecture) case $(uname -m) in x86_64) echo amd64 ;; aarch64) echo arm64 ;; *) uname -m ;; esac; exit 0 ;;
    esac
    record "${1:-}" ""
    exit 0 ;;
esac
cmd=
missing=
while [ $# -gt 0 ]; do
  case "$1" in
    -o|-c|-t|--option|--config-file|--target-release|--default-release)
      if [ $# -ge 2 ]; then shift 2; else shift; fi; continue ;;
    -*) shift; continue ;;
  esac
  if [ -z "$cmd" ]; then
    cmd=$1
  elif [ "$cmd" = install ] || [ "$cmd" = reinstall ]; then
    record "$cmd" "$1"
    provided "$1" || missing="$missing $1"
  fi
  shift
done
case "$cmd" in
  install|reinstall)
    if [ -n "$missing" ]; then
      echo "E: Unable to locate package$missing (a Batch emulator node installs nothing: put the program in the emulator's tool directory)" >&2
      exit 100
    fi ;;
  "") ;;
  *) record "$cmd" "" ;;
esac
exit 0
