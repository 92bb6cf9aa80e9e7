import { describe, expect, it } from 'vitest';
import { libraryHandlers, type LibraryHandlerDeps } from '../../../main/ipc/library-handlers';
import { libraryPaths, originalFile } from '../../../main/library/library-paths';
import { photoDetail } from '../renderer/fake-bridge';

describe("library.reveal: 'Show in folder' for one photo", () => {
  const paths = libraryPaths('/library');
  const photo = photoDetail({ id: 3, sha256: 'ab'.repeat(32), format: 'jpg' });
  const handlers = (deps: Partial<LibraryHandlerDeps>) =>
    libraryHandlers({
      photos: {} as LibraryHandlerDeps['photos'],
      paths,
      minConfidence: () => 0,
      photo: () => photo,
      viewIds: () => new Int32Array(),
      ...deps,
    });

  it("shows the original's own file in the library", async () => {
    const shown: string[] = [];
    const answer = await handlers({ revealFile: (file) => shown.push(file) })['library.reveal']({
      id: 3,
    });
    expect(answer).toEqual({ revealed: true });
    expect(shown).toEqual([originalFile(paths, photo.sha256, 'jpg')]);
  });

  it('says no where the host has no file manager (the browser host)', async () => {
    expect(await handlers({})['library.reveal']({ id: 3 })).toEqual({ revealed: false });
  });

  it('says no for a photo whose original is only in the cloud', async () => {
    const shown: string[] = [];
    const answer = await handlers({
      photo: () => ({ ...photo, originalLocal: false }),
      revealFile: (file) => shown.push(file),
    })['library.reveal']({ id: 3 });
    expect(answer).toEqual({ revealed: false });
    expect(shown).toEqual([]);
  });
});
