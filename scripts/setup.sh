#!/usr/bin/env bash
# Installs what is missing (Debian packages, npm packages) and builds incrementally.
#   scripts/setup.sh start   page only: WASM modules (fast when already built)
#   scripts/setup.sh build   WASM modules + native build
#   scripts/setup.sh test    everything the tests need, including the three browser engines and the test binaries
#                            (also build-asan: the Catch2 suite under ASan + UBSan; build-fuzz: the
#                            libFuzzer targets, built with clang-14)
set -euo pipefail
mode="${1:-start}"
cd "$(dirname "$0")/.."
JOBS="${JOBS:-$(nproc)}"

log() { printf '[setup] %s\n' "$*"; }

# --- Debian packages: "probe-file package" pairs --------------------------------------------
need=(
  "/usr/bin/em++ emscripten"
  "/usr/share/nodejs/acorn/package.json node-acorn"
  "/usr/include/eigen3/Eigen/Core libeigen3-dev"
  "/usr/include/catch2/catch.hpp catch2"
  "/usr/bin/cmake cmake"
  "/usr/bin/g++ g++"
  "/usr/bin/make make"
)
if [[ "$mode" == test ]]; then
  need+=(
    "/usr/bin/chromium chromium"
    "/usr/bin/clang++-14 clang-14"                 # build-fuzz: libFuzzer targets
    "/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a libclang-rt-14-dev"
    "/usr/bin/firefox-esr firefox-esr"             # tests/engines: Firefox over WebDriver BiDi
    "/usr/bin/WebKitWebDriver webkit2gtk-driver"   # tests/engines: WebKitGTK (Safari's engine); pulls in libwebkit2gtk-4.1-0's MiniBrowser
    "/usr/bin/Xvfb xvfb"                           # MiniBrowser has no headless mode
  )
  # PyTorch 1.13 for tests/node/reproduce.test.mjs (the exported scripts run under torch); ~2 min to install.
  need+=("/usr/lib/python3/dist-packages/torch/__init__.py python3-torch")
fi
missing=()
for pair in "${need[@]}"; do
  probe="${pair%% *}" pkg="${pair##* }"
  [[ -e "$probe" ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "[setup] please run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${missing[@]}"  # with recommends, as tested (fonts for Chromium)
fi

# --- npm packages (only the tests use them) ---------------------------------------------------
if [[ "$mode" == test ]]; then
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    log "installing npm packages"
    npm ci --no-audit --no-fund
  fi
fi

# --- builds (incremental) ---------------------------------------------------------------------
if [[ ! -f build-wasm/CMakeCache.txt ]]; then
  log "configuring the WASM build"
  emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
if [[ "$mode" == start ]]; then
  cmake --build build-wasm -j "$JOBS" --target ap_wasm_simd ap_wasm_nosimd ap_page_simd ap_page_nosimd ap_wasm_simd_single ap_wasm_nosimd_single ap_types
else
  cmake --build build-wasm -j "$JOBS"
  if [[ ! -f build/CMakeCache.txt ]]; then
    log "configuring the native build"
    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build build -j "$JOBS"
fi
if [[ "$mode" == test ]]; then
  if [[ ! -f build-asan/CMakeCache.txt ]]; then
    log "configuring the sanitizer build (ASan + UBSan)"
    cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAP_SANITIZE=ON >/dev/null
  fi
  cmake --build build-asan -j "$JOBS" --target ap_tests ap_tests_extra
  if [[ ! -f build-fuzz/CMakeCache.txt ]]; then
    log "configuring the fuzz build (clang-14, libFuzzer + ASan + UBSan)"
    CXX=clang++-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAP_FUZZ=ON >/dev/null
  fi
  cmake --build build-fuzz -j "$JOBS" --target ap_fuzz_activations ap_fuzz_training
fi
node scripts/build-embed.mjs  # web/ → dist/web/: the <activation-playground> element in the package
log "ready"
