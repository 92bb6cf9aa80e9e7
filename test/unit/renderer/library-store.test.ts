// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PhotoPage } from '../../../contract/photos';
import { ok, type Result } from '../../../contract/result';
import { resetAllStores } from '../../../renderer/state/create-store';
import { useLibrary } from '../../../renderer/state/library-store';
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

  it('searches at once; keys typed while it is answered fold into one search for the newest', async () => {
    const first = deferred();
    fake.bridge.library.page.mockReturnValueOnce(first.promise);
    const { typeSearch } = useLibrary.getState();
    typeSearch('d');
    expect(fake.bridge.library.page).toHaveBeenCalledTimes(1);
    expect(lastRequest(fake)).toMatchObject({ query: 'd', offset: 0 });
    typeSearch('do');
    typeSearch('dog ');
    expect(useLibrary.getState().searchText).toBe('dog ');
    // One search in flight: nothing more is asked until "d" is answered.
    expect(fake.bridge.library.page).toHaveBeenCalledTimes(1);

    first.resolve(answer(1, 2, 3));
    await vi.waitFor(() => expect(fake.bridge.library.page).toHaveBeenCalledTimes(2));
    expect(lastRequest(fake)).toMatchObject({ query: 'dog', offset: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.bridge.library.page).toHaveBeenCalledTimes(2); // "do" was never asked
  });

  it('never lets a slow answer to an older view overwrite a newer one', async () => {
    const slow = deferred();
    const fast = deferred();
    fake.bridge.library.page.mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise);
    const { typeSearch, setSort } = useLibrary.getState();
    typeSearch('dog');
    setSort('taken-asc');

    fast.resolve(answer(3));
    await vi.waitFor(() => expect(shownIds()).toEqual([3]));
    slow.resolve(answer(1, 2, 3, 4));
    await vi.advanceTimersByTimeAsync(0);
    expect(shownIds()).toEqual([3]);
    expect(useLibrary.getState().total).toBe(1);
    expect(useLibrary.getState().pagesView).toMatchObject({ query: 'dog', sort: 'taken-asc' });
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
    const grass = deferred();
    const { typeSearch, setLabel, clearFilters } = useLibrary.getState();
    setLabel('Cat');
    fake.bridge.library.page.mockReturnValueOnce(grass.promise);
    typeSearch('grass');
    expect(lastRequest(fake)).toMatchObject({ query: 'grass', label: 'Cat' });
    const before = fake.bridge.library.page.mock.calls.length;
    typeSearch('grassy'); // waits for "grass" to be answered
    clearFilters();
    expect(useLibrary.getState().searchText).toBe('');
    expect(lastRequest(fake)).toEqual({ sort: 'taken-desc', offset: 0, limit: 240 });
    grass.resolve(answer(1));
    await vi.advanceTimersByTimeAsync(1000);
    // The waiting "grassy" was dropped: one request (the cleared view), not two.
    expect(fake.bridge.library.page.mock.calls.length).toBe(before + 1);
    expect(useLibrary.getState().pagesView).toMatchObject({ query: '', label: null });
  });
});
