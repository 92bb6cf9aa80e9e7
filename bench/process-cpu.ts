import { readFileSync } from 'node:fs';

/** Linux's clock ticks per second (`getconf CLK_TCK`), the unit of /proc's CPU times. */
const ticksPerSecond = 100;

/**
 * CPU time (user + system, ms) used so far by a live process and every live process under it,
 * read from /proc (Linux only). The bench's S3 is two processes (the SigV4 gateway and s3rver);
 * their CPU time per run is a figure other processes on the machine barely move.
 */
export function processTreeCpuMs(pid: number): number {
  let total = 0;
  const pending = [pid];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    const fields = statFields(current);
    if (fields === null) continue;
    total += Number(fields[utime]) + Number(fields[stime]);
    const children = readProc(`/proc/${current}/task/${current}/children`) ?? '';
    for (const child of children.split(' ')) if (child.trim()) pending.push(Number(child));
  }
  return (total * 1000) / ticksPerSecond;
}

/**
 * CPU time (ms) of this process's children that have ended and been waited for (rclone, run to
 * its end by the bench), from /proc/self/stat's cutime and cstime.
 */
export function endedChildrenCpuMs(): number {
  const fields = statFields('self');
  if (fields === null) throw new Error('/proc/self/stat is not readable');
  return ((Number(fields[utime + 2]) + Number(fields[stime + 2])) * 1000) / ticksPerSecond;
}

// /proc/<pid>/stat after the command name (in parentheses, which may hold spaces): the line's
// 14th field (utime) is the 12th of these, then stime, cutime and cstime.
const utime = 11;
const stime = 12;

function statFields(pid: number | 'self'): string[] | null {
  const stat = readProc(`/proc/${pid}/stat`);
  return stat === null ? null : stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function readProc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process ended meanwhile
  }
}
