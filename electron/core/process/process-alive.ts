/**
 * Is a process with this pid alive on this machine? Journals (jobs, migrations) and locks record
 * their writer's pid, so a record left by a crashed process can be told from one still in use.
 * EPERM means it exists but belongs to another user: alive all the same.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
