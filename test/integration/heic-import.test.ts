import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLabelDerivative } from '../../main/labels/label-derivative';
import { originalFile, thumbFile } from '../../main/library/library-paths';
import type { Services } from '../../main/services';
import { tempDir } from '../support/temp-dir';
import { importAndWait, servicesWithEvents, type RecordedEvents } from './library-fixture';

/** Stored sideways with an irot turn and EXIF Orientation 6 (test/fixtures/heic/make-heic-fixtures.ts). */
const rotatedHeic = join(import.meta.dirname, '../fixtures/heic/rotated.heic');

type Rgb = readonly [number, number, number];

/** The colour at a point given as fractions of the width and height. */
async function colourAt(image: Buffer, fx: number, fy: number): Promise<Rgb> {
  const { data, info } = await sharp(image)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const x = Math.floor(info.width * fx);
  const y = Math.floor(info.height * fy);
  const at = (y * info.width + x) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

const isRed = ([r, g, b]: Rgb) => r > 150 && g < 90 && b < 90;
const isBlue = ([r, g, b]: Rgb) => b > 150 && r < 90 && g < 90;
const isGreen = ([r, g, b]: Rgb) => g > 150 && r < 90 && b < 90;

/** Upright, the fixture is red above blue with a green square in the top-right corner. */
async function expectUpright(image: Buffer): Promise<void> {
  const { width, height } = await sharp(image).metadata();
  expect(height).toBeGreaterThan(width);
  expect(isRed(await colourAt(image, 0.3, 0.4)), 'red on top').toBe(true);
  expect(isBlue(await colourAt(image, 0.5, 0.8)), 'blue below').toBe(true);
  expect(isGreen(await colourAt(image, 0.95, 0.03)), 'green top right').toBe(true);
}

describe('importing a HEIC photo', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let services: Services;
  let events: RecordedEvents;
  let drop: string;

  beforeEach(async () => {
    work = await tempDir('heic');
    drop = join(work.path, 'drop');
    await mkdir(drop, { recursive: true });
    await copyFile(rotatedHeic, join(drop, 'IMG_0001.HEIC'));
    ({ services, events } = servicesWithEvents(join(work.path, 'library')));
  });
  afterEach(async () => {
    await services.close();
    await work.remove();
  });

  async function importFixture() {
    const { last, failures } = await importAndWait(services, events, [drop]);
    expect(failures).toEqual([]);
    expect(last).toMatchObject({ imported: 1, failed: 0 });
    const [item] = services.photos.page({ sort: 'taken-desc', offset: 0, limit: 1 }).items;
    return services.photos.get(item!.id)!;
  }

  it('keeps the original bytes, reads its EXIF and makes an upright thumbnail', async () => {
    const photo = await importFixture();

    expect(photo).toMatchObject({ format: 'heic', width: 320, height: 480 });
    expect(photo.camera).toBe('Apple iPhone 15 Pro');
    const taken = new Date(photo.takenAt!);
    expect([taken.getFullYear(), taken.getMonth(), taken.getDate()]).toEqual([2024, 4, 6]);
    const original = await readFile(originalFile(services.paths, photo.sha256, 'heic'));
    expect(original).toEqual(await readFile(rotatedHeic));
    const thumb = await readFile(thumbFile(services.paths, photo.sha256));
    expect((await sharp(thumb).metadata()).format).toBe('webp');
    await expectUpright(thumb);
  });

  it('shows it upright at full size and as a large preview, both WebP', async () => {
    const photo = await importFixture();

    for (const kind of ['view', 'preview']) {
      const media = await services.resolveMedia(`${kind}/${photo.sha256}`);
      expect(media?.contentType, kind).toBe('image/webp');
      const bytes = await readFile(media!.file);
      expect(await sharp(bytes).metadata()).toMatchObject({ width: 320, height: 480 });
      await expectUpright(bytes);
    }
    const original = await services.resolveMedia(`original/${photo.sha256}`);
    expect(original?.contentType).toBe('image/heic');
  });

  it('explains a damaged HEIC and still imports the good one', async () => {
    const whole = await readFile(rotatedHeic);
    await writeFile(join(drop, 'cut.heic'), whole.subarray(0, Math.floor(whole.length * 0.8)));

    const { last, failures } = await importAndWait(services, events, [drop]);

    expect(last).toMatchObject({ imported: 1, failed: 1 });
    expect(failures).toEqual([
      expect.objectContaining({
        path: expect.stringMatching(/cut\.heic$/),
        reason: 'unreadable',
        message: expect.stringMatching(/HEIC\/HEIF file could not be read/),
      }),
    ]);
  });

  it('sends Rekognition an upright JPEG made from it', async () => {
    const photo = await importFixture();

    const jpeg = await makeLabelDerivative(originalFile(services.paths, photo.sha256, 'heic'));

    expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
    await expectUpright(jpeg);
  });
});
