import { describe, expect, it } from 'vitest';
import { cloudReach, deleteForeverText } from '../../../renderer/state/delete-wording';
import { cloudStatus } from './fake-bridge';

const signedIn = (connection: 'online' | 'offline') =>
  ({ status: 'signed-in', nickname: 'A', email: null, connection, message: null }) as never;

describe('delete-for-good wording', () => {
  it('names what happens where: no backend, signed out, offline, online', () => {
    expect(cloudReach({ status: 'unconfigured' }, null)).toBe('no-backend');
    expect(cloudReach({ status: 'signed-out' } as never, null)).toBe('signed-out');
    expect(cloudReach(signedIn('online'), cloudStatus({ state: 'waiting' }))).toBe('offline');
    expect(cloudReach(signedIn('offline'), cloudStatus())).toBe('offline');
    expect(cloudReach(signedIn('online'), cloudStatus())).toBe('online');

    expect(deleteForeverText(1, 'no-backend')).not.toMatch(/cloud/);
    expect(deleteForeverText(2, 'signed-out')).toContain('the next time you sign in');
    expect(deleteForeverText(2, 'offline')).toContain('once it can be reached');
    expect(deleteForeverText(3, 'online')).toContain('from this computer and from your cloud');
  });
});
