import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabelJobRepository } from '../../../main/catalog/label-job-repository';
import { LabelRepository } from '../../../main/catalog/label-repository';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { newPhoto } from '../../support/new-photo';
import { tempDir } from '../../support/temp-dir';

describe('LabelJobRepository', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: DatabaseSync;
  let photos: PhotoRepository;
  let jobs: LabelJobRepository;
  const ids: number[] = [];

  beforeEach(async () => {
    dir = await tempDir('label-jobs');
    db = openCatalog(join(dir.path, 'catalog.sqlite'));
    photos = new PhotoRepository(db);
    jobs = new LabelJobRepository(db);
    ids.length = 0;
    for (let n = 1; n <= 4; n++) {
      ids.push(photos.insert(newPhoto(n, { sha256: String(n).repeat(64), filename: `${n}.jpg` }))!);
    }
  });
  afterEach(async () => {
    db.close();
    await dir.remove();
  });

  it('queues local photos without labels or a job, once', () => {
    const [local, labelled, cloudOnly] = ids as [number, number, number, number];
    new LabelRepository(db).storeResult(labelled, {
      raw: { Labels: [] },
      modelVersion: null,
      labelledAt: 1,
    });
    db.prepare('UPDATE photos SET original_local = 0 WHERE id = ?').run(cloudOnly);
    expect(jobs.enqueueUnlabelled(100)).toBe(2);
    expect(jobs.enqueueUnlabelled(200)).toBe(0);
    expect(jobs.queuedCount()).toBe(2);
    expect(jobs.nextDue(100, [])).toMatchObject({
      photoId: local,
      attempts: 0,
      originalLocal: true,
    });
  });

  it('hands out due jobs that are not busy, and says when the next one falls due', () => {
    const [a, b] = ids as [number, number];
    jobs.enqueueUnlabelled(0);
    expect(jobs.nextDue(0, [])!.photoId).toBe(a);
    expect(jobs.nextDue(0, [a])!.photoId).toBe(b);
    jobs.retryLater(a, 1, 500, 'Too busy.');
    expect(jobs.nextDue(0, [])!.photoId).toBe(b);
    expect(jobs.nextDue(0, ids)).toBeNull();
    expect(jobs.soonestDue(ids.filter((id) => id !== a))).toBe(500);
    expect(
      jobs.nextDue(
        500,
        ids.filter((id) => id !== a),
      ),
    ).toMatchObject({ photoId: a, attempts: 1 });
    expect(photos.get(a)!.labelStatus).toEqual({ state: 'queued', message: 'Too busy.' });
  });

  it('fails, requeues one or all with fresh attempts, and forgets waiting jobs', () => {
    const [a, b, c] = ids as [number, number, number];
    jobs.enqueueUnlabelled(0);
    jobs.fail(a, 4, 'Gave up.');
    jobs.fail(b, 1, 'Bad image.');
    expect(photos.get(a)!.labelStatus).toEqual({ state: 'failed', message: 'Gave up.' });
    expect(jobs.requeue(a)).toBe(1);
    expect(jobs.nextDue(0, [])).toMatchObject({ photoId: a, attempts: 0 });
    expect(jobs.requeue(c)).toBe(0);
    expect(jobs.dropQueued()).toBe(3);
    expect(photos.get(a)!.labelStatus.state).toBe('off');
    expect(photos.get(b)!.labelStatus.state).toBe('failed');
    expect(jobs.requeue()).toBe(1);
    jobs.finish(b);
    expect(jobs.queuedCount()).toBe(0);
  });
});
