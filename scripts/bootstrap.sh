#!/usr/bin/env bash
# Installs what ntm-alloc needs on a Debian machine that has only the Swift toolchain:
# GLPK's headers and library (libglpk-dev) and glpsol (glpk-utils, used by the
# cross-check tests and the benchmarks). Does nothing when they are already there.
set -euo pipefail

need=()
[ -f /usr/include/glpk.h ] || need+=(libglpk-dev)
command -v glpsol >/dev/null 2>&1 || need+=(glpk-utils)

if [ ${#need[@]} -gt 0 ]; then
  echo "bootstrap: installing ${need[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
