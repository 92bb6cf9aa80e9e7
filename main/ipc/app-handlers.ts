import { mapUrl } from '../../contract/map-link';
import type { Catalog } from '../catalog/catalog';
import type { ShoeboxConfig } from '../config/shoebox-config';
import type { CloudWork } from '../coordinator/cloud-work';
import type { JsonLog } from '../library/json-log';
import { AppError } from '../model/app-error';
import type { AppSettingsStore } from '../settings/app-settings-store';
import { diagnosticsText } from './diagnostics';
import type { HandlerTable } from './handler-table';

export interface AppHandlerDeps {
  readonly app: {
    readonly version: string;
    readonly host: 'electron' | 'web';
    readonly dataDir: string;
  };
  readonly photos: Pick<Catalog['photos'], 'count'>;
  readonly labels: Pick<Catalog['labels'], 'failures'>;
  readonly settings: Pick<AppSettingsStore, 'get'>;
  /** The backend config in use; null without one. */
  readonly cloud: () => ShoeboxConfig | null;
  readonly work: Pick<CloudWork, 'isSignedIn' | 'status'>;
  readonly log: Pick<JsonLog, 'recent'>;
  readonly now: () => number;
  /** What the catalog's checks found and what was done; null while it is sound. */
  readonly catalogNotice: () => string | null;
  /** Opens the system browser; absent where the page opens links itself (browser host). */
  readonly openBrowser?: (url: string) => Promise<void>;
}

/** What the app is, the map link, the "Copy diagnostics" text and the catalog's notice. */
export function appHandlers(
  deps: AppHandlerDeps,
): Pick<HandlerTable, 'app.info' | 'app.openMap' | 'app.diagnostics' | 'app.catalogNotice'> {
  const info = () => ({ ...deps.app, photoCount: deps.photos.count() });
  return {
    'app.info': async () => info(),
    'app.openMap': async ({ latitude, longitude }) => {
      if (!deps.openBrowser) {
        throw new AppError('not-supported', 'This host opens links in the page itself.');
      }
      await deps.openBrowser(mapUrl(latitude, longitude));
      return null;
    },
    'app.diagnostics': async () => ({
      text: diagnosticsText({
        info: info(),
        settings: deps.settings.get(),
        cloud: deps.cloud(),
        signedIn: deps.work.isSignedIn(),
        cloudStatus: deps.work.status(),
        labelFailures: deps.labels.failures(),
        recentLog: deps.log.recent(),
        now: deps.now(),
      }),
    }),
    'app.catalogNotice': async () => ({ notice: deps.catalogNotice() }),
  };
}
