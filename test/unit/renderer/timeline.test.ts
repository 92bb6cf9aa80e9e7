import { describe, expect, it } from 'vitest';
import type { DayCount } from '../../../contract/photos';
import {
  autoGrouping,
  itemOf,
  nextTimelineIndex,
  scrubberMarks,
  sectionAt,
  sectionAtOffset,
  timelineLayout,
  timelineSections,
  yearStep,
} from '../../../renderer/state/timeline';

const day = (date: string, count: number, undated = 0): DayCount => ({ day: date, count, undated });
const noModifiers = { ctrlKey: false, metaKey: false };
const ctrl = { ctrlKey: true, metaKey: false };

// Newest first: 3 photos on 7 May 2024, 6 on 6 May, 2 on 30 Dec 2023.
const days = [day('2024-05-07', 3), day('2024-05-06', 6, 2), day('2023-12-30', 2)];

describe('timelineSections', () => {
  it('makes a section per day with the index of its first photo', () => {
    const sections = timelineSections({ basis: 'taken', days }, 'day');
    expect(sections.map((s) => [s.key, s.first, s.count, s.undated])).toEqual([
      ['2024-05-07', 0, 3, 0],
      ['2024-05-06', 3, 6, 2],
      ['2023-12-30', 9, 2, 0],
    ]);
    expect(sections[0]?.label).toMatch(/2024/);
    expect(sections[0]?.label).toMatch(/7/);
    expect(sections[0]?.year).toBe(2024);
  });

  it('merges days into months, and names sections by when added for that order', () => {
    const sections = timelineSections({ basis: 'added', days }, 'month');
    expect(sections.map((s) => [s.key, s.first, s.count, s.undated, s.year])).toEqual([
      ['2024-05', 0, 9, 2, 2024],
      ['2023-12', 9, 2, 0, 2023],
    ]);
    expect(sections[0]?.label).toMatch(/^Added .*2024/);
    expect(timelineSections({ basis: 'taken', days }, 'month')[0]?.label).not.toMatch(/Added/);
  });
});

describe('autoGrouping', () => {
  it('uses days when an average day fills a row, else months', () => {
    expect(autoGrouping(days, 3)).toBe('day'); // 11 photos over 3 days
    expect(autoGrouping(days, 4)).toBe('month');
    expect(autoGrouping([], 4)).toBe('month');
  });
});

describe('timelineLayout', () => {
  const sections = timelineSections({ basis: 'taken', days }, 'day');
  // 4 columns: header, [0 1 2] / header, [3 4 5 6], [7 8] / header, [9 10]
  const layout = timelineLayout(sections, 11, 4, 100, 30);

  it('starts each section on a new row under its header', () => {
    expect(layout.items).toEqual([
      { kind: 'header', section: 0 },
      { kind: 'row', section: 0, first: 0, count: 3 },
      { kind: 'header', section: 1 },
      { kind: 'row', section: 1, first: 3, count: 4 },
      { kind: 'row', section: 1, first: 7, count: 2 },
      { kind: 'header', section: 2 },
      { kind: 'row', section: 2, first: 9, count: 2 },
    ]);
    expect([...layout.offsets]).toEqual([0, 30, 130, 160, 260, 360, 390, 490]);
    expect([...layout.headerItems]).toEqual([0, 2, 5]);
  });

  it('finds the section and row of a photo and of a scroll offset', () => {
    expect([0, 2, 3, 8, 9, 10].map((index) => sectionAt(layout, index))).toEqual([
      0, 0, 1, 1, 2, 2,
    ]);
    expect([0, 3, 6, 7, 10].map((index) => itemOf(layout, index))).toEqual([1, 3, 3, 4, 6]);
    expect([0, 129, 130, 359, 360, 489].map((y) => sectionAtOffset(layout, y))).toEqual([
      0, 0, 1, 1, 2, 2,
    ]);
  });

  it('lays a view without sections out as plain rows', () => {
    const flat = timelineLayout([], 10, 4, 100, 30);
    expect(flat.items.map((item) => item.kind === 'row' && item.first)).toEqual([0, 4, 8]);
    expect(flat.offsets[3]).toBe(300);
    expect(sectionAt(flat, 5)).toBe(-1);
  });
});

