import type { PhotoTargets, ViewFilter } from '../../contract/photos';

/** The photos of a view, in its order (PhotoRepository.viewIds). */
export type ViewIds = (view: ViewFilter) => Int32Array;

/** The ids a bulk action acts on: the ones named, or the view's photos but the excepted ones. */
export function resolveTargets(targets: PhotoTargets, viewIds: ViewIds): number[] {
  if ('ids' in targets) return [...new Set(targets.ids)];
  const except = new Set(targets.except);
  const ids: number[] = [];
  for (const id of viewIds(targets.view)) if (!except.has(id)) ids.push(id);
  return ids;
}
