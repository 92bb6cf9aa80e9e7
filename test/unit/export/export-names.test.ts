import { describe, expect, it } from 'vitest';
import { NameClaims, numberedName, safeFileName } from '../../../main/export/export-names';

const sha = 'ab12cd34ef56'.padEnd(64, '0');

describe('safeFileName', () => {
  it('keeps an ordinary name as imported', () => {
    expect(safeFileName('IMG_0001.JPG', 'jpg', sha)).toBe('IMG_0001.JPG');
    expect(safeFileName('Été à Paris.heic', 'heic', sha)).toBe('Été à Paris.heic');
  });

  it('keeps only the last path part and replaces characters no desktop allows', () => {
    expect(safeFileName('../../etc/passwd.jpg', 'jpg', sha)).toBe('passwd.jpg');
    expect(safeFileName('a\\b\\c.png', 'png', sha)).toBe('c.png');
    expect(safeFileName('what?<is>:"this"|*.jpg', 'jpg', sha)).toBe('what__is___this___.jpg');
    expect(safeFileName('tab\there\u0000\u001f.jpg', 'jpg', sha)).toBe('tab_here__.jpg');
  });

  it('refuses hidden, trailing-dot and reserved Windows names', () => {
    expect(safeFileName('.hidden.jpg', 'jpg', sha)).toBe('hidden.jpg');
    expect(safeFileName('name.jpg. . ', 'jpg', sha)).toBe('name.jpg');
    expect(safeFileName('CON.jpg', 'jpg', sha)).toBe('_CON.jpg');
    expect(safeFileName('lpt1.tar.png', 'png', sha)).toBe('_lpt1.tar.png');
    expect(safeFileName('console.jpg', 'jpg', sha)).toBe('console.jpg');
  });

  it('names a photo whose name is empty by its hash, and adds a missing extension', () => {
    expect(safeFileName('', 'jpg', sha)).toBe('photo-ab12cd34ef56.jpg');
    expect(safeFileName('...', 'png', sha)).toBe('photo-ab12cd34ef56.png');
    expect(safeFileName('scan', 'TIFF', sha)).toBe('scan.tiff');
  });

  it('shortens long names to 240 UTF-8 bytes without splitting a character, keeping the extension', () => {
    const name = safeFileName(`${'é'.repeat(300)}.jpeg`, 'jpg', sha);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(240);
    expect(name.endsWith('é.jpeg')).toBe(true);
    expect(name).not.toContain('\uFFFD');
  });
});

describe('numbered names', () => {
  it('numbers before the extension', () => {
    expect(numberedName('IMG.jpg', 1)).toBe('IMG.jpg');
    expect(numberedName('IMG.jpg', 2)).toBe('IMG (2).jpg');
    expect(numberedName('README', 3)).toBe('README (3)');
  });

  it('hands out each name once inside a zip, ignoring case', () => {
    const claims = new NameClaims();
    expect(['a.jpg', 'A.JPG', 'a.jpg', 'a (2).jpg'].map((name) => claims.claim(name))).toEqual([
      'a.jpg',
      'A (2).JPG',
      'a (3).jpg',
      'a (2) (2).jpg',
    ]);
  });
});
