import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonLog } from '../../../main/library/json-log';
import { tempDir } from '../../support/temp-dir';

let dir: { path: string; remove(): Promise<void> };
beforeEach(async () => {
  dir = await tempDir('json-log');
});
afterEach(async () => {
  await dir.remove();
});

// What a leak would look like: each must never reach the file.
const idToken =
  'eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJhbGljZSIsImV4cCI6MTc5OTk5OTk5OX0.c2lnbmF0dXJlLWJ5dGVz';
const accessKeyId = 'ASIAQWERTYUIOPASDFGH';
const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const presigned =
  'https://shoebox.s3.eu-west-1.amazonaws.com/users/x/originals/a.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
  `&X-Amz-Credential=${accessKeyId}%2F20261204%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Signature=0123abcd`;
const canaries = [
  idToken,
  accessKeyId,
  secretAccessKey,
  'X-Amz-Signature=0123abcd',
  'refresh-secret-42',
];

describe('JsonLog', () => {
  it('writes one JSON object per line, with the level, message and fields', async () => {
    const log = new JsonLog({ dir: dir.path, now: () => Date.UTC(2026, 11, 4) });
    log.info('upload finished', { photoId: 7, bytes: 1234 });
    log.warn('sync problem', { problem: 'timeout' });
    const lines = (await readFile(log.file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        at: '2026-12-04T00:00:00.000Z',
        level: 'info',
        message: 'upload finished',
        photoId: 7,
        bytes: 1234,
      },
      {
        at: '2026-12-04T00:00:00.000Z',
        level: 'warn',
        message: 'sync problem',
        problem: 'timeout',
      },
    ]);
  });

  it('leaves out lines below its level', async () => {
    const log = new JsonLog({ dir: dir.path, level: 'warn' });
    log.debug('noise');
    log.info('still noise');
    log.error('kept');
    const text = await readFile(log.file, 'utf8');
    expect(text).toContain('kept');
    expect(text).not.toContain('noise');
  });

  it('never writes a token, key or presigned URL, wherever it hides', async () => {
    const log = new JsonLog({ dir: dir.path });
    log.error(`request to ${presigned} failed with Bearer ${idToken}`, {
      idToken,
      refreshToken: 'refresh-secret-42',
      credentials: { accessKeyId, secretAccessKey },
      headers: { Authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/x, Signature=ff` },
      url: presigned,
      error: new Error(`ExpiredToken for ${accessKeyId}: ${idToken}`),
      nested: [{ note: `token ${idToken}` }],
    });
    const text = await readFile(log.file, 'utf8');
    for (const canary of canaries) expect(text).not.toContain(canary);
    for (const line of log.recent())
      for (const canary of canaries) expect(line).not.toContain(canary);
    // What is not secret stays readable.
    expect(text).toContain('users/x/originals/a.jpg');
    expect(text).toContain('ExpiredToken');
  });

  it('rotates at its size limit, keeping a few old files', async () => {
    const maxBytes = 2000;
    const log = new JsonLog({ dir: dir.path, maxBytes, keep: 2 });
    for (let i = 0; i < 100; i += 1) log.info('a line to fill the log', { i, pad: 'x'.repeat(40) });
    const files = (await readdir(dir.path)).sort();
    expect(files).toEqual(['shoebox.1.log', 'shoebox.2.log', 'shoebox.log']);
    for (const file of files)
      expect((await stat(join(dir.path, file))).size).toBeLessThanOrEqual(maxBytes);
    // The newest line is in the current file, the one before the rotation in shoebox.1.log.
    const current = (await readFile(log.file, 'utf8')).trim().split('\n');
    expect(JSON.parse(current.at(-1)!)).toMatchObject({ i: 99 });
    const previous = (await readFile(join(dir.path, 'shoebox.1.log'), 'utf8')).trim().split('\n');
    expect(JSON.parse(previous.at(-1)!).i).toBe(JSON.parse(current[0]!).i - 1);
  });

  it('keeps recent lines for diagnostics, and carries on when the folder is gone', async () => {
    const log = new JsonLog({ dir: dir.path, recent: 3 });
    for (let i = 0; i < 5; i += 1) log.info('line', { i });
    expect(log.recent().map((line) => JSON.parse(line).i)).toEqual([2, 3, 4]);
    await dir.remove();
    expect(() => log.info('after the folder went')).not.toThrow();
  });
});
