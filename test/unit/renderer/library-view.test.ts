import { describe, expect, it } from 'vitest';
import {
  applyPage,
  isFiltered,
  noMatchText,
  pageRequest,
  type GridPages,
  type LibraryView,
} from '../../../renderer/state/library-view';
import { photoSummary } from './fake-bridge';

const everything: LibraryView = {
  sort: 'taken-desc',
  query: '',
  label: null,
  scope: 'library',
  album: null,
};
const dogs: LibraryView = { ...everything, query: 'dog' };

function state(view: LibraryView, generation: number, pages: Partial<GridPages> = {}) {
  return {
    ...view,
    generation,
    total: null,
    libraryTotal: null,
    pages: {},
    pageGenerations: {},
    pagesView: null,
    ...pages,
  };
}

const page = (generation: number, pageIndex: number, ids: number[], total = ids.length) => ({
  generation,
  page: pageIndex,
  value: { total, offset: 0, items: ids.map((id) => photoSummary({ id })) },
});

describe('applyPage', () => {
  it('keeps counting the whole library while a search narrows the grid', () => {
    const unfiltered = applyPage(state(everything, 1), page(1, 0, [1, 2, 3], 1234))!;
    expect(unfiltered.libraryTotal).toBe(1234);
    const searching = applyPage({ ...state(dogs, 2), ...unfiltered }, page(2, 0, [1], 12))!;
    expect(searching).toMatchObject({ total: 12, libraryTotal: 1234 });
  });

  it('drops an answer asked for in an earlier generation (a slow "do" after "dog")', () => {
    expect(applyPage(state(dogs, 5), page(4, 0, [1, 2]))).toBeNull();
  });

  it('replaces every page of the previous view with the first answer for the new one', () => {
    const before = state(everything, 1, {
      total: 500,
      pages: { 0: [photoSummary({ id: 1 })], 1: [photoSummary({ id: 2 })] },
      pageGenerations: { 0: 1, 1: 1 },
      pagesView: everything,
    });
    const after = applyPage({ ...before, ...dogs, generation: 2 }, page(2, 0, [7], 1))!;
    expect(Object.keys(after.pages)).toEqual(['0']);
    expect(after.pages[0]!.map((photo) => photo.id)).toEqual([7]);
    expect(after.total).toBe(1);
    expect(after.pagesView).toEqual(dogs);
  });

  it('keeps the other pages of the same view until their fresh copies arrive', () => {
    const before = state(dogs, 3, {
      total: 300,
      pages: { 0: [photoSummary({ id: 1 })], 1: [photoSummary({ id: 2 })] },
      pageGenerations: { 0: 2, 1: 2 },
      pagesView: dogs,
    });
    const after = applyPage(before, page(3, 0, [9], 300))!;
    expect(after.pages[1]!.map((photo) => photo.id)).toEqual([2]);
    expect(after.pageGenerations).toEqual({ 0: 3, 1: 2 });
  });
});

describe('pageRequest', () => {
  it('sends the search and the label only when there are some', () => {
    expect(pageRequest(everything, 0, 240)).toEqual({ sort: 'taken-desc', offset: 0, limit: 240 });
    expect(pageRequest({ ...dogs, label: 'Pet' }, 240, 240)).toEqual({
      sort: 'taken-desc',
      offset: 240,
      limit: 240,
      query: 'dog',
      label: 'Pet',
    });
  });
});

describe('noMatchText', () => {
  it('names what found nothing', () => {
    expect(noMatchText(dogs)).toBe('No photos match “dog”');
    expect(noMatchText({ ...everything, label: 'Cat' })).toBe('No photos are labelled “Cat”');
    expect(noMatchText({ ...dogs, label: 'Cat' })).toBe('No photos labelled “Cat” match “dog”');
    expect(isFiltered(everything)).toBe(false);
    expect(isFiltered({ ...everything, label: 'Cat' })).toBe(true);
  });
});
