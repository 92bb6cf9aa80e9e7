import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonFilePartLedger } from '../../../main/cloud/json-file-part-ledger';
import { MemoryPartLedger } from '../../../main/cloud/part-ledger';
import type { LedgerPart, PartLedger } from '../../../main/cloud/part-ledger';

const part = (partNumber: number, etag = `"e${partNumber}"`): LedgerPart => ({
  partNumber,
  etag,
  size: 100 + partNumber,
  sha256: String(partNumber % 10).repeat(64),
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shoebox-ledger-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ledgers: [string, () => PartLedger][] = [
  ['memory', () => new MemoryPartLedger()],
  ['json file', () => new JsonFilePartLedger(join(dir, 'ledger.json'))],
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

  it('keeps every part recorded concurrently', async () => {
    const ledger = make();
    await ledger.begin('a', 'u');
    await ledger.begin('b', 'v');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => ledger.recordPart(i % 2 ? 'a' : 'b', part(i + 1))),
    );
    expect((await ledger.load('a'))!.parts).toHaveLength(10);
    expect((await ledger.load('b'))!.parts).toHaveLength(10);
  });

  it('refuses a part for an upload never begun', async () => {
    await expect(make().recordPart('nope', part(1))).rejects.toThrow(/begin/);
  });
});

describe('json file part ledger', () => {
  it('survives a restart: a new instance reads what the old one wrote', async () => {
    const path = join(dir, 'ledger.json');
    const first = new JsonFilePartLedger(path);
    await first.begin('k', 'up');
    await first.recordPart('k', part(1));
    await first.recordPart('k', part(2));
    const second = new JsonFilePartLedger(path);
    expect(await second.load('k')).toEqual({ uploadId: 'up', parts: [part(1), part(2)] });
    expect(await readdir(dir)).toEqual(['ledger.json']);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('refuses a damaged file with a coded error instead of resuming from garbage', async () => {
    const path = join(dir, 'ledger.json');
    await writeFile(path, '{"version":1,"uploads":{"k":{"uploadId":"u","parts":[{"partNu');
    await expect(new JsonFilePartLedger(path).load('k')).rejects.toMatchObject({
      code: 'upload-ledger-invalid',
    });
  });
});
