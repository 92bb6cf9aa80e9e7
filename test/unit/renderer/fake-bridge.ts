import type { ExportStarted } from '../../../contract/export';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import type { AuthState } from '../../../contract/auth';
import type { RendererBridge } from '../../../renderer/bridge/renderer-bridge';
import type { EventName, EventPayloads } from '../../../contract/channels';
import type { CloudStatus } from '../../../contract/cloud';
import type { LabelCount, LabelFailure } from '../../../contract/labels';
import type { AlbumSummary } from '../../../contract/albums';
import type {
  PageRequest,
  PhotoDetail,
  PhotoInfo,
  PhotoPage,
  PhotoSummary,
  PhotoTargets,
  ViewDays,
  ViewFilter,
} from '../../../contract/photos';
import { ok, type Result } from '../../../contract/result';
import { defaultSettings, type AppSettings } from '../../../contract/settings';
import { resetAllStores } from '../../../renderer/state/create-store';
import type { VoiceOption } from '../../../contract/voice';

/** What the fake `voice.list` answers: two languages, already in main's order. */
export const fakeVoices: readonly VoiceOption[] = [
  {
    id: 'Hans',
    name: 'Hans',
    languageCode: 'de-DE',
    languageName: 'German',
    engines: ['standard'],
  },
  {
    id: 'Ivy',
    name: 'Ivy',
    languageCode: 'en-US',
    languageName: 'US English',
    engines: ['neural', 'standard'],
  },
  {
    id: 'Joanna',
    name: 'Joanna',
    languageCode: 'en-US',
    languageName: 'US English',
    engines: ['generative', 'neural', 'standard'],
  },
];

/** A grid tile's photo, local and unlabelled unless the test says otherwise. */
export function photoSummary(overrides: Partial<PhotoSummary> = {}): PhotoSummary {
  const id = overrides.id ?? 1;
  return {
    id,
    sha256: String(id).padStart(2, '0').repeat(32).slice(0, 64),
    filename: `IMG_${id}.jpg`,
    width: 640,
    height: 480,
    sortAt: Date.UTC(2023, 5, 3, 12),
    dated: true,
    cloud: 'local',
    topLabels: [],
    favorite: false,
    trashedAt: null,
    ...overrides,
  };
}

/** Someone signed in, online, with the session in the keychain. */
export const signedInAuth = {
  status: 'signed-in',
  nickname: 'Ana',
  email: null,
  connection: 'online',
  message: null,
  persistence: 'keychain',
  caveat: null,
  providers: ['COGNITO'],
} as const;

/** The detail view's photo: labelling done, original on this computer. */
export function photoDetail(overrides: Partial<PhotoDetail> = {}): PhotoDetail {
  return {
    ...photoSummary(overrides),
    format: 'jpg',
    byteSize: 123_456,
    takenAt: Date.UTC(2023, 5, 3, 12),
    importedAt: Date.UTC(2024, 0, 1),
    camera: null,
    orientation: null,
    description: '',
    descriptionUpdatedAt: 0,
    labels: [],
    labelsBelowConfidence: 0,
    labelStatus: { state: 'done', message: null },
    cloudError: null,
    originalLocal: true,
    ...overrides,
  };
}

/** The upload queue with nothing to do, signed in. */
export function cloudStatus(overrides: Partial<CloudStatus> = {}): CloudStatus {
  return {
    state: 'idle',
    message: null,
    queued: 0,
    paused: 0,
    failed: 0,
    uploaded: 0,
    alreadyInCloud: 0,
    bytesDone: 0,
    bytesTotal: 0,
    bytesPerSecond: 0,
    secondsLeft: null,
    active: [],
    sync: { state: 'idle', lastAt: null, message: null },
    ...overrides,
  };
}

/** The ids a fake bulk action answers: the ones named (a whole view answers none). */
function targetIds(targets: PhotoTargets): readonly number[] {
  return 'ids' in targets ? targets.ids : [];
}

