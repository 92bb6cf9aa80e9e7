import type { AlbumChange, AlbumSummary } from './albums';
import type { AuthState, SignInProvider } from './auth';
import type {
  AppInfo,
  Channel,
  ChannelResults,
  DeleteResult,
  EventName,
  EventPayloads,
  Greeting,
  ImportStarted,
  RequestOf,
} from './channels';
import type { CloudStatus } from './cloud';
import type { ExportProgress, ExportStarted } from './export';
import type { ImportProgress } from './import';
import type { LabelCount, LabelFailure, LabelProgress } from './labels';
import type {
  PageRequest,
  PhotoDetail,
  PhotoInfo,
  PhotoPage,
  PhotoTargets,
  ViewDays,
  ViewFilter,
} from './photos';
import type { Result } from './result';
import type { AppSettings } from './settings';
import type { VoiceList } from './voice';

export type Unsubscribe = () => void;

/** How a host moves requests and events; the preload and the web bridge each supply one. */
export interface Transport {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ChannelResults[C]>>;
  subscribe<E extends EventName>(
    event: E,
    listener: (payload: EventPayloads[E]) => void,
  ): Unsubscribe;
}

/**
 * The parts of the bridge that differ between Electron and the browser host. `Dropped` is what
 * the page hands over from a drop (DOM objects, so the renderer names the type: contract/ is
 * compiled by every process, and main has no DOM).
 */
export interface HostSpecifics<Dropped> {
  readonly host: 'electron' | 'web';
  /** Prefix for the read-only media paths of `mediaPath` in ./photos. */
  readonly mediaBase: string;
  importDropped(items: readonly Dropped[]): Promise<Result<ImportStarted | null>>;
  pick(kind: 'files' | 'folder'): Promise<Result<ImportStarted | null>>;
  /** Opens a Hosted UI page where main could not (a new tab in the browser host). */
  openHostedUi(url: string): void;
  /** Starts the download of an export (browser host); never called on the desktop. */
  download(address: string): void;
}

