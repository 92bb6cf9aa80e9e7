import { describe, expect, it } from 'vitest';
import { trashCutoff, trashExpiresAt } from '../../../main/photos/trash-expiry';

const day = 24 * 60 * 60 * 1000;

describe('trash expiry', () => {
  it('keeps a photo for the set number of days, then it is past the cutoff', () => {
    const trashedAt = Date.UTC(2026, 10, 1);
    expect(trashExpiresAt(trashedAt, 30)).toBe(trashedAt + 30 * day);
    // One millisecond before thirty days: still kept; after: past the cutoff.
    expect(trashedAt < trashCutoff(trashedAt + 30 * day - 1, 30)).toBe(false);
    expect(trashedAt < trashCutoff(trashedAt + 30 * day + 1, 30)).toBe(true);
    expect(trashedAt < trashCutoff(trashedAt + 2 * day, 1)).toBe(true);
  });
});
