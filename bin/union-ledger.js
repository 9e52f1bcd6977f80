#!/usr/bin/env node
// Launcher for the union-ledger command line: runs the built out/main/cli.js.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(`union-ledger: 找不到 ${cli}，请先运行 npm run build（Build output missing: run "npm run build" first.）\n`);
  process.exit(1);
}
await import(pathToFileURL(cli).href);
