// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import type { PhotoSummary } from '../../../contract/photos';
import { PhotoTile } from '../../../renderer/components/photo-tile';
import { formatDate } from '../../../renderer/format';
import { useAuth } from '../../../renderer/state/auth-store';
import { resetAllStores } from '../../../renderer/state/create-store';
import { useLibrary } from '../../../renderer/state/library-store';
import { fakeBridge, photoSummary } from './fake-bridge';

function showTile(photo: PhotoSummary) {
  useLibrary.setState({ total: 1, pages: { 0: [photo] } });
  render(<PhotoTile index={0} size={160} />);
  return screen.getByRole('gridcell');
}

const signIn = () =>
  useAuth.getState().changed({
    status: 'signed-in',
    nickname: 'Ana',
    email: null,
    connection: 'online',
    message: null,
    persistence: 'keychain',
    caveat: null,
  });

describe('<PhotoTile>', () => {
  beforeEach(() => {
    window.shoebox = fakeBridge().bridge;
  });
  afterEach(() => {
    cleanup();
    resetAllStores();
    delete window.shoebox;
  });

  it('describes the photo by its top labels and shows them as chips with confidence', () => {
    const photo = photoSummary({
      filename: 'IMG_1.jpg',
      cloud: 'cloud',
      topLabels: [
        { name: 'Dog', confidence: 98.2 },
        { name: 'Animal', confidence: 97.9 },
        { name: 'Pet', confidence: 90 },
      ],
    });
    const tile = showTile(photo);
    expect(screen.getByRole('img').getAttribute('alt')).toBe(
      `Dog, Animal, Pet — IMG_1.jpg, ${formatDate(photo.sortAt)}`,
    );
    const chips = tile.querySelectorAll('.tile-labels li');
    expect([...chips].map((chip) => chip.textContent)).toEqual([
      'Dog 98%',
      'Animal 98%',
      'Pet 90%',
    ]);
    // The state is said in words, not by colour alone.
    expect(tile.textContent).toContain('In the cloud');
  });

  it('names a failed upload in words', () => {
    const tile = showTile(photoSummary({ cloud: 'failed' }));
    expect(tile.querySelector('.cloud-badge.failed')?.textContent).toBe('Upload failed');
  });

  it('leaves the local badge off while nobody is signed in, and shows it once someone is', () => {
    const tile = showTile(photoSummary({ cloud: 'local' }));
    // Kept in the tile for the next photo it shows, but hidden.
    expect(tile.querySelector('.cloud-badge:not([hidden])')).toBeNull();
    expect(tile.querySelector('.tile-labels')).toBeNull();
    expect(screen.getByRole('img').getAttribute('alt')).toMatch(/^IMG_1\.jpg, /);
    act(signIn);
    expect(screen.getByText('Only on this computer').closest('[hidden]')).toBeNull();
  });
});
