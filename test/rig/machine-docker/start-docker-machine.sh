#!/bin/sh
# Main process of a rig machine with Docker. Like crossdock-start-sshd (host keys made on first
# start, sshd as PID 1), plus dockerd started in the background: there is no init system, and
# policy-rc.d kept the package from starting it.
set -eu
ssh-keygen -A
mkdir -p /run/sshd

# The rig's "no stream-local forwarding" variant (CROSSDOCK_RIG_STREAM_LOCAL=no): sshd keeps the
# first value it reads, so this file must sort before crossdock-rig.conf, which says "yes".
if [ "${CROSSDOCK_RIG_STREAM_LOCAL:-yes}" = no ]; then
  printf 'AllowStreamLocalForwarding no\n' >/etc/ssh/sshd_config.d/00-crossdock-no-stream-local.conf
else
  rm -f /etc/ssh/sshd_config.d/00-crossdock-no-stream-local.conf
fi

# vfs storage (daemon.json): overlay on top of the machine's own overlay root does not work.
# A stale pid file from a previous run of this container would stop dockerd from starting.
rm -f /var/run/docker.pid /var/run/docker/containerd/containerd.pid
setsid dockerd >/var/log/dockerd.log 2>&1 </dev/null &

exec /usr/sbin/sshd -D -e
