#!/bin/sh
# Install Entretien Desktop for the current user (no administrator rights needed), from the
# folder this script is in: the program under ~/.local/lib, a command in ~/.local/bin, the
# menu entry, the icons and the data file type. Run it again to update: the data file and
# the settings live in the user's data folder (~/.local/share/EntretienDesktop), never here,
# and are not touched. PREFIX=/opt/entretien sh install.sh installs elsewhere.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-$HOME/.local}
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
PROGRAM_DIR="$PREFIX/lib/entretien-desktop"

if [ ! -x "$HERE/entretien-desktop/entretien-desktop" ]; then
    echo "install.sh: the program is missing beside this script ($HERE/entretien-desktop)" >&2
    exit 1
fi

mkdir -p "$PREFIX/lib" "$PREFIX/bin"
# Replace the previous version whole (a file left from it could be loaded by mistake).
rm -rf "$PROGRAM_DIR.new"
cp -R "$HERE/entretien-desktop" "$PROGRAM_DIR.new"
rm -rf "$PROGRAM_DIR"
mv "$PROGRAM_DIR.new" "$PROGRAM_DIR"
ln -sf "$PROGRAM_DIR/entretien-desktop" "$PREFIX/bin/entretien-desktop"

mkdir -p "$DATA_HOME/applications" "$DATA_HOME/mime/packages" \
    "$DATA_HOME/icons/hicolor/scalable/apps"
sed "s|^Exec=entretien-desktop|Exec=\"$PROGRAM_DIR/entretien-desktop\"|" \
    "$HERE/share/entretien-desktop.desktop" > "$DATA_HOME/applications/entretien-desktop.desktop"
cp "$HERE/share/entretien-desktop-mime.xml" "$DATA_HOME/mime/packages/entretien-desktop.xml"
cp "$HERE/share/icons/entretien-desktop.svg" "$DATA_HOME/icons/hicolor/scalable/apps/"
for png in "$HERE"/share/icons/entretien-desktop-*.png; do
    size=$(basename "$png" .png | sed 's/.*-//')
    mkdir -p "$DATA_HOME/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$DATA_HOME/icons/hicolor/${size}x${size}/apps/entretien-desktop.png"
done

# Tell the desktop about the new entry, icon and file type, where it has the tools.
command -v update-mime-database >/dev/null && update-mime-database "$DATA_HOME/mime" || true
command -v update-desktop-database >/dev/null \
    && update-desktop-database "$DATA_HOME/applications" || true
command -v gtk-update-icon-cache >/dev/null \
    && gtk-update-icon-cache -q -t "$DATA_HOME/icons/hicolor" || true

echo "Entretien Desktop is installed in $PROGRAM_DIR."
echo "Start it from the menu, or with: $PREFIX/bin/entretien-desktop"
