import { DatabaseSync } from 'node:sqlite';
import { migrations } from './migrations';
import { CodedError } from '../model/coded-error';

export class CatalogError extends CodedError<'catalog-too-new'> {
  constructor(message: string) {
    super('catalog-too-new', message);
  }
}

/** Opens (or creates) the catalog in WAL mode and runs the migrations it has not seen. */
export function openCatalog(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  const current = row.user_version;
  if (current > migrations.length) {
    db.close();
    throw new CatalogError(
      `This library was written by a newer Shoebox (schema ${current}, this build knows ${migrations.length}). Update Shoebox to open it.`,
    );
  }
  for (let version = current + 1; version <= migrations.length; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migrations[version - 1] ?? '');
      db.exec(`PRAGMA user_version = ${version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
