#!/usr/bin/env node
// npm run security:electron — Doyensec's electronegativity over the Electron side of the app
// (src/main with the shell, src/preload, and the renderer's index.html for its CSP meta tag),
// scanned together so its global checks (navigation limits, permission handler, CSP) see the whole
// app. Fails when a HIGH finding is not explained in docs/security/electronegativity.md (the
// table rows "| CHECK_ID | file | why |"); MEDIUM and lower findings are listed, not fatal.
//
// The tool is used through its programmatic entry (dist/runner.js): its command line breaks with
// the commander version this project installs. The "available security fixes" check is left out:
// it downloads Electron's release list from the internet at every run (CI has no such access);
// the Electron version is kept current through package.json instead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;

const EXPLANATIONS = path.join(root, 'docs/security/electronegativity.md');
const SEVERITY_ORDER = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];

/** "| ID | file | why |" rows of the explanations file (the header and separator rows are skipped). */
export function explainedFindings(markdown) {
  const out = [];
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !/^[A-Z0-9_]+$/.test(cells[1].replace(/`/g, ''))) continue;
    const why = cells[3];
    if (!why || why.length < 20) continue; // an explanation, not a placeholder
    out.push({ id: cells[1].replace(/`/g, ''), file: cells[2].replace(/`/g, ''), why });
  }
  return out;
}

export function unexplained(issues, explained) {
  return issues.filter((i) => i.severity === 'HIGH' && !explained.some((e) => e.id === i.id && (e.file === '*' || e.file === i.file)));
}

async function scan() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  try {
    fs.cpSync(path.join(root, 'src/main'), path.join(dir, 'main'), { recursive: true });
    fs.cpSync(path.join(root, 'src/preload'), path.join(dir, 'preload'), { recursive: true });
    fs.copyFileSync(path.join(root, 'src/renderer/index.html'), path.join(dir, 'index.html'));
    const quiet = console.log;
    const warn = console.warn;
    console.log = () => {};
    console.warn = () => {};
    let result;
    try {
      result = await run({
        input: dir,
        isRelative: true,
        electronVersionOverride: electronVersion,
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      });
    } finally {
      console.log = quiet;
      console.warn = warn;
    }
    const issues = result.issues.map((i) => ({
      id: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: String(i.file).replace(/\\/g, '/'),
      line: i.location?.line ?? 0,
      manualReview: Boolean(i.manualReview),
      description: i.description,
    }));
    return { checks: result.globalChecks + result.atomicChecks, issues, errors: result.errors.filter((e) => !e.tolerable) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const { checks, issues, errors } = await scan();
  const explained = fs.existsSync(EXPLANATIONS) ? explainedFindings(fs.readFileSync(EXPLANATIONS, 'utf8')) : [];
  const bad = unexplained(issues, explained);
  issues.sort((a, b) => SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity));
  console.log(`electronegativity（Electron ${electronVersion}）：${checks} 项检查，${issues.length} 条发现，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  for (const i of issues) {
    const note = explained.find((e) => e.id === i.id && (e.file === '*' || e.file === i.file));
    console.log(`  ${i.severity.padEnd(13)} ${i.id} ${i.file}:${i.line}${note ? '（已说明）' : ''}`);
  }
  for (const e of errors) console.log(`  无法解析 ${e.file}：${e.message}`);
  if (errors.length) {
    console.error('electronegativity 无法解析部分源文件，扫描不完整。');
    process.exit(1);
  }
  if (bad.length) {
    console.error(`有 ${bad.length} 条 HIGH 级发现未在 docs/security/electronegativity.md 中说明：`);
    for (const i of bad) console.error(`  ${i.id} ${i.file}:${i.line} — ${i.description}`);
    process.exit(1);
  }
  console.log('没有未说明的 HIGH 级发现。');
}
