; Entretien Desktop's Windows installer (Inno Setup 6), made from the PyInstaller folder by
; .github/workflows/bundle.yml:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\entretien-desktop.iss
;
; Per-user by default: no administrator rights, the program in the user's Programs folder
; (%LOCALAPPDATA%\Programs\Entretien Desktop); an administrator may choose an install for
; every user in the first dialog. The user's data (%LOCALAPPDATA%\EntretienDesktop: the
; data file, its copies, the settings, the log) is never in the install folder, so an
; update, which replaces the program whole, and the uninstaller leave it alone.
;
; Saved as UTF-8 with a byte order mark: Inno Setup reads a script as UTF-8 only then (the
; French message below).

#ifndef AppVersion
  #error Give the version: iscc /DAppVersion=X.Y.Z entretien-desktop.iss
#endif
; The PyInstaller folder (build_bundle.py), and where the installer goes; relative paths
; are read from this script's folder.
#ifndef BundleDir
  #define BundleDir "..\..\build\bundle\dist\entretien-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\build\installer"
#endif

#define AppName "Entretien Desktop"
; The two programs of packaging/entretien-desktop.spec: the window (no console opens with
; it), and the command line (--self-test, check, report...) beside it.
#define WindowedExe "Entretien Desktop.exe"
#define ConsoleExe "entretien-desktop.exe"
#define DataExtension ".entretien"
#define DataProgId "EntretienDesktop.DataFile"

[Setup]
; Fixed for good: Windows knows an installed program, its updates and its uninstaller by
; it. (The doubled brace is how Inno writes a literal one.)
AppId={{C5A6A945-45CA-4455-8EA1-3BD38BF78C27}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
; {autopf} is the user's Programs folder in a per-user install, Program Files otherwise.
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; The .entretien file type is registered: tell Explorer to read the associations again.
ChangesAssociations=yes
; Qt 6 runs on Windows 10 and later, 64-bit.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
; The name the README gives users.
OutputBaseFilename=Entretien-Desktop-Setup-{#AppVersion}
SetupIconFile=..\icons\entretien-desktop.ico
UninstallDisplayIcon={app}\{#WindowedExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; A running program is asked to close before its files are replaced (Restart Manager).
CloseApplications=yes
#ifdef Sign
; With the certificate (the workflow's secrets), the installer and the uninstaller inside it
; are signed by the command given as iscc "/Ssigntool=... $f" /DSign.
SignTool=signtool
#endif

[Languages]
; Inno's own translations of its pages; the program itself speaks the same four.
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "norwegian"; MessagesFile: "compiler:Languages\Norwegian.isl"

[CustomMessages]
english.DataFileType=Entretien Desktop data file
french.DataFileType=Fichier de données Entretien Desktop
dutch.DataFileType=Gegevensbestand van Entretien Desktop
norwegian.DataFileType=Datafil for Entretien Desktop

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the program whole, as install.sh does on Linux: a library the earlier
; version had and this one has not must not be loaded by mistake. Only the program's own
; folder: the user's data is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#WindowedExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#WindowedExe}"; Tasks: desktopicon

[Registry]
; The .entretien file type, opened by the window program with the file as its argument
; (entretien-desktop FILE opens FILE). HKA is HKCU\Software\Classes in a per-user install
; and HKLM\Software\Classes in an install for every user. The uninstaller takes them away.
Root: HKA; Subkey: "Software\Classes\{#DataExtension}"; ValueType: string; ValueName: ""; ValueData: "{#DataProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#DataExtension}\OpenWithProgids"; ValueType: string; ValueName: "{#DataProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#DataProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:DataFileType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#DataProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#WindowedExe},0"
Root: HKA; Subkey: "Software\Classes\{#DataProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#WindowedExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#WindowedExe}\SupportedTypes"; ValueType: string; ValueName: "{#DataExtension}"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#WindowedExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes what the installer put in {app} and the
; registry, nothing more. The user's data folder, {localappdata}\EntretienDesktop (the data
; file, the copies made before each upgrade, the settings, the log), is deliberately left:
; it is the user's, and the next installation opens it again.
