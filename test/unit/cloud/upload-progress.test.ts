import { describe, expect, it } from 'vitest';
import type { UploadJobCounts } from '../../../main/catalog/upload-jobs';
import { UploadError } from '../../../main/upload/upload-errors';
import { AuthError } from '../../../main/auth/auth-error';
import { classifyUploadFailure } from '../../../main/upload/upload-failure';
import { addSample, bytesPerSecond, secondsLeft } from '../../../main/upload/run-progress';
import type { SpeedSample } from '../../../main/upload/run-progress';
import { queueState } from '../../../main/upload/queue-state';
import type { QueueSnapshot } from '../../../main/upload/queue-state';

const MB = 1_000_000;

describe('upload speed and time left', () => {
  const feed = (points: [number, number][], windowMs = 10_000) =>
    points.reduce<SpeedSample[]>(
      (samples, [at, total]) => addSample(samples, { at, total }, windowMs),
      [],
    );

  it('averages over the window, from the last sample at or before its start', () => {
    // 1 MB a second for 30 s, then 3 MB a second.
    const points: [number, number][] = [];
    for (let s = 0; s <= 30; s += 1) points.push([s * 1000, s * MB]);
    for (let s = 1; s <= 20; s += 1) points.push([(30 + s) * 1000, 30 * MB + s * 3 * MB]);
    const samples = feed(points);
    expect(bytesPerSecond(samples, 50_000)).toBe(3 * MB);
    expect(samples.length).toBe(11); // the window's samples and the one at its start
    // Half the window at each speed.
    expect(bytesPerSecond(feed(points.slice(0, 36)), 35_000)).toBe(2 * MB);
  });

  it('measures a slow uplink from the previous report, however long ago', () => {
    // One 8 MB part every 64 s.
    const samples = feed([
      [0, 0],
      [64_000, 8 * MB],
      [128_000, 16 * MB],
    ]);
    expect(bytesPerSecond(samples, 128_000)).toBe(125_000);
  });

  it('knows no speed in the first second, and falls to 0 after a whole window of nothing', () => {
    const samples = feed([
      [0, 0],
      [500, 5 * MB],
    ]);
    expect(bytesPerSecond(samples, 500)).toBe(0);
    expect(bytesPerSecond(samples, 2_000)).toBe(2.5 * MB);
    expect(bytesPerSecond(samples, 10_600)).toBe(0);
    expect(bytesPerSecond([], 1_000)).toBe(0);
  });

  it('answers whole seconds left, null while the speed is unknown, 0 when done', () => {
    expect(secondsLeft(10 * MB, 3 * MB)).toBe(4);
    expect(secondsLeft(10 * MB, 0)).toBeNull();
    expect(secondsLeft(0, 0)).toBe(0);
  });
});

describe('queue state', () => {
  const counts = (c: Partial<UploadJobCounts> = {}): UploadJobCounts => ({
    queued: 0,
    running: 0,
    paused: 0,
    failed: 0,
    cancelled: 0,
    pendingBytes: 0,
    ...c,
  });
  const snapshot = (s: Partial<QueueSnapshot> = {}): QueueSnapshot => ({
    signedIn: true,
    pausedAll: false,
    active: 0,
    counts: counts(),
    wait: null,
    alreadyInCloud: 0,
    ...s,
  });

  it('says what the person needs to know, in order of importance', () => {
    expect(queueState(snapshot({ signedIn: false, counts: counts({ queued: 3 }) }))).toEqual({
      state: 'signed-out',
      message: 'Sign in to upload 3 photos.',
    });
    const paused = snapshot({ pausedAll: true, counts: counts({ paused: 2 }) });
    expect(queueState(paused).state).toBe('paused');
    const waiting = queueState(snapshot({ wait: 'offline', counts: counts({ queued: 1 }) }));
    expect(waiting.state).toBe('waiting');
    expect(waiting.message).toMatch(/can’t be reached.*resume by themselves/);
    expect(
      queueState(snapshot({ wait: 'credentials', counts: counts({ queued: 1 }) })).message,
    ).toMatch(/Renewing your AWS credentials/);
    expect(queueState(snapshot({ active: 2, counts: counts({ running: 2 }) })).state).toBe(
      'running',
    );
    expect(queueState(snapshot({ counts: counts({ paused: 1 }) })).state).toBe('paused');
    expect(queueState(snapshot())).toEqual({ state: 'idle', message: null });
  });

  it('tells the person when photos were already in the cloud', () => {
    expect(queueState(snapshot({ alreadyInCloud: 40 })).message).toBe(
      '40 photos were already in the cloud and were not sent again.',
    );
    expect(queueState(snapshot({ alreadyInCloud: 1 })).message).toBe(
      '1 photo was already in the cloud and was not sent again.',
    );
  });

  it('is idle, not paused, once a paused queue has nothing left', () => {
    expect(queueState(snapshot({ pausedAll: true })).state).toBe('idle');
  });
});

