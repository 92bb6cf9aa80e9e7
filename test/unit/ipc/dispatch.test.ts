import { describe, expect, it, vi } from 'vitest';
import { requestSchemas } from '../../../contract/channels';
import { AppError } from '../../../main/model/app-error';
import { dispatch } from '../../../main/ipc/dispatch';
import { silentLogger } from '../../../main/model/logger';
import type { HandlerTable } from '../../../main/ipc/handler-table';

function handlers(overrides: Partial<HandlerTable> = {}): HandlerTable {
  const unused = async () => {
    throw new Error('not called in this test');
  };
  // Every channel answers "not called" unless the test says otherwise.
  const table = Object.fromEntries(Object.keys(requestSchemas).map((channel) => [channel, unused]));
  return {
    ...(table as unknown as HandlerTable),
    'app.info': async () => ({ version: '1', host: 'web', dataDir: '/d', photoCount: 0 }),
    ...overrides,
  };
}

describe('dispatch', () => {
  it('answers a valid request with its value', async () => {
    expect(await dispatch(handlers(), 'app.info', {}, silentLogger)).toEqual({
      ok: true,
      value: { version: '1', host: 'web', dataDir: '/d', photoCount: 0 },
    });
  });

  it('refuses channels that do not exist, including inherited property names', async () => {
    for (const channel of ['nope', 'toString', '__proto__', 'constructor', '']) {
      const result = await dispatch(handlers(), channel, {}, silentLogger);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });

  it('refuses a channel that is not a name at all as invalid-request', async () => {
    for (const channel of [42, null, undefined, true, {}, { toString: 'app.info' }, ['app.info']]) {
      const result = await dispatch(handlers(), channel, {}, silentLogger);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
  });

  it('refuses an invalid payload, naming the field', async () => {
    const result = await dispatch(
      handlers(),
      'library.page',
      {
        sort: 'sideways',
        offset: -1,
        limit: 10,
      },
      silentLogger,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-request');
    expect(result.error.message).toMatch(/sort:/);
    expect(result.error.message).toMatch(/offset:/);
  });

  it('passes an AppError through as its code and message', async () => {
    const table = handlers({
      'library.photo': async () => {
        throw new AppError('not-found', 'There is no photo 9 in this library.');
      },
    });
    expect(await dispatch(table, 'library.photo', { id: 9 }, silentLogger)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'There is no photo 9 in this library.' },
    });
  });

  it('logs an unexpected error and answers without its stack', async () => {
    const log = { ...silentLogger, error: vi.fn() };
    const table = handlers({
      'app.info': async () => {
        throw new Error('disk on fire at /secret/path');
      },
    });
    const result = await dispatch(table, 'app.info', {}, log);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('/secret/path');
    expect(log.error).toHaveBeenCalledWith(
      'app.info failed',
      expect.objectContaining({
        error: expect.objectContaining({ message: expect.stringContaining('disk on fire') }),
      }),
    );
  });

  it('names a hostile channel without stringifying it (a 4,000-deep array overflowed the stack)', async () => {
    let deep: unknown = [];
    for (let i = 0; i < 4000; i++) deep = [deep];
    const result = await dispatch(handlers(), deep, {}, silentLogger);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const long = await dispatch(handlers(), 'x'.repeat(1_000_000), {}, silentLogger);
    expect(JSON.stringify(long).length).toBeLessThan(500);
  });

  it('refuses unknown keys instead of dropping them (cloud.pause with a bogus body is not "pause all")', async () => {
    const pause = vi.fn(async () => {
      throw new Error('must not be called');
    });
    const table = handlers({ 'cloud.pause': pause });
    for (const [channel, payload] of [
      ['cloud.pause', { ID: 3 }],
      ['app.info', { extra: true }],
      ['library.photo', { id: 1, sneaky: 'x' }],
      ['settings.set', { labelling: true, admin: true }],
    ] as const) {
      const result = await dispatch(table, channel, payload, silentLogger);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(pause).not.toHaveBeenCalled();
  });
});
