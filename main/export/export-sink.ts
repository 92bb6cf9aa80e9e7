import type { ExportSource } from '../catalog/export-sources';

/** Where an export's originals go: a folder (desktop) or a zip stream (browser host). */
export interface ExportSink {
  /**
   * Writes one original (the local file `original`) byte for byte, after checking it hashes to
   * the photo's SHA-256; answers the bytes written. Throws ExportError for this photo alone.
   */
  put(photo: ExportSource, original: string, signal: AbortSignal): Promise<number>;
  /** Completes the output once every photo was tried. */
  finish(): Promise<void>;
}
