import { mkdirSync } from 'node:fs';
import { AuthService } from './auth/auth-service';
import { PerUser } from './auth/per-user';
import { MemorySecretStore, type SecretStore } from './auth/secret-store';
import { openCatalog } from './catalog/open-catalog';
import { PhotoRepository } from './catalog/photo-repository';
import { SettingsRepository } from './catalog/settings-repository';
import { importCloudConfig, storedCloudConfig } from './config/cloud-config-source';
import { createCloudSession, type CloudSession } from './cloud/cloud-session';
import type { ShoeboxConfig } from './config/shoebox-config';
import type { EventSink } from './event-sink';
import { AppError } from './errors';
import { Importer } from './import/importer';
import { authHandlers } from './ipc/auth-handlers';
import type { HandlerTable } from './ipc/handler-table';
import { settingsHandlers } from './ipc/settings-handlers';
import { voiceHandlers } from './ipc/voice-handlers';
import { libraryPaths, type LibraryPaths } from './library/library-paths';
import { resolveMedia, type MediaFile } from './library/media-resolver';
import { createVoiceService } from './voice/create-voice-service';
import { VoiceSelection } from './voice/voice-selection';
import type { VoiceService } from './voice/voice-service';
import { AppSettingsStore } from './settings/app-settings-store';

export interface ServicesConfig {
  readonly dataDir: string;
  readonly version: string;
  readonly host: 'electron' | 'web';
  /** The cloud backend; null keeps Shoebox a local library with nothing to sign in to. */
  readonly cloud?: ShoeboxConfig | null;
}

/** The side effects a host provides; everything else is plain Node. */
export interface Ports {
  readonly emit: EventSink;
  /** Shows the OS file or folder picker; absent where the renderer picks by itself. */
  readonly pickPaths?: (kind: 'files' | 'folder') => Promise<string[] | null>;
  /** Opens the system browser; absent where the page opens sign-in tabs itself (browser host). */
  readonly openBrowser?: (url: string) => Promise<void>;
  /** Keeps the session between runs; defaults to memory only. */
  readonly secrets?: SecretStore;
  readonly now?: () => number;
  /** Keeps the machine awake while uploads run (Electron's powerSaveBlocker); answers a release. */
  readonly keepAwake?: () => () => void;
}

export interface Services {
  readonly paths: LibraryPaths;
  readonly photos: PhotoRepository;
  readonly importer: Importer;
  /** The sign-in service while a cloud backend is configured. */
  auth(): AuthService | null;
  readonly handlers: HandlerTable;
  resolveMedia(mediaPath: string): MediaFile | null;
  close(): Promise<void>;
}

/** Builds every main-process service from plain Node (DESIGN.md, "Two hosts, one core"). */
export function createServices(config: ServicesConfig, ports: Ports): Services {
  const paths = libraryPaths(config.dataDir);
  mkdirSync(paths.root, { recursive: true });
  const db = openCatalog(paths.catalog);
  const photos = new PhotoRepository(db);
  const now = ports.now ?? Date.now;
  const importer = new Importer({ paths, photos, emit: ports.emit, now });
  const settings = new SettingsRepository(db);
  const voiceSelection = new VoiceSelection(settings);
  const appSettings = new AppSettingsStore(settings);
  const secrets = ports.secrets ?? memorySecrets();
  const makeAuth = (cloud: ShoeboxConfig | null) =>
    cloud
      ? new AuthService({
          config: cloud,
          secrets,
          openBrowser: ports.openBrowser ?? (async () => undefined),
          emit: ports.emit,
          now,
        })
      : null;
  let cloud = config.cloud ?? storedCloudConfig(settings);
  let auth = makeAuth(cloud);
  // AWS clients keep the identity-pool credentials they fetched, and those belong to one
  // signed-in user of one backend: PerUser makes them again when either changes.
  const voice = new PerUser(({ auth: owner, config: backend }) =>
    createVoiceService({
      config: backend,
      idToken: () => owner.idToken(),
      nickname: () => owner.identity()?.nickname ?? null,
      voiceDir: paths.voice,
      voiceId: () => voiceSelection.get(),
    }),
  );
  const cloudSession = new PerUser(({ auth: owner, config: backend }) =>
    createCloudSession(backend, () => owner.idToken(), now),
  );
  const currentVoice = (): VoiceService | null => voice.get(auth, cloud);
  const currentSession = (): CloudSession | null => cloudSession.get(auth, cloud);

  const handlers: HandlerTable = {
    'app.info': async () => ({
      version: config.version,
      host: config.host,
      dataDir: paths.root,
      photoCount: photos.count(),
    }),
    'library.page': async (request) => photos.page(request, appSettings.get().minConfidence),
    'library.photo': async ({ id }) => {
      const photo = photos.get(id, appSettings.get().minConfidence);
      if (!photo) throw new AppError('not-found', `There is no photo ${id} in this library.`);
      return photo;
    },
    'import.start': async ({ paths: roots }) => ({ jobId: importer.start(roots), rejected: [] }),
    'import.cancel': async ({ jobId }) => ({ cancelled: importer.cancel(jobId) }),
    'import.pick': async ({ kind }) => {
      if (!ports.pickPaths)
        throw new AppError('not-supported', 'This host has no file picker in main.');
      const picked = await ports.pickPaths(kind);
      return picked && picked.length > 0 ? { jobId: importer.start(picked), rejected: [] } : null;
    },
    ...authHandlers(() => auth, ports.openBrowser !== undefined),
    ...voiceHandlers(currentVoice, voiceSelection),
    ...settingsHandlers(appSettings),
    'cloud.setConfig': async ({ text }) => {
      cloud = importCloudConfig(settings, text);
      // Another backend: the old session means nothing there.
      auth?.dispose();
      await secrets.clear();
      auth = makeAuth(cloud);
      const state = auth?.state() ?? { status: 'unconfigured' as const };
      ports.emit('auth.changed', state);
      return state;
    },
  };

  return {
    paths,
    photos,
    importer,
    auth: () => auth,
    handlers,
    resolveMedia: (mediaPath) => resolveMedia(paths, photos, mediaPath),
    async close() {
      auth?.dispose();
      voice.dispose();
      cloudSession.dispose();
      for (const id of importer.runningJobIds()) importer.cancel(id);
      await importer.whenIdle();
      db.close();
    },
  };
}

function memorySecrets() {
  return new MemorySecretStore('This host keeps your session only until it quits.');
}
