import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { MemoryPartLedger } from '../../support/memory-part-ledger';
import type { LedgerPart, PartLedger } from '../../../main/catalog/part-ledger';
import { SqlitePartLedger } from '../../../main/catalog/sqlite-part-ledger';
import { tempDir } from '../../support/temp-dir';

const part = (partNumber: number, etag = `"e${partNumber}"`): LedgerPart => ({
  partNumber,
  etag,
  size: 100 + partNumber,
  sha256: String(partNumber % 10).repeat(64),
});

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalogs: DatabaseSync[];
const catalogFile = () => join(dir.path, 'catalog.sqlite');
const open = () => {
  const db = openCatalog(catalogFile());
  catalogs.push(db);
  return db;
};
beforeEach(async () => {
  dir = await tempDir('ledger');
  catalogs = [];
});
afterEach(async () => {
  for (const db of catalogs) if (db.isOpen) db.close();
  await dir.remove();
});

const ledgers: [string, () => PartLedger][] = [
  ['memory', () => new MemoryPartLedger()],
  ['sqlite', () => new SqlitePartLedger(open())],
];

describe.each(ledgers)('%s part ledger', (_name, make) => {
  it('begins, records parts in order, replaces a part, and finishes', async () => {
    const ledger = make();
    expect(await ledger.load('k')).toBeNull();
    await ledger.begin('k', 'up-1');
    await ledger.recordPart('k', part(2));
    await ledger.recordPart('k', part(1));
    await ledger.recordPart('k', part(2, '"again"'));
    expect(await ledger.load('k')).toEqual({
      uploadId: 'up-1',
      parts: [part(1), part(2, '"again"')],
    });
    await ledger.begin('k', 'up-2');
    expect(await ledger.load('k')).toEqual({ uploadId: 'up-2', parts: [] });
    await ledger.finish('k');
    expect(await ledger.load('k')).toBeNull();
  });

  it('keeps every part recorded concurrently, key by key', async () => {
    const ledger = make();
    await ledger.begin('a', 'u');
    await ledger.begin('b', 'v');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => ledger.recordPart(i % 2 ? 'a' : 'b', part(i + 1))),
    );
    expect((await ledger.load('a'))!.parts).toHaveLength(10);
    expect((await ledger.load('b'))!.parts).toHaveLength(10);
    await ledger.finish('a');
    expect(await ledger.load('a')).toBeNull();
    expect((await ledger.load('b'))!.parts).toHaveLength(10);
  });

  it('refuses a part for an upload never begun', async () => {
    await expect(make().recordPart('nope', part(1))).rejects.toThrow(/begin/);
  });
});

describe('sqlite part ledger', () => {
  it('survives a restart: a new connection to the catalog reads what the old one wrote', async () => {
    const first = open();
    const ledger = new SqlitePartLedger(first);
    await ledger.begin('k', 'up');
    await ledger.recordPart('k', part(1));
    await ledger.recordPart('k', part(2));
    first.close();
    expect(await new SqlitePartLedger(open()).load('k')).toEqual({
      uploadId: 'up',
      parts: [part(1), part(2)],
    });
  });
});
