import { describe, expect, it } from 'vitest';
import { requestSchemas, type Channel } from '../../../contract/channels';
import { dispatch } from '../../../main/ipc/dispatch';
import type { HandlerTable } from '../../../main/ipc/handler-table';
import { silentLogger } from '../../../main/model/logger';

// A valid request for every channel. Typed over the whole table, so a new channel cannot be
// added without one, and then the test below holds its schema to the rule.
const album = '0b7a3c1e-2f4d-4c6b-9a8e-1d2c3b4a5f60';
const view = { sort: 'taken-desc', query: 'beach', scope: 'album', album } as const;
const validRequests: Record<Channel, unknown> = {
  'app.info': {},
  'app.diagnostics': {},
  'app.catalogNotice': {},
  'library.page': { ...view, offset: 0, limit: 10 },
  'library.photo': { id: 1 },
  'library.ids': { ...view, offset: 0, limit: 10 },
  'library.days': view,
  'library.prepareSearch': {},
  'library.info': { id: 1 },
  'app.openMap': { latitude: 51.5, longitude: -0.1 },
  'import.start': { paths: ['/photos/a.jpg'] },
  'import.cancel': { jobId: 'job-1' },
  'import.pick': { kind: 'files' },
  'library.reveal': { id: 1 },
  'import.received': { batch: 'batch-0001' },
  'auth.state': {},
  'auth.signIn': { provider: 'COGNITO' },
  'auth.cancelSignIn': {},
  'auth.signOut': { endHostedUiSession: false },
  'cloud.setConfig': { text: '{}' },
  'voice.greet': {},
  'voice.list': {},
  'voice.select': { voiceId: 'Joanna' },
  'photo.setDescription': { id: 1, description: 'At the beach' },
  'photo.trash': { targets: { ids: [1, 2] } },
  'photo.restore': { targets: { view, except: [3] } },
  'photo.delete': { targets: { ids: [1] } },
  'trash.empty': {},
  'photo.favorite': { targets: { view, except: [] }, favorite: true },
  'albums.list': {},
  'albums.create': { name: 'Summer', targets: { ids: [1] } },
  'albums.rename': { id: album, name: 'Winter' },
  'albums.delete': { id: album },
  'albums.restore': { id: album },
  'albums.add': { id: album, targets: { ids: [1] } },
  'albums.remove': { id: album, targets: { view, except: [2] } },
  'export.start': { targets: { view, except: [] } },
  'export.cancel': { jobId: 'job-1' },
  'export.reveal': { jobId: 'job-1' },
  'labels.list': {},
  'labels.add': { id: 1, name: 'dog' },
  'labels.remove': { id: 1, name: 'dog' },
  'labels.failures': {},
  'labels.retry': { id: 1 },
  'settings.get': {},
  'settings.set': { labelling: true, trashDays: 30 },
  'cloud.status': {},
  'cloud.pause': { id: 1 },
  'cloud.resume': {},
  'cloud.cancel': {},
  'cloud.sync': {},
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every object in the request (itself included) as a path of keys from the top. */
function objectPaths(value: unknown, path: string[] = []): string[][] {
  if (!isObject(value)) return [];
  return [
    path,
    ...Object.entries(value).flatMap(([key, item]) => objectPaths(item, [...path, key])),
  ];
}

/** A copy of `request` with one unknown key added to the object at `path`. */
function withUnknownKey(request: unknown, path: string[]): unknown {
  const copy = structuredClone(request) as Json;
  let target = copy;
  for (const key of path) target = target[key] as Json;
  target.unexpected = true;
  return copy;
}

const refuseAll = new Proxy({} as HandlerTable, {
  get: () => async () => {
    throw new Error('a refused request reached its handler');
  },
});

describe('request schemas are strict on every channel', () => {
  it('has a valid request per channel that its schema accepts', () => {
    for (const [channel, request] of Object.entries(validRequests)) {
      const parsed = requestSchemas[channel as Channel].safeParse(request);
      expect(parsed.error?.issues ?? [], channel).toEqual([]);
    }
  });

  it('refuses a valid request with an unknown key, at the top and in every nested object, as invalid-request', async () => {
    let checked = 0;
    for (const [channel, request] of Object.entries(validRequests)) {
      for (const path of objectPaths(request)) {
        const result = await dispatch(
          refuseAll,
          channel,
          withUnknownKey(request, path),
          silentLogger,
        );
        expect(
          result,
          `${channel} with an unknown key at ${['request', ...path].join('.')}`,
        ).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(Object.keys(requestSchemas).length);
  });
});
