import { describe, expect, it } from 'vitest';
import { OriginalFetchError } from '../../../main/sync/original-cache';
import {
  cachedOriginalFile,
  libraryPaths,
  originalFile,
  thumbFile,
  voiceFile,
} from '../../../main/library/library-paths';
import { resolveMedia, type MediaSources } from '../../../main/media/media-resolver';

const paths = libraryPaths('/library');
const imported = 'a'.repeat(64);
const fromCloud = 'c'.repeat(64);
const odd = 'd'.repeat(64);

function sources(cloud: 'signed-in' | 'none' = 'signed-in'): MediaSources & { asked: string[] } {
  const asked: string[] = [];
  const photos: Record<string, { format: string; originalLocal: boolean }> = {
    [imported]: { format: 'png', originalLocal: true },
    [fromCloud]: { format: 'jpg', originalLocal: false },
    [odd]: { format: 'bmp', originalLocal: true },
  };
  return {
    asked,
    paths,
    findPhoto: (sha) => photos[sha] ?? null,
    cloudOriginals:
      cloud === 'none'
        ? null
        : {
            get: async (sha, format) => {
              asked.push(`${sha}.${format}`);
              return cachedOriginalFile(paths, sha, format);
            },
          },
  };
}

describe('resolveMedia', () => {
  it('maps thumbnails, voices and imported originals to their files', async () => {
    const s = sources();
    expect(await resolveMedia(s, `thumb/${fromCloud}`)).toEqual({
      file: thumbFile(paths, fromCloud),
      contentType: 'image/webp',
    });
    expect(await resolveMedia(s, `voice/${imported}`)).toEqual({
      file: voiceFile(paths.voice, imported),
      contentType: 'audio/mpeg',
    });
    expect(await resolveMedia(s, `original/${imported}`)).toEqual({
      file: originalFile(paths, imported, 'png'),
      contentType: 'image/png',
    });
    expect(s.asked).toEqual([]);
  });

  it('fetches the original of a photo from another device through the originals cache', async () => {
    const s = sources();
    expect(await resolveMedia(s, `original/${fromCloud}`)).toEqual({
      file: cachedOriginalFile(paths, fromCloud, 'jpg'),
      contentType: 'image/jpeg',
    });
    expect(s.asked).toEqual([`${fromCloud}.jpg`]);
  });

  it('shows an original the browser can display as it is, from the same cloud cache', async () => {
    const s = sources();
    expect(await resolveMedia(s, `view/${fromCloud}`)).toEqual({
      file: cachedOriginalFile(paths, fromCloud, 'jpg'),
      contentType: 'image/jpeg',
    });
  });

  it('says signed-out for a cloud-only original in a library without a cloud', async () => {
    const attempt = resolveMedia(sources('none'), `original/${fromCloud}`);
    await expect(attempt).rejects.toBeInstanceOf(OriginalFetchError);
    await expect(attempt).rejects.toMatchObject({ code: 'signed-out' });
  });

  it('answers null for anything but a known 64-hex id of a known kind', async () => {
    const s = sources();
    for (const path of [
      `original/${'e'.repeat(64)}`,
      `original/${odd}`,
      `original/../${imported}`,
      `thumb/${imported}/x`,
      `thumb/${imported.toUpperCase()}`,
      `poster/${imported}`,
      `view/${odd}`,
      'voice/../../catalog.sqlite',
      '',
    ]) {
      expect(await resolveMedia(s, path)).toBeNull();
    }
    expect(s.asked).toEqual([]);
  });
});
