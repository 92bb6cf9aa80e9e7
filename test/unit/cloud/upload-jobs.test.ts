import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { UploadJobRepository } from '../../../main/catalog/upload-jobs';
import { newPhoto } from '../../support/new-photo';
import { tempDir } from '../../support/temp-dir';

const photo = (n: number) => newPhoto(n, { byteSize: 1000 * n });

describe('UploadJobRepository', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: DatabaseSync;
  let photos: PhotoRepository;
  let jobs: UploadJobRepository;
  let ids: number[];
  /** The grid's view of each photo (photo-repository.ts derives it from these tables). */
  const cloudStates = () =>
    photos
      .page({ sort: 'imported-desc', offset: 0, limit: 50 })
      .items.map((p) => p.cloud)
      .reverse();

  beforeEach(async () => {
    dir = await tempDir('upload-jobs');
    db = openCatalog(join(dir.path, 'catalog.sqlite'));
    photos = new PhotoRepository(db);
    jobs = new UploadJobRepository(db);
    ids = [1, 2, 3, 4].map((n) => photos.insert(photo(n))!);
  });
  afterEach(async () => {
    db.close();
    await dir.remove();
  });

  it('queues local photos not in the cloud, once, and never a cancelled or cloud-only one', () => {
    db.prepare('UPDATE photos SET in_cloud = 1 WHERE id = ?').run(ids[0]!);
    db.prepare('UPDATE photos SET original_local = 0, in_cloud = 1 WHERE id = ?').run(ids[1]!);
    expect(jobs.enqueueAllLocal(10)).toBe(2);
    expect(jobs.enqueueAllLocal(11)).toBe(0);
    jobs.cancel(ids[2]!);
    db.prepare('DELETE FROM upload_jobs WHERE photo_id = ?').run(ids[3]!);
    expect(jobs.enqueueAllLocal(12)).toBe(1); // photo 4 again; the cancelled photo 3 stays out
    expect(cloudStates()).toEqual(['cloud', 'cloud', 'local', 'queued']);
    expect(jobs.counts()).toMatchObject({ queued: 1, cancelled: 1, pendingBytes: 4000 });
  });

  it('claims due jobs first in, first out, counting attempts', () => {
    jobs.enqueueAllLocal(10);
    const first = jobs.claimNext(100)!;
    expect(first).toEqual({
      id: ids[0],
      sha256: photo(1).sha256,
      format: 'jpg',
      byteSize: 1000,
      filename: 'IMG_1.jpg',
      attempts: 1,
    });
    expect(jobs.stateOf(first.id)).toBe('running');
    expect(cloudStates()[0]).toBe('uploading');
    // Photo 2 waits out a backoff: photo 3 goes before it, and it is due only at 500.
    expect(jobs.claimNext(100)!.id).toBe(ids[1]);
    jobs.retryLater(ids[1]!, 500, 'offline');
    expect(jobs.claimNext(100)!.id).toBe(ids[2]);
    expect(jobs.claimNext(100)!.id).toBe(ids[3]);
    expect(jobs.claimNext(100)).toBeNull();
    expect(jobs.nextDueAt()).toBe(500);
    const again = jobs.claimNext(500)!;
    expect(again).toMatchObject({ id: ids[1], attempts: 2 });
    jobs.retryLater(ids[1]!, 900, 'offline');
    expect(jobs.makeQueuedDue()).toBe(1);
    expect(jobs.nextDueAt()).toBe(0);
  });

  it('puts jobs a crash left running back in the queue', () => {
    jobs.enqueueAllLocal(10);
    jobs.claimNext(10);
    jobs.claimNext(10);
    expect(jobs.requeueRunning()).toBe(2);
    expect(jobs.counts()).toMatchObject({ queued: 4, running: 0 });
  });

  it('completes a photo: in the cloud, job gone, metadata synced up to what was sent', () => {
    jobs.enqueueAllLocal(10);
    const claimed = jobs.claimNext(10)!;
    db.prepare('UPDATE photos SET meta_changed_at = 700, meta_synced_at = 50 WHERE id = ?').run(
      claimed.id,
    );
    expect(jobs.metaChangedAt(claimed.id)).toBe(700);
    jobs.complete(claimed.id, 600);
    expect(jobs.stateOf(claimed.id)).toBeNull();
    const row = db
      .prepare('SELECT in_cloud, meta_synced_at FROM photos WHERE id = ?')
      .get(claimed.id) as { in_cloud: number; meta_synced_at: number };
    // A change made at 700, after the document was read, still counts as not yet sent.
    expect(row).toEqual({ in_cloud: 1, meta_synced_at: 600 });
    expect(cloudStates()[0]).toBe('cloud');
  });

  it('fails, pauses, resumes and cancels, each by id or for all', () => {
    jobs.enqueueAllLocal(10);
    const a = jobs.claimNext(10)!;
    jobs.fail(a.id, '"IMG_1.jpg" could not be uploaded: gone');
    expect(photos.get(a.id)!.cloudError).toBe('"IMG_1.jpg" could not be uploaded: gone');
    expect(jobs.pause(ids[1]!)).toBe(1);
    expect(cloudStates()).toEqual(['failed', 'paused', 'queued', 'queued']);
    expect(jobs.pause()).toBe(2);
    expect(jobs.resume(ids[2]!)).toBe(1);
    expect(jobs.cancel(ids[3]!)).toBe(1);
    expect(cloudStates()).toEqual(['failed', 'paused', 'queued', 'local']);
    // Resuming all retries failed and paused photos, not the cancelled one…
    expect(jobs.resume()).toBe(3);
    expect(cloudStates()).toEqual(['queued', 'queued', 'queued', 'local']);
    expect(photos.get(a.id)!.cloudError).toBeNull();
    // …which only comes back by id.
    expect(jobs.resume(ids[3]!)).toBe(1);
    expect(jobs.cancel()).toBe(4);
    expect(jobs.counts()).toMatchObject({ queued: 0, cancelled: 4, pendingBytes: 0 });
  });

  it('enqueues one photo only when it is local, not in the cloud and has no job', () => {
    expect(jobs.enqueue(ids[0]!, 10)).toBe(true);
    expect(jobs.enqueue(ids[0]!, 11)).toBe(false);
    db.prepare('UPDATE photos SET in_cloud = 1 WHERE id = ?').run(ids[1]!);
    expect(jobs.enqueue(ids[1]!, 10)).toBe(false);
    expect(jobs.enqueue(ids[2]!, 10, 'paused')).toBe(true);
    expect(jobs.stateOf(ids[2]!)).toBe('paused');
    expect(jobs.photoExists(ids[3]!)).toBe(true);
    expect(jobs.photoExists(9999)).toBe(false);
  });

  it('remembers whether the whole queue is paused', () => {
    expect(jobs.isQueuePaused()).toBe(false);
    jobs.setQueuePaused(true);
    expect(new UploadJobRepository(db).isQueuePaused()).toBe(true);
    jobs.setQueuePaused(false);
    expect(jobs.isQueuePaused()).toBe(false);
  });
});
