import type { DatabaseSync } from 'node:sqlite';

/** The SQL function that answers 1 for a photo id in the set being walked, else 0. */
export const inMatch = 'shoebox_in_match';

/** Runs statements that call `shoebox_in_match(id)` with `bits` as the set it reads. */
export type WithMatch = <T>(bits: Uint8Array, work: () => T) => T;

const registered = new WeakMap<DatabaseSync, WithMatch>();
const empty = new Uint8Array(0);

/**
 * Registers `shoebox_in_match` on the connection (once, shared by every repository over it;
 * before any statement naming it is prepared) and answers how to run statements with a set in
 * place. A statement runs to its end inside `work`, so no other set can be in place meanwhile.
 */
export function matchFunction(db: DatabaseSync): WithMatch {
  const known = registered.get(db);
  if (known) return known;
  let current: Uint8Array = empty;
  db.function(inMatch, { deterministic: false, directOnly: true }, (id) =>
    typeof id === 'number' ? (current[id] ?? 0) : 0,
  );
  const withMatch: WithMatch = (bits, work) => {
    current = bits;
    try {
      return work();
    } finally {
      current = empty;
    }
  };
  registered.set(db, withMatch);
  return withMatch;
}
