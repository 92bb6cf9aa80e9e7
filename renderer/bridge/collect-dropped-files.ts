import type { ImportFailure } from '../../contract/import';
import type { DroppedItem } from './renderer-bridge';

export interface FileToSend {
  readonly file: File;
  /** Where the file sits relative to what was dropped, folder names included. */
  readonly path: string;
}

/** What a drop holds: the files to send, and what the browser listed but could not read. */
export interface CollectedDrop {
  readonly files: FileToSend[];
  /** Reported with the import, like a file the host refused (docs/reliability.md). */
  readonly leftOut: ImportFailure[];
}

/**
 * Chromium lists an entry whose path is longer than the system allows, then fails to read it
 * (a folder, to list it); the page is told no more than that. Links inside a dropped folder it
 * never lists at all, so they cannot be reported from here (docs/reliability.md).
 */
const unreadableWords = (what: 'file' | 'folder') =>
  `The browser could not read this ${what}: its path is probably longer than the system allows ` +
  `(or it was moved meanwhile). Move it to a folder with a shorter path and import it from there.`;

/** Expands dropped folders into their files, keeping each file's relative path. */
export async function collectDroppedFiles(items: readonly DroppedItem[]): Promise<CollectedDrop> {
  const drop: CollectedDrop = { files: [], leftOut: [] };
  for (const item of items) {
    if (item.entry?.isDirectory || item.entry?.isFile) await collect(item.entry, drop);
    else if (item.file) drop.files.push({ file: item.file, path: item.file.name });
  }
  return drop;
}

/** Files chosen with an `<input type=file>`, with or without `webkitdirectory`. */
export function collectPickedFiles(files: FileList): CollectedDrop {
  return {
    files: [...files].map((file) => ({ file, path: file.webkitRelativePath || file.name })),
    leftOut: [],
  };
}

async function collect(entry: FileSystemEntry, drop: CollectedDrop): Promise<void> {
  const path = entry.fullPath.replace(/^\/+/, '');
  if (entry.isDirectory) {
    if (!(await walk(entry as FileSystemDirectoryEntry, drop))) {
      drop.leftOut.push({ path, reason: 'unreadable', message: unreadableWords('folder') });
    }
    return;
  }
  try {
    drop.files.push({ file: await fileOf(entry as FileSystemFileEntry), path });
  } catch {
    drop.leftOut.push({ path, reason: 'unreadable', message: unreadableWords('file') });
  }
}

/** Collects the folder's entries; answers false when it could not be listed. */
async function walk(directory: FileSystemDirectoryEntry, drop: CollectedDrop): Promise<boolean> {
  const reader = directory.createReader();
  // readEntries answers in batches (about 100 in Chromium) until it answers an empty one.
  for (;;) {
    let batch: FileSystemEntry[];
    try {
      batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
        reader.readEntries(resolve, reject),
      );
    } catch {
      return false;
    }
    if (batch.length === 0) return true;
    for (const entry of batch) await collect(entry, drop);
  }
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}
