// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../../contract/export';
import { ExportPanel } from '../../../renderer/components/export-panel';
import { useExports } from '../../../renderer/state/export-store';
import { installFakeBridge } from './fake-bridge';

const fake = installFakeBridge();

const finished: ExportProgress = {
  jobId: 'job-1',
  kind: 'folder',
  state: 'done',
  total: 3,
  done: 3,
  exported: 2,
  bytes: 2048,
  failures: [
    { photoId: 7, filename: 'IMG_7.jpg', code: 'offline', detail: 'connect ECONNREFUSED' },
  ],
  folder: '/home/me/Pictures/Export',
};

function panel() {
  return screen.getByRole('region', { name: 'Exports' });
}

/** The card's headline (also repeated for screen readers once the export ends). */
function headline() {
  return panel().querySelector('.import-head strong')?.textContent;
}

describe('<ExportPanel>', () => {
  it('starts from the selection and shows the export at once, then its progress', async () => {
    render(<ExportPanel />);
    await act(() => useExports.getState().start({ ids: [1, 2, 3] }, 3));

    expect(fake().bridge.exports.start).toHaveBeenCalledWith({ ids: [1, 2, 3] });
    expect(headline()).toBe('Exporting 3 originals… 0 of 3');
    fireEvent.click(within(panel()).getByRole('button', { name: 'Cancel' }));
    expect(fake().bridge.exports.cancel).toHaveBeenCalledWith('job-1');
  });

  it('names each photo that failed in words chosen from its code, and offers the folder', () => {
    fake().bridge.host = 'electron' as never;
    render(<ExportPanel />);
    act(() => useExports.getState().progress(finished));

    expect(headline()).toBe('Exported 2 of 3 originals to the folder');
    const failure = within(panel()).getByText('IMG_7.jpg').closest('li')!;
    expect(failure.textContent).toContain('could not be reached');
    expect(failure.textContent).not.toContain('ECONNREFUSED');
    fireEvent.click(within(panel()).getByRole('button', { name: 'Show in folder' }));
    expect(fake().bridge.exports.reveal).toHaveBeenCalledWith('job-1');
  });

  it('offers no folder to show in the browser host, whose export is a download', () => {
    render(<ExportPanel />);
    act(() => useExports.getState().progress({ ...finished, kind: 'zip', folder: null }));

    expect(within(panel()).queryByRole('button', { name: 'Show in folder' })).toBeNull();
    fireEvent.click(within(panel()).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('region', { name: 'Exports' })).toBeNull();
  });

  it('says one photo downloads as itself, and no zip is mentioned', async () => {
    fake().bridge.exports.start.mockResolvedValueOnce({
      ok: true,
      value: { jobId: 'job-2', kind: 'file', total: 1, download: '/export/job-2' },
    });
    render(<ExportPanel />);
    await act(() => useExports.getState().start({ ids: [4] }, 1));

    expect(headline()).toBe('Preparing the download of 1 photo…');
    act(() =>
      useExports.getState().progress({
        ...finished,
        jobId: 'job-2',
        kind: 'file',
        total: 1,
        done: 1,
        exported: 1,
        failures: [],
        folder: null,
      }),
    );
    expect(headline()).toBe('Exported 1 original as a download');
  });
});
