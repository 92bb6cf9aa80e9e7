import { describe, expect, it } from 'vitest';
import type { CloudStatus } from '../../../contract/cloud';
import { defaultSettings } from '../../../contract/settings';
import { diagnosticsText } from '../../../main/ipc/diagnostics';

const idToken = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
const status: CloudStatus = {
  state: 'waiting',
  message: 'Waiting for the network',
  queued: 3,
  paused: 0,
  failed: 1,
  uploaded: 5,
  alreadyInCloud: 0,
  bytesDone: 0,
  bytesTotal: 0,
  bytesPerSecond: 0,
  secondsLeft: null,
  active: [],
  sync: { state: 'failed', lastAt: null, message: 'The cloud could not be reached (ENOTFOUND).' },
  cloudLabelling: { sent: 2, waiting: 1 },
};

function text(recentLog: string[] = []) {
  return diagnosticsText({
    info: { version: '0.1.0', host: 'web', dataDir: '/home/sam/Shoebox', photoCount: 9 },
    settings: defaultSettings,
    cloud: null,
    signedIn: true,
    cloudStatus: status,
    labelFailures: [
      { id: 1, sha256: 'a'.repeat(64), filename: 'bad.jpg', reason: 'Too small.', attempts: 1 },
    ],
    recentLog,
    now: Date.UTC(2026, 11, 4),
  });
}

describe('diagnosticsText', () => {
  it('says which version, settings, queue states and last errors, then recent log lines', () => {
    const report = text(['{"level":"warn","message":"sync skipped a key"}']);
    expect(report).toContain('"version": "0.1.0"');
    expect(report).toContain('"maxLabels"');
    expect(report).toContain('"queued": 3');
    expect(report).toContain('The cloud could not be reached (ENOTFOUND).');
    expect(report).toContain('"sent": 2');
    expect(report).toContain('bad.jpg');
    expect(report).toContain('Too small.');
    expect(report).toMatch(/Recent log lines:\n\{"level":"warn","message":"sync skipped a key"\}/);
  });

  it('leaves no token in, even one that reached a log line or a message', () => {
    const report = text([`{"message":"refresh with ${idToken}"}`]);
    expect(report).not.toContain(idToken);
    expect(report).not.toContain('eyJ');
  });
});
