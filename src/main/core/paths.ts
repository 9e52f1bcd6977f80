// Where the ledger lives. The same folder for every host: the desktop app's user-data
// folder (the shell points Electron's userData here), the browser mode and the command line.
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'union-ledger';
export const DB_FILE_NAME = 'ledger.sqlite';

/** Electron's appData convention: %APPDATA%, ~/Library/Application Support, $XDG_CONFIG_HOME or ~/.config. */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return env['APPDATA'] ?? path.join(os.homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return env['XDG_CONFIG_HOME'] || path.join(os.homedir(), '.config');
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(appDataDir(env), APP_DIR_NAME);
}

/** --db wins, then UNION_LEDGER_DB, then the user-data folder. */
export function resolveDbPath(explicit?: string | null, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit || env['UNION_LEDGER_DB'];
  return path.resolve(chosen || path.join(defaultDataDir(env), DB_FILE_NAME));
}
