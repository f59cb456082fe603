/**
 * What a booting Debian image writes to serial port 1 on Google, trimmed to the lines clients
 * parse. The host-key block is the one Google's guest agent (and cloud-init) prints, so a client
 * can pin the machine's real keys before its first SSH connection instead of trusting on first use.
 */
export function bootLog(hostname: string, hostPublicKeys: string[]): string {
  const stamp = new Date().toISOString();
  return [
    `[    0.000000] Linux version 6.1.0-37-cloud-amd64 (debian-kernel@lists.debian.org)`,
    `[    0.000000] Command line: BOOT_IMAGE=/boot/vmlinuz-6.1.0-37-cloud-amd64 root=PARTUUID=00000000-0000-0000-0000-000000000000 ro console=ttyS0,115200`,
    `${stamp} ${hostname} google_guest_agent[412]: GCE Agent Started (version 20250605.00)`,
    `${stamp} ${hostname} google_guest_agent[412]: Created google sudoers file`,
    `${stamp} ${hostname} google_guest_agent[412]: Updating keys for user(s) from metadata`,
    '-----BEGIN SSH HOST KEY KEYS-----',
    ...hostPublicKeys,
    '-----END SSH HOST KEY KEYS-----',
    `Debian GNU/Linux 12 ${hostname} ttyS0`,
    '',
    `${hostname} login: `,
    '',
  ].join('\n');
}
