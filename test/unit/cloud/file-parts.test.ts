import { describe, expect, it } from 'vitest';
import { planParts } from '../../../main/upload/file-parts';

const MiB = 1024 * 1024;

describe('planParts', () => {
  it('cuts a file into numbered parts with a shorter last one', () => {
    expect(planParts(20 * MiB + 5, 8 * MiB)).toEqual([
      { partNumber: 1, offset: 0, size: 8 * MiB },
      { partNumber: 2, offset: 8 * MiB, size: 8 * MiB },
      { partNumber: 3, offset: 16 * MiB, size: 4 * MiB + 5 },
    ]);
    expect(planParts(48 * MiB, 8 * MiB)).toHaveLength(6);
  });

  it('keeps within what S3 accepts', () => {
    expect(() => planParts(10 * MiB, 4 * MiB)).toThrow(RangeError);
    expect(() => planParts(10_001 * 5 * MiB, 5 * MiB)).toThrow(/10000/);
  });
});
