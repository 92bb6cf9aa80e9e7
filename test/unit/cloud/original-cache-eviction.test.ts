import { describe, expect, it } from 'vitest';
import { chooseEvictions, type CachedFile } from '../../../main/sync/original-cache';

const file = (name: string, size: number, usedAt: number): CachedFile => ({
  file: name,
  size,
  usedAt,
});

describe('chooseEvictions', () => {
  const files = [file('c', 40, 300), file('a', 40, 100), file('b', 40, 200)];

  it('evicts nothing while the cache fits its budget', () => {
    expect(chooseEvictions(files, 120, new Set())).toEqual([]);
  });

  it('evicts the least recently used first, only as many as needed', () => {
    expect(chooseEvictions(files, 80, new Set())).toEqual(['a']);
    expect(chooseEvictions(files, 79, new Set())).toEqual(['a', 'b']);
  });

  it('never evicts a file it is told to keep, even one alone over budget', () => {
    expect(chooseEvictions(files, 40, new Set(['a']))).toEqual(['b', 'c']);
    expect(chooseEvictions([file('huge', 500, 1)], 100, new Set(['huge']))).toEqual([]);
  });
});
