import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { ArgsError, parseWebHostArgs } from '../../../main/hosts/web/web-host-args';

describe('parseWebHostArgs', () => {
  it('reads the three flags and resolves paths', () => {
    expect(parseWebHostArgs(['--data-dir', 'lib', '--port', '8123', '--config', 'c.json'])).toEqual(
      {
        dataDir: resolve('lib'),
        port: 8123,
        configFile: resolve('c.json'),
      },
    );
  });

  it('defaults to a free port and no config', () => {
    const args = parseWebHostArgs([]);
    expect(args.port).toBe(0);
    expect(args.configFile).toBeNull();
    expect(args.dataDir).toMatch(/Shoebox$/);
  });

  it.each([
    [['--port', 'http'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be a whole number/],
    [['--colour', 'red'], /Unknown option '--colour'/],
    [['stray'], /positional/],
    [['--data-dir', ''], /--data-dir needs a folder/],
  ])('refuses %j with a message naming the problem', (argv, message) => {
    expect(() => parseWebHostArgs(argv)).toThrow(ArgsError);
    expect(() => parseWebHostArgs(argv)).toThrow(message);
  });
});
