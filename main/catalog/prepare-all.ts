import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Prepares a repository's named statements once, keeping their names. */
export function prepareAll<K extends string>(
  db: DatabaseSync,
  sql: Record<K, string>,
): Record<K, StatementSync> {
  const prepared = {} as Record<K, StatementSync>;
  for (const name of Object.keys(sql) as K[]) prepared[name] = db.prepare(sql[name]);
  return prepared;
}
