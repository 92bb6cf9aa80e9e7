import type { PhotoDetail } from '../../contract/photos';
import type { Catalog } from '../catalog/catalog';
import type { HandlerTable } from './handler-table';

export interface LabelHandlerDeps {
  readonly labels: Catalog['labels'];
  /** Puts one failed photo, or all of them, back in the label queue; answers how many. */
  readonly retry: (id?: number) => number;
  readonly minConfidence: () => number;
  readonly now: () => number;
  /** The photo as the detail view shows it; throws not-found. */
  readonly photo: (id: number) => PhotoDetail;
  /** Told after a correction: it must reach the screen and the cloud. */
  readonly corrected: () => void;
}

/** The most labels the sidebar lists. */
const sidebarLabels = 200;

/** The label sidebar, corrections and the "couldn't label" list. */
export function labelHandlers(
  deps: LabelHandlerDeps,
): Pick<
  HandlerTable,
  'labels.list' | 'labels.add' | 'labels.remove' | 'labels.failures' | 'labels.retry'
> {
  return {
    'labels.list': async () => ({
      labels: deps.labels.counts(deps.minConfidence(), sidebarLabels),
      progress: deps.labels.progress(),
    }),
    'labels.add': async ({ id, name }) => {
      deps.labels.addLabel(id, name, deps.now());
      deps.corrected();
      return deps.photo(id);
    },
    'labels.remove': async ({ id, name }) => {
      deps.labels.removeLabel(id, name, deps.now());
      deps.corrected();
      return deps.photo(id);
    },
    'labels.failures': async () => ({ items: deps.labels.failures() }),
    'labels.retry': async ({ id }) => ({ requeued: deps.retry(id) }),
  };
}
