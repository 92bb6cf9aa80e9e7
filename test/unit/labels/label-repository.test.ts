import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabelJobRepository } from '../../../main/catalog/label-job-repository';
import { LabelRepository } from '../../../main/catalog/label-repository';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { OrganiseRepository } from '../../../main/catalog/organise-repository';
import { photoMetaOf } from '../../../main/catalog/photo-meta-source';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { newPhoto } from '../../support/new-photo';
import { tempDir } from '../../support/temp-dir';

const answer = (labels: [string, number, string[]?][]) => ({
  Labels: labels.map(([Name, Confidence, parents = []]) => ({
    Name,
    Confidence,
    Parents: parents.map((parent) => ({ Name: parent })),
    Categories: [{ Name: 'Animals and Pets' }],
  })),
  LabelModelVersion: '3.0',
});
const dogAnswer = answer([
  ['Animal', 99.1],
  ['Dog', 98.2, ['Animal', 'Pet']],
  ['Golden Retriever', 80, ['Dog']],
  ['Puppy', 58.3, ['Dog']],
]);

function insertPhoto(photos: PhotoRepository, n: number): number {
  return photos.insert(newPhoto(n, { sha256: String(n).repeat(64), importedAt: 1_000 }))!;
}

describe('LabelRepository', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: DatabaseSync;
  let photos: PhotoRepository;
  let labels: LabelRepository;
  let photoId: number;

  const changedAt = () =>
    (
      db.prepare('SELECT meta_changed_at AS at FROM photos WHERE id = ?').get(photoId) as {
        at: number;
      }
    ).at;
  const names = (min = 0) => photos.get(photoId, min)!.labels.map((l) => l.name);
  const search = (query: string, min = 0) =>
    photos.page({ sort: 'taken-desc', offset: 0, limit: 10, query }, min).items.map((p) => p.id);

  beforeEach(async () => {
    dir = await tempDir('labels');
    db = openCatalog(join(dir.path, 'catalog.sqlite'));
    photos = new PhotoRepository(db);
    labels = new LabelRepository(db);
    photoId = insertPhoto(photos, 1);
  });
  afterEach(async () => {
    db.close();
    await dir.remove();
  });

  it('stores Rekognition’s answer: labels with confidence and parents, searchable by parent words', () => {
    labels.storeResult(photoId, { raw: dogAnswer, modelVersion: '3.0', labelledAt: 5_000 });
    const detail = photos.get(photoId, 0)!;
    expect(detail.labelStatus).toEqual({ state: 'done', message: null });
    expect(detail.labels.find((l) => l.name === 'Dog')).toEqual({
      name: 'Dog',
      confidence: 98.2,
      source: 'rekognition',
      parents: ['Animal', 'Pet'],
    });
    expect(labels.hasResult(photoId)).toBe(true);
    expect(changedAt()).toBe(5_000);
    expect(search('pet')).toEqual([photoId]);
    expect(search('retr')).toEqual([photoId]);
    expect(photoMetaOf(db, photoId)!.labels).toEqual({
      raw: dogAnswer,
      modelVersion: '3.0',
      labelledAt: 5_000,
    });
  });

  it('filters by the minimum confidence when reading, from what is stored', () => {
    labels.storeResult(photoId, { raw: dogAnswer, modelVersion: '3.0', labelledAt: 5_000 });
    expect(names(50)).toContain('Puppy');
    expect(names(70)).not.toContain('Puppy');
    expect(search('puppy', 50)).toEqual([photoId]);
    expect(search('puppy', 70)).toEqual([]);
  });

  it('keeps corrections over Rekognition, through a re-labelling, and marks the photo changed', () => {
    labels.storeResult(photoId, { raw: dogAnswer, modelVersion: '3.0', labelledAt: 5_000 });
    labels.removeLabel(photoId, 'dog', 6_000);
    expect(changedAt()).toBe(6_000);
    labels.addLabel(photoId, 'Good Boy', 7_000);
    expect(changedAt()).toBe(7_000);
    expect(names()).not.toContain('Dog');
    expect(photos.get(photoId, 90)!.labels).toContainEqual({
      name: 'Good Boy',
      confidence: 100,
      source: 'user',
      parents: [],
    });
    expect(search('good')).toEqual([photoId]);
    // "Dog" was removed: neither the label nor the parent of Golden Retriever and Puppy finds it.
    expect(search('dog')).toEqual([]);

    labels.storeResult(photoId, { raw: dogAnswer, modelVersion: '3.1', labelledAt: 8_000 });
    expect(names()).toContain('Good Boy');
    expect(names()).not.toContain('Dog');
    expect(labels.editsOf(photoId)).toEqual([
      { name: 'dog', action: 'remove', at: 6_000 },
      { name: 'Good Boy', action: 'add', at: 7_000 },
    ]);
    expect(photoMetaOf(db, photoId)!.labelEdits).toHaveLength(2);
  });

  it('takes back a removal by adding, and never lets a new edit lose to an older one', () => {
    labels.storeResult(photoId, { raw: dogAnswer, modelVersion: '3.0', labelledAt: 5_000 });
    labels.removeLabel(photoId, 'Dog', 9_000);
    // This device's clock is behind the edit it replaces: the new edit still comes after it.
    labels.addLabel(photoId, 'Dog', 8_000);
    expect(labels.editsOf(photoId)).toEqual([{ name: 'Dog', action: 'add', at: 9_001 }]);
    expect(photos.get(photoId)!.labels.find((l) => l.name === 'Dog')).toMatchObject({
      confidence: 100,
      source: 'user',
      parents: ['Animal', 'Pet'],
    });
  });

  it('refuses what is wrong, saying what: no such photo, a bad name, a label it does not have', () => {
    expect(() => labels.addLabel(photoId + 1, 'Dog', 1)).toThrow(/no photo/);
    expect(() => labels.addLabel(photoId, '  ', 1)).toThrow(/needs a name/);
    expect(() => labels.addLabel(photoId, 'x'.repeat(101), 1)).toThrow(/at most 100/);
    expect(() => labels.removeLabel(photoId, 'Cat', 1)).toThrow(/no label “Cat”/);
    expect(labels.editsOf(photoId)).toEqual([]);
    expect(changedAt()).toBe(0);
    // Removing twice is the same as once.
    labels.storeResult(photoId, { raw: dogAnswer, modelVersion: '3.0', labelledAt: 5_000 });
    labels.removeLabel(photoId, 'Dog', 6_000);
    labels.removeLabel(photoId, 'Dog', 7_000);
    expect(changedAt()).toBe(6_000);
  });

  it('applies another device’s labels: a newer answer, merged edits, without marking a change', () => {
    labels.storeResult(photoId, { raw: dogAnswer, modelVersion: '3.0', labelledAt: 5_000 });
    labels.addLabel(photoId, 'Rex', 6_000);
    const catAnswer = answer([['Cat', 97]]);
    const changed = labels.applyRemote(
      photoId,
      { raw: catAnswer, modelVersion: '3.0', labelledAt: 5_500 },
      [
        { name: 'Cat', action: 'remove', at: 6_500 },
        { name: 'rex', action: 'remove', at: 5_900 },
        { name: 'Whiskers', action: 'add', at: 6_600 },
      ],
    );
    expect(changed).toBe(true);
    expect(names()).toEqual(['Rex', 'Whiskers']);
    expect(changedAt()).toBe(6_000);
    expect(labels.editsOf(photoId).map((e) => [e.name, e.action])).toEqual([
      ['Cat', 'remove'],
      ['Rex', 'add'],
      ['Whiskers', 'add'],
    ]);
    // An older answer is not adopted, and the same edits again change nothing.
    expect(
      labels.applyRemote(
        photoId,
        { raw: dogAnswer, modelVersion: '3.0', labelledAt: 1 },
        labels.editsOf(photoId),
      ),
    ).toBe(false);
    expect(names()).toEqual(['Rex', 'Whiskers']);
  });

  it('adopts a remote answer for a photo never labelled here, which leaves the queue', () => {
    db.prepare("INSERT INTO label_jobs (photo_id, state, queued_at) VALUES (?, 'failed', 0)").run(
      photoId,
    );
    expect(labels.failures()).toHaveLength(1);
    labels.applyRemote(photoId, { raw: dogAnswer, modelVersion: null, labelledAt: 5 }, []);
    expect(labels.failures()).toEqual([]);
    expect(photos.get(photoId)!.labelStatus.state).toBe('done');
    expect(changedAt()).toBe(0);
  });

  it('counts labels at or above the minimum confidence, most common first, case folded', () => {
    const second = insertPhoto(photos, 2);
    labels.storeResult(photoId, { raw: dogAnswer, modelVersion: '3.0', labelledAt: 5 });
    labels.storeResult(second, { raw: answer([['Dog', 90]]), modelVersion: '3.0', labelledAt: 5 });
    labels.addLabel(second, 'animal', 6);
    expect(labels.counts(70, 10)).toEqual([
      { name: 'Animal', count: 2 },
      { name: 'Dog', count: 2 },
      { name: 'Golden Retriever', count: 1 },
    ]);
    expect(labels.counts(50, 10)).toContainEqual({ name: 'Puppy', count: 1 });
    expect(labels.counts(0, 1)).toHaveLength(1);
  });

  it('counts no label of a photo in the Trash', () => {
    const second = insertPhoto(photos, 2);
    labels.storeResult(photoId, { raw: dogAnswer, modelVersion: '3.0', labelledAt: 5 });
    labels.storeResult(second, { raw: answer([['Dog', 90]]), modelVersion: '3.0', labelledAt: 5 });
    new OrganiseRepository(db).trash([photoId], 6);
    expect(labels.counts(0, 10)).toEqual([{ name: 'Dog', count: 1 }]);
  });

  it('lists failed jobs with their reason and attempts', () => {
    db.prepare(
      "INSERT INTO label_jobs (photo_id, state, attempts, last_error, queued_at) VALUES (?, 'failed', 4, 'Too busy.', 0)",
    ).run(photoId);
    expect(labels.failures()).toEqual([
      {
        id: photoId,
        sha256: '1'.repeat(64),
        filename: 'IMG_1.jpg',
        reason: 'Too busy.',
        attempts: 4,
      },
    ]);
    expect(photos.get(photoId)!.labelStatus).toEqual({ state: 'failed', message: 'Too busy.' });
  });

  describe('a label error from the cloud labeller', () => {
    const cloudError = (labelledAt: number, error = 'Rekognition could not read the image.') => ({
      raw: null,
      modelVersion: null,
      labelledAt,
      error,
    });

    it('puts the photo in the couldn’t-label list once, with the cloud’s reason', () => {
      expect(labels.applyRemote(photoId, cloudError(5_000), [])).toBe(true);
      expect(labels.failures()).toEqual([
        expect.objectContaining({ id: photoId, reason: 'Rekognition could not read the image.' }),
      ]);
      expect(labels.hasResult(photoId)).toBe(false);
      // The same document synced again changes nothing.
      expect(labels.applyRemote(photoId, cloudError(5_000), [])).toBe(false);
    });

    it('does not undo a retry with the error the retried derivative is meant to replace', () => {
      const jobs = new LabelJobRepository(db);
      labels.applyRemote(photoId, cloudError(5_000), []);
      jobs.requeue(photoId);
      // Asked again, not sent yet: the old error leaves it queued.
      labels.applyRemote(photoId, cloudError(5_000), []);
      expect(labels.failures()).toEqual([]);
      jobs.markSent(photoId, 10 * 60_000, 10 * 60_000 + 3_000, 'Labelling in your cloud.');
      labels.applyRemote(photoId, cloudError(5_000), []);
      expect(labels.failures()).toEqual([]);
      // The answer to the new derivative is another error: listed again.
      labels.applyRemote(photoId, cloudError(10 * 60_000 + 2_000, 'Still unreadable.'), []);
      expect(labels.failures()).toEqual([expect.objectContaining({ reason: 'Still unreadable.' })]);
    });

    it('never hides labels the photo already has', () => {
      labels.storeResult(photoId, { raw: dogAnswer, modelVersion: '3.0', labelledAt: 5_000 });
      labels.applyRemote(photoId, cloudError(9_000), []);
      expect(labels.failures()).toEqual([]);
      expect(names()).toContain('Dog');
    });
  });
});
