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
    const stat = readProc(`/proc/${current}/stat`);
    if (stat === null) continue;
    // Fields after the command name (in parentheses, which may hold spaces): utime is the 14th
    // field of the line, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total += Number(fields[11]) + Number(fields[12]);
    const children = readProc(`/proc/${current}/task/${current}/children`) ?? '';
    for (const child of children.split(' ')) if (child.trim()) pending.push(Number(child));
  }
  return (total * 1000) / ticksPerSecond;
}

function readProc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process ended meanwhile
  }
}
