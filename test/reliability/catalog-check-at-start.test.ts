import { createHash } from 'node:crypto';
import { readdir, readFile, stat, open as openFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayloads } from '../../contract/channels';
import type { PageRequest } from '../../contract/photos';
import { checkCatalogAlongside } from '../../main/catalog/catalog-checks';
import { createServices, type Ports, type Services } from '../../main/services';
import { describedLibrary } from '../support/described-library';
import { makePhoto } from '../support/make-photos';
import { tempDir } from '../support/temp-dir';

const everything: PageRequest = { sort: 'imported-desc', offset: 0, limit: 100 };

/** The real start-up check, held until `release()`: the test acts while it runs. */
function heldCheck() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const asked: string[] = [];
  return {
    asked,
    release,
    check: async (file: string) => {
      asked.push(file);
      await released;
      return checkCatalogAlongside(file);
    },
  };
}

/** Long enough for an import of one small photo that did not wait to have written its row. */
const unheldImportMs = 400;

// docs/architecture.md, "Start-up": the catalog's check runs while the first screen is served,
// and nothing writes the catalog until it has passed (or the damage it found is recovered).
describe('the catalog checked alongside the first screen (issue 12)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
  let services: Services | null = null;
  afterEach(async () => {
    await services?.close();
    services = null;
    await dir?.remove();
  });

  const open = (dataDir: string, ports: Partial<Ports> = {}) =>
    createServices({ dataDir, version: 'test', host: 'web' }, { emit: () => undefined, ...ports });

  /** Three photos, one described and backed up (describedLibrary), and a fourth to import. */
  async function library() {
    dir = await tempDir('check-at-start');
    const made = await describedLibrary(dir.path, true);
    const more = join(dir.path, 'more');
    await makePhoto(more, { name: 'p4.jpg', hue: 300 });
    return { ...made, more };
  }

  it('the first screen is answered while the check runs', async () => {
    const { dataDir } = await library();
    const hold = heldCheck();
    services = open(dataDir, { checkCatalogAtStart: hold.check });

    const page = await services.handlers['library.page']({ ...everything, sort: 'taken-desc' });
    const days = await services.handlers['library.days']({ sort: 'taken-desc' });
    expect(hold.asked).toHaveLength(1);
    expect(page.total).toBe(3);
    expect(days?.days.reduce((sum, day) => sum + day.count, 0)).toBe(3);
    hold.release();
    await services.catalogChecked;
  });

  it('an import asked for before the check ended waits for it, then is applied', async () => {
    const { dataDir, more } = await library();
    const hold = heldCheck();
    const order: string[] = [];
    const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
      if (event === 'import.progress') {
        const state = (payload as EventPayloads['import.progress']).state;
        if (order.at(-1) !== state) order.push(state);
      }
    };
    services = open(dataDir, { checkCatalogAtStart: hold.check, emit });
    void services.catalogChecked.then(() => order.push('checked'));

    services.importer.start([more]);
    await new Promise((resolve) => setTimeout(resolve, unheldImportMs));
    expect(hold.asked).toHaveLength(1);
    expect(services.photos.count()).toBe(3);
    hold.release();
    await services.catalogChecked;
    await services.importer.whenIdle();

    expect(order.indexOf('checked')).toBeGreaterThan(-1);
    expect(order.indexOf('importing')).toBeGreaterThan(order.indexOf('checked'));
    expect(services.photos.count()).toBe(4);
  });

  it('damage the check finds is recovered; writes asked for meanwhile land in the recovered catalog, none in the damaged one', async () => {
    const { dataDir, catalog, described, more } = await library();
    // Garbage over the photos table's root page, not the schema's: the catalog opens, and only
    // SQLite's check sees the damage. (The schema's own pages may lie anywhere in the file.)
    const probe = new DatabaseSync(catalog, { readOnly: true });
    const { rootpage } = probe
      .prepare("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'photos'")
      .get() as { rootpage: number };
    const { page_size: pageSize } = probe.prepare('PRAGMA page_size').get() as {
      page_size: number;
    };
    probe.close();
    const handle = await openFile(catalog, 'r+');
    await handle.write(Buffer.alloc(pageSize, 0x5a), 0, pageSize, (rootpage - 1) * pageSize);
    await handle.close();
    const damaged = sha256(await readFile(catalog));
    const hold = heldCheck();
    const events: EventName[] = [];
    services = open(dataDir, {
      checkCatalogAtStart: hold.check,
      emit: (event) => void events.push(event),
    });

    const edit = services.handlers['photo.setDescription']({ id: described, description: 'gran' });
    services.importer.start([more]);
    await new Promise((resolve) => setTimeout(resolve, unheldImportMs));
    expect(hold.asked).toHaveLength(1);
    hold.release();
    await services.catalogChecked;
    await edit;
    await services.reconciled;
    await services.importer.whenIdle();

    expect(services.catalogNotice).toMatch(/^The catalog .+ was damaged \(.+\); it is kept as .+/s);
    const aside = (await readdir(dataDir)).filter((name) =>
      /^catalog\.damaged-.+\.sqlite$/.test(name),
    );
    expect(aside).toHaveLength(1);
    expect(sha256(await readFile(join(dataDir, aside[0]!)))).toBe(damaged);
    expect(services.photos.count()).toBe(4);
    expect(services.photos.get(described)?.description).toBe('gran');
    expect(events).toContain('library.changed');
    // The recovered catalog is a new file, made owner-only like the one it replaces.
    if (process.platform !== 'win32') expect((await stat(catalog)).mode & 0o777).toBe(0o600);
  });
});

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
