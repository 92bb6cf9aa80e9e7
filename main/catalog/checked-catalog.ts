import {
  existsSync,
  renameSync,
  statSync,
  copyFileSync,
  readdirSync,
  mkdirSync,
  rmSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import * as sqlite from 'node:sqlite';
import { CatalogError, openCatalog } from './open-catalog';
import { damageIn, describeOpenError } from './catalog-checks';
import { migrations } from './migrations';
import { messageOf } from '../../contract/result';

/** The catalog opened, and what had to be done to open it, in words for the person. */
export interface CheckedCatalog {
  readonly db: DatabaseSync;
  /** null when the catalog was sound; otherwise what happened, naming the files. */
  readonly notice: string | null;
  /** Where the damaged catalog was kept aside, if it was. */
  readonly keptAside: string | null;
  /** The backup restored in its place, if one was. */
  readonly restoredFrom: string | null;
}

/** What the recovery words promise of the cloud (docs/reliability.md, "A damaged catalog"). */
const fromCloud =
  'If this library is kept in step with your cloud, its next sync brings back the names, descriptions, labels and albums kept there.';

/** Backups kept, newest first; older ones are removed. */
export const backupGenerations = 3;
/** A new backup is made at start when the newest is older than this. */
export const backupEveryMs = 24 * 60 * 60_000;

/**
 * Opens the catalog after checking it (docs/reliability.md, "A damaged catalog"). A catalog
 * that is empty, is not a database, or fails SQLite's quick check is renamed aside (never
 * overwritten or deleted) and replaced by the newest backup that passes the check, or by a new
 * catalog; the caller then adds back the photos on disk (reconcileLibrary). So is a catalog the
 * full check found damaged while the app ran (markForRecovery), whatever the quick check says
 * now. A damaged search index is rebuilt from the photos' rows, which it only mirrors.
 */
export function openCheckedCatalog(
  file: string,
  options: {
    readonly backupsDir: string;
    /** Whether the library folder holds photos: then an empty catalog is a lost one. */
    readonly hasFilesOnDisk: boolean;
  },
): CheckedCatalog {
  const damage = damageOf(file, options.hasFilesOnDisk);
  if (!damage) {
    rmSync(recoveryMarker(file), { force: true }); // a marker left beside no catalog
    const db = openCatalog(file);
    return { db, notice: rebuildSearchIfDamaged(db), keptAside: null, restoredFrom: null };
  }
  return recoverCatalog(file, options.backupsDir, damage);
}

/**
 * Keeps the damaged catalog aside and opens the newest sound backup in its place, or a new
 * catalog; the caller then adds back the photos on disk (reconcileLibrary).
 */
export function recoverCatalog(file: string, backupsDir: string, damage: string): CheckedCatalog {
  const keptAside = keepAside(file);
  const restored = restoreNewestBackup(file, backupsDir);
  // Only now: a crash before this point recovers again next start, keeping this catalog aside too.
  rmSync(recoveryMarker(file), { force: true });
  const db = openCatalog(file);
  const what = `The catalog ${file} was damaged (${damage}); it is kept as ${keptAside}.`;
  const notice = restored
    ? `${what} Shoebox restored the backup of ${restored.at.toISOString()} and added back the photos imported since from the library folder. ${fromCloud}`
    : `${what} There was no usable backup, so Shoebox started a new catalog and added back every photo in the library folder; labels, descriptions and albums made here were not recovered from this computer. ${fromCloud}`;
  return { db, notice, keptAside, restoredFrom: restored?.file ?? null };
}

/** The file beside the catalog that says the full check found it damaged while the app ran. */
function recoveryMarker(file: string): string {
  return `${file}.needs-recovery`;
}

/**
 * Records that the full check found the catalog damaged (`what`, from checkCatalogIntegrity), so
 * the next start recovers it; answers the words for the person. A catalog restored this run from
 * the backup `restoredFrom` holds that backup's pages: the backup is set aside too (kept, under a
 * name no restore reads), so the next start restores an older one instead of the same damage.
 */
export function markForRecovery(
  file: string,
  what: string,
  restoredFrom: string | null = null,
): string {
  const found = `The catalog ${file} is damaged (${what}). Shoebox made no backup of it, so the backups keep the last sound copy.`;
  try {
    writeFileSync(recoveryMarker(file), `${what}\n`);
  } catch (error) {
    return `${found} Shoebox could not note this for its next start (${messageOf(error)}), so it will not recover the catalog by itself.`;
  }
  const backup = restoredFrom === null ? '' : ` ${setBackupAside(restoredFrom)}`;
  return `${found}${backup} Quit and reopen Shoebox to recover: the damaged file is kept aside and the newest backup restored, with the photos imported since added back from the library folder.`;
}

/** Renames a damaged backup out of the generations restores read; answers the words. */
function setBackupAside(backup: string): string {
  const aside = backup.replace(/\.sqlite$/, '.damaged.sqlite');
  try {
    renameSync(backup, aside);
  } catch (error) {
    return `It was restored from the backup ${backup}, which Shoebox could not set aside (${messageOf(error)}).`;
  }
  return `It was restored from the backup ${backup}, which is damaged too: that backup is kept as ${aside} and will not be restored again.`;
}

/** Why the catalog cannot be used as it is, or null when it passes the quick check. */
function damageOf(file: string, hasFilesOnDisk: boolean): string | null {
  const opening = checkOpening(file, hasFilesOnDisk);
  if (opening.damage !== null || opening.isNew) return opening.damage;
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(file);
    const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    return damageIn(rows.map((row) => row.quick_check));
  } catch (error) {
    return describeOpenError(error);
  } finally {
    db?.close();
  }
}

