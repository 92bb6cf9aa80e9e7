import { AuthService } from './auth/auth-service';
import { PerUser } from './coordinator/per-user';
import { MemorySecretStore, type SecretStore } from './auth/secret-store';
import { openCheckedLibraryCatalog } from './catalog/checked-library-catalog';
import type { CheckFindings, StartCheckProcess } from './catalog/catalog-checks';
import { existsSync } from 'node:fs';
import type { PhotoRepository } from './catalog/photo-repository';
import { albumHandlers } from './ipc/album-handlers';
import { appHandlers } from './ipc/app-handlers';
import { exportHandlers } from './ipc/export-handlers';
import { ExportJobs } from './export/export-jobs';
import { TrashExpiryTimer } from './photos/trash-expiry-timer';
import { ExportError } from './export/export-error';
import { mediaPath } from '../contract/media';
import type { ViewFilter } from '../contract/photos';
import { createCloudSession, type CloudSession } from './aws/cloud-session';
import { Backend } from './coordinator/backend';
import { CloudWork } from './coordinator/cloud-work';
import type { ShoeboxConfig } from './config/shoebox-config';
import type { AuthState } from '../contract/auth';
import type { EventSink } from './model/event-sink';
import { AppError } from './model/app-error';
import { Importer } from './import/importer';
import { reconcileLibrary, type ReconcileReport } from './import/reconcile-library';
import { authHandlers } from './ipc/auth-handlers';
import type { HandlerTable } from './ipc/handler-table';
import { cloudHandlers } from './ipc/cloud-handlers';
import { importHandlers } from './ipc/import-handlers';
import { libraryHandlers } from './ipc/library-handlers';
import { labelHandlers } from './ipc/label-handlers';
import { photoHandlers } from './ipc/photo-handlers';
import { settingsHandlers } from './ipc/settings-handlers';
import { voiceHandlers } from './ipc/voice-handlers';
import { libraryPaths, type LibraryPaths } from './library/library-paths';
import { lockLibrary, type LibraryLock } from './library/library-lock';
import { ensureLibraryFolder } from './library/library-folder';
import { backupCheckMs, checkThenBackUp, keepBackingUp } from './catalog/backup-schedule';
import { holdWritesUntil } from './ipc/hold-writes';
import { quietFor } from './model/quiet-for';
import { makeFilesPrivate } from './library/private-data-dir';
import { resolveMedia, type MediaFile, type MediaSources } from './media/media-resolver';
import { createVoiceService } from './voice/create-voice-service';
import { VoiceSelection } from './voice/voice-selection';
import type { VoiceService } from './voice/voice-service';
import { AppSettingsStore } from './settings/app-settings-store';
import { JsonLog } from './library/json-log';
import type { Logger } from './model/logger';

/** What the hosts pass as `quietStartMs`: the first screen is served well within it. */
export const hostQuietStartMs = 3_000;

export interface ServicesConfig {
  readonly dataDir: string;
  readonly version: string;
  readonly host: 'electron' | 'web';
  /** The cloud backend; null keeps Shoebox a local library with nothing to sign in to. */
  readonly cloud?: ShoeboxConfig | null;
  /**
   * How long the start-up's background work (the reconcile of the library folder, the start's
   * backup) waits after the catalog's check, so the first screen is served first. Hosts wait a
   * few seconds; tests, none.
   */
  readonly quietStartMs?: number;
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
  /** Asks where an export goes (the desktop's folder dialog); absent: exports are downloads. */
  readonly pickExportFolder?: () => Promise<string | null>;
  /** Shows a file in the system's file manager (desktop). */
  readonly revealFile?: (file: string) => void;
  /**
   * Also tells what the full check found while running (the window hears `catalog.notice`): the
   * browser host prints it.
   */
  readonly catalogNotice?: (words: string) => void;
  /** Runs SQLite's start-up checks of the catalog file off the main thread (tests hold it). */
  readonly checkCatalogAtStart?: (file: string) => Promise<CheckFindings>;
  /**
   * Starts the process the full check runs in; plain Node's child process by default. The
   * desktop app's runs in Electron's utility process.
   */
  readonly startCheckProcess?: StartCheckProcess;
}

