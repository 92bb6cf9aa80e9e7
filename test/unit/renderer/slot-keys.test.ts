import { describe, expect, it } from 'vitest';
import { RecycledLines, SlotKeys, steadyRange } from '../../../renderer/state/slot-keys';

describe('SlotKeys', () => {
  it('keeps a line its slot while it stays on screen', () => {
    const slots = new SlotKeys();
    const first = slots.assign([10, 11, 12]);
    const next = slots.assign([11, 12, 13]);
    expect(next.slice(0, 2)).toEqual(first.slice(1));
  });

  it('gives a line scrolling in the slot of the one that scrolled out', () => {
    const slots = new SlotKeys();
    const [out] = slots.assign([10, 11, 12]);
    expect(slots.assign([11, 12, 13])[2]).toBe(out);
    // Backwards too.
    const [, , leaving] = slots.assign([11, 12, 13]);
    expect(slots.assign([10, 11, 12])[0]).toBe(leaving);
  });

  it('never gives two lines on screen one slot, and grows only as far as the most lines at once', () => {
    const slots = new SlotKeys();
    const seen = new Set<number>();
    for (let top = 0; top < 500; top += 3) {
      const count = 8 + (top % 5);
      const indexes = Array.from({ length: count }, (_, i) => top + i);
      const assigned = slots.assign(indexes);
      expect(new Set(assigned).size).toBe(count);
      assigned.forEach((slot) => seen.add(slot));
    }
    expect(Math.max(...seen)).toBeLessThan(12);
  });

  it('jumping far away reuses every slot', () => {
    const slots = new SlotKeys();
    const before = slots.assign([1, 2, 3, 4]);
    const after = slots.assign([9001, 9002, 9003, 9004]);
    expect([...after].sort()).toEqual([...before].sort());
  });
});

describe('RecycledLines', () => {
  const kindOf = (line: { index: number }) => (line.index % 5 === 0 ? 'header' : 'row');
  const linesFrom = (first: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({ index: first + i }));

  it('recycles headers as headers and rows as rows', () => {
    const recycled = new RecycledLines<'header' | 'row'>();
    for (const { line, key } of recycled.place(linesFrom(0, 12), kindOf, true)) {
      expect(key.startsWith(kindOf(line))).toBe(true);
    }
  });

  it('while scrolling, keeps the elements that stay in the same order, whichever way', () => {
    const recycled = new RecycledLines<'header' | 'row'>();
    let previous = recycled.place(linesFrom(0, 12), kindOf, true).map((placed) => placed.key);
    for (const first of [1, 2, 3, 4, 5, 6, 5, 4, 3, 40, 41]) {
      const keys = recycled.place(linesFrom(first, 12), kindOf, true).map((placed) => placed.key);
      const stayed = keys.filter((key) => previous.includes(key));
      expect(stayed).toEqual(previous.filter((key) => keys.includes(key)));
      expect(new Set(keys).size).toBe(keys.length);
      previous = keys;
    }
  });

  it('places every line given, once', () => {
    const recycled = new RecycledLines<'header' | 'row'>();
    const placed = recycled.place(linesFrom(7, 20), kindOf, true);
    expect(placed.map(({ line }) => line.index).sort((a, b) => a - b)).toEqual(
      linesFrom(7, 20).map((line) => line.index),
    );
  });

  it('at rest, gives the lines back in their own order, each with the key it had', () => {
    const recycled = new RecycledLines<'header' | 'row'>();
    recycled.place(linesFrom(0, 12), kindOf, true);
    const scrolled = recycled.place(linesFrom(3, 12), kindOf, true);
    const rest = recycled.place(linesFrom(3, 12), kindOf, false).filter(({ idle }) => !idle);
    expect(rest.map(({ line }) => line.index)).toEqual(linesFrom(3, 12).map((l) => l.index));
    const keyOf = new Map(scrolled.map(({ line, key }) => [line.index, key]));
    for (const { line, key } of rest) expect(key).toBe(keyOf.get(line.index));
  });
});

describe('RecycledLines, fewer lines of a kind than before', () => {
  const kindOf = (line: { index: number }) => (line.index % 5 === 0 ? 'header' : 'row');
  const linesFrom = (first: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({ index: first + i }));

  it('keeps the slots no line holds now, idle, showing their last line; idle last at rest', () => {
    const recycled = new RecycledLines<'header' | 'row'>();
    // Three headers (0, 5, 10), then two (5, 10): header 0's slot goes idle.
    const before = recycled.place(linesFrom(0, 12), kindOf, false);
    const after = recycled.place(linesFrom(3, 12), kindOf, false);
    const idle = after.filter((placed) => placed.idle);
    expect(idle.map(({ line, kind }) => [line.index, kind])).toEqual([[0, 'header']]);
    expect(idle[0]?.key).toBe(before.find(({ line }) => line.index === 0)?.key);
    expect(after.at(-1)?.idle).toBe(true);
    // Every key once, so React keeps every element.
    expect(new Set(after.map(({ key }) => key)).size).toBe(after.length);
  });

  it('refills an idle slot with the next line of its kind instead of making a new one', () => {
    const recycled = new RecycledLines<'header' | 'row'>();
    const keys = (placed: { key: string }[]) => new Set(placed.map(({ key }) => key));
    recycled.place(linesFrom(0, 12), kindOf, true);
    // Two headers and ten rows: a header's slot idle.
    const fewer = recycled.place(linesFrom(3, 12), kindOf, true);
    const idleKey = fewer.find(({ idle }) => idle)?.key;
    // Three headers again: the third takes the idle slot; the row slot no row needs goes idle.
    const more = recycled.place(linesFrom(15, 12), kindOf, true);
    expect(keys(more)).toEqual(keys(fewer));
    expect(more.find(({ key }) => key === idleKey)?.idle).toBe(false);
  });
});

describe('steadyRange', () => {
  const range = (startIndex: number, endIndex: number, count = 1000) => ({
    startIndex,
    endIndex,
    overscan: 2,
    count,
  });

  it('draws as many lines as were ever needed at once, from the overscan above the screen', () => {
    const extract = steadyRange();
    expect(extract(range(10, 15))).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    // The screen's edges now cross one line fewer: the same number of lines still.
    expect(extract(range(11, 15))).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
  });

  it('stays within the list at both ends', () => {
    const extract = steadyRange();
    extract(range(10, 15));
    expect(extract(range(0, 4))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(extract(range(996, 999))).toEqual([990, 991, 992, 993, 994, 995, 996, 997, 998, 999]);
    expect(extract(range(0, 2, 3))).toEqual([0, 1, 2]);
    expect(extract(range(0, 0, 0))).toEqual([]);
  });

  it('draws a first screen at the top with its overscan below only, then grows to the steady count', () => {
    const extract = steadyRange();
    expect(extract(range(0, 4))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(extract(range(1, 5))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(extract(range(2, 6))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(extract(range(3, 7))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('counts afresh for another number of lines', () => {
    const extract = steadyRange();
    extract(range(10, 30));
    expect(extract(range(10, 12, 500))).toHaveLength(7);
  });
});
