import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../contract/import';
import { createServices, type Services } from '../../main/services';
import { makePhoto } from '../support/make-photos';
import { tempDir } from '../support/temp-dir';

// docs/reliability.md, "Wrong clocks": the wall clock is set while an import runs.
describe('the wall clock jumping during an import (issue 16 #3)', () => {
  let services: Services | null = null;
  let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
  afterEach(async () => {
    await services?.close();
    await dir?.remove();
  });

  for (const [what, jumpMs] of [
    ['forward two hours', 2 * 3_600_000],
    ['back one hour', -3_600_000],
  ] as const) {
    it(`keeps progress and its rate sensible when the clock jumps ${what}`, async () => {
      dir = await tempDir('clock-import');
      const source = join(dir.path, 'source');
      for (const n of [1, 2, 3, 4]) await makePhoto(source, { name: `p${n}.jpg`, hue: n * 60 });
      const progress: ImportProgress[] = [];
      let calls = 0;
      // The first reading is the real time, every later one is off by `jumpMs`.
      const now = () => Date.now() + (calls++ > 0 ? jumpMs : 0);
      services = createServices(
        { dataDir: join(dir.path, 'library'), version: 'test', host: 'web' },
        {
          emit: (event, payload) => {
            if (event === 'import.progress') progress.push(payload as ImportProgress);
          },
          now,
        },
      );
      services.importer.start([source]);
      await services.importer.whenIdle();

      const last = progress[progress.length - 1]!;
      expect(last).toMatchObject({ state: 'finished', imported: 4 });
      // Four photos cannot take two hours, nor a negative time: the rate is neither 0 nor absurd.
      expect(last.photosPerSecond).toBeGreaterThan(0);
      expect(last.photosPerSecond).toBeLessThan(4 / 0.001);
    });
  }
});
