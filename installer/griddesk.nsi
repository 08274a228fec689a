; GridDesk Windows installer (NSIS 3). Build after PyInstaller:
;   pyinstaller --noconfirm installer\griddesk.spec
;   makensis /DVERSION=0.1.0 installer\griddesk.nsi
Unicode true
!include "MUI2.nsh"

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!define APPNAME "GridDesk 网格指挥台"
!define DIST "..\dist\GridDesk"

Name "${APPNAME}"
OutFile "..\dist\GridDesk-${VERSION}-setup.exe"
InstallDir "$PROGRAMFILES64\GridDesk"
InstallDirRegKey HKLM "Software\GridDesk" "InstallDir"
RequestExecutionLevel admin
SetCompressor /SOLID lzma

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "..\resources\fonts\LICENSE-Apache-2.0.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

Section "GridDesk"
  SetOutPath "$INSTDIR"
  File /r "${DIST}\*.*"
  WriteRegStr HKLM "Software\GridDesk" "InstallDir" "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\GridDesk"
  CreateShortcut "$SMPROGRAMS\GridDesk\网格指挥台.lnk" "$INSTDIR\griddesk.exe"
  CreateShortcut "$SMPROGRAMS\GridDesk\网格指挥台(演示).lnk" "$INSTDIR\griddesk.exe" "--demo"
  CreateShortcut "$SMPROGRAMS\GridDesk\大屏.lnk" "$INSTDIR\griddesk.exe" "--wall"
  CreateShortcut "$DESKTOP\网格指挥台.lnk" "$INSTDIR\griddesk.exe"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\GridDesk" "DisplayName" "${APPNAME}"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\GridDesk" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\GridDesk" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
SectionEnd

Section "Uninstall"
  RMDir /r "$INSTDIR"
  RMDir /r "$SMPROGRAMS\GridDesk"
  Delete "$DESKTOP\网格指挥台.lnk"
  DeleteRegKey HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\GridDesk"
  DeleteRegKey HKLM "Software\GridDesk"
SectionEnd
