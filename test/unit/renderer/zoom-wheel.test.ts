import { describe, expect, it } from 'vitest';
import { wheelFactor } from '../../../renderer/components/zoom-image';

const pixels = 0;
const lines = 1;

describe('wheelFactor', () => {
  it('zooms a mouse notch one step, either way, however many pixels it says', () => {
    expect(wheelFactor({ deltaY: -100, deltaMode: pixels })).toBe(1.25);
    expect(wheelFactor({ deltaY: -240, deltaMode: pixels })).toBe(1.25);
    expect(wheelFactor({ deltaY: 120, deltaMode: pixels })).toBe(1 / 1.25);
    expect(wheelFactor({ deltaY: -3, deltaMode: lines })).toBe(1.25);
  });

  it('zooms a pinch by its own amount: the events of one multiply to e^(−Σ Δy / 100)', () => {
    const deltas = [-4, -7.5, -2, -6.5];
    const total = deltas.reduce(
      (scale, deltaY) => scale * wheelFactor({ deltaY, deltaMode: pixels }),
      1,
    );
    expect(total).toBeCloseTo(Math.exp(0.2), 10);
    expect(wheelFactor({ deltaY: 0, deltaMode: pixels })).toBe(1);
  });
});