/** An in-memory `window.shoebox` for component tests: the port at the renderer's edge. */
export function fakeBridge() {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const on =
    <E extends EventName>(event: E) =>
    (listener: (payload: EventPayloads[E]) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    };
  const bridge = {
    host: 'web',
    mediaBase: '/media/',
    app: {
      info: vi.fn(),
      openMap: vi.fn(async () => ok(null)),
      diagnostics: vi.fn(),
      catalogNotice: vi.fn(async (): Promise<Result<{ notice: string | null }>> =>
        ok({ notice: null }),
      ),
      onCatalogNotice: on('catalog.notice'),
    },
    library: {
      page: vi.fn(async (_request: PageRequest): Promise<Result<PhotoPage>> =>
        ok({ total: 0, offset: 0, items: [] }),
      ),
      photo: vi.fn(async (id: number) => ok(photoDetail({ id }))),
      ids: vi.fn(async (_view: ViewFilter, _offset: number, _limit: number) =>
        ok({ ids: [] as readonly number[] }),
      ),
      info: vi.fn(async (_id: number): Promise<Result<PhotoInfo | null>> => ok(null)),
      reveal: vi.fn(async (_id: number) => ok({ revealed: true })),
      days: vi.fn(async (_view: ViewFilter): Promise<Result<ViewDays | null>> => ok(null)),
      prepareSearch: vi.fn(async () => ok(null)),
      onChanged: on('library.changed'),
    },
    auth: {
      state: vi.fn(async (): Promise<Result<AuthState>> => ok({ status: 'unconfigured' })),
      signIn: vi.fn(),
      cancelSignIn: vi.fn(),
      signOut: vi.fn(),
      onChanged: on('auth.changed'),
      setConfig: vi.fn(),
    },
    importer: {
      start: vi.fn(),
      cancel: vi.fn(async () => ok({ cancelled: true })),
      pick: vi.fn(async () => ok({ jobId: 'job-1', rejected: [] })),
      importDropped: vi.fn(),
      onProgress: on('import.progress'),
    },
    voice: {
      greet: vi.fn(async () => ok({ mediaPath: `voice/${'ab'.repeat(32)}`, cached: false })),
      list: vi.fn(async () => ok({ voices: fakeVoices, selected: 'Joanna' })),
      select: vi.fn(async (voiceId: string) => ok({ selected: voiceId })),
    },
    photos: {
      setDescription: vi.fn(async (id: number, description: string) =>
        ok(photoDetail({ id, description })),
      ),
      trash: vi.fn(async (targets: PhotoTargets) => ok({ ids: targetIds(targets) })),
      restore: vi.fn(async (targets: PhotoTargets) => ok({ ids: targetIds(targets) })),
      delete: vi.fn(async (targets: PhotoTargets) =>
        ok({ deleted: targetIds(targets).length, cloudPending: 0 }),
      ),
      emptyTrash: vi.fn(async () => ok({ deleted: 0, cloudPending: 0 })),
      favorite: vi.fn(async (targets: PhotoTargets, _favorite: boolean) =>
        ok({ ids: targetIds(targets) }),
      ),
    },
    albums: {
      list: vi.fn(async () => ok({ albums: [] as readonly AlbumSummary[] })),
      create: vi.fn(async (name: string, targets?: PhotoTargets) =>
        ok({ album: { id: 'a1b2c3d4', name, count: 0 }, ids: targets ? targetIds(targets) : [] }),
      ),
      rename: vi.fn(async (id: string, name: string) => ok({ id, name, count: 0 })),
      delete: vi.fn(async (_id: string) => ok({ deleted: true as const })),
      restore: vi.fn(async (_id: string) => ok({ id: 'e5f6a7b8', name: 'Album', count: 0 })),
      add: vi.fn(async (id: string, targets: PhotoTargets) =>
        ok({ album: { id, name: 'Album', count: 0 }, ids: targetIds(targets) }),
      ),
      remove: vi.fn(async (id: string, targets: PhotoTargets) =>
        ok({ album: { id, name: 'Album', count: 0 }, ids: targetIds(targets) }),
      ),
    },
    exports: {
      start: vi.fn(async (targets: PhotoTargets) =>
        ok<ExportStarted | null>({
          jobId: 'job-1',
          kind: 'folder',
          total: targetIds(targets).length,
          download: null,
        }),
      ),
      cancel: vi.fn(async (_jobId: string) => ok({ cancelled: true })),
      reveal: vi.fn(async (_jobId: string) => ok({ revealed: true })),
      onProgress: on('export.progress'),
    },
    labels: {
      list: vi.fn(async () =>
        ok({ labels: [] as LabelCount[], progress: { labelled: 0, waiting: 0, failed: 0 } }),
      ),
      add: vi.fn(async (id: number, _name: string) => ok(photoDetail({ id }))),
      remove: vi.fn(async (id: number, _name: string) => ok(photoDetail({ id }))),
      failures: vi.fn(async () => ok({ items: [] as LabelFailure[] })),
      retry: vi.fn(async (id?: number) => ok({ requeued: id === undefined ? 0 : 1 })),
    },
    settings: {
      get: vi.fn(async () => ok<AppSettings>(defaultSettings)),
      set: vi.fn(async (patch: Partial<AppSettings>) => ok({ ...defaultSettings, ...patch })),
    },
    cloud: {
      status: vi.fn(async () => ok(cloudStatus({ state: 'signed-out' }))),
      pause: vi.fn(async (_id?: number) => ok(cloudStatus())),
      resume: vi.fn(async (_id?: number) => ok(cloudStatus())),
      cancel: vi.fn(async (_id?: number) => ok(cloudStatus())),
      sync: vi.fn(async () => ok({ started: true })),
      onStatus: on('cloud.status'),
    },
  } satisfies RendererBridge;
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    for (const listener of listeners.get(event) ?? [])
      (listener as (p: EventPayloads[E]) => void)(payload);
  };
  return { bridge, emit };
}

export type FakeBridge = ReturnType<typeof fakeBridge>;

/**
 * Gives each test of the suite a fresh fake bridge as `window.shoebox`, and afterwards clears the
 * DOM, every store and the bridge. Answers a getter for the current test's fake.
 */
export function installFakeBridge(): () => FakeBridge {
  let current: FakeBridge | null = null;
  beforeEach(() => {
    current = fakeBridge();
    window.shoebox = current.bridge;
  });
  afterEach(() => {
    cleanup();
    resetAllStores();
    delete window.shoebox;
    current = null;
  });
  return () => {
    if (!current) throw new Error('installFakeBridge: no test is running');
    return current;
  };
}
