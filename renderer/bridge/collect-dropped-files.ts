import type { DroppedItem } from './renderer-bridge';

export interface FileToSend {
  readonly file: File;
  /** Where the file sits relative to what was dropped, folder names included. */
  readonly path: string;
}

/** Expands dropped folders into their files, keeping each file's relative path. */
export async function collectDroppedFiles(items: readonly DroppedItem[]): Promise<FileToSend[]> {
  const out: FileToSend[] = [];
  for (const item of items) {
    if (item.entry?.isDirectory) await walk(item.entry as FileSystemDirectoryEntry, out);
    else if (item.entry?.isFile)
      out.push({
        file: await fileOf(item.entry as FileSystemFileEntry),
        path: trim(item.entry.fullPath),
      });
    else if (item.file) out.push({ file: item.file, path: item.file.name });
  }
  return out;
}

/** Files chosen with an `<input type=file>`, with or without `webkitdirectory`. */
export function collectPickedFiles(files: FileList): FileToSend[] {
  return [...files].map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}

async function walk(directory: FileSystemDirectoryEntry, out: FileToSend[]): Promise<void> {
  const reader = directory.createReader();
  // readEntries answers in batches (about 100 in Chromium) until it answers an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return;
    for (const entry of batch) {
      if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry, out);
      else
        out.push({ file: await fileOf(entry as FileSystemFileEntry), path: trim(entry.fullPath) });
    }
  }
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

function trim(fullPath: string): string {
  return fullPath.replace(/^\/+/, '');
}