describe('what a failed upload means', () => {
  const s3Error = (name: string, status: number) =>
    Object.assign(new Error(`${name} said no`), { name, $metadata: { httpStatusCode: status } });
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
    code: 'ECONNREFUSED',
  });

  it('waits out an unreachable or busy cloud', () => {
    expect(classifyUploadFailure(refused, 'a.jpg')).toEqual({
      kind: 'offline',
      message: '"a.jpg" waits for the cloud: The cloud could not be reached (ECONNREFUSED).',
    });
    expect(classifyUploadFailure(s3Error('SlowDown', 503), 'a.jpg').kind).toBe('busy');
    expect(classifyUploadFailure(s3Error('InternalError', 500), 'a.jpg').kind).toBe('busy');
    // No DNS answer is how being offline looks on many machines.
    const noDns = Object.assign(new Error('getaddrinfo ENOTFOUND s3.amazonaws.com'), {
      code: 'ENOTFOUND',
    });
    expect(classifyUploadFailure(noDns, 'a.jpg').kind).toBe('offline');
    // The ID token could not be refreshed for lack of a network: a wait, not a failed photo.
    const noRefresh = new AuthError('network', 'The sign-in service could not be reached.');
    expect(classifyUploadFailure(noRefresh, 'a.jpg').kind).toBe('offline');
    const expired = new AuthError('session-expired', 'Sign in again.');
    expect(classifyUploadFailure(expired, 'a.jpg').kind).toBe('credentials');
  });

  it('renews credentials AWS calls expired, also when a HEAD answer cannot say so', () => {
    expect(classifyUploadFailure(s3Error('ExpiredToken', 400), 'a.jpg')).toMatchObject({
      kind: 'credentials',
    });
    // What the SDK makes of a bodiless 400 (checked against the local cloud's gateway).
    expect(classifyUploadFailure(s3Error('Unknown', 400), 'a.jpg')).toMatchObject({
      kind: 'credentials',
    });
    expect(classifyUploadFailure(s3Error('InvalidArgument', 400), 'a.jpg')).toMatchObject({
      kind: 'permanent',
    });
  });

  it('fails for good what only the person can fix, naming the photo', () => {
    const denied = classifyUploadFailure(s3Error('AccessDenied', 403), 'a.jpg');
    expect(denied).toMatchObject({ kind: 'permanent' });
    expect(denied.kind !== 'aborted' && denied.message).toMatch(/^The cloud refused "a\.jpg"/);
    const missing = new UploadError('upload-file-missing', 'The original is missing (/x)');
    expect(classifyUploadFailure(missing, 'b.jpg')).toEqual({
      kind: 'permanent',
      message: '"b.jpg" could not be uploaded: The original is missing (/x)',
    });
    const bad = new UploadError('upload-verification-failed', 'S3 holds nothing at k');
    expect(classifyUploadFailure(bad, 'c.jpg')).toMatchObject({
      message: '"c.jpg" did not arrive intact: S3 holds nothing at k',
    });
    expect(classifyUploadFailure(new TypeError('boom'), 'd.jpg')).toEqual({
      kind: 'permanent',
      message: '"d.jpg" could not be uploaded: boom',
    });
  });

  it('records nothing for an abort', () => {
    expect(classifyUploadFailure(new UploadError('upload-aborted', 'x'), 'a.jpg')).toEqual({
      kind: 'aborted',
    });
  });
});
