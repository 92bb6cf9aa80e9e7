import { resolve } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppSession } from '../security/app-session';
import { askHost } from '../support/ask-host';
import { addManyPhotoRows } from '../support/many-photos';
import { startWebHost, type RunningHost } from '../support/start-web-host';
import { tempDir } from '../support/temp-dir';

const logModuleLoads = resolve(import.meta.dirname, '../support/log-module-loads.mjs');

/** The packages a start has loaded, by name, from the host's "[module] <url>" lines. */
function packagesLoaded(host: RunningHost): Set<string> {
  const names = host.output
    .join('')
    .split('\n')
    .flatMap(
      (line) => /^\[module\] .*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line)?.[1] ?? [],
    );
  return new Set(names);
}

// Start-up loads only what the first screen needs (docs/architecture.md, "Start-up"): a library
// with no cloud never loads the AWS SDK or the sign-in's token checks, and photo decoding waits
// for the first photo decoded.
describe('what a start loads (built browser host)', () => {
  let host: RunningHost | null = null;
  afterEach(async () => {
    await host?.stop();
    host = null;
  });

  it('serves the first screen of a library without loading the AWS SDK, jose, sharp or exifr', async () => {
    const dir = await tempDir('start-modules');
    addManyPhotoRows(resolve(dir.path, 'catalog.sqlite'), 500);
    host = await startWebHost(['--data-dir', dir.path, '--port', '0'], 20_000, [
      '--import',
      logModuleLoads,
    ]);
    const session = await openAppSession(host.url);
    const ws = new WebSocket(session.wsUrl, { headers: session.headers });
    await new Promise((opened, failed) => ws.once('open', opened).once('error', failed));
    const view = { sort: 'taken-desc' };
    let id = 0;
    for (const [channel, payload] of [
      ['auth.state', {}],
      ['settings.get', {}],
      ['cloud.status', {}],
      ['labels.list', {}],
      ['library.page', { ...view, offset: 0, limit: 120 }],
      ['library.days', view],
    ] as const) {
      const result = (await askHost(ws, ++id, channel, payload)) as { ok: boolean };
      expect(result.ok, channel).toBe(true);
    }
    ws.close();
    await host.stop();

    const loaded = packagesLoaded(host);
    // The log sees the host's own packages, so the absences below mean something.
    expect(loaded).toContain('ws');
    expect(loaded).toContain('zod');
    for (const late of ['jose', 'sharp', 'exifr', 'file-type']) expect(loaded).not.toContain(late);
    expect([...loaded].filter((name) => name.startsWith('@aws-sdk/'))).toEqual([]);
  });
});
