// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PhotoPage } from '../../../contract/photos';
import { ok, type Result } from '../../../contract/result';
import { resetAllStores } from '../../../renderer/state/create-store';
import { searchDelayMs, useLibrary } from '../../../renderer/state/library-store';
import { fakeBridge, photoSummary } from './fake-bridge';

/** A page answer the test releases when it chooses, to play answers out of order. */
function deferred() {
  let resolve!: (value: Result<PhotoPage>) => void;
  const promise = new Promise<Result<PhotoPage>>((done) => (resolve = done));
  return { promise, resolve };
}

const answer = (...ids: number[]) =>
  ok({ total: ids.length, offset: 0, items: ids.map((id) => photoSummary({ id })) });
const shownIds = () => useLibrary.getState().pages[0]?.map((photo) => photo.id);
const lastRequest = (fake: ReturnType<typeof fakeBridge>) =>
  fake.bridge.library.page.mock.calls.at(-1)?.[0];

describe('library store: search and label filter', () => {
  let fake: ReturnType<typeof fakeBridge>;

  beforeEach(() => {
    vi.useFakeTimers();
    fake = fakeBridge();
    window.shoebox = fake.bridge;
  });
  afterEach(() => {
    resetAllStores();
    vi.useRealTimers();
    delete window.shoebox;
  });

  it('waits for typing to pause, then asks once for what was typed', async () => {
    const { typeSearch } = useLibrary.getState();
    typeSearch('d');
    typeSearch('do');
    typeSearch('dog ');
    expect(useLibrary.getState().searchText).toBe('dog ');
    expect(fake.bridge.library.page).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(searchDelayMs);
    expect(fake.bridge.library.page).toHaveBeenCalledTimes(1);
    expect(lastRequest(fake)).toMatchObject({ query: 'dog', offset: 0 });
  });

  it('never lets a slow answer to an older search overwrite a newer one', async () => {
    const slow = deferred();
    const fast = deferred();
    fake.bridge.library.page.mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise);
    const { typeSearch } = useLibrary.getState();
    typeSearch('do');
    await vi.advanceTimersByTimeAsync(searchDelayMs);
    typeSearch('dog');
    await vi.advanceTimersByTimeAsync(searchDelayMs);

    fast.resolve(answer(3));
    await vi.waitFor(() => expect(shownIds()).toEqual([3]));
    slow.resolve(answer(1, 2, 3, 4));
    await vi.advanceTimersByTimeAsync(0);
    expect(shownIds()).toEqual([3]);
    expect(useLibrary.getState().total).toBe(1);
    expect(useLibrary.getState().pagesView).toMatchObject({ query: 'dog' });
  });

  it('filters by a label, and the same label again shows everything', async () => {
    const { toggleLabel } = useLibrary.getState();
    toggleLabel('Dog');
    expect(useLibrary.getState().label).toBe('Dog');
    expect(lastRequest(fake)).toMatchObject({ label: 'Dog' });
    toggleLabel('Dog');
    expect(useLibrary.getState().label).toBeNull();
    expect(lastRequest(fake)).not.toHaveProperty('label');
  });

  it('clears the search and the label at once, without waiting', async () => {
    const { typeSearch, setLabel, clearFilters } = useLibrary.getState();
    setLabel('Cat');
    typeSearch('grass');
    await vi.advanceTimersByTimeAsync(searchDelayMs);
    expect(lastRequest(fake)).toMatchObject({ query: 'grass', label: 'Cat' });
    const before = fake.bridge.library.page.mock.calls.length;
    typeSearch('grassy');
    clearFilters();
    expect(useLibrary.getState().searchText).toBe('');
    expect(lastRequest(fake)).toEqual({ sort: 'taken-desc', offset: 0, limit: 240 });
    await vi.advanceTimersByTimeAsync(searchDelayMs * 2);
    // The pending "grassy" was dropped: one request (the cleared view), not two.
    expect(fake.bridge.library.page.mock.calls.length).toBe(before + 1);
  });
});
