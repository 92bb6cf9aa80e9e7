// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { collectDroppedFiles } from '../../../renderer/bridge/collect-dropped-files';

/** A stand-in for the browser's entries: a file that reads or fails, a folder that lists or fails. */
type Node = { readonly name: string } & (
  { readonly bytes: string | null } | { readonly children: readonly Node[] | null }
);

function entry(node: Node, parent: string): FileSystemEntry {
  const fullPath = `${parent}/${node.name}`;
  const fail = (error?: (e: DOMException) => void) =>
    error?.(new DOMException('A requested file or directory could not be found.', 'NotFoundError'));
  if ('children' in node) {
    const { children } = node;
    let listed = false;
    return {
      isFile: false,
      isDirectory: true,
      name: node.name,
      fullPath,
      createReader: () => ({
        readEntries(
          success: (entries: FileSystemEntry[]) => void,
          error?: (e: DOMException) => void,
        ) {
          if (!children) return fail(error);
          // One batch, then the empty one that ends the listing, as Chromium answers.
          success(listed ? [] : children.map((child) => entry(child, fullPath)));
          listed = true;
        },
      }),
    } as unknown as FileSystemEntry;
  }
  const { bytes } = node;
  return {
    isFile: true,
    isDirectory: false,
    name: node.name,
    fullPath,
    file(success: (file: File) => void, error?: (e: DOMException) => void) {
      if (bytes === null) return fail(error);
      success(new File([bytes], node.name));
    },
  } as unknown as FileSystemEntry;
}

describe('collectDroppedFiles', () => {
  it('sends what it can read and names each item it could not, with the likely cause', async () => {
    const trip: Node = {
      name: 'Trip',
      children: [
        { name: 'a.jpg', bytes: 'a' },
        { name: 'deep.jpg', bytes: null },
        { name: 'sub', children: [{ name: 'b.jpg', bytes: 'b' }] },
        { name: 'too-deep', children: null },
      ],
    };

    const drop = await collectDroppedFiles([{ file: null, entry: entry(trip, '') }]);

    expect(drop.files.map((f) => f.path)).toEqual(['Trip/a.jpg', 'Trip/sub/b.jpg']);
    expect(drop.leftOut).toEqual([
      {
        path: 'Trip/deep.jpg',
        reason: 'unreadable',
        message: expect.stringMatching(
          /^The browser could not read this file: its path is probably longer than the system allows/,
        ),
      },
      {
        path: 'Trip/too-deep',
        reason: 'unreadable',
        message: expect.stringMatching(/^The browser could not read this folder: its path/),
      },
    ]);
  });

  it('keeps a plain dropped file as it is', async () => {
    const file = new File(['x'], 'one.jpg');
    const drop = await collectDroppedFiles([{ file, entry: null }]);
    expect(drop).toEqual({ files: [{ file, path: 'one.jpg' }], leftOut: [] });
  });
});
