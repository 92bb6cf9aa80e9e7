import type { CheckProcess } from '../../catalog/catalog-checks';

/** The part of Electron's UtilityProcess the catalog check uses. */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  kill(): boolean;
  once(event: 'exit', listener: (code: number) => void): unknown;
}

/**
 * A catalog check process over Electron's utility process (forked by electron-main.ts with
 * `stdio: 'pipe'` from the `catalog-check-process` build entry): it has ended once it has exited
 * and its output has been read to the end.
 */
export function utilityCheckProcess(child: UtilityProcessLike): CheckProcess {
  const exited = new Promise<number>((resolve) => child.once('exit', resolve));
  const { stdout } = child;
  const read = stdout
    ? new Promise<void>((resolve) => {
        stdout.once('end', resolve);
        stdout.once('close', resolve);
        stdout.once('error', () => resolve());
      })
    : Promise.resolve();
  return {
    pid: child.pid,
    stdout,
    kill: () => void child.kill(),
    onEnd(ended) {
      void Promise.all([exited, read]).then(([code]) => ended(code));
    },
  };
}
