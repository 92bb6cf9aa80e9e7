import { describe, expect, it } from 'vitest';
import { isInside } from '../../../main/library/library-paths';

describe('isInside', () => {
  it('keeps names that only begin with two dots inside', () => {
    for (const child of ['/lib/...', '/lib/..foo', '/lib/..foo/bar.jpg', '/lib/a/..b', '/lib'])
      expect(isInside('/lib', child), child).toBe(true);
  });

  it('puts the parent, its siblings and other roots outside', () => {
    for (const child of ['/', '/lib2', '/lib/../etc', '/other/lib', '/li'])
      expect(isInside('/lib', child), child).toBe(false);
  });
});
