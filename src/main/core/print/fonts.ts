// The CJK fonts every PDF embeds (subset): Noto Sans SC Regular and Bold (OFL, resources/fonts).
// Found at run time from the source tree (tests), from the built out/main/**.js, from an
// Electron resources folder, or from an explicit folder. Read once per process and folder.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REGULAR_FONT_FILE = 'NotoSansSC-Regular.ttf';
export const BOLD_FONT_FILE = 'NotoSansSC-Bold.ttf';

export interface FontSet {
  dir: string;
  regularPath: string;
  regular: Buffer;
  bold: Buffer;
}

export class FontNotFoundError extends Error {
  override name = 'FontNotFoundError';
}

const hasFonts = (dir: string): boolean => fs.existsSync(path.join(dir, REGULAR_FONT_FILE)) && fs.existsSync(path.join(dir, BOLD_FONT_FILE));

/** Walks up from `start` looking for resources/fonts with both font files. */
export function findFontDirFrom(start: string): string | null {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, 'resources', 'fonts');
    if (hasFonts(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Order: the explicit folder; UNION_LEDGER_FONT_DIR; up from this module (src/main/core/print or
 * out/main/chunks); Electron's process.resourcesPath (packaged app: resources/fonts or fonts);
 * up from the working directory.
 */
export function resolveFontDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) {
    if (hasFonts(explicit)) return path.resolve(explicit);
    throw new FontNotFoundError(`字体目录 ${explicit} 中没有 ${REGULAR_FONT_FILE} 和 ${BOLD_FONT_FILE}`);
  }
  const fromEnv = env['UNION_LEDGER_FONT_DIR'];
  if (fromEnv && hasFonts(fromEnv)) return path.resolve(fromEnv);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const fromModule = findFontDirFrom(here);
  if (fromModule) return fromModule;
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) {
    for (const candidate of [path.join(resourcesPath, 'resources', 'fonts'), path.join(resourcesPath, 'fonts')]) {
      if (hasFonts(candidate)) return candidate;
    }
  }
  const fromCwd = findFontDirFrom(process.cwd());
  if (fromCwd) return fromCwd;
  throw new FontNotFoundError(`找不到打印字体 ${REGULAR_FONT_FILE}（resources/fonts）`);
}

const cache = new Map<string, FontSet>();

/** The two fonts as Buffers, read once per process (pdfkit registers fonts from a Buffer). */
export function loadFonts(fontDir?: string): FontSet {
  const dir = resolveFontDir(fontDir);
  const hit = cache.get(dir);
  if (hit) return hit;
  const regularPath = path.join(dir, REGULAR_FONT_FILE);
  const set: FontSet = { dir, regularPath, regular: fs.readFileSync(regularPath), bold: fs.readFileSync(path.join(dir, BOLD_FONT_FILE)) };
  cache.set(dir, set);
  return set;
}