export interface Services {
  readonly paths: LibraryPaths;
  readonly photos: PhotoRepository;
  readonly importer: Importer;
  /** Uploads, labelling, sync and cloud deletions, which run by themselves while signed in. */
  readonly cloudWork: CloudWork;
  /** The log in the data folder (`logs/shoebox.log`); hosts log through it too. */
  readonly log: Logger;
  /** The sign-in service while a cloud backend is configured. */
  auth(): AuthService | null;
  readonly handlers: HandlerTable;
  /** Export runs; the browser host streams their downloads (`streamDownload`). */
  readonly exports: ExportJobs;
  /** The file behind a media path, fetching a cloud-only original first (OriginalFetchError). */
  resolveMedia(mediaPath: string): Promise<MediaFile | null>;
  /** Deletes for good the photos kept in the Trash longer than the setting (also hourly). */
  expireTrash(): Promise<void>;
  /**
   * What had to be done to open the catalog (damage found and repaired), or what the full check
   * found while running (also told through `Ports.catalogNotice`); null while there is nothing.
   */
  readonly catalogNotice: string | null;
  /** Runs the catalog's scheduled step now: its full check and backup, each if due (also hourly). */
  checkCatalog(): Promise<void>;
  /**
   * Resolves once the catalog has passed its check, or was repaired or recovered (then
   * `catalogNotice` says so); rejects only if recovering it failed.
   */
  readonly catalogChecked: Promise<void>;
  /** The start-up reconcile of files a crash left without rows (docs/reliability.md). */
  readonly reconciled: Promise<ReconcileReport>;
  close(): Promise<void>;
}

