import { vi } from 'vitest';
import type { ShoeboxBridge } from '../../../contract/bridge';
import type { EventName, EventPayloads } from '../../../contract/channels';
import { ok } from '../../../contract/result';
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
    app: { info: vi.fn() },
    library: {
      page: vi.fn(async () => ok({ total: 0, offset: 0, items: [] })),
      photo: vi.fn(),
      onChanged: on('library.changed'),
    },
    auth: {
      state: vi.fn(async () => ok({ status: 'unconfigured' as const })),
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
  } satisfies ShoeboxBridge;
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    for (const listener of listeners.get(event) ?? [])
      (listener as (p: EventPayloads[E]) => void)(payload);
  };
  return { bridge, emit };
}
