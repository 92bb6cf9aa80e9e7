import type { ExportFailureCode, ExportKind, ExportProgress } from '../../contract/export';
import { assertNever } from '../../contract/result';
import { plural } from '../format';

/** Why one photo was not exported, in words a person can act on. */
export function exportFailureWords(code: ExportFailureCode): string {
  switch (code) {
    case 'missing':
      return 'Its original is no longer in the library folder.';
    case 'changed':
      return 'Its original file has changed since it was imported, so it was not copied.';
    case 'offline':
      return 'Its original is only in your cloud, which could not be reached. Try again when online.';
    case 'signed-out':
      return 'Its original is only in your cloud. Sign in to export it.';
    case 'not-in-cloud':
      return 'Its original is not in your cloud any more.';
    case 'corrupt':
      return 'The cloud’s copy of its original is damaged, so it was not copied.';
    case 'write-failed':
      return 'The destination refused the file (full, read-only, or removed?).';
    default:
      return assertNever(code);
  }
}

/** The export's headline: where it stands. */
export function exportHeadline(progress: ExportProgress): string {
  const { state, total, done, exported } = progress;
  const what = whereTo(progress.kind);
  switch (state) {
    case 'running':
      return done === 0 && progress.kind !== 'folder'
        ? `Preparing the download of ${plural(total, 'photo')}…`
        : `Exporting ${plural(total, 'original')}… ${done} of ${total}`;
    case 'done':
      return exported === total
        ? `Exported ${plural(exported, 'original')} ${what}`
        : `Exported ${exported} of ${plural(total, 'original')} ${what}`;
    case 'cancelled':
      return `Export cancelled after ${plural(exported, 'original')}`;
    default:
      return assertNever(state);
  }
}

function whereTo(kind: ExportKind): string {
  switch (kind) {
    case 'folder':
      return 'to the folder';
    case 'zip':
      return 'into the zip';
    case 'file':
      return 'as a download';
    default:
      return assertNever(kind);
  }
}
