#!/usr/bin/env bash
# check-po.sh SOURCE_ROOT — fails when the Simplified Chinese translation is
# incomplete.
#
# Extracts every translatable string from the files listed in po/POTFILES
# (with the same xgettext keywords as meson's 'glib' preset) into a temporary
# template, and checks po/zh_CN.po against it: every msgid must have a
# translation that is neither empty nor fuzzy, and format strings must agree.
# It also fails when a source or UI file marks strings for translation but is
# missing from po/POTFILES, since those strings would silently stay English.
set -u
src=${1:?usage: check-po.sh SOURCE_ROOT}
cd "$src" || exit 1
po=po/zh_CN.po
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

for tool in xgettext msgmerge msgattrib msgfmt; do
  command -v "$tool" >/dev/null || { echo "Bail out! $tool not found (install gettext)"; exit 1; }
done

listed=$(grep -v '^[[:space:]]*\(#\|$\)' po/POTFILES | sed 's/[[:space:]]*$//')

# 1. Every file that marks strings for translation is listed in POTFILES.
marked=$( { grep -rlE '\b(N?C?_|ngettext|g_dngettext|g_dpgettext2)[[:space:]]*\(' \
              --include='*.c' src 2>/dev/null
            grep -rl 'translatable="yes"' --include='*.ui' ui src 2>/dev/null; } | sort -u)
for f in $marked; do
  if ! grep -qxF "$f" <<<"$listed"; then
    echo "not listed in po/POTFILES: $f"
    status=1
  fi
done
for f in $listed; do
  [ -f "$f" ] || { echo "po/POTFILES lists a missing file: $f"; status=1; }
done

# 2. Extract the current template.
if ! xgettext --package-name=clausemark --from-code=UTF-8 --add-comments \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
     --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
     --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
     --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
     --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
     --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
     --flag=g_prefix_error:2:c-format --flag=g_markup_printf_escaped:1:c-format \
     --flag=g_printerr:1:c-format --flag=g_print:1:c-format \
     --files-from=po/POTFILES -o "$tmp/clausemark.pot" 2>"$tmp/xgettext.log"; then
  cat "$tmp/xgettext.log"
  echo "Bail out! xgettext failed"
  exit 1
fi
if [ ! -s "$tmp/clausemark.pot" ]; then
  echo "Bail out! xgettext extracted no strings"
  exit 1
fi
total=$(msgattrib --no-obsolete "$tmp/clausemark.pot" | grep -c '^msgid ')
total=$((total - 1))   # the header entry

# 3. zh_CN.po compiles cleanly, with consistent format strings.
if ! msgfmt --check -o /dev/null "$po"; then
  echo "msgfmt --check failed on $po"
  status=1
fi

# 4. No fuzzy entries in zh_CN.po itself.
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ')
if [ "$fuzzy" -gt 0 ]; then
  echo "fuzzy entries in $po:"
  msgattrib --only-fuzzy --no-obsolete --no-wrap "$po" \
    | grep -A1 '^msgid ' | grep -v '^--$' | sed -n '3,$p'
  status=1
fi

# 5. Every extracted msgid has a translation (exact match, no fuzzy guessing).
msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/clausemark.pot" || exit 1
missing=$(msgattrib --untranslated --no-obsolete --no-wrap "$tmp/merged.po" | grep -c '^msgid ')
if [ "$missing" -gt 0 ]; then
  missing=$((missing - 1))   # the header entry is always printed
fi
if [ "$missing" -gt 0 ]; then
  echo "$missing of $total strings have no zh_CN translation:"
  msgattrib --untranslated --no-obsolete --no-wrap "$tmp/merged.po" \
    | grep -A1 '^msgid ' | grep -v '^--$' | sed -n '3,$p'
  status=1
fi

[ $status -eq 0 ] && echo "zh_CN: all $total strings translated, none fuzzy"
exit $status
