import { describe, expect, it } from 'vitest';
import { UploadError } from '../../../main/upload/upload-errors';
import type { CloudSession } from '../../../main/aws/cloud-session';
import { UploadRecovery } from '../../../main/upload/upload-recovery';
import { RunProgress } from '../../../main/upload/run-progress';

const s3Error = (name: string, status: number) =>
  Object.assign(new Error(`${name} said no`), { name, $metadata: { httpStatusCode: status } });
const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });

/** Only what recovery touches of a session: its renewal. */
function sessionRenewing(renew?: () => Promise<void>): CloudSession {
  return (renew ? { renewCredentials: renew } : {}) as unknown as CloudSession;
}

describe('UploadRecovery', () => {
  let clock = 1_000;
  const now = () => clock;

  it('waits out an unreachable cloud, one shared round at a time, doubling up to 5 minutes', async () => {
    clock = 1_000;
    const recovery = new UploadRecovery(now, 100);
    const session = sessionRenewing();
    expect(await recovery.decide(refused(), 'a.jpg', session)).toMatchObject({
      kind: 'retry',
      at: 1_100,
    });
    // Another upload failing in the same round waits for the same moment.
    expect(await recovery.decide(s3Error('SlowDown', 503), 'b.jpg', session)).toMatchObject({
      at: 1_100,
    });
    expect(recovery.waitReason).toBe('offline');
    expect(recovery.waitingUntil()).toBe(1_100);
    const waits: number[] = [];
    for (let round = 0; round < 14; round += 1) {
      clock = recovery.waitingUntil() ?? clock;
      const decision = await recovery.decide(refused(), 'a.jpg', session);
      waits.push(decision.kind === 'retry' ? decision.at - clock : -1);
    }
    expect(waits.slice(0, 4)).toEqual([200, 400, 800, 1_600]);
    expect(waits.at(-1)).toBe(300_000);
    expect(recovery.waitingUntil()).not.toBeNull();

    recovery.reset();
    expect(recovery.waitReason).toBeNull();
    expect(recovery.waitingUntil()).toBeNull();
    expect(await recovery.decide(refused(), 'a.jpg', session)).toMatchObject({
      at: clock + 100,
    });
  });

  it('renews expired credentials once for every upload that noticed, and goes again at once', async () => {
    clock = 5_000;
    const recovery = new UploadRecovery(now, 100);
    let renewals = 0;
    const session = sessionRenewing(async () => {
      renewals += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    const decisions = await Promise.all(
      ['a.jpg', 'b.jpg', 'c.jpg'].map((name) =>
        recovery.decide(s3Error('ExpiredToken', 400), name, session),
      ),
    );
    expect(renewals).toBe(1);
    expect(decisions.map((d) => d.kind === 'retry' && d.at)).toEqual([5_000, 5_000, 5_000]);
    expect(recovery.waitingUntil()).toBeNull();
  });

  it('waits instead when renewing does not help, and tries renewing again after the wait', async () => {
    clock = 0;
    const recovery = new UploadRecovery(now, 100);
    let renewals = 0;
    const session = sessionRenewing(async () => {
      renewals += 1;
    });
    const expired = () => recovery.decide(s3Error('ExpiredToken', 400), 'a.jpg', session);
    expect(await expired()).toMatchObject({ at: 0 });
    expect(await expired()).toMatchObject({ at: 0 });
    expect(await expired()).toMatchObject({ at: 100 });
    expect(renewals).toBe(2);
    expect(recovery.waitReason).toBe('credentials');
    clock = 100;
    expect(await expired()).toMatchObject({ at: 100 });
    expect(renewals).toBe(3);
  });

  it('waits when credentials cannot be renewed, as for an outage when the renewal is offline', async () => {
    clock = 0;
    const recovery = new UploadRecovery(now, 100);
    const expired = s3Error('ExpiredToken', 400);
    expect(await recovery.decide(expired, 'a.jpg', sessionRenewing())).toEqual({
      kind: 'retry',
      at: 100,
      message: 'These AWS credentials cannot be renewed.',
    });
    expect(recovery.waitReason).toBe('credentials');
    recovery.reset();
    const offline = sessionRenewing(() => Promise.reject(refused()));
    expect(await recovery.decide(expired, 'a.jpg', offline)).toMatchObject({
      kind: 'retry',
      message: 'AWS credentials could not be renewed: connect ECONNREFUSED 127.0.0.1:9',
    });
    expect(recovery.waitReason).toBe('offline');
  });

  it('fails what only the person can fix, and retries an abort it did not ask for', async () => {
    clock = 0;
    const recovery = new UploadRecovery(now, 100);
    const missing = new UploadError('upload-file-missing', 'The original is missing (/x)');
    expect(await recovery.decide(missing, 'a.jpg', sessionRenewing())).toEqual({
      kind: 'fail',
      message: '"a.jpg" could not be uploaded: The original is missing (/x)',
    });
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(await recovery.decide(abort, 'a.jpg', sessionRenewing())).toMatchObject({
      kind: 'retry',
      at: 0,
    });
    expect(recovery.waitReason).toBeNull();
  });
});

describe('RunProgress', () => {
  it('counts a run from idle to idle, and measures speed only while bytes flow', () => {
    let clock = 0;
    const run = new RunProgress(() => clock);
    run.resumed();
    clock = 2_000;
    run.sent(4_000_000);
    run.finished(4_000_000);
    expect(run.figures(6_000_000, 1_000_000, true)).toEqual({
      bytesDone: 5_000_000,
      bytesTotal: 10_000_000,
      bytesPerSecond: 2_000_000,
      secondsLeft: 3,
    });
    expect(run.figures(6_000_000, 1_000_000, false).secondsLeft).toBeNull();
    // Paused for a minute: the speed is measured afresh when uploads start again.
    clock = 62_000;
    run.resumed();
    clock = 64_000;
    run.sent(1_000_000);
    expect(run.figures(0, 0, true).bytesPerSecond).toBe(500_000);
    // Idle, then a new run: the totals start over.
    run.ended();
    run.resumed();
    expect(run.figures(1_000, 0, true)).toMatchObject({ bytesDone: 0, bytesTotal: 1_000 });
  });
});
