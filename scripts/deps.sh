# scripts/deps.sh — sourced by scripts/run and scripts/test.
# Installs the Debian 12 packages Clausemark needs, only those missing.

CM_BUILD_PACKAGES="meson ninja-build pkg-config gcc libc6-dev gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libjson-glib-dev libxml2-dev
  libuchardet-dev liblinear-dev desktop-file-utils appstream fonts-noto-cjk
  libpoppler-glib-dev libarchive-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  libpango1.0-dev libcairo2-dev"
CM_TEST_PACKAGES="xvfb xauth xdotool imagemagick fonts-noto-cjk poppler-utils python3
  python3-jsonschema python3-nltk dbus-x11 procps
  clang-14 libclang-rt-14-dev parallel python3-distributed locales gdb python3-numpy"

cm_install_missing () {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "error: missing packages (${missing[*]}) and neither root nor sudo" >&2
      return 1
    fi
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" || return 1
}

# Makes a UTF-8 locale if the system lacks it: cm_ensure_locale zh_CN. A fresh Debian 12 has
# only C.UTF-8, and without zh_CN.UTF-8 setlocale() falls back to C, so gettext ignores
# LANGUAGE and the Chinese UI and report tests would see English.
cm_ensure_locale () {
  local name=$1 sudo=""
  locale -a 2>/dev/null | grep -qix "$name.utf-\?8" && return 0
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "error: the $name.UTF-8 locale is missing and neither root nor sudo" >&2
      return 1
    fi
  fi
  echo "Making the $name.UTF-8 locale"
  $sudo localedef -i "$name" -f UTF-8 "$name.UTF-8" || return 1
}

# Configures (once) and builds a build directory: cm_build DIR [meson options...]
cm_build () {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
  fi
  ninja -C "$dir" >"$dir.build.log" 2>&1 || { tail -50 "$dir.build.log"; return 1; }
  if grep -q "warning:" "$dir.build.log"; then
    echo "Build warnings in $dir:"; grep -A3 "warning:" "$dir.build.log" | head -40
  fi
}
