// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ok } from '../../../contract/result';
import { App } from '../../../renderer/components/app';
import { resetAllStores } from '../../../renderer/state/create-store';
import { labelsRefreshMs } from '../../../renderer/state/labels-store';
import { fakeBridge, signedInAuth } from './fake-bridge';

describe('label sidebar', () => {
  let fake: ReturnType<typeof fakeBridge>;
  const lastPage = () => fake.bridge.library.page.mock.calls.at(-1)?.[0];

  beforeEach(() => {
    fake = fakeBridge();
    fake.bridge.labels.list.mockResolvedValue(
      ok({
        labels: [
          { name: 'Dog', count: 12 },
          { name: 'Beach', count: 3 },
        ],
        progress: { labelled: 15, waiting: 0, failed: 0 },
      }),
    );
    window.shoebox = fake.bridge;
  });
  afterEach(() => {
    cleanup();
    resetAllStores();
    vi.useRealTimers();
    delete window.shoebox;
  });

  it('lists labels with counts; a click filters the grid, a second click clears it', async () => {
    render(<App />);
    const sidebar = await screen.findByRole('navigation', { name: 'Labels' });
    const dog = within(sidebar).getByRole('button', { name: /^Dog,? ?12 ?photos$/ });
    expect(dog.getAttribute('aria-pressed')).toBe('false');

    fireEvent.click(dog);
    expect(lastPage()).toMatchObject({ label: 'Dog', offset: 0 });
    expect(dog.getAttribute('aria-pressed')).toBe('true');
    expect(within(sidebar).getByText('Dog', { selector: 'strong' })).toBeTruthy();
    // Nothing in the fake library carries it: the grid says so, naming the label.
    expect(
      await screen.findByRole('heading', { name: 'No photos are labelled “Dog”' }),
    ).toBeTruthy();

    fireEvent.click(dog);
    expect(lastPage()).not.toHaveProperty('label');
    expect(dog.getAttribute('aria-pressed')).toBe('false');
    expect(await screen.findByRole('heading', { name: 'Your library is empty' })).toBeTruthy();
  });

  it('reloads on library changes, a burst of them folded into two reloads', async () => {
    render(<App />);
    await screen.findByRole('navigation', { name: 'Labels' });
    expect(fake.bridge.labels.list).toHaveBeenCalledTimes(1);
    vi.useFakeTimers();
    act(() => {
      for (let i = 0; i < 5; i++) fake.emit('library.changed', { added: 1 });
    });
    expect(fake.bridge.labels.list).toHaveBeenCalledTimes(2);
    await act(() => vi.advanceTimersByTimeAsync(labelsRefreshMs));
    expect(fake.bridge.labels.list).toHaveBeenCalledTimes(3);
  });

  it('opens the “couldn’t label” list, retrying one photo or all of them', async () => {
    fake.bridge.labels.failures.mockResolvedValue(
      ok({
        items: [
          { id: 4, sha256: 'a'.repeat(64), filename: 'big.tif', reason: 'Too large', attempts: 3 },
          { id: 9, sha256: 'b'.repeat(64), filename: 'odd.png', reason: 'Throttled', attempts: 1 },
        ],
      }),
    );
    fake.bridge.auth.state.mockResolvedValue(ok(signedInAuth));
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Couldn’t label 2 photos…' }));
    const dialog = screen.getByRole('dialog', { name: 'Couldn’t label' });
    expect(within(dialog).getByText('Too large')).toBeTruthy();
    expect(within(dialog).getByText('Tried 3 times')).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Retry odd.png' }));
    expect(fake.bridge.labels.retry).toHaveBeenLastCalledWith(9);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Retry all' }));
    expect(fake.bridge.labels.retry).toHaveBeenLastCalledWith(undefined);
    await act(async () => undefined);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
