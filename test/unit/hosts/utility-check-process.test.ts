import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { checkCatalogIntegrity } from '../../../main/catalog/catalog-checks';
import {
  utilityCheckProcess,
  type UtilityProcessLike,
} from '../../../main/hosts/electron/utility-check-process';

/** Stands in for Electron's UtilityProcess, which cannot run where the Electron binary is missing. */
function fakeUtilityProcess() {
  const events = new EventEmitter();
  const stdout = new PassThrough();
  const child: UtilityProcessLike = {
    pid: 4242,
    stdout,
    kill: vi.fn(() => {
      stdout.end();
      events.emit('exit', 15);
      return true;
    }),
    once: (event, listener) => events.once(event, listener),
  };
  return { child, events, stdout };
}

// docs/reliability.md, "A damaged catalog": the desktop app's full check, in a utility process.
describe('utilityCheckProcess', () => {
  it('answers once the process has exited and its output is read, in either order', async () => {
    const { child, events, stdout } = fakeUtilityProcess();
    const answer = checkCatalogIntegrity('/lib/catalog.sqlite', undefined, (args) => {
      expect(args).toEqual(['/lib/catalog.sqlite', 'full']);
      return utilityCheckProcess(child);
    });
    events.emit('exit', 0); // before its output has arrived
    stdout.end(JSON.stringify({ lines: ['row 7 missing from index sqlite_autoindex_photos_1'] }));
    await expect(answer).resolves.toBe(
      "SQLite's check found: row 7 missing from index sqlite_autoindex_photos_1",
    );
  });

  it('is killed when the check is stopped (quitting)', async () => {
    const { child } = fakeUtilityProcess();
    const stop = new AbortController();
    const answer = checkCatalogIntegrity('/lib/catalog.sqlite', stop.signal, () =>
      utilityCheckProcess(child),
    );
    stop.abort();
    await expect(answer).rejects.toMatchObject({ code: 'stopped' });
    expect(child.kill).toHaveBeenCalledOnce();
  });
});
