import type { ExportFailure } from '../../contract/export';
import type { ExportSource } from '../catalog/export-sources';
import { exportFailureOf } from './export-error';
import type { ExportSink } from './export-sink';

/** What an export needs besides its photos and where they go. */
export interface ExportRunDeps {
  /**
   * The local file holding a photo's original: the library's copy, or, for a photo only in the
   * cloud, the original fetched first into the originals cache (OriginalFetchError otherwise).
   */
  readonly originalOf: (photo: ExportSource) => Promise<string>;
  readonly signal: AbortSignal;
  /** Told after each photo. */
  readonly onPhoto: (counts: ExportCounts) => void;
}

export interface ExportCounts {
  readonly done: number;
  readonly exported: number;
  readonly bytes: number;
  readonly failures: readonly ExportFailure[];
}

/**
 * Exports the originals one after another into `sink`. A photo that fails is noted, named, and
 * the rest go on; cancel stops after the photo in hand (its partial output removed by the
 * sink). Answers the counts and whether it was cancelled.
 */
export async function runExport(
  photos: readonly ExportSource[],
  sink: ExportSink,
  deps: ExportRunDeps,
): Promise<ExportCounts & { readonly cancelled: boolean }> {
  let done = 0;
  let exported = 0;
  let bytes = 0;
  const failures: ExportFailure[] = [];
  // A function, not the property: the signal changes while each photo is awaited.
  const cancelled = () => deps.signal.aborted;
  for (const photo of photos) {
    if (cancelled()) break;
    try {
      const original = await deps.originalOf(photo);
      bytes += await sink.put(photo, original, deps.signal);
      exported++;
    } catch (error) {
      if (cancelled()) break;
      failures.push({ photoId: photo.id, filename: photo.filename, ...exportFailureOf(error) });
    }
    done++;
    deps.onPhoto({ done, exported, bytes, failures });
  }
  if (!cancelled()) await sink.finish();
  return { done, exported, bytes, failures, cancelled: cancelled() };
}
