# Shared by scripts/run and scripts/test: install what is missing, configure, build.
# Sourced, not run.
set -euo pipefail

SQSNN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SQSNN_BUILD="${SQSNN_BUILD:-$SQSNN_ROOT/build}"

SQSNN_PACKAGES=(
    build-essential cmake pkg-config
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev libgl-dev libqcustomplot-dev
    libeigen3-dev nlohmann-json3-dev zlib1g-dev
    libgtest-dev libbenchmark-dev
    dataset-fashion-mnist
    xvfb xauth
    openmpi-bin libopenmpi-dev
)

sqsnn_install_packages() {
    local missing=()
    for p in "${SQSNN_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local install=(apt-get install -y -qq --no-install-recommends "${missing[@]}")
    if [ "$(id -u)" -eq 0 ]; then
        echo "Installing missing Debian packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        "${install[@]}"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        echo "Installing missing Debian packages with sudo: ${missing[*]}"
        sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
        sudo DEBIAN_FRONTEND=noninteractive "${install[@]}"
    else
        local line="apt-get install -y --no-install-recommends ${missing[*]}"
        echo "These Debian packages are missing: ${missing[*]}"
        echo "Install them as root, then run this script again:"
        echo "  sudo apt-get update && sudo $line"
        exit 1
    fi
}

sqsnn_build() {
    cmake -S "$SQSNN_ROOT" -B "$SQSNN_BUILD" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
    cmake --build "$SQSNN_BUILD" -j"$(nproc)"
}
