// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../contract/result';
import { ViewHeader } from '../../../renderer/components/view-header';
import { useAlbums } from '../../../renderer/state/albums-store';
import { useLibrary } from '../../../renderer/state/library-store';
import { useUndo } from '../../../renderer/state/undo-store';
import { installFakeBridge } from './fake-bridge';

const fake = installFakeBridge();
const holiday = { id: 'aaaaaaaa-0001', name: 'Holiday', count: 3 };

/** The Holiday album open, as after a click on it in the sidebar. */
async function showHoliday() {
  fake().bridge.albums.list.mockResolvedValue(ok({ albums: [holiday] }));
  await act(() => useAlbums.getState().load());
  act(() => useLibrary.getState().showScope('album', holiday.id));
}

describe('album changes and their Undo', () => {
  it('asks before deleting an album, saying its photos stay, and Undo brings it back', async () => {
    await showHoliday();
    render(<ViewHeader />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete album…' }));

    const dialog = screen.getByRole('alertdialog', { name: 'Delete the album “Holiday”?' });
    expect(dialog.textContent).toContain('Its 3 photos stay in the library');
    expect(fake().bridge.albums.delete).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake().bridge.albums.delete).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Delete album…' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Delete album' }));
    });
    expect(fake().bridge.albums.delete).toHaveBeenCalledWith(holiday.id);
    expect(useLibrary.getState().scope).toBe('library');
    expect(useUndo.getState().toast?.message).toBe(
      'Deleted “Holiday”. Its photos are still in the library.',
    );

    await act(() => useUndo.getState().undo());
    expect(fake().bridge.albums.restore).toHaveBeenCalledWith(holiday.id);
    // Back under the id main gave it, and shown again since it was being looked at.
    expect(useLibrary.getState()).toMatchObject({ scope: 'album', album: 'e5f6a7b8' });
    expect(useUndo.getState().problem).toBeNull();
  });

  it('Undo of a rename gives the album its old name back', async () => {
    await showHoliday();
    await act(() => useAlbums.getState().rename(holiday.id, 'Summer'));

    expect(useUndo.getState().toast?.message).toBe('Renamed “Holiday” to “Summer”.');
    await act(() => useUndo.getState().undo());
    expect(fake().bridge.albums.rename).toHaveBeenLastCalledWith(holiday.id, 'Holiday');
  });

  it('Undo of an album made from the selection deletes it again', async () => {
    await act(() => useAlbums.getState().create('Beach', { ids: [4, 5] }));

    expect(useUndo.getState().toast?.message).toBe('Made the album “Beach” with 2 photos.');
    await act(() => useUndo.getState().undo());
    expect(fake().bridge.albums.delete).toHaveBeenCalledWith('a1b2c3d4');
  });

  it('says why an Undo failed', async () => {
    await showHoliday();
    await act(() => useAlbums.getState().remove(holiday.id));
    fake().bridge.albums.restore.mockResolvedValueOnce({
      ok: false,
      error: { code: 'not-found', message: 'That album is not a deleted album of this library.' },
    });

    await act(() => useUndo.getState().undo());
    expect(useUndo.getState().problem).toBe(
      'Could not undo: That album is not a deleted album of this library.',
    );
  });
});
