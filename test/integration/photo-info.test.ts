import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../main/services';
import { makePhoto } from '../support/make-photos';
import { tempDir } from '../support/temp-dir';
import { importAndWait, servicesWithEvents, type RecordedEvents } from './library-fixture';

const rotatedHeic = join(import.meta.dirname, '../fixtures/heic/rotated.heic');

describe('the info panel’s facts', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let services: Services;
  let events: RecordedEvents;
  let drop: string;

  beforeEach(async () => {
    work = await tempDir('photo-info');
    drop = join(work.path, 'drop');
    await mkdir(drop, { recursive: true });
    ({ services, events } = servicesWithEvents(join(work.path, 'library')));
  });
  afterEach(async () => {
    await services.close();
    await work.remove();
  });

  async function infoOf(filename: string) {
    await importAndWait(services, events, [drop]);
    const items = services.photos.page({ sort: 'taken-desc', offset: 0, limit: 10 }).items;
    const photo = items.find((item) => item.filename === filename)!;
    return services.handlers['library.info']({ id: photo.id });
  }

  it('reads lens, exposure, the camera’s clock and the place from a JPEG’s EXIF', async () => {
    await sharp({ create: { width: 320, height: 240, channels: 3, background: '#357' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'FUJIFILM', Model: 'X-T5' },
        IFD2: {
          DateTimeOriginal: '2023:08:19 18:42:07',
          OffsetTimeOriginal: '-04:00',
          FNumber: '28/10',
          ExposureTime: '1/250',
          ISOSpeedRatings: '400',
          FocalLength: '23/1',
          LensModel: 'XF23mmF1.4 R LM WR',
        },
      })
      .toFile(join(drop, 'street.jpg'));

    expect(await infoOf('street.jpg')).toEqual({
      camera: 'FUJIFILM X-T5',
      lens: 'XF23mmF1.4 R LM WR',
      focalLength: 23,
      aperture: 2.8,
      exposureTime: 0.004,
      iso: 400,
      takenLocal: '2023-08-19T18:42:07',
      takenOffset: '-04:00',
      gps: null,
    });
  });

  it('reads GPS as decimal degrees, south and west negative', async () => {
    await makePhoto(drop, { name: 'cape.jpg', gps: { latitude: -33.9249, longitude: 18.4241 } });
    await makePhoto(drop, { name: 'lima.jpg', gps: { latitude: -12.0464, longitude: -77.0428 } });
    const cape = await infoOf('cape.jpg');
    expect(cape?.gps?.latitude).toBeCloseTo(-33.9249, 3);
    expect(cape?.gps?.longitude).toBeCloseTo(18.4241, 3);
    const lima = await services.handlers['library.info']({
      id: services.photos
        .page({ sort: 'taken-desc', offset: 0, limit: 10 })
        .items.find((item) => item.filename === 'lima.jpg')!.id,
    });
    expect(lima?.gps?.longitude).toBeCloseTo(-77.0428, 3);
  });

  it('reads an iPhone HEIC’s date with its offset and its camera', async () => {
    await copyFile(rotatedHeic, join(drop, 'IMG_0001.HEIC'));
    expect(await infoOf('IMG_0001.HEIC')).toMatchObject({
      camera: 'Apple iPhone 15 Pro',
      takenLocal: '2024-05-06T07:08:09',
      takenOffset: '+02:00',
    });
  });

  it('answers nothing known for a photo without EXIF, and no error', async () => {
    await sharp({ create: { width: 100, height: 100, channels: 3, background: '#000' } })
      .png()
      .toFile(join(drop, 'plain.png'));
    expect(await infoOf('plain.png')).toMatchObject({ camera: null, takenLocal: null, gps: null });
  });
});
