/**
 * Stable slots for the lines a virtualized list has on screen. A line keeps its slot while it
 * stays on screen; a line scrolling in takes the slot of one that scrolled out. Used as React
 * keys, this makes React refill the DOM of the line that left (as a hand-written recycling grid
 * does) instead of unmounting it and mounting a new one for every line scrolled.
 */
export class SlotKeys {
  private slotOf = new Map<number, number>();
  /** Slots no line holds now, lowest last. */
  private free: number[] = [];
  private size = 0;

  /** The slot of each of `indexes` (the lines on screen now, each once), in the same order. */
  assign(indexes: readonly number[]): number[] {
    const next = new Map<number, number>();
    for (const index of indexes) {
      const slot = this.slotOf.get(index);
      if (slot !== undefined) next.set(index, slot);
    }
    for (const [index, slot] of this.slotOf) if (!next.has(index)) this.free.push(slot);
    // Lowest first, so the pool stays as small as the most lines ever on screen at once.
    this.free.sort((a, b) => b - a);
    const slots = indexes.map((index) => {
      let slot = next.get(index);
      if (slot === undefined) {
        slot = this.free.pop() ?? this.size++;
        next.set(index, slot);
      }
      return slot;
    });
    this.slotOf = next;
    return slots;
  }
}

/**
 * The lines of a virtualized list keyed for recycling: each kind of line (headers, rows) has its
 * own slots. While the list scrolls, the lines come back in a fixed order of their keys, which is
 * the order their elements keep in the DOM, so a recycled element is refilled where it stands:
 * following the lines' own order would make React move it to the other end, and a move is a
 * removal and an insertion (style and layout of the whole line again), every frame. At rest they
 * come back in their own order, so the DOM (what a screen reader reads) is in the order shown.
 */
export class RecycledLines<K extends string> {
  private readonly pools = new Map<K, SlotKeys>();

  place<L extends { readonly index: number }>(
    lines: readonly L[],
    kindOf: (line: L) => K,
    scrolling: boolean,
  ): { readonly line: L; readonly key: string }[] {
    const keys = new Map<L, string>();
    const byKind = new Map<K, L[]>();
    for (const line of lines) {
      const kind = kindOf(line);
      const ofKind = byKind.get(kind);
      if (ofKind) ofKind.push(line);
      else byKind.set(kind, [line]);
    }
    for (const [kind, ofKind] of byKind) {
      let pool = this.pools.get(kind);
      if (!pool) this.pools.set(kind, (pool = new SlotKeys()));
      const slots = pool.assign(ofKind.map((line) => line.index));
      ofKind.forEach((line, n) => keys.set(line, `${kind}-${slots[n] ?? -1}`));
    }
    const placed = lines.map((line) => ({ line, key: keys.get(line) ?? '' }));
    return scrolling ? placed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) : placed;
  }
}
