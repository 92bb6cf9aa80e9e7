import type { AlbumChange, AlbumSummary } from '../../contract/albums';
import type { PhotoTargets } from '../../contract/photos';
import type { Result } from '../../contract/result';
import { shoebox } from '../bridge/shoebox';
import { plural } from '../format';
import { createStore } from './create-store';
import { useLibrary } from './library-store';
import { libraryEdited } from './organise-store';
import { useSelection } from './selection-store';
import { useUndo } from './undo-store';
import { problemText } from './problem-words';

interface AlbumsState {
  /** null until first loaded. */
  readonly albums: readonly AlbumSummary[] | null;
  readonly problem: string | null;
  load(): Promise<void>;
  /**
   * Makes an album, with the photos when given, offering Undo; answers it, or null when that
   * failed.
   */
  create(name: string, targets?: PhotoTargets): Promise<AlbumSummary | null>;
  /** Renames the album, offering Undo. */
  rename(id: string, name: string): Promise<boolean>;
  /** Deletes the album (its photos stay in the library), offering Undo. */
  remove(id: string): Promise<boolean>;
  add(id: string, targets: PhotoTargets): Promise<boolean>;
  /** Takes photos out of the album (they stay in the library), offering Undo. */
  takeOut(id: string, targets: PhotoTargets): Promise<boolean>;
}

/** After an album is deleted: leaves its view if it was showing. Answers whether it was. */
function dropped(result: unknown, id: string): boolean {
  if (result === null) return false;
  const library = useLibrary.getState();
  if (library.scope === 'album' && library.album === id) library.showScope('library');
  return true;
}

/** A stable empty list for selectors (a new [] per call would re-render forever). */
export const noAlbums: readonly AlbumSummary[] = [];

/** The sidebar's albums and the changes made to them. */
export const useAlbums = createStore<AlbumsState>((set, get) => {
  async function changed<T>(call: Promise<Result<T>>): Promise<T | null> {
    const result = await call;
    if (!result.ok) {
      set({ problem: problemText(result.error) });
      return null;
    }
    set({ problem: null });
    void get().load();
    libraryEdited();
    return result.value;
  }

  /** Offers Undo of a change, which `takeBack` makes through `changed`. */
  function offerUndoOf(message: string, takeBack: () => Promise<boolean>): void {
    useUndo.getState().offer(message, async () => ((await takeBack()) ? null : get().problem));
  }

  function offerUndo(change: AlbumChange, added: boolean): void {
    const { album, ids } = change;
    if (ids.length === 0) return;
    const what = plural(ids.length, 'photo');
    useUndo
      .getState()
      .offer(
        added ? `Added ${what} to “${album.name}”.` : `Took ${what} out of “${album.name}”.`,
        async () => {
          const call = added
            ? shoebox().albums.remove(album.id, { ids })
            : shoebox().albums.add(album.id, { ids });
          return (await changed(call)) ? null : get().problem;
        },
      );
  }

  return {
    albums: null,
    problem: null,
    async load() {
      const result = await shoebox().albums.list();
      set(result.ok ? { albums: result.value.albums } : { problem: problemText(result.error) });
    },
    async create(name, targets) {
      const change = await changed(shoebox().albums.create(name, targets));
      if (!change) return null;
      useSelection.getState().clear();
      const { album, ids } = change;
      const made = ids.length > 0 ? ` with ${plural(ids.length, 'photo')}` : '';
      offerUndoOf(`Made the album “${album.name}”${made}.`, async () =>
        dropped(await changed(shoebox().albums.delete(album.id)), album.id),
      );
      return album;
    },
    async rename(id, name) {
      const before = get().albums?.find((album) => album.id === id)?.name;
      const renamed = await changed(shoebox().albums.rename(id, name));
      if (!renamed) return false;
      if (before !== undefined && before !== renamed.name) {
        offerUndoOf(
          `Renamed “${before}” to “${renamed.name}”.`,
          async () => (await changed(shoebox().albums.rename(id, before))) !== null,
        );
      }
      return true;
    },
    async remove(id) {
      const name = get().albums?.find((album) => album.id === id)?.name ?? 'the album';
      const viewing = useLibrary.getState().album === id;
      if (!dropped(await changed(shoebox().albums.delete(id)), id)) return false;
      offerUndoOf(`Deleted “${name}”. Its photos are still in the library.`, async () => {
        const restored = await changed(shoebox().albums.restore(id));
        // It comes back under a new id; show it again if it was being looked at.
        if (restored && viewing) useLibrary.getState().showScope('album', restored.id);
        return restored !== null;
      });
      return true;
    },
    async add(id, targets) {
      const change = await changed(shoebox().albums.add(id, targets));
      if (!change) return false;
      useSelection.getState().clear();
      offerUndo(change, true);
      return true;
    },
    async takeOut(id, targets) {
      const change = await changed(shoebox().albums.remove(id, targets));
      if (!change) return false;
      useSelection.getState().clear();
      offerUndo(change, false);
      return true;
    },
  };
});