/** `window.shoebox`: one named function per operation, grouped by domain. */
export interface ShoeboxBridge<Dropped> {
  readonly host: 'electron' | 'web';
  readonly mediaBase: string;
  readonly app: {
    info(): Promise<Result<AppInfo>>;
    openMap(latitude: number, longitude: number): Promise<Result<null>>;
    diagnostics(): Promise<Result<{ readonly text: string }>>;
    /** What the check of the catalog at start did; null when it was sound. */
    catalogNotice(): Promise<Result<{ readonly notice: string | null }>>;
    /** What the catalog's full check found while running, as it is found. */
    onCatalogNotice(listener: (event: EventPayloads['catalog.notice']) => void): Unsubscribe;
  };
  readonly library: {
    page(request: PageRequest): Promise<Result<PhotoPage>>;
    photo(id: number): Promise<Result<PhotoDetail>>;
    /** The ids of `limit` photos of the view from `offset`, in its order. */
    ids(
      view: ViewFilter,
      offset: number,
      limit: number,
    ): Promise<Result<{ readonly ids: readonly number[] }>>;
    info(id: number): Promise<Result<PhotoInfo | null>>;
    /** Shows the photo's original in the system's file manager (the desktop app). */
    reveal(id: number): Promise<Result<{ readonly revealed: boolean }>>;
    /** The view's photos per day (the timeline's sections); null for an album. */
    days(view: ViewFilter): Promise<Result<ViewDays | null>>;
    /** Has the host read ahead what typing a search reads first (the search box got the focus). */
    prepareSearch(): Promise<Result<null>>;
    onChanged(listener: (payload: EventPayloads['library.changed']) => void): Unsubscribe;
  };
  readonly auth: {
    state(): Promise<Result<AuthState>>;
    signIn(provider: SignInProvider): Promise<Result<unknown>>;
    cancelSignIn(): Promise<Result<unknown>>;
    signOut(endHostedUiSession: boolean): Promise<Result<AuthState>>;
    onChanged(listener: (state: AuthState) => void): Unsubscribe;
    /** Imports a backend config from the text of its JSON file. */
    setConfig(text: string): Promise<Result<AuthState>>;
  };
  readonly importer: {
    start(paths: string[]): Promise<Result<ImportStarted>>;
    cancel(jobId: string): Promise<Result<{ readonly cancelled: boolean }>>;
    pick(kind: 'files' | 'folder'): Promise<Result<ImportStarted | null>>;
    importDropped(items: readonly Dropped[]): Promise<Result<ImportStarted | null>>;
    onProgress(listener: (progress: ImportProgress) => void): Unsubscribe;
  };
  readonly voice: {
    /** Synthesizes (or finds cached) "Hello, <nickname>!"; play it from `mediaBase + mediaPath`. */
    greet(): Promise<Result<Greeting>>;
    /** Polly's voices and the selected one. */
    list(): Promise<Result<VoiceList>>;
    select(voiceId: string): Promise<Result<{ readonly selected: string }>>;
  };
  readonly photos: {
    setDescription(id: number, description: string): Promise<Result<PhotoDetail>>;
    /** Moves photos to the Trash; answers the ids moved (for Undo). */
    trash(targets: PhotoTargets): Promise<Result<{ readonly ids: readonly number[] }>>;
    restore(targets: PhotoTargets): Promise<Result<{ readonly ids: readonly number[] }>>;
    /** Deletes for good from the library and the cloud; the renderer asks first. */
    delete(targets: PhotoTargets): Promise<Result<DeleteResult>>;
    emptyTrash(): Promise<Result<DeleteResult>>;
    favorite(
      targets: PhotoTargets,
      favorite: boolean,
    ): Promise<Result<{ readonly ids: readonly number[] }>>;
  };
  readonly albums: {
    list(): Promise<Result<{ readonly albums: readonly AlbumSummary[] }>>;
    create(name: string, targets?: PhotoTargets): Promise<Result<AlbumChange>>;
    rename(id: string, name: string): Promise<Result<AlbumSummary>>;
    delete(id: string): Promise<Result<{ readonly deleted: true }>>;
    /** Brings a deleted album back, under a new id (Undo). */
    restore(id: string): Promise<Result<AlbumSummary>>;
    add(id: string, targets: PhotoTargets): Promise<Result<AlbumChange>>;
    remove(id: string, targets: PhotoTargets): Promise<Result<AlbumChange>>;
  };
  readonly exports: {
    /** Exports the originals (the desktop asks for a folder first; null: the person declined). */
    start(targets: PhotoTargets): Promise<Result<ExportStarted | null>>;
    cancel(jobId: string): Promise<Result<{ readonly cancelled: boolean }>>;
    /** Shows the exported files in the file manager (desktop). */
    reveal(jobId: string): Promise<Result<{ readonly revealed: boolean }>>;
    onProgress(listener: (progress: ExportProgress) => void): Unsubscribe;
  };
  readonly labels: {
    list(): Promise<
      Result<{ readonly labels: readonly LabelCount[]; readonly progress: LabelProgress }>
    >;
    add(id: number, name: string): Promise<Result<PhotoDetail>>;
    remove(id: number, name: string): Promise<Result<PhotoDetail>>;
    failures(): Promise<Result<{ readonly items: readonly LabelFailure[] }>>;
    /** One photo from the "couldn't label" list, or all of them without an id. */
    retry(id?: number): Promise<Result<{ readonly requeued: number }>>;
  };
  readonly settings: {
    get(): Promise<Result<AppSettings>>;
    set(patch: Partial<AppSettings>): Promise<Result<AppSettings>>;
  };
  readonly cloud: {
    status(): Promise<Result<CloudStatus>>;
    /** Each control acts on one photo's upload, or on all of them without an id. */
    pause(id?: number): Promise<Result<CloudStatus>>;
    resume(id?: number): Promise<Result<CloudStatus>>;
    cancel(id?: number): Promise<Result<CloudStatus>>;
    sync(): Promise<Result<{ readonly started: boolean }>>;
    onStatus(listener: (status: CloudStatus) => void): Unsubscribe;
  };
}

/** The request's own arrays: the schema types them mutable. */
function copyTargets(targets: PhotoTargets): RequestOf<'photo.trash'>['targets'] {
  return 'ids' in targets
    ? { ids: [...targets.ids] }
    : { view: { ...targets.view }, except: [...targets.except] };
}

const optionalId = (id: number | undefined) => (id === undefined ? {} : { id });

