import { describe, expect, it } from 'vitest';
import { gridColumns, nextGridIndex } from '../../../renderer/state/grid-navigation';

describe('nextGridIndex', () => {
  // 10 tiles, 4 columns:  0 1 2 3 / 4 5 6 7 / 8 9
  const move = (key: string, index: number) => nextGridIndex(key, index, 4, 10, 2);

  it('moves by one across and by a row up and down', () => {
    expect(move('ArrowRight', 3)).toBe(4);
    expect(move('ArrowLeft', 4)).toBe(3);
    expect(move('ArrowDown', 1)).toBe(5);
    expect(move('ArrowUp', 5)).toBe(1);
  });

  it('stays put at the edges instead of wrapping or leaving the grid', () => {
    expect(move('ArrowLeft', 0)).toBe(0);
    expect(move('ArrowRight', 9)).toBe(9);
    expect(move('ArrowUp', 2)).toBe(2);
    expect(move('ArrowDown', 7)).toBe(7); // nothing below 7 in the last, short row
  });

  it('jumps with Home, End and a page of rows', () => {
    expect(move('Home', 6)).toBe(0);
    expect(move('End', 1)).toBe(9);
    expect(move('PageDown', 1)).toBe(9);
    expect(move('PageUp', 9)).toBe(1);
  });

  it('ignores other keys and empty grids', () => {
    expect(move('a', 3)).toBeNull();
    expect(nextGridIndex('ArrowRight', 0, 4, 0, 2)).toBeNull();
  });
});

describe('gridColumns', () => {
  it('fits as many tiles of the minimum size as the width allows, at least one', () => {
    expect(gridColumns(1000, 160, 4)).toBe(6);
    expect(gridColumns(100, 160, 4)).toBe(1);
    expect(gridColumns(0, 160, 4)).toBe(1);
  });
});
