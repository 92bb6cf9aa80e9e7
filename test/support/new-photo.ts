import type { NewPhoto } from '../../main/catalog/photo-repository';

/** A photo as the importer would record it, numbered `n`; override what a test is about. */
export function newPhoto(n: number, overrides: Partial<NewPhoto> = {}): NewPhoto {
  return {
    sha256: n.toString(16).padStart(64, '0'),
    format: 'jpg',
    byteSize: 1000 + n,
    width: 640,
    height: 480,
    orientation: null,
    takenAt: null,
    importedAt: 1_700_000_000_000 + n,
    camera: null,
    filename: `IMG_${n}.jpg`,
    sourcePath: `/photos/IMG_${n}.jpg`,
    ...overrides,
  };
}
