import { describe, expect, it } from 'vitest';
import { refreshDelayMs } from '../../../main/auth/auth-service';

describe('refreshDelayMs', () => {
  it('refreshes five minutes before expiry for hour-long tokens', () => {
    expect(refreshDelayMs(3_600_000)).toBe(3_300_000);
  });

  it('refreshes at 80 % for short tokens, never sooner than 30 s (no refresh storms)', () => {
    expect(refreshDelayMs(300_000)).toBe(240_000);
    expect(refreshDelayMs(10_000)).toBe(30_000);
    expect(refreshDelayMs(-5_000)).toBe(30_000);
  });
});
