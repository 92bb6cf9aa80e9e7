import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { originalKey } from '../../../main/model/photo-keys';
import { OriginalsListing } from '../../../main/upload/originals-listing';

const identityId = 'us-east-1:00000000-0000-4000-8000-000000000000';
const key = (digit: string) => originalKey(identityId, digit.repeat(64), 'jpg');

/** An in-memory S3 that lists `keys` (sorted, as S3 does) two to a page. */
function listingS3(keys: readonly string[]) {
  const sorted = [...keys].sort();
  let pages = 0;
  const client = {
    send: (command: object) => {
      if (!(command instanceof ListObjectsV2Command)) throw new Error('only listings here');
      pages += 1;
      const start = Number(command.input.ContinuationToken ?? 0);
      const more = start + 2 < sorted.length;
      return Promise.resolve({
        Contents: sorted.slice(start, start + 2).map((Key) => ({ Key, ETag: '"e"' })),
        IsTruncated: more,
        NextContinuationToken: more ? String(start + 2) : undefined,
      });
    },
  } as unknown as S3Client;
  return { target: { s3: client, bucket: 'b' }, pages: () => pages };
}

describe('OriginalsListing', () => {
  it('answers for every key once it has listed them all', async () => {
    const s3 = listingS3([key('1'), key('3'), key('5')]);
    const listing = await OriginalsListing.list(s3.target, identityId, 10);
    expect(s3.pages()).toBe(2);
    expect(listing.mayHold(key('3'))).toBe(true);
    expect(listing.mayHold(key('2'))).toBe(false);
    expect(listing.mayHold(key('f'))).toBe(false);
  });

  it('cut short, answers only for keys up to the last one it reached', async () => {
    const s3 = listingS3([key('1'), key('3'), key('5'), key('7'), key('9')]);
    const listing = await OriginalsListing.list(s3.target, identityId, 1);
    expect(s3.pages()).toBe(1);
    expect(listing.mayHold(key('1'))).toBe(true);
    expect(listing.mayHold(key('2'))).toBe(false);
    // Beyond the page it read: it cannot say, so the upload asks S3.
    expect(listing.mayHold(key('4'))).toBe(true);
    expect(listing.mayHold(key('8'))).toBe(true);
  });
});