export function buildBridge<Dropped>(
  transport: Transport,
  host: HostSpecifics<Dropped>,
): ShoeboxBridge<Dropped> {
  return {
    host: host.host,
    mediaBase: host.mediaBase,
    app: {
      info: () => transport.invoke('app.info', {}),
      openMap: (latitude, longitude) => transport.invoke('app.openMap', { latitude, longitude }),
      diagnostics: () => transport.invoke('app.diagnostics', {}),
      catalogNotice: () => transport.invoke('app.catalogNotice', {}),
      onCatalogNotice: (listener) => transport.subscribe('catalog.notice', listener),
    },
    library: {
      page: (request) => transport.invoke('library.page', request),
      photo: (id) => transport.invoke('library.photo', { id }),
      ids: (view, offset, limit) => transport.invoke('library.ids', { ...view, offset, limit }),
      info: (id) => transport.invoke('library.info', { id }),
      reveal: (id) => transport.invoke('library.reveal', { id }),
      days: (view) => transport.invoke('library.days', view),
      prepareSearch: () => transport.invoke('library.prepareSearch', {}),
      onChanged: (listener) => transport.subscribe('library.changed', listener),
    },
    auth: {
      state: () => transport.invoke('auth.state', {}),
      async signIn(provider) {
        const result = await transport.invoke('auth.signIn', { provider });
        if (result.ok && result.value.authorizeUrl) host.openHostedUi(result.value.authorizeUrl);
        return result;
      },
      cancelSignIn: () => transport.invoke('auth.cancelSignIn', {}),
      async signOut(endHostedUiSession) {
        const result = await transport.invoke('auth.signOut', { endHostedUiSession });
        if (!result.ok) return result;
        if (result.value.logoutUrl) host.openHostedUi(result.value.logoutUrl);
        return { ok: true, value: result.value.state };
      },
      onChanged: (listener) => transport.subscribe('auth.changed', listener),
      setConfig: (text) => transport.invoke('cloud.setConfig', { text }),
    },
    importer: {
      start: (paths) => transport.invoke('import.start', { paths }),
      cancel: (jobId) => transport.invoke('import.cancel', { jobId }),
      pick: (kind) => host.pick(kind),
      importDropped: (items) => host.importDropped(items),
      onProgress: (listener) => transport.subscribe('import.progress', listener),
    },
    voice: {
      greet: () => transport.invoke('voice.greet', {}),
      list: () => transport.invoke('voice.list', {}),
      select: (voiceId) => transport.invoke('voice.select', { voiceId }),
    },
    photos: {
      setDescription: (id, description) =>
        transport.invoke('photo.setDescription', { id, description }),
      trash: (targets) => transport.invoke('photo.trash', { targets: copyTargets(targets) }),
      restore: (targets) => transport.invoke('photo.restore', { targets: copyTargets(targets) }),
      delete: (targets) => transport.invoke('photo.delete', { targets: copyTargets(targets) }),
      emptyTrash: () => transport.invoke('trash.empty', {}),
      favorite: (targets, favorite) =>
        transport.invoke('photo.favorite', { targets: copyTargets(targets), favorite }),
    },
    albums: {
      list: () => transport.invoke('albums.list', {}),
      create: (name, targets) =>
        transport.invoke('albums.create', {
          name,
          ...(targets ? { targets: copyTargets(targets) } : {}),
        }),
      rename: (id, name) => transport.invoke('albums.rename', { id, name }),
      delete: (id) => transport.invoke('albums.delete', { id }),
      restore: (id) => transport.invoke('albums.restore', { id }),
      add: (id, targets) => transport.invoke('albums.add', { id, targets: copyTargets(targets) }),
      remove: (id, targets) =>
        transport.invoke('albums.remove', { id, targets: copyTargets(targets) }),
    },
    exports: {
      async start(targets) {
        const result = await transport.invoke('export.start', { targets: copyTargets(targets) });
        if (result.ok && result.value?.download) host.download(result.value.download);
        return result;
      },
      cancel: (jobId) => transport.invoke('export.cancel', { jobId }),
      reveal: (jobId) => transport.invoke('export.reveal', { jobId }),
      onProgress: (listener) => transport.subscribe('export.progress', listener),
    },
    labels: {
      list: () => transport.invoke('labels.list', {}),
      add: (id, name) => transport.invoke('labels.add', { id, name }),
      remove: (id, name) => transport.invoke('labels.remove', { id, name }),
      failures: () => transport.invoke('labels.failures', {}),
      retry: (id) => transport.invoke('labels.retry', optionalId(id)),
    },
    settings: {
      get: () => transport.invoke('settings.get', {}),
      set: (patch) => transport.invoke('settings.set', patch),
    },
    cloud: {
      status: () => transport.invoke('cloud.status', {}),
      pause: (id) => transport.invoke('cloud.pause', optionalId(id)),
      resume: (id) => transport.invoke('cloud.resume', optionalId(id)),
      cancel: (id) => transport.invoke('cloud.cancel', optionalId(id)),
      sync: () => transport.invoke('cloud.sync', {}),
      onStatus: (listener) => transport.subscribe('cloud.status', listener),
    },
  };
}
