import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readFile, stat, symlink } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import { originalFile, thumbFile } from '../../main/library/library-paths';
import type { Services } from '../../main/services';
import { brokenFileReasons, writeBrokenFiles } from '../support/broken-files';
import { makePhoto } from '../support/make-photos';
import { tempDir } from '../support/temp-dir';
import { importAndWait, servicesWithEvents, type RecordedEvents } from './library-fixture';

describe('importing photos', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let services: Services;
  let events: RecordedEvents;
  let drop: string;

  beforeEach(async () => {
    work = await tempDir('import');
    drop = join(work.path, 'drop');
    ({ services, events } = servicesWithEvents(join(work.path, 'library')));
  });
  afterEach(async () => {
    await services.close();
    await work.remove();
  });

  it('imports every supported format, reads EXIF and stores originals and thumbnails by content', async () => {
    const formats = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif'] as const;
    for (const [i, format] of formats.entries()) {
      await makePhoto(join(drop, 'formats'), { name: `photo-${i}.${format}`, format, hue: i * 60 });
    }
    await makePhoto(drop, {
      name: 'canon.jpg',
      takenAt: '2021:07:04 18:30:00',
      camera: { make: 'Canon', model: 'Canon EOS R5' },
    });

    const { last, failures } = await importAndWait(services, events, [drop]);

    expect(failures).toEqual([]);
    expect(last).toMatchObject({ state: 'finished', total: 7, done: 7, imported: 7, failed: 0 });
    const page = services.photos.page({ sort: 'taken-desc', offset: 0, limit: 10 });
    expect(page.total).toBe(7);
    const canon = services.photos.get(page.items.find((p) => p.filename === 'canon.jpg')!.id)!;
    expect(canon.camera).toBe('Canon EOS R5');
    expect(new Date(canon.takenAt!).getFullYear()).toBe(2021);
    const source = await readFile(join(drop, 'canon.jpg'));
    const sha = createHash('sha256').update(source).digest('hex');
    expect(canon.sha256).toBe(sha);
    expect(await readFile(originalFile(services.paths, sha, 'jpg'))).toEqual(source);
    const thumb = await sharp(thumbFile(services.paths, sha)).metadata();
    expect(thumb.format).toBe('webp');
    expect(Math.max(thumb.width!, thumb.height!)).toBe(256);
    expect(events.changed.reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('turns the thumbnail upright by the EXIF orientation', async () => {
    // Stored landscape 800×400, tagged "rotate 90° clockwise": displayed portrait.
    await makePhoto(drop, { name: 'sideways.jpg', width: 800, height: 400, orientation: 6 });
    await importAndWait(services, events, [drop]);
    const [item] = services.photos.page({ sort: 'taken-desc', offset: 0, limit: 1 }).items;
    expect(item).toMatchObject({ width: 400, height: 800 });
    const thumb = await sharp(thumbFile(services.paths, item!.sha256)).metadata();
    expect([thumb.width, thumb.height]).toEqual([128, 256]);
  });

  it('skips duplicates and says which photo in the library they match', async () => {
    const first = await makePhoto(drop, { name: 'original.jpg', hue: 10 });
    await importAndWait(services, events, [first]);
    await mkdir(join(drop, 'again'), { recursive: true });
    await copyFile(first, join(drop, 'again', 'copy-1.jpg'));
    await copyFile(first, join(drop, 'again', 'copy-2.jpg'));
    await makePhoto(join(drop, 'again'), { name: 'new.jpg', hue: 200 });

    const { last, duplicates } = await importAndWait(services, events, [join(drop, 'again')]);

    expect(last).toMatchObject({ imported: 1, duplicates: 2, failed: 0 });
    expect(duplicates.map((d) => d.existingFilename)).toEqual(['original.jpg', 'original.jpg']);
    expect(services.photos.count()).toBe(2);
  });

  it('explains each broken file and still imports the good ones', async () => {
    await writeBrokenFiles(drop);
    await makePhoto(drop, { name: 'good.jpg' });

    const { last, failures } = await importAndWait(services, events, [drop]);

    expect(last).toMatchObject({
      state: 'finished',
      imported: 1,
      failed: Object.keys(brokenFileReasons).length,
    });
    const byName = Object.fromEntries(failures.map((f) => [f.path.split('/').pop(), f]));
    for (const [name, reason] of Object.entries(brokenFileReasons)) {
      expect(byName[name]?.reason, `${name}: ${byName[name]?.message}`).toBe(reason);
      expect(byName[name]?.message.length, name).toBeGreaterThan(10);
    }
    expect(byName['phone.heic']?.message).toMatch(/HEIC\/HEIF file could not be read/);
    expect(byName['enormous.png']?.message).toMatch(/40000 × 40000/);
  });

  it('does not follow links out of the dropped folder and refuses special files', async () => {
    const outside = join(work.path, 'outside');
    const secret = await makePhoto(outside, { name: 'private.jpg', hue: 300 });
    await makePhoto(drop, { name: 'inside.jpg' });
    await symlink(secret, join(drop, 'link-to-private.jpg'));
    await symlink(outside, join(drop, 'link-to-folder'));
    await symlink(join(drop, 'inside.jpg'), join(drop, 'link-inside.jpg'));
    execFileSync('mkfifo', [join(drop, 'a-pipe.jpg')]);

    const { last, failures } = await importAndWait(services, events, [drop]);

    expect(last.imported).toBe(1);
    expect(
      services.photos
        .page({ sort: 'taken-desc', offset: 0, limit: 10 })
        .items.map((p) => p.filename),
    ).toEqual(['inside.jpg']);
    const reasons = Object.fromEntries(failures.map((f) => [f.path.split('/').pop(), f.reason]));
    expect(reasons).toEqual({
      'link-to-private.jpg': 'link-outside-drop',
      'link-to-folder': 'link-outside-drop',
      'a-pipe.jpg': 'special-file',
    });
  });

  it('reports paths that vanished and carries on', async () => {
    await makePhoto(drop, { name: 'here.jpg' });
    const { last, failures } = await importAndWait(services, events, [
      join(drop, 'gone.jpg'),
      drop,
    ]);
    expect(last.imported).toBe(1);
    expect(failures).toEqual([expect.objectContaining({ reason: 'not-found' })]);
  });

  it('stops when cancelled, keeping what was already imported', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        makePhoto(drop, { name: `p${i}.jpg`, hue: i * 9, width: 1000, height: 750, noise: true }),
      ),
    );
    const jobId = services.importer.start([drop]);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (events.progress.some((p) => p.jobId === jobId && p.done > 0)) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    expect(services.importer.cancel(jobId)).toBe(true);
    await services.importer.whenIdle();
    const last = events.progress.filter((p) => p.jobId === jobId).pop()!;
    expect(last.state).toBe('cancelled');
    expect(last.imported).toBeLessThan(40);
    expect(services.photos.count()).toBe(last.imported);
  });

  it('keeps the library across a restart, with nothing imported again', async () => {
    for (let i = 0; i < 3; i++) await makePhoto(drop, { name: `keep-${i}.jpg`, hue: i * 90 });
    await importAndWait(services, events, [drop]);
    const before = services.photos.page({ sort: 'taken-desc', offset: 0, limit: 10 });
    await services.close();

    ({ services, events } = servicesWithEvents(join(work.path, 'library')));
    expect(services.photos.page({ sort: 'taken-desc', offset: 0, limit: 10 })).toEqual(before);
    for (const item of before.items) {
      expect((await stat(thumbFile(services.paths, item.sha256))).size).toBeGreaterThan(0);
    }
  });
});
