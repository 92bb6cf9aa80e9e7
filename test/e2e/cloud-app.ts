import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  startLocalCloud,
  type LocalCloud,
  type LocalCloudOptions,
} from '../local-cloud/start-local-cloud';
import { startWebHost, type RunningHost } from '../support/start-web-host';
import { tempDir } from '../support/temp-dir';

/** The browser host on a library of its own, connected to a fresh local cloud. */
export interface CloudApp {
  readonly cloud: LocalCloud;
  /** A scratch folder for the test (fixtures, the library, the config). */
  readonly work: string;
  readonly library: string;
  /** Starts the host (again, after `stopHost`) on the same library and opens it in `page`. */
  open(page: Page): Promise<RunningHost>;
  stopHost(): Promise<void>;
  /** Stops the host and the cloud, and removes the scratch folder. */
  stop(): Promise<void>;
}

export async function startCloudApp(options: LocalCloudOptions = {}): Promise<CloudApp> {
  const work = await tempDir('e2e-cloud');
  const cloud = await startLocalCloud({ s3Directory: join(work.path, 's3'), ...options });
  const config = join(work.path, 'config.json');
  await writeFile(config, JSON.stringify(cloud.config));
  const library = join(work.path, 'library');
  let host: RunningHost | null = null;
  const stopHost = async () => {
    await host?.stop();
    host = null;
  };
  return {
    cloud,
    work: work.path,
    library,
    async open(page) {
      host = await startWebHost(['--data-dir', library, '--config', config]);
      await page.goto(host.url);
      return host;
    },
    stopHost,
    async stop() {
      await stopHost();
      await cloud.stop();
      await work.remove();
    },
  };
}
