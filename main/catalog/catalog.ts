import type { DatabaseSync } from 'node:sqlite';
import { AlbumRepository } from './album-repository';
import { CloudCatalog } from './cloud-catalog';
import { CloudDeletionQueue } from './cloud-deletion-queue';
import { ExportSources } from './export-sources';
import { LabelJobRepository } from './label-job-repository';
import { LabelRepository } from './label-repository';
import { LastIdentity } from './last-identity';
import { openCatalog } from './open-catalog';
import { PhotoMetaSource } from './photo-meta-source';
import { PhotoRemoval } from './photo-removal';
import { PhotoRepository } from './photo-repository';
import { SettingsRepository } from './settings-repository';
import { SqlitePartLedger } from './sqlite-part-ledger';
import { UploadJobRepository } from './upload-jobs';
import { RemoteMetaIndex } from './remote-meta-index';
import { OrganiseRepository } from './organise-repository';

/**
 * Every repository over one library's catalog, built once. The rest of main/ never sees the
 * database: each part asks for the repositories it uses (`Pick<Catalog, …>`), so what a module
 * may read or write is visible in its dependencies (docs/architecture.md, "The catalog").
 */
export interface Catalog {
  readonly photos: PhotoRepository;
  readonly settings: SettingsRepository;
  readonly labels: LabelRepository;
  readonly labelJobs: LabelJobRepository;
  readonly uploadJobs: UploadJobRepository;
  readonly partLedger: SqlitePartLedger;
  readonly cloud: CloudCatalog;
  readonly deletionQueue: CloudDeletionQueue;
  readonly remoteMeta: RemoteMetaIndex;
  readonly photoMeta: PhotoMetaSource;
  readonly removal: PhotoRemoval;
  readonly lastIdentity: LastIdentity;
  /** The Trash and favorites. */
  readonly organise: OrganiseRepository;
  readonly albums: AlbumRepository;
  /** What an export of originals reads. */
  readonly exportSources: ExportSources;
  close(): void;
}

/** Opens (or creates and migrates) the catalog file and builds its repositories. */
export function openLibraryCatalog(file: string): Catalog {
  return catalogOn(openCatalog(file));
}

/** The repositories over an open database (tests open `:memory:` ones). */
export function catalogOn(db: DatabaseSync): Catalog {
  const settings = new SettingsRepository(db);
  return {
    photos: new PhotoRepository(db),
    settings,
    labels: new LabelRepository(db),
    labelJobs: new LabelJobRepository(db),
    uploadJobs: new UploadJobRepository(db),
    partLedger: new SqlitePartLedger(db),
    cloud: new CloudCatalog(db),
    deletionQueue: new CloudDeletionQueue(db),
    remoteMeta: new RemoteMetaIndex(db),
    photoMeta: new PhotoMetaSource(db),
    removal: new PhotoRemoval(db),
    lastIdentity: new LastIdentity(settings),
    organise: new OrganiseRepository(db),
    albums: new AlbumRepository(db),
    exportSources: new ExportSources(db),
    close: () => db.close(),
  };
}
