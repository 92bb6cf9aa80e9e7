import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryPartLedger } from '../../support/memory-part-ledger';
import { uploadFile } from '../../../main/upload/upload-file';

const s3Error = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

/** An in-memory stand-in for S3Client.send: answers per command, and remembers what it got. */
function fakeS3(answer: (command: object) => Promise<unknown>) {
  const sent: object[] = [];
  const client = {
    send: (command: object) => {
      sent.push(command);
      return answer(command);
    },
  } as unknown as S3Client;
  return { client, sent };
}

let dir: string;
let file: string;
const bytes = Buffer.from('not really a jpeg, but bytes all the same');
const sha256 = createHash('sha256').update(bytes).digest('hex');
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shoebox-uploader-'));
  file = join(dir, 'a.jpg');
  await writeFile(file, bytes);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const options = (client: S3Client) => ({
  s3: client,
  bucket: 'b',
  key: 'users/x/originals/a.jpg',
  file,
  size: bytes.length,
  sha256,
  contentType: 'image/jpeg',
  ledger: new MemoryPartLedger(),
  retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
});

describe('uploadFile against a fake S3', () => {
  it('treats a 403 on HeadObject as "not there" (prefix-conditioned ListBucket) and puts', async () => {
    let stored = false;
    const { client, sent } = fakeS3(async (command) => {
      if (command instanceof HeadObjectCommand) {
        if (!stored) throw s3Error('Forbidden', 403);
        return { ContentLength: bytes.length, Metadata: { sha256 } };
      }
      stored = true;
      return { ETag: '"e"' };
    });
    expect(await uploadFile(options(client))).toEqual({ status: 'uploaded' });
    const put = sent.find((c): c is PutObjectCommand => c instanceof PutObjectCommand)!;
    expect(put.input.Metadata).toEqual({ sha256 });
    // Signed with the file's SHA-256 as its payload hash, which S3 checks: no Content-MD5 beside it.
    expect(put.input.ContentMD5).toBeUndefined();
    expect(put.middlewareStack.identify()).toContain('signPayloadAs - build');
    // The check and the put; S3's 200 to a body signed with its hash is the verification.
    expect(sent.map((c) => c.constructor.name)).toEqual(['HeadObjectCommand', 'PutObjectCommand']);
  });

  it('does not call it uploaded when S3 refuses the body it was signed for', async () => {
    const { client, sent } = fakeS3(async (command) => {
      if (command instanceof HeadObjectCommand) throw s3Error('NotFound', 404);
      throw s3Error('XAmzContentSHA256Mismatch', 400);
    });
    await expect(uploadFile(options(client))).rejects.toMatchObject({
      name: 'XAmzContentSHA256Mismatch',
    });
    expect(sent.filter((c) => c instanceof PutObjectCommand)).toHaveLength(1);
  });

  it('says already-there only for the same length and sha256', async () => {
    let metadata = { sha256: 'f'.repeat(64) };
    const { client, sent } = fakeS3(async (command) => {
      if (command instanceof HeadObjectCommand) {
        return { ContentLength: bytes.length, Metadata: metadata };
      }
      metadata = { sha256 };
      return { ETag: '"e"' };
    });
    expect(await uploadFile(options(client))).toEqual({ status: 'uploaded' });
    expect(await uploadFile(options(client))).toEqual({ status: 'already-there' });
    expect(sent.filter((c) => c instanceof PutObjectCommand)).toHaveLength(1);
  });

  it('does not retry a refusal, and gives up on 5xx after the attempt budget', async () => {
    let puts = 0;
    const refusing = fakeS3(async (command) => {
      if (command instanceof HeadObjectCommand) throw s3Error('NotFound', 404);
      puts += 1;
      throw s3Error('BadDigest', 400);
    });
    await expect(uploadFile(options(refusing.client))).rejects.toMatchObject({ name: 'BadDigest' });
    expect(puts).toBe(1);
    puts = 0;
    const failing = fakeS3(async (command) => {
      if (command instanceof HeadObjectCommand) throw s3Error('NotFound', 404);
      puts += 1;
      throw s3Error('InternalError', 500);
    });
    await expect(uploadFile(options(failing.client))).rejects.toMatchObject({
      name: 'InternalError',
    });
    expect(puts).toBe(3);
  });

  it('does not start when already aborted', async () => {
    const { client, sent } = fakeS3(async () => ({}));
    const controller = new AbortController();
    controller.abort();
    await expect(
      uploadFile({ ...options(client), signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'upload-aborted' });
    expect(sent).toHaveLength(0);
  });
});
