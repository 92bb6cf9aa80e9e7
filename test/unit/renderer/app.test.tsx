// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, render, screen, fireEvent, within } from '@testing-library/react';
import { ok } from '../../../contract/result';
import { App } from '../../../renderer/components/app';
import { installFakeBridge } from './fake-bridge';

describe('<App> on an empty library', () => {
  const fake = installFakeBridge();

  it('invites a drop and opens the file picker', async () => {
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Your library is empty' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Choose photos…' }));
    expect(fake().bridge.importer.pick).toHaveBeenCalledWith('files');
  });

  it('shows the catalog notice from start-up until it is dismissed', async () => {
    const words =
      'The catalog /lib/catalog.sqlite was damaged (the file is empty); it is kept as x.';
    fake().bridge.app.catalogNotice.mockResolvedValue(ok({ notice: words }));
    render(<App />);
    const notice = (await screen.findByText(words, { exact: false })).closest('[role=status]');
    if (!(notice instanceof HTMLElement)) throw new Error('the notice is not a status');
    fireEvent.click(within(notice).getByRole('button', { name: 'OK' }));
    expect(screen.queryByText(words)).toBeNull();
  });

  it('shows what the full check finds while the window is open, without a reload', async () => {
    const words = 'The catalog /lib/catalog.sqlite is damaged (row 1 missing from index).';
    render(<App />);
    await screen.findByRole('heading', { name: 'Your library is empty' });
    expect(screen.queryByText(words, { exact: false })).toBeNull();
    act(() => fake().emit('catalog.notice', { notice: words }));
    const notice = screen.getByText(words, { exact: false }).closest('[role=status]');
    if (!(notice instanceof HTMLElement)) throw new Error('the notice is not a status');
    fireEvent.click(within(notice).getByRole('button', { name: 'OK' }));
    expect(screen.queryByText(words)).toBeNull();
  });

  it('shows import progress, announces failures and can cancel', async () => {
    render(<App />);
    await screen.findByRole('heading', { name: 'Your library is empty' });
    act(() =>
      fake().emit('import.progress', {
        jobId: 'job-1',
        state: 'importing',
        total: 10,
        done: 4,
        imported: 3,
        duplicates: 0,
        failed: 1,
        photosPerSecond: 12.5,
        newFailures: [
          { path: 'Trip/broken.jpg', reason: 'truncated', message: 'This image is damaged.' },
        ],
        newDuplicates: [],
      }),
    );
    const imports = screen.getByRole('region', { name: 'Imports' });
    expect(within(imports).getByText('Importing 4 of 10')).toBeTruthy();
    const bar = within(imports).getByRole('progressbar', {
      name: 'Import progress',
    }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([4, 10]);
    expect(within(imports).getByRole('status').textContent).toBe('1 file could not be imported.');
    expect(within(imports).getByText('Trip/broken.jpg')).toBeTruthy();
    expect(within(imports).getByText(/12.5 photos\/s/)).toBeTruthy();
    fireEvent.click(within(imports).getByRole('button', { name: 'Cancel' }));
    expect(fake().bridge.importer.cancel).toHaveBeenCalledWith('job-1');
  });

  it('searches as you type, says when nothing matches, and clears back to everything', async () => {
    render(<App />);
    await screen.findByRole('heading', { name: 'Your library is empty' });
    // The focus has the host read ahead what the first keys search for.
    expect(fake().bridge.library.prepareSearch).not.toHaveBeenCalled();
    fireEvent.focus(screen.getByRole('searchbox', { name: 'Search photos' }));
    expect(fake().bridge.library.prepareSearch).toHaveBeenCalledTimes(1);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search photos' }), {
      target: { value: 'dog' },
    });
    expect(await screen.findByRole('heading', { name: 'No photos match “dog”' })).toBeTruthy();
    expect(fake().bridge.library.page).toHaveBeenLastCalledWith(
      expect.objectContaining({ query: 'dog', offset: 0 }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(await screen.findByRole('heading', { name: 'Your library is empty' })).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('searchbox').value).toBe('');
  });
});
