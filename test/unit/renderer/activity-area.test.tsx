// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { ok } from '../../../contract/result';
import { App } from '../../../renderer/components/app';
import { installFakeBridge, signedInAuth } from './fake-bridge';

describe('the activity area', () => {
  const fake = installFakeBridge();

  function importing() {
    fake().emit('import.progress', {
      jobId: 'job-1',
      state: 'importing',
      total: 10,
      done: 4,
      imported: 4,
      duplicates: 0,
      failed: 0,
      photosPerSecond: 3,
      newFailures: [],
      newDuplicates: [],
    });
  }

  it('holds import and labelling progress (labelled of total) and folds to one line', async () => {
    fake().bridge.auth.state.mockResolvedValue(ok(signedInAuth));
    fake().bridge.labels.list.mockResolvedValue(
      ok({ labels: [], progress: { labelled: 340, waiting: 650, failed: 10 } }),
    );
    render(<App />);
    const activity = await screen.findByRole('region', { name: 'Activity' });
    expect(within(activity).getByText('Labelling: 340 of 1,000 photos done')).toBeTruthy();
    const bar = within(activity).getByRole('progressbar', { name: 'Labelling progress' });
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['340', '1000']);
    act(importing);
    expect(within(activity).getByRole('region', { name: 'Imports' })).toBeTruthy();

    fireEvent.click(within(activity).getByRole('button', { name: 'Activity' }));

    expect(within(activity).queryByRole('region', { name: 'Imports' })).toBeNull();
    const folded = within(activity).getByRole('button', { expanded: false });
    expect(folded.textContent).toContain('Importing 4 of 10 · Labelling: 340 of 1,000 photos done');
  });

  it('says nothing of labelling when signed out, however many photos wait', async () => {
    fake().bridge.labels.list.mockResolvedValue(
      ok({ labels: [], progress: { labelled: 1, waiting: 5, failed: 0 } }),
    );
    render(<App />);
    await screen.findByRole('heading', { name: 'Your library is empty' });
    expect(screen.queryByRole('region', { name: 'Activity' })).toBeNull();
  });
});