describe('nextTimelineIndex', () => {
  const sections = timelineSections({ basis: 'taken', days }, 'day');
  const layout = timelineLayout(sections, 11, 4, 100, 30);
  const move = (key: string, index: number, modifiers = noModifiers) =>
    nextTimelineIndex(layout, key, index, 11, 2, modifiers);

  it('moves by the rows as drawn, keeping the column where the row is long enough', () => {
    expect(move('ArrowDown', 1)).toBe(4); // [0 1 2] → [3 4 5 6]
    expect(move('ArrowDown', 6)).toBe(8); // column 3 → the short row's last photo
    expect(move('ArrowUp', 4)).toBe(1);
    expect(move('ArrowUp', 6)).toBe(2); // the row above has 3 photos
    expect(move('ArrowDown', 9)).toBe(9); // nothing below
    expect(move('ArrowUp', 1)).toBe(1);
    expect(move('ArrowRight', 2)).toBe(3); // across a section's end
    expect(move('ArrowLeft', 0)).toBe(0);
  });

  it('jumps a page of rows, to the ends, and by section with Ctrl', () => {
    expect(move('PageDown', 0)).toBe(7);
    expect(move('PageUp', 10)).toBe(4);
    expect(move('Home', 6)).toBe(0);
    expect(move('End', 1)).toBe(10);
    expect(move('ArrowDown', 1, ctrl)).toBe(3);
    expect(move('ArrowDown', 9, ctrl)).toBe(10);
    expect(move('ArrowUp', 5, ctrl)).toBe(3); // to its own section's start first
    expect(move('ArrowUp', 3, ctrl)).toBe(0);
    expect(move('ArrowDown', 1, { ctrlKey: false, metaKey: true })).toBe(3);
  });

  it('moves in a plain grid as before, and ignores other keys and empty grids', () => {
    const flat = timelineLayout([], 10, 4, 100, 30);
    const flatMove = (key: string, index: number) =>
      nextTimelineIndex(flat, key, index, 10, 2, noModifiers);
    expect(flatMove('ArrowDown', 1)).toBe(5);
    expect(flatMove('ArrowUp', 5)).toBe(1);
    expect(flatMove('PageDown', 1)).toBe(9);
    expect(flatMove('a', 3)).toBeNull();
    expect(move('Home', 3, ctrl)).toBeNull();
    expect(nextTimelineIndex(flat, 'ArrowRight', 0, 0, 2, noModifiers)).toBeNull();
  });
});

describe('scrubber', () => {
  const sections = timelineSections(
    { basis: 'taken', days: [day('2024-05-07', 8), day('2024-01-02', 8), day('2023-12-30', 4)] },
    'day',
  );
  const layout = timelineLayout(sections, 20, 4, 100, 100);
  // items: h [4] [4] | h [4] [4] | h [4]  → 8 items of 100 px

  it('marks where each year starts, leaving out marks too close to the one above', () => {
    expect(scrubberMarks(layout, 0.1)).toEqual([
      { year: 2024, section: 0, at: 0 },
      { year: 2023, section: 2, at: 6 / 8 },
    ]);
    expect(scrubberMarks(layout, 0.8)).toEqual([{ year: 2024, section: 0, at: 0 }]);
  });

  it('steps by year for Page Up and Page Down', () => {
    expect(yearStep(sections, 0, 1)).toBe(2);
    expect(yearStep(sections, 2, 1)).toBe(2);
    expect(yearStep(sections, 1, -1)).toBe(0); // the start of its own year first
    expect(yearStep(sections, 2, -1)).toBe(0);
    expect(yearStep(sections, 0, -1)).toBe(0);
  });
});
