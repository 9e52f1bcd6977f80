#!/usr/bin/env node
// `npm start` (after `npm run build`): the desktop app when the Electron runtime can be had,
// otherwise the browser mode (out/main/server.js) with the same command-line arguments.
//
// better-sqlite3 is a native module and must be compiled for the runtime that loads it:
// Electron has its own ABI, plain Node (browser mode, command line, tests) another. A build
// that fits one cannot load in the other. So that switching back and forth needs no network
// and no recompiling, each build is kept once made, under
// node_modules/.cache/union-ledger/better-sqlite3/, and put in place before each start:
//   - desktop: the Electron build (made once with `npx @electron/rebuild -f -w better-sqlite3`,
//     the exact devDependency; it fetches Electron's headers once);
//   - browser mode: the Node build (or, if none was kept, `npm rebuild better-sqlite3`).
// After running the desktop app, the command line and the tests need the Node build again:
// `node scripts/start.js --node-sqlite` restores it (or `npm rebuild better-sqlite3`).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const inModules = (p) => path.join(root, 'node_modules', p);
const activeBinding = inModules('better-sqlite3/build/Release/better_sqlite3.node');
const cacheDir = inModules('.cache/union-ledger/better-sqlite3');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tag = `${process.platform}-${process.arch}`;
const nodeKey = `node-abi${process.versions.modules}-${tag}.node`;

function log(line) {
  console.log(`[start] ${line}`);
}

/** The Electron executable, or null. require('electron') downloads it on first use (may fail offline). */
function electronBinary() {
  const res = spawnSync(process.execPath, ['-e', "console.log(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (res.status !== 0) return null;
  const last = res.stdout.trim().split(/\r?\n/).at(-1) ?? '';
  return last && fs.existsSync(last) ? last : null;
}

function electronKey() {
  const { version } = JSON.parse(fs.readFileSync(inModules('electron/package.json'), 'utf8'));
  return `electron-${version}-${tag}.node`;
}

/** Does the better-sqlite3 in place load in this Node? */
function sqliteLoadsInNode() {
  const res = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, stdio: 'ignore' });
  return res.status === 0;
}

/** Copies via a temporary file and a rename, so a running process keeps its (old) file intact. */
function copyAtomic(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const tmp = `${to}.${process.pid}.tmp`;
  fs.copyFileSync(from, tmp);
  fs.renameSync(tmp, to);
}

function keep(key) {
  copyAtomic(activeBinding, path.join(cacheDir, key));
}

function restore(key) {
  const kept = path.join(cacheDir, key);
  if (!fs.existsSync(kept)) return false;
  copyAtomic(kept, activeBinding);
  return true;
}

function run(cmd, args, shell = false) {
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell }).status === 0;
}

/** Puts the Node build of better-sqlite3 in place. */
function useNodeSqlite() {
  if (sqliteLoadsInNode()) {
    if (!fs.existsSync(path.join(cacheDir, nodeKey))) keep(nodeKey);
    return true;
  }
  if (restore(nodeKey) && sqliteLoadsInNode()) return true;
  log('为 Node.js 重新编译 better-sqlite3（npm rebuild better-sqlite3）…');
  if (!run(npm, ['rebuild', 'better-sqlite3'], process.platform === 'win32') || !sqliteLoadsInNode()) return false;
  keep(nodeKey);
  return true;
}

/** Puts the Electron build of better-sqlite3 in place, compiling it once if needed. */
function useElectronSqlite() {
  if (sqliteLoadsInNode() && !fs.existsSync(path.join(cacheDir, nodeKey))) keep(nodeKey);
  const key = electronKey();
  if (restore(key)) return true;
  log('为 Electron 重新编译 better-sqlite3（npx @electron/rebuild -f -w better-sqlite3）…');
  const rebuild = inModules('@electron/rebuild/lib/cli.js'); // the local devDependency, as npx would run it
  if (!run(process.execPath, [rebuild, '-f', '-w', 'better-sqlite3'])) return false;
  keep(key);
  return true;
}

/** Runs a child with our stdio, passes on Ctrl+C / termination, and exits with its code. */
function supervise(cmd, args, env = process.env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (e) => {
    console.error(`[start] 无法启动 ${cmd}：${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
  });
}

/** Runs one of the use…Sqlite steps; a failure (e.g. a file locked by a running app) is reported, not thrown. */
function attempt(step) {
  try {
    return step();
  } catch (e) {
    console.error(`[start] ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}

function startBrowserMode(args) {
  if (!attempt(useNodeSqlite)) {
    console.error('[start] better-sqlite3 无法在 Node.js 中加载，也无法重新编译；请运行 npm rebuild better-sqlite3 查看原因。');
    process.exit(1);
  }
  supervise(process.execPath, [path.join(root, 'out', 'main', 'server.js'), ...args]);
}

function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--node-sqlite') {
    process.exit(attempt(useNodeSqlite) ? 0 : 1);
  }
  const electron = electronBinary();
  if (!electron) {
    console.log('未能获取 Electron 运行时（本机离线或无法下载），改为以浏览器模式启动。');
    startBrowserMode(args);
    return;
  }
  if (!attempt(useElectronSqlite)) {
    console.log('未能为 Electron 编译 SQLite 组件（better-sqlite3），改为以浏览器模式启动。');
    startBrowserMode(args);
    return;
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  supervise(electron, ['.', ...args], env);
}

main();