/** What opening the catalog shows, before reading all of it (checkOpening). */
export interface OpeningCheck {
  /** The file is empty where it should not be, is not a database, or its schema is unreadable. */
  readonly damage: string | null;
  /** There is no catalog yet (or an empty file where no library was): nothing to check. */
  readonly isNew: boolean;
  /** Opening it would migrate it (a write) to this build's schema. */
  readonly migrates: boolean;
}

/** The catalog's state as far as it shows in milliseconds, whatever the library's size. */
export function checkOpening(file: string, hasFilesOnDisk: boolean): OpeningCheck {
  const sound = { damage: null, isNew: false, migrates: false };
  if (!existsSync(file)) return { ...sound, isNew: true };
  if (existsSync(recoveryMarker(file))) {
    const found = readFileSync(recoveryMarker(file), 'utf8').trim();
    return { ...sound, damage: `found while Shoebox ran: ${found}` };
  }
  if (statSync(file).size === 0) {
    // What SQLite makes of a new file before its first write: damage only where there was more.
    return hasFilesOnDisk || existsSync(`${file}-wal`)
      ? { ...sound, damage: 'the file is empty' }
      : { ...sound, isNew: true };
  }
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(file);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    const { user_version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    return { ...sound, migrates: user_version < migrations.length };
  } catch (error) {
    return { ...sound, damage: describeOpenError(error) };
  } finally {
    db?.close();
  }
}

/** Renames the catalog and its WAL and shared-memory files to a name not used before. */
function keepAside(file: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let aside = join(dirname(file), `catalog.damaged-${stamp}.sqlite`);
  for (let n = 2; existsSync(aside); n++) {
    aside = join(dirname(file), `catalog.damaged-${stamp}-${n}.sqlite`);
  }
  renameSync(file, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

/** Copies the newest sound backup into place; answers which, or null when there is none. */
function restoreNewestBackup(file: string, backupsDir: string): { file: string; at: Date } | null {
  for (const backup of listBackups(backupsDir)) {
    if (statSync(backup.file).size === 0 || damageOf(backup.file, false) !== null) continue;
    copyFileSync(backup.file, file);
    try {
      openCatalog(file).close(); // a backup from a newer Shoebox is no use here
      return backup;
    } catch (error) {
      rmSync(file, { force: true });
      if (!(error instanceof CatalogError)) throw error;
    }
  }
  return null;
}

function listBackups(backupsDir: string): { file: string; at: Date }[] {
  let names: string[];
  try {
    names = readdirSync(backupsDir);
  } catch {
    return [];
  }
  return names
    .filter((name) => /^catalog-\d+\.sqlite$/.test(name))
    .map((name) => ({ file: join(backupsDir, name), at: new Date(Number(name.slice(8, -7))) }))
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** Rebuilds the full-text index when FTS5's own check fails; answers a notice if it did. */
function rebuildSearchIfDamaged(db: DatabaseSync): string | null {
  return searchIndexDamaged(db) ? rebuildSearch(db) : null;
}

/** Whether the full-text index fails FTS5's own check (an INSERT command that writes nothing). */
export function searchIndexDamaged(db: DatabaseSync): boolean {
  try {
    db.exec(`INSERT INTO photos_fts (photos_fts, rank) VALUES ('integrity-check', 1)`);
    return false;
  } catch {
    return true;
  }
}

/** Rebuilds the full-text index from the photos' rows, which it only mirrors; answers the notice. */
export function rebuildSearch(db: DatabaseSync): string {
  db.exec(`INSERT INTO photos_fts (photos_fts) VALUES ('rebuild')`);
  return 'The search index was damaged; Shoebox rebuilt it from the catalog. Nothing was lost.';
}

/**
 * Backs the catalog up with SQLite's online backup when the newest backup is older than a day,
 * keeping the newest few. Answers the backup's path, or null when none was due.
 */
export async function backUpCatalog(
  db: DatabaseSync,
  backupsDir: string,
  now: number = Date.now(),
): Promise<string | null> {
  if (!backupDue(backupsDir, now)) return null;
  mkdirSync(backupsDir, { recursive: true });
  const target = join(backupsDir, `catalog-${now}.sqlite`);
  const temporary = join(backupsDir, `.${basename(target)}.partial`);
  await sqlite.backup(db, temporary);
  renameSync(temporary, target);
  for (const old of listBackups(backupsDir).slice(backupGenerations))
    rmSync(old.file, { force: true });
  return target;
}

/** Whether backUpCatalog would make a backup now: the newest is older than a day. */
export function backupDue(backupsDir: string, now: number = Date.now()): boolean {
  if (typeof sqlite.backup !== 'function') return false; // an older Node without it
  const newest = listBackups(backupsDir)[0];
  return !newest || now - newest.at.getTime() >= backupEveryMs;
}
