// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { PhotoDetail } from '../../../contract/photos';
import { fail, ok } from '../../../contract/result';
import { DetailView } from '../../../renderer/components/detail-view';
import { useAuth } from '../../../renderer/state/auth-store';
import { useLibrary } from '../../../renderer/state/library-store';
import { useUndo } from '../../../renderer/state/undo-store';
import { installFakeBridge, photoDetail, photoSummary, signedInAuth } from './fake-bridge';

const dogPhoto = photoDetail({
  id: 7,
  filename: 'IMG_7.jpg',
  labels: [
    { name: 'Dog', confidence: 97.6, source: 'rekognition', parents: ['Animal'] },
    { name: 'Rex', confidence: 100, source: 'user', parents: [] },
  ],
});

describe('<DetailView>', () => {
  const fake = installFakeBridge();
  const cleanupView = () => {
    cleanup();
    act(() => useLibrary.getState().close());
  };

  async function openPhoto(detail: PhotoDetail = dogPhoto) {
    fake().bridge.library.photo.mockResolvedValue(ok(detail));
    useLibrary.setState({ total: 1, pages: { 0: [photoSummary({ id: detail.id })] } });
    render(<DetailView />);
    act(() => useLibrary.getState().open(0));
    return screen.findByRole('dialog', { name: detail.filename });
  }

  it('shows labels with confidence and source, and removes and adds them', async () => {
    const view = await openPhoto();
    const labels = within(view).getByRole('region', { name: 'Labels' });
    const chips = within(labels).getAllByRole('listitem');
    expect(chips.map((chip) => chip.textContent)).toEqual(['Dog98%×', 'Rexyours×']);

    fireEvent.click(within(labels).getByRole('button', { name: 'Remove label Dog' }));
    expect(fake().bridge.labels.remove).toHaveBeenCalledWith(7, 'Dog');

    const input = within(labels).getByRole<HTMLInputElement>('textbox', { name: 'New label' });
    fireEvent.change(input, { target: { value: '  Beach ' } });
    fireEvent.click(within(labels).getByRole('button', { name: 'Add' }));
    expect(fake().bridge.labels.add).toHaveBeenCalledWith(7, 'Beach');
    await waitFor(() => expect(input.value).toBe(''));
  });

  it('offers Undo after a label is removed, which takes the removal back', async () => {
    const view = await openPhoto();
    const labels = within(view).getByRole('region', { name: 'Labels' });
    fireEvent.click(within(labels).getByRole('button', { name: 'Remove label Dog' }));
    await waitFor(() => expect(useUndo.getState().toast?.message).toBe('Removed the label “Dog”.'));
    await act(() => useUndo.getState().undo());
    expect(fake().bridge.labels.add).toHaveBeenCalledWith(7, 'Dog');
  });

  it('keeps what was typed and says why when a label is refused', async () => {
    fake().bridge.labels.add.mockResolvedValueOnce(
      fail('invalid-request', 'A label name is one line of text.'),
    );
    const view = await openPhoto();
    const input = within(view).getByRole<HTMLInputElement>('textbox', { name: 'New label' });
    fireEvent.change(input, { target: { value: 'Beach' } });
    fireEvent.submit(input.form!);
    expect((await within(view).findByRole('alert')).textContent).toBe(
      'A label name is one line of text.',
    );
    expect(input.value).toBe('Beach');
  });

  it('Delete moves the photo to the Trash, shows the next one and offers Undo', async () => {
    const next = photoDetail({ id: 8, filename: 'IMG_8.jpg' });
    fake().bridge.library.photo.mockImplementation(async (id: number) =>
      ok(id === 8 ? next : dogPhoto),
    );
    useLibrary.setState({
      total: 2,
      pages: { 0: [photoSummary({ id: 7 }), photoSummary({ id: 8 })] },
    });
    render(<DetailView />);
    act(() => useLibrary.getState().open(0));
    const view = await screen.findByRole('dialog', { name: 'IMG_7.jpg' });
    // Main answers the view without the trashed photo.
    fake().bridge.library.page.mockResolvedValue(
      ok({ total: 1, offset: 0, items: [photoSummary({ id: 8 })] }),
    );
    fireEvent.keyDown(view, { key: 'Delete' });
    expect(fake().bridge.photos.trash).toHaveBeenCalledWith({ ids: [7] });
    expect(fake().bridge.photos.delete).not.toHaveBeenCalled();
    expect(await screen.findByRole('dialog', { name: 'IMG_8.jpg' })).toBeTruthy();
    expect(useLibrary.getState().openIndex).toBe(0);

    expect(useUndo.getState().toast?.message).toBe('Moved 1 photo to the Trash.');
    await act(() => useUndo.getState().undo());
    expect(fake().bridge.photos.restore).toHaveBeenCalledWith({ ids: [7] });
  });

  it('on the desktop, shows the original in its folder; not in the browser, nor for a cloud-only photo', async () => {
    const view = await openPhoto();
    expect(within(view).queryByRole('button', { name: 'Show in folder' })).toBeNull();
    cleanupView();
    Object.assign(fake().bridge, { host: 'electron' });
    const desktop = await openPhoto();
    fireEvent.click(within(desktop).getByRole('button', { name: 'Show in folder' }));
    expect(fake().bridge.library.reveal).toHaveBeenCalledWith(7);
    cleanupView();
    const cloudOnly = await openPhoto(photoDetail({ ...dogPhoto, originalLocal: false }));
    expect(within(cloudOnly).queryByRole('button', { name: 'Show in folder' })).toBeNull();
  });

  it('keeps the focus in the view after the Move to Trash button went with the photo', async () => {
    const next = photoDetail({ id: 8, filename: 'IMG_8.jpg' });
    fake().bridge.library.photo.mockImplementation(async (id: number) =>
      ok(id === 8 ? next : dogPhoto),
    );
    useLibrary.setState({
      total: 2,
      pages: { 0: [photoSummary({ id: 7 }), photoSummary({ id: 8 })] },
    });
    render(<DetailView />);
    act(() => useLibrary.getState().open(0));
    const view = await screen.findByRole('dialog', { name: 'IMG_7.jpg' });
    fake().bridge.library.page.mockResolvedValue(
      ok({ total: 1, offset: 0, items: [photoSummary({ id: 8 })] }),
    );
    const button = within(view).getByRole('button', { name: 'Move to Trash' });
    button.focus();
    fireEvent.click(button);
    await screen.findByRole('dialog', { name: 'IMG_8.jpg' });
    // Escape (which the dialog handles) still reaches it: the focus did not fall to the page.
    await waitFor(() => expect(view.contains(document.activeElement)).toBe(true));
  });

  it('takes the focus back when it fell to the page, and Escape there still closes', async () => {
    const view = await openPhoto();
    (document.activeElement as HTMLElement | null)?.blur();
    expect(document.activeElement).toBe(document.body);
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(view);
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(useLibrary.getState().openIndex).toBeNull();
  });

  it('closes once the last photo of the view went to the Trash', async () => {
    const view = await openPhoto();
    fake().bridge.library.page.mockResolvedValue(ok({ total: 0, offset: 0, items: [] }));
    fireEvent.click(within(view).getByRole('button', { name: 'Move to Trash' }));
    await waitFor(() => expect(useLibrary.getState().openIndex).toBeNull());
  });

  it('marks a favorite with the heart or F', async () => {
    const view = await openPhoto();
    fireEvent.keyDown(view, { key: 'f' });
    expect(fake().bridge.photos.favorite).toHaveBeenCalledWith({ ids: [7] }, true);
    fireEvent.click(within(view).getByRole('button', { name: 'Favorite IMG_7.jpg' }));
    expect(fake().bridge.photos.favorite).toHaveBeenCalledTimes(2);
  });

  describe('in the Trash', () => {
    async function openTrashed() {
      useLibrary.setState({ scope: 'trash' });
      return openPhoto(photoDetail({ ...dogPhoto, trashedAt: Date.UTC(2026, 0, 1) }));
    }

    it('asks before deleting for good, saying it stays on no cloud; Cancel deletes nothing', async () => {
      const view = await openTrashed();
      fireEvent.click(within(view).getByRole('button', { name: 'Delete for good…' }));
      const confirm = screen.getByRole('alertdialog', { name: 'Delete 1 photo for good?' });
      // No backend is configured: nothing is said about a cloud.
      expect(confirm.textContent).toContain('This deletes it from this computer for good.');
      expect(confirm.textContent).not.toContain('cloud');
      fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
      expect(screen.queryByRole('alertdialog')).toBeNull();
      expect(fake().bridge.photos.delete).not.toHaveBeenCalled();
      expect(useLibrary.getState().openIndex).toBe(0);
    });

    it('Escape in the confirmation cancels it without closing the photo', async () => {
      const view = await openTrashed();
      fireEvent.keyDown(view, { key: 'Delete' });
      fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
      expect(screen.queryByRole('alertdialog')).toBeNull();
      expect(useLibrary.getState().openIndex).toBe(0);
      expect(fake().bridge.photos.delete).not.toHaveBeenCalled();
    });

    it('deletes for good once confirmed and closes when nothing is left', async () => {
      const view = await openTrashed();
      fireEvent.click(within(view).getByRole('button', { name: 'Delete for good…' }));
      fake().bridge.library.page.mockResolvedValue(ok({ total: 0, offset: 0, items: [] }));
      fireEvent.click(screen.getByRole('button', { name: 'Delete 1 photo' }));
      expect(fake().bridge.photos.delete).toHaveBeenCalledWith({ ids: [7] });
      await waitFor(() => expect(useLibrary.getState().openIndex).toBeNull());
    });

    it('restores the photo', async () => {
      const view = await openTrashed();
      fireEvent.click(within(view).getByRole('button', { name: 'Restore' }));
      expect(fake().bridge.photos.restore).toHaveBeenCalledWith({ ids: [7] });
    });
  });

  it('saves the description when the field is left, and says it was saved', async () => {
    const view = await openPhoto();
    const field = within(view).getByRole('textbox', { name: 'Description' });
    fireEvent.blur(field);
    expect(fake().bridge.photos.setDescription).not.toHaveBeenCalled(); // nothing changed

    fireEvent.change(field, { target: { value: 'Rex at the beach' } });
    fireEvent.keyDown(field, { key: 'Enter', ctrlKey: true });
    expect(fake().bridge.photos.setDescription).toHaveBeenCalledExactlyOnceWith(
      7,
      'Rex at the beach',
    );
    expect(await within(view).findByText('Saved')).toBeTruthy();
    fireEvent.blur(field);
    expect(fake().bridge.photos.setDescription).toHaveBeenCalledTimes(1); // already saved
  });

  it('says when the description could not be saved', async () => {
    fake().bridge.photos.setDescription.mockResolvedValueOnce(fail('internal', 'Disk is full.'));
    const view = await openPhoto();
    const field = within(view).getByRole('textbox', { name: 'Description' });
    fireEvent.change(field, { target: { value: 'x' } });
    fireEvent.blur(field);
    expect(await within(view).findByText('Couldn’t save: Disk is full.')).toBeTruthy();
  });

  it('arrow keys in a text field edit the text instead of moving to another photo', async () => {
    const view = await openPhoto();
    const field = within(view).getByRole('textbox', { name: 'Description' });
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(useLibrary.getState().openIndex).toBe(0);
    expect(document.activeElement).toBe(view);
  });

  it('shows a failed upload with its reason and retries that photo', async () => {
    const view = await openPhoto(
      photoDetail({ id: 7, cloud: 'failed', cloudError: 'S3 refused the upload (403).' }),
    );
    const cloud = within(view).getByRole('region', { name: 'Cloud' });
    expect(within(cloud).getByText('Upload failed')).toBeTruthy();
    expect(within(cloud).getByText('S3 refused the upload (403).')).toBeTruthy();
    fireEvent.click(within(cloud).getByRole('button', { name: 'Retry upload' }));
    expect(fake().bridge.cloud.resume).toHaveBeenCalledWith(7);
    await waitFor(() => expect(fake().bridge.library.photo).toHaveBeenCalledTimes(2));
  });

  it('pauses or cancels an upload under way', async () => {
    const view = await openPhoto(photoDetail({ id: 7, cloud: 'uploading' }));
    fireEvent.click(within(view).getByRole('button', { name: 'Pause upload' }));
    expect(fake().bridge.cloud.pause).toHaveBeenCalledWith(7);
    fireEvent.click(within(view).getByRole('button', { name: 'Cancel upload' }));
    expect(fake().bridge.cloud.cancel).toHaveBeenCalledWith(7);
  });

  it('notes an original kept only in the cloud, loading it from the same media path', async () => {
    const view = await openPhoto(photoDetail({ id: 7, originalLocal: false }));
    expect(within(view).getByText('Original is in the cloud — fetched when opened')).toBeTruthy();
    expect(within(view).getByRole('img').getAttribute('src')).toBe(
      `/media/view/${photoDetail({ id: 7 }).sha256}`,
    );
  });

  it('says why labelling failed and retries it', async () => {
    useAuth.getState().changed(signedInAuth);
    const view = await openPhoto(
      photoDetail({ id: 7, labelStatus: { state: 'failed', message: 'Rekognition throttled.' } }),
    );
    expect(
      within(view).getByText('Couldn’t label this photo: Rekognition throttled.'),
    ).toBeTruthy();
    fireEvent.click(within(view).getByRole('button', { name: 'Retry labelling' }));
    expect(fake().bridge.labels.retry).toHaveBeenCalledWith(7);
  });

  it('offers no retry of labelling once signed out, and says why', async () => {
    const view = await openPhoto(
      photoDetail({ id: 7, labelStatus: { state: 'failed', message: 'Rekognition throttled.' } }),
    );
    expect(within(view).queryByRole('button', { name: 'Retry labelling' })).toBeNull();
    expect(within(view).getByText('Sign in to try again.')).toBeTruthy();
  });

  it('says the labels are below the confidence slider instead of "No labels yet."', async () => {
    const view = await openPhoto(photoDetail({ id: 7, labels: [], labelsBelowConfidence: 4 }));
    expect(within(view).queryByText('No labels yet.')).toBeNull();
    expect(within(view).getByText(/No labels at this confidence \(4 are below it/)).toBeTruthy();
  });
});
