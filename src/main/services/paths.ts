// Where the archive lives: the folder Electron's app.getPath('userData') gives for this app, computed the same
// way without Electron, so the app and the CLI share one archive by default.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'nianbao';
export const ARCHIVE_FILE = 'archive.sqlite';

export function userDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_DIR_NAME);
}

/** --db wins, then NIANBAO_DB, then the app's data folder. */
export function resolveArchivePath(dbFlag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return dbFlag || env.NIANBAO_DB || join(userDataDir(process.platform, env), ARCHIVE_FILE);
}
