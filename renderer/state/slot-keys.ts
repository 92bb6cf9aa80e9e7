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

/** A line as placed: its element's key and kind; `idle`, kept hidden, its slot unused now. */
export interface PlacedLine<L, K extends string> {
  readonly line: L;
  readonly key: string;
  readonly kind: K;
  /**
   * No line on screen holds this slot now (fewer lines of its kind fit, e.g. a header came in):
   * its element stays, hidden, showing the last line it held, so the next line of its kind
   * refills it rather than mounting a new one.
   */
  readonly idle: boolean;
}

/**
 * The lines of a virtualized list keyed for recycling: each kind of line (headers, rows) has its
 * own slots, and a slot once used keeps its element (idle, hidden, while no line holds it), as a
 * hand-written grid keeps a fixed pool. While the list scrolls, the lines come back in a fixed
 * order of their keys, which is the order their elements keep in the DOM, so a recycled element
 * is refilled where it stands: following the lines' own order would make React move it to the
 * other end, and a move is a removal and an insertion (style and layout of the whole line again),
 * every frame. At rest they come back in their own order, idle ones last, so the DOM (what a
 * screen reader reads) is in the order shown.
 */
export class RecycledLines<
  K extends string,
  L extends { readonly index: number } = { readonly index: number },
> {
  private readonly pools = new Map<K, SlotKeys>();
  /** The last line each key held, and its kind. */
  private readonly last = new Map<string, { line: L; kind: K }>();

  place(lines: readonly L[], kindOf: (line: L) => K, scrolling: boolean): PlacedLine<L, K>[] {
    const byKind = new Map<K, L[]>();
    for (const line of lines) {
      const kind = kindOf(line);
      const ofKind = byKind.get(kind);
      if (ofKind) ofKind.push(line);
      else byKind.set(kind, [line]);
    }
    const keys = new Map<L, string>();
    for (const [kind, ofKind] of byKind) {
      let pool = this.pools.get(kind);
      if (!pool) this.pools.set(kind, (pool = new SlotKeys()));
      const slots = pool.assign(ofKind.map((line) => line.index));
      ofKind.forEach((line, n) => keys.set(line, `${kind}-${slots[n] ?? -1}`));
    }
    const placed = lines.map((line) => {
      const key = keys.get(line) ?? '';
      const kind = kindOf(line);
      this.last.set(key, { line, kind });
      return { line, key, kind, idle: false };
    });
    const used = new Set(keys.values());
    const idle: PlacedLine<L, K>[] = [];
    for (const [key, { line, kind }] of this.last) {
      // The element of an idle key shows the line it last held, of the same kind of list.
      if (!used.has(key)) idle.push({ line, key, kind, idle: true });
    }
    const all = [...placed, ...idle.sort(byKey)];
    return scrolling ? all.sort(byKey) : all;
  }
}

function byKey(a: { readonly key: string }, b: { readonly key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** What a virtualizer asks of a range extractor (TanStack Virtual's `Range`, the part used). */
interface VisibleRange {
  readonly startIndex: number;
  readonly endIndex: number;
  readonly overscan: number;
  readonly count: number;
}

/**
 * A range extractor that keeps the number of lines drawn steady: as many as were ever needed at
 * once (a hand-written grid's fixed pool), from `overscan` lines above the screen. The lines a
 * screen needs come and go by one as their edges cross the screen's, and each time one slot would
 * go idle and come back a frame later; drawn steadily, a scrolled line only takes the place of the
 * one that left. Counted afresh when the number of lines changes (another layout). A first screen
 * at the top (a start, a new search) draws only its overscan below: the pool's spare lines would
 * be more thumbnails to fetch before that screen is complete, and fill in as it scrolls.
 */
export function steadyRange(): (range: VisibleRange) => number[] {
  let most = 0;
  let lines = 0;
  return ({ startIndex, endIndex, overscan, count }) => {
    if (count !== lines) [most, lines] = [0, count];
    if (count === 0) return [];
    if (most === 0 && startIndex < overscan) {
      return indexes(0, Math.min(count - 1, endIndex + overscan));
    }
    most = Math.max(most, endIndex - startIndex + 1 + 2 * overscan);
    const last = Math.min(count - 1, Math.max(0, startIndex - overscan) + most - 1);
    return indexes(Math.max(0, last - most + 1), last);
  };
}

function indexes(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, n) => first + n);
}
