#!/bin/sh
# Remove Entretien Desktop installed by install.sh. The data file, its copies and the
# settings (~/.local/share/EntretienDesktop, ~/.config/EntretienDesktop) are kept: delete
# them yourself if you no longer need them.
set -eu

PREFIX=${PREFIX:-$HOME/.local}
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}

rm -rf "$PREFIX/lib/entretien-desktop"
rm -f "$PREFIX/bin/entretien-desktop" \
    "$DATA_HOME/applications/entretien-desktop.desktop" \
    "$DATA_HOME/mime/packages/entretien-desktop.xml" \
    "$DATA_HOME/icons/hicolor/scalable/apps/entretien-desktop.svg"
rm -f "$DATA_HOME"/icons/hicolor/*/apps/entretien-desktop.png
command -v update-mime-database >/dev/null && update-mime-database "$DATA_HOME/mime" || true
command -v update-desktop-database >/dev/null \
    && update-desktop-database "$DATA_HOME/applications" || true
echo "Entretien Desktop is removed; your data is kept in $DATA_HOME/EntretienDesktop."
