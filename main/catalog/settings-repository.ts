import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Small named values kept in the catalog (JSON text). */
export class SettingsRepository {
  private readonly getStatement: StatementSync;
  private readonly setStatement: StatementSync;
  private readonly deleteStatement: StatementSync;

  constructor(db: DatabaseSync) {
    this.getStatement = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.setStatement = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.deleteStatement = db.prepare('DELETE FROM settings WHERE key = ?');
  }

  get(key: string): string | null {
    return (this.getStatement.get(key) as { value: string } | undefined)?.value ?? null;
  }

  set(key: string, value: string): void {
    this.setStatement.run(key, value);
  }

  delete(key: string): void {
    this.deleteStatement.run(key);
  }
}
