import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CloudStatus } from '../../../contract/cloud';
import { LabelJobRepository } from '../../../main/catalog/label-job-repository';
import { LabelRepository } from '../../../main/catalog/label-repository';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import {
  documentChecksMs,
  labelInCloud,
  labellingInCloudNote,
  type CloudLabelSession,
} from '../../../main/labels/cloud-labelling';
import { libraryPaths, originalFile } from '../../../main/library/library-paths';
import { cloudLabellingText } from '../../../renderer/state/cloud-view';
import { makePhoto } from '../../support/make-photos';
import { newPhoto } from '../../support/new-photo';
import { tempDir } from '../../support/temp-dir';

const identityId = 'eu-west-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const hour = 60 * 60_000;

/** S3 as labelling in the cloud sees it before the labeller answers: puts land, the document is
 * not there yet. Records what was asked. */
function cloudWithoutAnswer(): { session: CloudLabelSession; requests: string[] } {
  const requests: string[] = [];
  const s3 = {
    send: async (command: unknown) => {
      if (command instanceof PutObjectCommand) {
        requests.push(`PUT ${command.input.Key}`);
        return { ETag: '"derived"' };
      }
      if (command instanceof GetObjectCommand) {
        requests.push(`GET ${command.input.Key}`);
        throw Object.assign(new Error('The specified key does not exist.'), {
          name: 'NoSuchKey',
          $metadata: { httpStatusCode: 404 },
        });
      }
      throw new Error(`unexpected ${String(command)}`);
    },
  };
  return {
    session: {
      s3: s3 as unknown as CloudLabelSession['s3'],
      bucket: 'bucket',
      identityId: async () => identityId,
    },
    requests,
  };
}

// Issue 15: the app uploads the derivative, then reads the photo's document with growing waits;
// the cloud panel shows how many photos are labelling in the cloud.
describe('labelling in the cloud', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: DatabaseSync;
  let jobs: LabelJobRepository;
  let labels: LabelRepository;
  let ids: number[];
  const paths = () => libraryPaths(join(dir.path, 'library'));

  beforeEach(async () => {
    dir = await tempDir('cloud-labelling');
    db = openCatalog(join(dir.path, 'catalog.sqlite'));
    jobs = new LabelJobRepository(db);
    labels = new LabelRepository(db);
    const photos = new PhotoRepository(db);
    const image = await makePhoto(join(dir.path, 'source'), { name: 'p.jpg', hue: 30 });
    ids = [];
    for (let n = 1; n <= 3; n++) {
      const photo = newPhoto(n);
      ids.push(photos.insert(photo)!);
      const file = originalFile(paths(), photo.sha256, photo.format);
      await mkdir(dirname(file), { recursive: true });
      await copyFile(image, file);
    }
    // Only the first photo's original is up yet: the others wait for their upload.
    db.prepare('UPDATE photos SET in_cloud = 1 WHERE id = ?').run(ids[0]!);
  });
  afterEach(async () => {
    db.close();
    await dir.remove();
  });

  it('reads the document after each growing wait, then hourly, and shows the photos pending', async () => {
    const { session, requests } = cloudWithoutAnswer();
    let clock = 1_000_000;
    const ctx = {
      session,
      paths: paths(),
      jobs,
      labels,
      now: () => clock,
      signal: new AbortController().signal,
    };
    expect(jobs.enqueueUnlabelled(clock)).toBe(3);

    // The first photo's derivative goes up; its document is first read 3 s later.
    const first = jobs.nextDue(clock, [], true)!;
    expect(first.photoId).toBe(ids[0]);
    expect(await labelInCloud(first, ctx)).toBe(false);
    expect(requests).toEqual([`PUT users/${identityId}/derived/${newPhoto(1).sha256}.jpg`]);
    expect(jobs.cloudCounts()).toEqual({ sent: 1, waiting: 2 });
    const status = { cloudLabelling: jobs.cloudCounts() } as CloudStatus;
    expect(cloudLabellingText(status)).toBe(
      'Labelling in your cloud: 3 photos (1 sent, 2 waiting for upload)',
    );

    // Each read that finds no answer waits longer for the next, then once an hour.
    const waits: number[] = [];
    let dueAt = clock + (documentChecksMs[0] ?? 0);
    for (let check = 0; check < documentChecksMs.length + 2; check++) {
      clock = dueAt - 1;
      expect(jobs.nextDue(clock, [], true)).toBeNull(); // not before it is due
      clock = dueAt;
      const job = jobs.nextDue(clock, [], true)!;
      expect(job.photoId).toBe(ids[0]);
      expect(await labelInCloud(job, ctx)).toBe(false);
      const next = db
        .prepare(
          'SELECT next_attempt_at AS at, last_error AS note FROM label_jobs WHERE photo_id = ?',
        )
        .get(ids[0]!) as { at: number; note: string };
      expect(next.note).toBe(labellingInCloudNote);
      waits.push(next.at - clock);
      dueAt = next.at;
    }
    expect([documentChecksMs[0], ...waits]).toEqual([...documentChecksMs, hour, hour, hour]);
    expect(requests.filter((r) => r.startsWith('GET '))).toHaveLength(documentChecksMs.length + 2);
    // Still pending, and shown as such.
    expect(jobs.cloudCounts()).toEqual({ sent: 1, waiting: 2 });
  });

  it('says nothing is waiting once no photo is pending, and nothing at all when the app labels', () => {
    expect(cloudLabellingText({ cloudLabelling: { sent: 0, waiting: 0 } } as CloudStatus)).toBe(
      'Labelling in your cloud: nothing waiting',
    );
    expect(cloudLabellingText({ cloudLabelling: { sent: 2, waiting: 0 } } as CloudStatus)).toBe(
      'Labelling in your cloud: 2 photos (2 sent)',
    );
    expect(cloudLabellingText({} as CloudStatus)).toBeNull();
  });
});
