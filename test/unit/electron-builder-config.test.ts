import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { schemeRedirectUri } from '../../main/config/redirect-uris';

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  protocols: { schemes: string[] }[];
  linux: { mimeTypes: string[] };
  electronFuses?: Record<string, boolean>;
}

describe('electron-builder.yml', () => {
  it('packages the built app, unpacks sharp, and registers the sign-in scheme', async () => {
    const config = parse(await readFile('electron-builder.yml', 'utf8')) as BuilderConfig;
    expect(config.files).toContain('out/**');
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['node_modules/sharp/**', 'node_modules/@img/**']),
    );
    const scheme = new URL(schemeRedirectUri).protocol.replace(':', '');
    expect(config.protocols.flatMap((p) => p.schemes)).toContain(scheme);
    expect(config.linux.mimeTypes).toContain(`x-scheme-handler/${scheme}`);
  });

  it('keeps the Electron fuses that stop a local process running code as the app', async () => {
    const config = parse(await readFile('electron-builder.yml', 'utf8')) as BuilderConfig;
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