/** Builds every main-process service from plain Node (docs/architecture.md). */
export function createServices(config: ServicesConfig, ports: Ports): Services {
  const paths = libraryPaths(config.dataDir);
  ensureLibraryFolder(paths.root);
  // Before anything else touches the folder: a second process must change nothing.
  const lock = lockLibrary(paths.root);
  try {
    return buildServices(config, ports, paths, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

function buildServices(
  config: ServicesConfig,
  ports: Ports,
  paths: LibraryPaths,
  lock: LibraryLock,
): Services {
  const log = new JsonLog({ dir: paths.logs, ...(ports.now ? { now: ports.now } : {}) });
  log.info('library opened', { version: config.version, host: config.host });
  // Files older than this were left by an earlier run (reconcileLibrary).
  const startedAt = Date.now();
  const checked = openCheckedLibraryCatalog(paths.catalog, {
    backupsDir: paths.backups,
    hasFilesOnDisk: existsSync(paths.originals) || existsSync(paths.thumbs),
    ...(ports.checkCatalogAtStart ? { check: ports.checkCatalogAtStart } : {}),
    ...(ports.startCheckProcess ? { startCheckProcess: ports.startCheckProcess } : {}),
  });
  const { catalog } = checked;
  const catalogFiles = [paths.catalog, `${paths.catalog}-wal`, `${paths.catalog}-shm`];
  makeFilesPrivate(catalogFiles);
  const { photos, settings } = catalog;
  // Nothing writes the catalog before it has passed its check (docs/architecture.md, "Start-up"):
  // requests that may write, imports, the cloud work, the reconcile and the backups wait for it.
  const writable = checked.writable.then(() => {
    if (checked.notice) log.warn('catalog checked at start', { notice: checked.notice });
    if (checked.keptAside === null) return;
    // Recovered: the catalog is a new file, and the pages on screen were read from the damaged one.
    makeFilesPrivate(catalogFiles);
    ports.emit('library.changed', { added: 0 });
  });
  // Cut short by close(): the full check (its process is ended), the reconcile's quiet start.
  const closing = new AbortController();
  // A sound catalog is backed up once the first screen is served, then daily while running (a
  // few generations), each time after SQLite's full check finds it sound; a recovered one is not,
  // so the backups it came from are not rotated away, but it is fully checked once the first
  // screen is served (a restored backup was only quick-checked), then daily. Damage the full
  // check finds is told, in the window too, and recovered next start.
  let foundWhileRunning: string | null = null;
  const backupFailed = (error: unknown) => {
    if (!closing.signal.aborted) log.warn('checking or backing up the catalog failed', { error });
  };
  const backups = writable.then(
    () => {
      const recovered = checked.keptAside !== null;
      return keepBackingUp(
        checkThenBackUp({
          check: () => checked.checkFully(closing.signal),
          backupDue: () => !recovered && checked.backupDue(),
          backUp: () => checked.backUp(),
          onDamage: (what) => {
            foundWhileRunning = checked.markForRecovery(what);
            log.error('the catalog check found damage', { notice: foundWhileRunning });
            ports.emit('catalog.notice', { notice: foundWhileRunning });
            ports.catalogNotice?.(foundWhileRunning);
          },
          now: Date.now,
          checkFirst: recovered,
        }),
        backupFailed,
        backupCheckMs,
        config.quietStartMs ?? 0,
      );
    },
    () => null,
  );
  const now = ports.now ?? Date.now;
  const voiceSelection = new VoiceSelection(settings);
  const appSettings = new AppSettingsStore(settings);
  const secrets = ports.secrets ?? memorySecrets();
  // The background cloud work follows sign-in; the renderer hears of it as `auth.changed`.
  const authChanged = (state: AuthState) => {
    ports.emit('auth.changed', state);
    log.info('auth changed', { status: state.status });
    void writable.then(
      () => work.onAuthChanged(state),
      () => undefined,
    );
  };
  // AWS clients keep the identity-pool credentials they fetched, and those belong to one
  // signed-in user of one backend: PerUser makes them again when either changes.
  const voice = new PerUser(({ auth: owner, config: cloud }) =>
    createVoiceService({
      config: cloud,
      idToken: () => owner.idToken(),
      nickname: () => owner.identity()?.nickname ?? null,
      voiceDir: paths.voice,
      voiceId: () => voiceSelection.get(),
    }),
  );
  const cloudSession = new PerUser(({ auth: owner, config: cloud }) =>
    // Credentials' expiry is judged by the sign-in service's time where this clock is wrong.
    createCloudSession(
      cloud,
      () => owner.idToken(),
      () => owner.clock.now(),
    ),
  );
  const currentVoice = (): VoiceService | null => voice.get(backend.auth(), backend.config());
  const currentSession = (): CloudSession | null =>
    cloudSession.get(backend.auth(), backend.config());
  const work = new CloudWork({
    catalog,
    paths,
    settings: appSettings,
    emit: ports.emit,
    now,
    session: currentSession,
    cloudLabelling: () => backend.config()?.cloudLabelling ?? false,
    writable,
    log,
    ...(ports.keepAwake ? { keepAwake: ports.keepAwake } : {}),
  });
  const backend = new Backend({
    settings,
    configured: config.cloud ?? null,
    secrets,
    onChanged: authChanged,
    makeAuth: (cloud) =>
      new AuthService({
        config: cloud,
        secrets,
        openBrowser: ports.openBrowser ?? (async () => undefined),
        onChanged: authChanged,
        now,
        log,
      }),
  });
  const importer = new Importer({
    paths,
    photos,
    emit: ports.emit,
    now,
    writable,
    onAdded: (count) => {
      if (count > 0) work.onPhotosAdded();
    },
  });
  // What a crash or a lost catalog left behind: partial files go, originals without a row are
  // imported again, as added back (their names and the rest come from the cloud's documents).
  // After the check (a damaged catalog would disown every file) and once the first screen is
  // served: it reads every file name in the library, which is start-up work at 100,000 photos.
  const reconciled = writable
    .then(() => quietFor(config.quietStartMs ?? 0, closing.signal))
    .then(() =>
      closing.signal.aborted
        ? { partialsRemoved: 0, thumbsRemoved: 0, orphanOriginals: [] }
        : reconcileLibrary({
            paths,
            shasStartingWith: (prefix) => photos.shasStartingWith(prefix),
            startedAt,
          }),
    )
    .then((report) => {
      if (report.orphanOriginals.length > 0)
        importer.start(report.orphanOriginals, { addedBack: true });
      return report;
    });
  const minConfidence = () => appSettings.get().minConfidence;
  const photoOrThrow = (id: number) => {
    const photo = photos.get(id, minConfidence());
    if (!photo) throw new AppError('not-found', `There is no photo ${id} in this library.`);
    return photo;
  };
  const libraryChanged = () => ports.emit('library.changed', { added: 0 });
  const organise = catalog.organise;
  const albums = catalog.albums;
  const viewIds = (view: ViewFilter) => photos.viewIds(view, minConfidence());
  // Built per call: whether there is a cloud to fetch originals from follows the backend config.
  const mediaSources = (): MediaSources => ({
    paths,
    findPhoto: (sha256) => catalog.cloud.findBySha(sha256),
    cloudOriginals: backend.config()
      ? { get: (sha256, format) => work.cachedOriginal(sha256, format) }
      : null,
  });
  const exports = new ExportJobs({
    sources: (ids) => catalog.exportSources.get(ids),
    // The same path as opening the photo: a cloud-only original is fetched and verified first.
    originalOf: async (photo) => {
      const media = await resolveMedia(mediaSources(), mediaPath.original(photo.sha256));
      if (!media)
        throw new ExportError('missing', `${photo.filename} is no longer in the library.`);
      return media.file;
    },
    emit: (progress) => ports.emit('export.progress', progress),
    ...(ports.revealFile ? { reveal: ports.revealFile } : {}),
  });

  const handlers: HandlerTable = holdWritesUntil(writable, {
    ...appHandlers({
      app: { version: config.version, host: config.host, dataDir: paths.root },
      photos,
      labels: catalog.labels,
      settings: appSettings,
      cloud: () => backend.config(),
      work,
      log,
      now,
      catalogNotice: () => foundWhileRunning ?? checked.notice,
      ...(ports.openBrowser ? { openBrowser: ports.openBrowser } : {}),
    }),
    ...libraryHandlers({
      photos,
      paths,
      minConfidence,
      photo: photoOrThrow,
      viewIds,
      ...(ports.revealFile ? { revealFile: ports.revealFile } : {}),
    }),
    ...importHandlers({ importer, ...(ports.pickPaths ? { pickPaths: ports.pickPaths } : {}) }),
    ...authHandlers(() => backend.auth(), ports.openBrowser !== undefined),
    ...voiceHandlers(currentVoice, voiceSelection),
    ...settingsHandlers(appSettings),
    ...photoHandlers({
      catalog,
      paths,
      session: currentSession,
      now,
      photo: (id) => photos.get(id, minConfidence()),
      organise,
      viewIds,
      stopUploads: (ids) => work.stopUploads(ids),
      log,
      changed: (what) => {
        libraryChanged();
        if (what === 'meta') work.onMetaChanged();
        else work.onDeleted();
      },
    }),
    ...albumHandlers({
      albums,
      viewIds,
      now,
      changed: () => {
        libraryChanged();
        work.onMetaChanged();
      },
    }),
    ...exportHandlers({
      jobs: exports,
      viewIds,
      ...(ports.pickExportFolder ? { pickFolder: ports.pickExportFolder } : {}),
    }),
    ...labelHandlers({
      labels: catalog.labels,
      retry: (id) => work.retryLabels(id),
      minConfidence,
      now,
      photo: photoOrThrow,
      corrected: () => {
        libraryChanged();
        work.onMetaChanged();
      },
    }),
    ...cloudHandlers(work, backend),
  });

  const trashExpiry = new TrashExpiryTimer({
    organise,
    trashDays: () => appSettings.get().trashDays,
    deleteForGood: (ids) => handlers['photo.delete']({ targets: { ids } }),
    now,
    cloudRead: () => work.hasSynced(),
    log,
    startAfter: reconciled.catch((error: unknown) =>
      log.warn('looking over the library folder at start failed', { error }),
    ),
  });

  return {
    paths,
    photos,
    importer,
    cloudWork: work,
    log,
    auth: () => backend.auth(),
    handlers,
    exports,
    resolveMedia: (path) => resolveMedia(mediaSources(), path),
    expireTrash: () => trashExpiry.expireNow(),
    reconciled,
    catalogChecked: writable,
    get catalogNotice() {
      return foundWhileRunning ?? checked.notice;
    },
    checkCatalog: async () => (await backups)?.runNow(),
    async close() {
      closing.abort();
      await trashExpiry.close();
      await writable.catch(() => undefined);
      await reconciled.catch(() => undefined);
      // A full check under way was ended with its process by the abort above.
      await (await backups)?.stop();
      await exports.close();
      for (const id of importer.runningJobIds()) importer.cancel(id);
      await importer.whenIdle();
      // Work first, while its session still stands: a request cut by disposal would count as failed.
      await work.close();
      backend.dispose();
      voice.dispose();
      cloudSession.dispose();
      catalog.close();
      lock.release();
    },
  };
}

function memorySecrets() {
  return new MemorySecretStore('This host keeps your session only until it quits.');
}
