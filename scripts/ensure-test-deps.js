#!/usr/bin/env node
// Before `npm test`: the end-to-end tests need Debian's Chromium, the PDF checks need
// poppler-utils (pdffonts), and the independent check of the books needs hledger. On a Debian
// machine where we are root, install what is missing; otherwise say exactly what to install.
// Playwright never downloads a browser of its own.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const needs = [
  { bin: '/usr/bin/chromium', pkg: 'chromium' },
  { bin: '/usr/bin/pdffonts', pkg: 'poppler-utils' },
  { bin: '/usr/bin/sqlite3', pkg: 'sqlite3' },
  { bin: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', pkg: 'fonts-noto-cjk' },
  // The independent check re-adds the exported journal with hledger (tests/unit/realistic-year.test.ts).
  { bin: '/usr/bin/hledger', pkg: 'hledger' },
];
// After the desktop app ran, node_modules may hold the Electron build of better-sqlite3;
// the tests run under Node, so put the Node build back (scripts/start.js keeps both).
try {
  execSync(`${JSON.stringify(process.execPath)} -e "new (require('better-sqlite3'))(':memory:').close()"`, { stdio: 'ignore' });
} catch {
  console.log('better-sqlite3 不是为当前 Node 构建的，正在恢复 Node 版本…');
  execSync(`${JSON.stringify(process.execPath)} scripts/start.js --node-sqlite`, { stdio: 'inherit' });
}

const missing = needs.filter((n) => !fs.existsSync(n.bin)).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = fs.existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log(`正在安装测试所需的 Debian 软件包：${missing.join(' ')}`);
  execSync('apt-get update -qq', { stdio: 'inherit' });
  execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`, { stdio: 'inherit' });
} else {
  console.error(`测试需要以下 Debian 软件包，请先安装：sudo apt-get install ${missing.join(' ')}`);
  process.exit(1);
}
