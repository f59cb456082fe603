#!/bin/sh
# Main process of a rig machine. Host keys are made here, on first start of each container
# (ssh-keygen -A only fills in missing ones), so they survive restarts of the same machine
# but are never shared between machines.
set -eu
ssh-keygen -A
# /run is a tmpfs, so sshd's privilege-separation directory must be made on every start.
mkdir -p /run/sshd
exec /usr/sbin/sshd -D -e
