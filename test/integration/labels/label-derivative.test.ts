import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLabelDerivative } from '../../../main/labels/label-derivative';
import { LabelImageError } from '../../../main/model/label-image-error';
import { makeLabelledPhoto, makePhoto } from '../../support/make-photos';
import { tempDir } from '../../support/temp-dir';

let dir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  dir = await tempDir('label-derivative');
});
afterAll(async () => {
  await dir.remove();
});

/** Every kind of metadata a JPEG could carry out of the machine. */
async function metadataOf(jpeg: Buffer) {
  const meta = await sharp(jpeg).metadata();
  return {
    exif: meta.exif,
    xmp: meta.xmp,
    icc: meta.icc,
    iptc: meta.iptc,
    parsed: await exifr.parse(jpeg, { gps: true, xmp: true, iptc: true }),
  };
}

describe('makeLabelDerivative', () => {
  it('turns a 40-megapixel photo with EXIF and GPS into an upright JPEG under 5 MB without them', async () => {
    const original = await makePhoto(dir.path, {
      name: 'big.jpg',
      width: 7744,
      height: 5164,
      noise: true,
      orientation: 6,
      camera: { make: 'Canon', model: 'EOS R5' },
      takenAt: '2024:07:01 10:00:00',
      gps: { latitude: 51.5007, longitude: -0.1246 },
    });
    // The fixture really carries what must not leave.
    expect(await exifr.parse(original, { gps: true })).toMatchObject({
      Make: 'Canon',
      latitude: expect.closeTo(51.5007, 3),
    });
    const jpeg = await makeLabelDerivative(original);
    expect(jpeg.length).toBeLessThan(5_000_000);
    const meta = await sharp(jpeg).metadata();
    expect(meta.format).toBe('jpeg');
    // Orientation 6 turns the landscape sensor image into a portrait photo.
    expect([meta.width, meta.height]).toEqual([1067, 1600]);
    expect(meta.orientation).toBeUndefined();
    expect(await metadataOf(jpeg)).toEqual({
      exif: undefined,
      xmp: undefined,
      icc: undefined,
      iptc: undefined,
      parsed: undefined,
    });
  });

  it('turns the pixels upright, not just the size', async () => {
    // Stored sideways: the left half is dark. Orientation 6 shows it turned a quarter clockwise,
    // so the dark half is on top.
    const half = await sharp({
      create: { width: 200, height: 300, channels: 3, background: '#000000' },
    })
      .png()
      .toBuffer();
    const sideways = join(dir.path, 'sideways.jpg');
    await sharp({ create: { width: 400, height: 300, channels: 3, background: '#ffffff' } })
      .composite([{ input: half, left: 0, top: 0 }])
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toFile(sideways);
    const { data, info } = await sharp(await makeLabelDerivative(sideways))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([300, 400]);
    const brightness = (x: number, y: number) => data[(y * info.width + x) * info.channels]!;
    expect(Math.max(brightness(75, 100), brightness(225, 100))).toBeLessThan(30);
    expect(Math.min(brightness(75, 300), brightness(225, 300))).toBeGreaterThan(225);
  });

  it('shrinks further until it fits the byte limit', async () => {
    const original = await makePhoto(dir.path, {
      name: 'noisy.jpg',
      width: 2000,
      height: 1500,
      noise: true,
    });
    const roomy = await makeLabelDerivative(original);
    const tight = await makeLabelDerivative(original, { maxBytes: 60_000 });
    expect(roomy.length).toBeGreaterThan(60_000);
    expect(tight.length).toBeLessThanOrEqual(60_000);
    const { width, height } = await sharp(tight).metadata();
    expect(Math.min(width, height)).toBeGreaterThanOrEqual(80);
  });

  it('keeps small photos as they are and long panoramas at least 80 px high', async () => {
    const small = await makeLabelDerivative(
      await makeLabelledPhoto(join(dir.path, 'small.png'), 'dog', {
        width: 300,
        height: 200,
        format: 'png',
      }),
    );
    expect(await sharp(small).metadata()).toMatchObject({
      format: 'jpeg',
      width: 300,
      height: 200,
    });
    const panorama = await makeLabelDerivative(
      await makePhoto(dir.path, { name: 'pano.jpg', width: 6000, height: 200 }),
    );
    expect(await sharp(panorama).metadata()).toMatchObject({ width: 2400, height: 80 });
  });

  it('says why a photo cannot be labelled: too small, missing, not decodable', async () => {
    const tiny = await makePhoto(dir.path, { name: 'tiny.jpg', width: 120, height: 60 });
    await expect(makeLabelDerivative(tiny)).rejects.toMatchObject({
      name: 'LabelImageError',
      code: 'too-small',
      message: expect.stringMatching(/120 × 60 pixels.*at least 80/),
    });
    await expect(makeLabelDerivative(join(dir.path, 'gone.jpg'))).rejects.toMatchObject({
      code: 'missing',
      message: expect.stringContaining('gone.jpg'),
    });
    const junk = join(dir.path, 'junk.jpg');
    await writeFile(junk, 'not an image at all');
    const error = await makeLabelDerivative(junk).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabelImageError);
    expect(error).toMatchObject({ code: 'unreadable', message: /could not be decoded/ });
  });
});
