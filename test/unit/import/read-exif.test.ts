import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { readExif } from '../../../main/import/read-exif';
import { readPhotoInfo } from '../../../main/import/read-photo-info';
import { makePhoto } from '../../support/make-photos';
import { tempDir } from '../../support/temp-dir';

const work = await tempDir('read-exif');
afterAll(() => work.remove());

const taken = '2021:03:04 05:06:07';
const photo = (format: 'jpeg' | 'png' | 'avif' | 'webp', extension: string) =>
  makePhoto(work.path, { name: `dated.${extension}`, hue: 60, format, takenAt: taken });

describe('EXIF dates by format', () => {
  it('are read from JPEG, PNG and AVIF (whose EXIF is a HEIF item, as in HEIC)', async () => {
    for (const [format, extension] of [
      ['jpeg', 'jpg'],
      ['png', 'png'],
      ['avif', 'avif'],
    ] as const) {
      const facts = await readExif(await readFile(await photo(format, extension)), extension);
      expect(facts.takenAt, format).toBe(new Date(2021, 2, 4, 5, 6, 7).getTime());
    }
    const info = await readPhotoInfo(await photo('avif', 'avif'), 'avif');
    expect(info.takenLocal).toBe('2021-03-04T05:06:07');
  });

  it('are not read from WebP (exifr knows no WebP), which is placed by when it was added', async () => {
    const facts = await readExif(await readFile(await photo('webp', 'webp')), 'webp');
    expect(facts.takenAt).toBeNull();
  });
});
