#!/usr/bin/env bash
# Check for (and, where we can, install) what building and testing Almen needs.
#
# Usage: scripts/ensure-deps.sh
#
# Prints nothing and exits 0 when everything is there. Exits 1 with a message
# saying what to install otherwise.
#
# - The Swift toolchain is only checked for: it is not a Debian package, so
#   it has to be installed by hand (see https://swift.org/install).
# - Debian packages go through ensure_debian_packages (see main below): as
#   root they are installed with apt-get, otherwise the apt-get command to run
#   is printed.
#
# It can also be sourced (`. scripts/ensure-deps.sh`) to get the functions
# without running the checks.
set -euo pipefail

_ensure_deps_prog=${BASH_SOURCE[0]##*/}

_ensure_deps_die() {
	printf '%s: error: %s\n' "$_ensure_deps_prog" "$*" >&2
	exit 1
}

# check_swift: fail unless a Swift toolchain is on PATH.
check_swift() {
	if ! command -v swift >/dev/null 2>&1; then
		_ensure_deps_die "swift not found on PATH.
Install the Swift toolchain from https://swift.org/install and put its usr/bin
directory on PATH; this script can't do that for you."
	fi
}

# ensure_debian_packages PKG...
#   Make sure the given Debian packages are installed (checked with dpkg -s).
#   Missing ones are installed with apt-get when running as root (running
#   `apt-get update` first if the install fails); otherwise the exact apt-get
#   command to run is printed and the script exits 1. Silent when all are
#   installed; no arguments means nothing to do.
# shellcheck disable=SC2120 # main passes no packages yet
ensure_debian_packages() {
	local pkg status missing=()
	if [[ $# -eq 0 ]]; then return 0; fi
	if ! command -v dpkg >/dev/null 2>&1; then
		printf '%s: note: not a Debian-based system; make sure the equivalents of these Debian packages are installed: %s\n' \
			"$_ensure_deps_prog" "$*" >&2
		return 0
	fi
	for pkg in "$@"; do
		status=$(dpkg -s "$pkg" 2>/dev/null) || status=""
		# "install ok installed" (or "hold ok installed"); not "deinstall ok config-files".
		if ! grep -q '^Status: [a-z]* ok installed$' <<<"$status"; then
			missing+=("$pkg")
		fi
	done
	if [[ ${#missing[@]} -eq 0 ]]; then return 0; fi

	local install=(apt-get install -y --no-install-recommends "${missing[@]}")
	# Wait for another apt (e.g. unattended-upgrades on a fresh VM) rather than fail.
	local lock=(-o DPkg::Lock::Timeout=300)
	if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
		printf '%s: installing missing Debian packages: %s\n' "$_ensure_deps_prog" "${missing[*]}" >&2
		if ! DEBIAN_FRONTEND=noninteractive "${install[@]}" -q "${lock[@]}" >&2; then
			DEBIAN_FRONTEND=noninteractive apt-get update -q "${lock[@]}" >&2 ||
				_ensure_deps_die "apt-get update failed"
			DEBIAN_FRONTEND=noninteractive "${install[@]}" -q "${lock[@]}" >&2 ||
				_ensure_deps_die "could not install the Debian packages: ${missing[*]}"
		fi
	else
		_ensure_deps_die "missing Debian packages: ${missing[*]}
Install them with:
  sudo ${install[*]}"
	fi
}

main() {
	check_swift
	# Debian packages the build needs: expat for the MeMo parser (CExpat), pango and cairo for
	# letter PDFs (CPangoCairo) with the DejaVu fonts they embed, pkg-config to find them, and
	# poppler-utils, with which the tests read the PDFs back (pdftotext, pdfinfo, pdftoppm).
	ensure_debian_packages libexpat1-dev pkg-config libpango1.0-dev libcairo2-dev fonts-dejavu-core poppler-utils python3
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	main "$@"
fi
