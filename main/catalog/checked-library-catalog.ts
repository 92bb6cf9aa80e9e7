import type { DatabaseSync } from 'node:sqlite';
import { catalogOn, type Catalog } from './catalog';
import {
  checkCatalogAlongside,
  checkCatalogIntegrity,
  damageIn,
  type CheckFindings,
  type StartCheckProcess,
} from './catalog-checks';
import {
  backUpCatalog,
  backupDue,
  checkOpening,
  markForRecovery,
  openCheckedCatalog,
  rebuildSearch,
  recoverCatalog,
  searchIndexDamaged,
  type CheckedCatalog,
} from './checked-catalog';
import { openCatalog } from './open-catalog';
import { messageOf } from '../../contract/result';

/** The library's repositories over a checked catalog, and its backup (see openCheckedCatalog). */
export interface CheckedLibraryCatalog {
  /** The repositories; those of the recovered catalog once a damaged one has been replaced. */
  readonly catalog: Catalog;
  /**
   * Resolves once the catalog has passed SQLite's checks, or has been repaired or recovered:
   * until then nothing may write it, and its connection refuses writes (`PRAGMA query_only`).
   * Never rejects.
   */
  readonly writable: Promise<void>;
  /** null while the catalog is sound; otherwise what was done, in words (set by `writable`). */
  readonly notice: string | null;
  /** Where the damaged catalog was kept aside, if it was (set by `writable`). */
  readonly keptAside: string | null;
  backUp(): Promise<string | null>;
  backupDue(): boolean;
  /** SQLite's full check in a process of its own (checkCatalogIntegrity): null when sound. */
  checkFully(signal?: AbortSignal): Promise<string | null>;
  /** Marks the catalog for recovery at the next start; answers the words (markForRecovery). */
  markForRecovery(what: string): string;
}

/**
 * Opens the library's catalog (docs/reliability.md, "A damaged catalog"; docs/architecture.md,
 * "Start-up"). What shows at once (an empty or unreadable file, a schema to migrate) is dealt
 * with before the catalog is opened, as `openCheckedCatalog` does. Otherwise SQLite's checks,
 * whose cost grows with the library, run on a worker thread while the catalog is read: the
 * connection refuses writes until they pass. Should they find damage, the catalog is closed
 * without a write, kept aside and recovered; the repositories then read the recovered one.
 */
export function openCheckedLibraryCatalog(
  file: string,
  options: {
    readonly backupsDir: string;
    readonly hasFilesOnDisk: boolean;
    /** Runs SQLite's checks off this thread; checkCatalogAlongside by default. */
    readonly check?: (file: string) => Promise<CheckFindings>;
    /** Starts the full check's process; plain Node's (startNodeCheckProcess) by default. */
    readonly startCheckProcess?: StartCheckProcess;
  },
): CheckedLibraryCatalog {
  const opening = checkOpening(file, options.hasFilesOnDisk);
  if (opening.damage !== null || opening.isNew || opening.migrates) {
    return checkedAlready(file, openCheckedCatalog(file, options), options);
  }
  const db = openCatalog(file);
  db.exec('PRAGMA query_only = ON');
  let current: CheckedCatalog = { db, notice: null, keptAside: null, restoredFrom: null };
  let repositories = catalogOn(db);
  const settle = (findings: CheckFindings) => {
    const damage = findings.problems.length > 0 ? damageIn(findings.problems) : null;
    if (damage !== null) {
      repositories.close();
      current = recoverCatalog(file, options.backupsDir, damage);
      repositories = catalogOn(current.db);
      return;
    }
    db.exec('PRAGMA query_only = OFF');
    if (findings.searchDamaged) current = { ...current, notice: rebuildSearch(db) };
  };
  const writable = (options.check ?? checkCatalogAlongside)(file)
    // The worker could not run the checks (or they threw on the damage): run them here.
    .catch(() => checkHere(db))
    .then(settle);
  return {
    catalog: forwardingCatalog(() => repositories),
    writable,
    get notice() {
      return current.notice;
    },
    get keptAside() {
      return current.keptAside;
    },
    ...upkeep(file, options, () => current),
  };
}

/** Where the backups are kept and how the full check is run (openCheckedLibraryCatalog). */
interface UpkeepOptions {
  readonly backupsDir: string;
  readonly startCheckProcess?: StartCheckProcess;
}

function checkedAlready(
  file: string,
  checked: CheckedCatalog,
  options: UpkeepOptions,
): CheckedLibraryCatalog {
  return {
    catalog: catalogOn(checked.db),
    writable: Promise.resolve(),
    notice: checked.notice,
    keptAside: checked.keptAside,
    ...upkeep(file, options, () => checked),
  };
}

/** The backups and the full check of the catalog at `file`, opened as `checked()` answers. */
function upkeep(
  file: string,
  { backupsDir, startCheckProcess }: UpkeepOptions,
  checked: () => CheckedCatalog,
): Pick<CheckedLibraryCatalog, 'backUp' | 'backupDue' | 'checkFully' | 'markForRecovery'> {
  return {
    backUp: () => backUpCatalog(checked().db, backupsDir),
    backupDue: () => backupDue(backupsDir),
    checkFully: (signal) => checkCatalogIntegrity(file, signal, startCheckProcess),
    markForRecovery: (what) => markForRecovery(file, what, checked().restoredFrom),
  };
}

/** The checks on this thread, over the catalog's own (read-only until they pass) connection. */
function checkHere(db: DatabaseSync): CheckFindings {
  try {
    const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
    // FTS5's check is an INSERT command, refused while the connection is read-only.
    db.exec('PRAGMA query_only = OFF');
    try {
      return { problems, searchDamaged: searchIndexDamaged(db) };
    } finally {
      db.exec('PRAGMA query_only = ON');
    }
  } catch (error) {
    return { problems: [messageOf(error)], searchDamaged: false };
  }
}

/**
 * A catalog whose repositories are those `current()` answers at each call, so the services built
 * over it before the start-up check ended read the recovered catalog after it.
 */
function forwardingCatalog(current: () => Catalog): Catalog {
  const forward = (key: Exclude<keyof Catalog, 'close'>) =>
    new Proxy(
      {},
      {
        get(_, name) {
          const target = current()[key];
          const value: unknown = Reflect.get(target, name, target);
          if (typeof value !== 'function') return value;
          const method = value as (...args: unknown[]) => unknown;
          return method.bind(target);
        },
      },
    );
  const keys = Object.keys(current()).filter((key) => key !== 'close') as Exclude<
    keyof Catalog,
    'close'
  >[];
  return {
    ...(Object.fromEntries(keys.map((key) => [key, forward(key)])) as Omit<Catalog, 'close'>),
    close: () => current().close(),
  };
}
