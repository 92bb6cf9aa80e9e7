/**
 * The browser host (`npm run start:web`): the whole app served to a browser on 127.0.0.1.
 * Prints `SHOEBOX_URL=<url>` when ready. How it keeps that address to this user: docs/security.md,
 * "The browser host".
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { EventName, EventPayloads } from '../../../contract/channels';
import { messageOf } from '../../../contract/result';
import { loadShoeboxConfigFile, ShoeboxConfigFileError } from '../../config/shoebox-config';
import { join } from 'node:path';
import { FileSecretStore } from '../../auth/secret-store';
import { createServices, hostQuietStartMs } from '../../services';
import { LibraryLockedError } from '../../library/library-lock';
import { privateUmask } from '../../library/private-data-dir';
import { ArgsError, parseWebHostArgs } from './web-host-args';
import { newToken } from './web-auth';
import { startWebServer, type WebServer } from './web-server';

/** How long closing may take before the process quits regardless (docs/reliability.md). */
const quitDeadlineMs = 5_000;

/** Starts the host; `entryUrl` is the entry's own URL (out/main/web-host.js), whence its files. */
async function main(entryUrl: string): Promise<void> {
  process.umask(privateUmask); // the library is for this user only (docs/security.md)
  const args = parseWebHostArgs(process.argv.slice(2));
  // The cloud config is checked now so a bad file is reported at start; sign-in uses it.
  const cloud = args.configFile ? await loadShoeboxConfigFile(args.configFile) : null;
  const rendererDir = fileURLToPath(new URL('../renderer/', entryUrl));
  const packageJson = JSON.parse(readFileSync(new URL('../../package.json', entryUrl), 'utf8')) as {
    version: string;
  };
  let server: WebServer | null = null;
  const services = createServices(
    {
      dataDir: args.dataDir,
      version: packageJson.version,
      host: 'web',
      cloud,
      quietStartMs: hostQuietStartMs,
    },
    {
      emit: <E extends EventName>(event: E, payload: EventPayloads[E]) =>
        server?.broadcast(event, payload),
      secrets: new FileSecretStore(join(args.dataDir, 'session.secret')),
      catalogNotice: (words) => console.error(words),
    },
  );
  // Uploads cut off by a previous run are never imported; start with an empty staging folder.
  // Only now: createServices holds the library's lock, so no other process is staging here.
  await rm(services.paths.incoming, { recursive: true, force: true });
  server = await startWebServer({ services, rendererDir, token: newToken(), port: args.port });
  console.log(`Shoebox library: ${services.paths.root}`);
  // The catalog's check runs while the page loads (docs/architecture.md, "Start-up").
  void services.catalogChecked.then(
    () => {
      if (services.catalogNotice) console.error(services.catalogNotice);
    },
    (error: unknown) => {
      console.error('Shoebox could not repair its catalog:', messageOf(error));
      process.exit(1);
    },
  );
  if (cloud) console.log(`Cloud config: bucket ${cloud.bucket} in ${cloud.region}`);
  console.log(`SHOEBOX_URL=${server.url}`);
  // A saved session reconnects in the background; the library is usable meanwhile.
  void services.auth()?.restore();

  const stop = async () => {
    // Every request is abortable, so closing takes moments; should anything still hang, quit
    // anyway: the catalog is safe at any instant and unfinished work resumes next start.
    setTimeout(() => {
      console.error('Shoebox took too long to stop; quitting anyway.');
      process.exit(0);
    }, quitDeadlineMs).unref();
    await server.close();
    await services.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

export function startBrowserHost(entryUrl: string): void {
  main(entryUrl).catch(quitWith);
}

function quitWith(error: unknown): void {
  if (error instanceof LibraryLockedError) {
    console.error(error.message);
    process.exit(3);
  }
  const isUsageError = error instanceof ArgsError || error instanceof ShoeboxConfigFileError;
  if (isUsageError) console.error(error.message);
  else console.error('Shoebox could not start:', messageOf(error));
  process.exit(isUsageError ? 2 : 1);
}
