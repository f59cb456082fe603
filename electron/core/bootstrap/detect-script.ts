// Runs as the login user, changes nothing: what the system is, and how we may become root.
export const DETECT_SCRIPT = `#!/bin/sh
echo "@os-release-begin"
cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null || true
echo "@os-release-end"
echo "machine=$(uname -m)"
if [ -d /run/systemd/system ]; then echo init=systemd
elif command -v rc-service >/dev/null 2>&1 && [ -d /run/openrc ]; then echo init=openrc
else echo init=other
fi
for pm in apt-get dnf yum zypper apk pacman; do
  if command -v "$pm" >/dev/null 2>&1; then echo "pm=$pm"; break; fi
done
echo "uid=$(id -u)"
if [ "$(id -u)" != 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then echo sudo=missing
  elif sudo -n true </dev/null >/dev/null 2>&1; then echo sudo=nopasswd
  else echo sudo=password
  fi
fi
if command -v dockerd >/dev/null 2>&1; then echo "dockerd=$(dockerd --version 2>/dev/null || echo unknown)"; fi
for f in /proc/[0-9]*/comm; do
  if [ "$(cat "$f" 2>/dev/null)" = dockerd ]; then echo running=yes; break; fi
done
`;
