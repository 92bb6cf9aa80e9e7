import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { SettingsRepository } from '../../../main/catalog/settings-repository';
import type { ShoeboxConfig } from '../../../main/config/shoebox-config';
import { voiceHandlers } from '../../../main/ipc/voice-handlers';
import { createVoiceService } from '../../../main/voice/create-voice-service';
import { VoiceSelection } from '../../../main/voice/voice-selection';
import type { VoiceService } from '../../../main/voice/voice-service';
import { configFor, startLocalCloud, type LocalCloud } from '../../local-cloud/start-local-cloud';
import { closedPort } from '../../support/closed-port';
import { tempDir } from '../../support/temp-dir';
import { failureOf, mintIdToken } from './voice-fixture';

describe('the voice picker, against the local cloud', () => {
  let cloud: LocalCloud;
  let config: ShoeboxConfig;
  let idToken: string;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const opened: DatabaseSync[] = [];
  const made: VoiceService[] = [];

  beforeAll(async () => {
    cloud = await startLocalCloud();
    config = configFor(cloud);
    idToken = await mintIdToken(cloud, 'Alice');
  });
  afterAll(async () => {
    await cloud.stop();
  });
  beforeEach(async () => {
    dir = await tempDir('voice-picker');
  });
  afterEach(async () => {
    for (const voice of made.splice(0)) voice.dispose();
    for (const db of opened.splice(0)) db.close();
    await dir.remove();
  });

  /** What main builds at startup: the catalog's voice choice, a voice service reading it, handlers. */
  function start(cfg: ShoeboxConfig = config) {
    const db = openCatalog(join(dir.path, 'catalog.sqlite'));
    opened.push(db);
    const selection = new VoiceSelection(new SettingsRepository(db));
    const voice = createVoiceService({
      config: cfg,
      idToken: async () => idToken,
      nickname: () => 'Alice',
      voiceDir: join(dir.path, 'voice'),
      voiceId: () => selection.get(),
    });
    made.push(voice);
    return { voice, handlers: voiceHandlers(() => voice, selection) };
  }

  it('lists every voice by language, with the engines each supports', async () => {
    const { voices, selected } = await start().handlers['voice.list']({});
    expect(selected).toBe('Joanna');
    expect(voices.find((voice) => voice.id === 'Joanna')).toEqual({
      id: 'Joanna',
      name: 'Joanna',
      languageCode: 'en-US',
      languageName: 'US English',
      engines: ['generative', 'neural', 'standard', 'long-form'],
    });
    const languages = voices.map((voice) => voice.languageName);
    expect(languages).toEqual([...languages].sort((a, b) => a.localeCompare(b)));
    expect(new Set(languages)).toEqual(
      new Set(['British English', 'French', 'German', 'Japanese', 'US English']),
    );
  });

  it('keeps the chosen voice in the catalog and greets with its best engine', async () => {
    const first = start();
    expect(await first.handlers['voice.select']({ voiceId: 'Hans' })).toEqual({
      selected: 'Hans',
    });

    const next = start();
    expect((await next.handlers['voice.list']({})).selected).toBe('Hans');
    expect((await next.handlers['voice.greet']({})).cached).toBe(false);
    expect(cloud.polly.knobs.lastRequest).toMatchObject({
      voiceId: 'Hans',
      engine: 'standard',
      text: 'Hello, Alice!',
    });
  });

  it('refuses a voice Polly does not list, and keeps the one chosen before', async () => {
    const { handlers } = start();
    const failure = await failureOf(handlers['voice.select']({ voiceId: 'Nobody' }));
    expect(failure.code).toBe('invalid-request');
    expect(failure.message).toMatch(/Nobody/);
    expect((await handlers['voice.list']({})).selected).toBe('Joanna');
  });

  it('offline with no list, says so', async () => {
    const offline = {
      ...config,
      endpoints: { ...config.endpoints, polly: `http://127.0.0.1:${await closedPort()}` },
    };
    const failure = await failureOf(start(offline).handlers['voice.list']({}));
    expect(failure.code).toBe('offline');
  });
});
