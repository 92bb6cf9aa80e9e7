import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder Electron's `app.getPath('userData')` gives an app named Shoebox, so the
 * browser host opens the same library as the desktop app when no `--data-dir` is given.
 */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Shoebox');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Shoebox');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Shoebox');
}
