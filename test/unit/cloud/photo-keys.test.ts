import { describe, expect, it } from 'vitest';
import { PhotoKeyError } from '../../../main/model/photo-keys';
import { metaKey, originalKey, thumbKey } from '../../../main/model/photo-keys';

const ID = 'eu-west-1:0f8b1c3e-7a2d-4e5f-9b6a-1c2d3e4f5a6b';
const SHA = 'a'.repeat(64);

describe('photo keys', () => {
  it('builds content-addressed keys under the identity prefix', () => {
    expect(originalKey(ID, SHA, 'jpg')).toBe(`users/${ID}/originals/${SHA}.jpg`);
    expect(thumbKey(ID, SHA)).toBe(`users/${ID}/thumbs/${SHA}.webp`);
    expect(metaKey(ID, SHA)).toBe(`users/${ID}/meta/${SHA}.json`);
  });

  it.each([
    ['us-east-1:alice', 'identity id'],
    ['0f8b1c3e-7a2d-4e5f-9b6a-1c2d3e4f5a6b', 'identity id'],
    ['us-east-1:0F8B1C3E-7A2D-4E5F-9B6A-1C2D3E4F5A6B', 'identity id'],
    ['us-east-1:0f8b1c3e-7a2d-4e5f-9b6a-1c2d3e4f5a6b/../x', 'identity id'],
  ])('refuses the identity id %s', (identityId, what) => {
    expect(() => thumbKey(identityId, SHA)).toThrow(PhotoKeyError);
    expect(() => thumbKey(identityId, SHA)).toThrow(what);
  });

  it.each(['a'.repeat(63), 'A'.repeat(64), 'g'.repeat(64), `${SHA}.jpg`, ''])(
    'refuses the sha256 %s',
    (sha) => {
      expect(() => metaKey(ID, sha)).toThrow(/Not a SHA-256/);
    },
  );

  it.each(['jpeg', 'JPG', 'exe', '', 'jpg/x'])('refuses the extension %s', (ext) => {
    expect(() => originalKey(ID, SHA, ext)).toThrow(/Not an original's extension/);
  });

  it('gives errors a code the queue can act on', () => {
    try {
      originalKey('nope', SHA, 'jpg');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: 'PhotoKeyError', code: 'invalid-photo-key' });
    }
  });
});
