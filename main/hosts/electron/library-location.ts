import { join } from 'node:path';

/** The command-line switch that lets a packaged build read SHOEBOX_DATA_DIR / SHOEBOX_CONFIG. */
export const envPathsSwitch = '--shoebox-env-paths';

export interface LibraryLocation {
  /** A data folder other than the OS's app-data one, or null to keep Electron's default. */
  readonly dataDir: string | null;
  readonly configFile: (dataDir: string) => string;
  /** True when the config file was asked for by name, so a bad one is reported. */
  readonly configNamed: boolean;
}

/**
 * Where the library and its backend config live. The environment variables exist for tests
 * and portable use; a packaged app ignores them unless launched with `--shoebox-env-paths`, so
 * a variable set behind the person's back cannot point the app at another library or backend.
 */
export function libraryLocation(
  isPackaged: boolean,
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[],
): LibraryLocation {
  const useEnv = !isPackaged || argv.includes(envPathsSwitch);
  const dataDir = useEnv && env.SHOEBOX_DATA_DIR ? env.SHOEBOX_DATA_DIR : null;
  const namedConfig = useEnv && env.SHOEBOX_CONFIG ? env.SHOEBOX_CONFIG : null;
  return {
    dataDir,
    configFile: (dir) => namedConfig ?? join(dir, 'shoebox-config.json'),
    configNamed: namedConfig !== null,
  };
}
