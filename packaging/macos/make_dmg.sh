#!/bin/sh
# The disk image macOS users download: the application and a link to /Applications to drag
# it onto. Run on macOS (hdiutil):
#
#   sh packaging/macos/make_dmg.sh "build/bundle/dist/Entretien Desktop.app" OUT.dmg
#
# The data file and the settings live in ~/Library/Application Support/EntretienDesktop,
# never in the application: replacing the application with a newer one keeps them.
set -eu

APP=$1
DMG=$2
if [ ! -d "$APP/Contents/MacOS" ]; then
    echo "make_dmg.sh: $APP is not an application bundle" >&2
    exit 1
fi

STAGING=$(mktemp -d)
trap 'rm -rf "$STAGING"' EXIT
# ditto keeps the bundle as it is: its links, its extended attributes and its signature.
ditto "$APP" "$STAGING/$(basename "$APP")"
ln -s /Applications "$STAGING/Applications"

rm -f "$DMG"
# hdiutil now and then fails with "Resource busy" on a busy machine (CI's among them): try
# again a little later before giving up.
for attempt in 1 2 3; do
    if hdiutil create -volname "Entretien Desktop" -srcfolder "$STAGING" -fs HFS+ \
        -format UDZO -ov "$DMG"; then
        exit 0
    fi
    echo "make_dmg.sh: hdiutil failed (attempt $attempt), trying again" >&2
    sleep 10
done
exit 1
