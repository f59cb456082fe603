// Server-side views of SSH sessions, read out of band (docker exec), so a test can check what the
// client claims: how many logins a user has open, and what one session still holds open.
import type { HostConnection } from '../../electron/core/ssh/host-connection.js';
import { onMachine } from './docker-rig.js';

/** SSH connections `user` has open on the machine. */
export async function openLogins(machine: string, user: string): Promise<number> {
  const out = await onMachine(machine, 'ps -eo args=');
  // The unprivileged half of each connection: "sshd: user" (titled "sshd: user@notty" once it
  // runs a command); the other half is "sshd: user [priv]".
  return out.split('\n').filter((line) => line === `sshd: ${user}` || line.startsWith(`sshd: ${user}@`)).length;
}

/** The pid of the sshd process serving this connection on the server (the parent of its commands). */
export async function sessionPid(connection: HostConnection): Promise<number> {
  const { stdout } = await connection.exec('echo $PPID');
  return Number(stdout.trim());
}

/** What an sshd session process holds: commands it runs, and UNIX sockets (stream-local forwards among them). */
export async function sessionHoldings(
  machine: string,
  pid: number,
): Promise<{ children: number; unixSockets: number }> {
  const children = await onMachine(machine, `ps -o pid= --ppid ${pid} || true`);
  const sockets = await onMachine(machine, `ss -xp | grep -c 'pid=${pid},' || true`);
  return {
    children: children.trim() === '' ? 0 : children.trim().split('\n').length,
    unixSockets: Number(sockets.trim()),
  };
}
