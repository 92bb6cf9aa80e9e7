import { describe, expect, it } from 'vitest';
import { gridColumns } from '../../../renderer/state/grid-navigation';

describe('gridColumns', () => {
  it('fits as many tiles of the minimum size as the width allows, at least one', () => {
    expect(gridColumns(1000, 160, 4)).toBe(6);
    expect(gridColumns(100, 160, 4)).toBe(1);
    expect(gridColumns(0, 160, 4)).toBe(1);
  });
});
