// Reading what the direct pipe's script on the source prints (see pipe.ts): dd's progress on
// stderr, and on stdout its pid, the exit statuses of both ends and the tails of their output
// files.

/** The highest byte count in GNU dd `status=progress` output seen so far (lines end in \r or \n). */
export function ddBytes(text: string): number | null {
  let best: number | null = null;
  for (const match of text.matchAll(/(?:^|[\r\n])(\d+) bytes/g)) {
    const value = Number(match[1]);
    if (best === null || value > best) best = value;
  }
  return best;
}

/** What the direct pipe's script reported once it ended. */
export interface DirectPipeReport {
  pid: number | null;
  /** The producer's exit code on the source (null when the script ended before writing it). */
  producerExit: number | null;
  /** ssh's exit code on the source: the consumer's exit code on the target, or 255 when ssh itself failed. */
  sshExit: number | null;
  files: Record<string, string>;
}

/**
 * Parses the script's stdout: `@crossdock pid N`, `@crossdock status P S`, then per file
 * `@crossdock file NAME LENGTH` followed by exactly LENGTH bytes.
 */
export function parseDirectPipeReport(stdout: Buffer): DirectPipeReport {
  const report: DirectPipeReport = { pid: null, producerExit: null, sshExit: null, files: {} };
  let at = 0;
  while (at < stdout.length) {
    const end = stdout.indexOf(0x0a, at);
    const line = stdout.subarray(at, end < 0 ? stdout.length : end).toString('utf8');
    at = end < 0 ? stdout.length : end + 1;
    const pid = /^@crossdock pid (\d+)$/.exec(line);
    if (pid) report.pid = Number(pid[1]);
    const status = /^@crossdock status (\S+) (\S+)$/.exec(line);
    if (status) {
      report.producerExit = /^\d+$/.test(status[1] as string) ? Number(status[1]) : null;
      report.sshExit = /^\d+$/.test(status[2] as string) ? Number(status[2]) : null;
    }
    const file = /^@crossdock file (\S+) (\d+)$/.exec(line);
    if (file) {
      const length = Number(file[2]);
      report.files[file[1] as string] = stdout.subarray(at, at + length).toString('utf8');
      at += length;
    }
  }
  return report;
}

/** Splits a streamed command's stderr into the `@crossdock pid N` line it starts with and the rest. */
export function splitPidLine(stderr: string): { pid: number | null; rest: string } {
  const match = /^@crossdock pid (\d+)\n?/.exec(stderr);
  return match ? { pid: Number(match[1]), rest: stderr.slice(match[0].length) } : { pid: null, rest: stderr };
}

/**
 * True for an exit that only says "my reader went away": SIGPIPE (141 from a shell, or the
 * signal), or no status at all (its channel was closed under it when the other end quit).
 */
export function lostItsPartner(exit: { exitCode: number | null; exitSignal?: string | null }): boolean {
  return (
    exit.exitCode === 141 ||
    exit.exitSignal === 'PIPE' ||
    exit.exitSignal === 'SIGPIPE' ||
    (exit.exitCode === null && !exit.exitSignal)
  );
}
