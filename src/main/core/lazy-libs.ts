// The heavy document libraries, loaded on first use instead of at start: exceljs, pdfkit and
// pinyin-pro take about 0.4 s to load, which every host would otherwise pay before its first
// screen (issue 8: first usable screen < 1.5 s). Only the types are imported statically.
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

let excel: typeof import('exceljs') | undefined;
let pdf: typeof import('pdfkit') | undefined;
let py: typeof import('pinyin-pro') | undefined;

export function exceljs(): typeof import('exceljs') {
  return (excel ??= load('exceljs') as typeof import('exceljs'));
}

export function pdfkit(): typeof import('pdfkit') {
  return (pdf ??= load('pdfkit') as typeof import('pdfkit'));
}

export function pinyinPro(): typeof import('pinyin-pro') {
  return (py ??= load('pinyin-pro') as typeof import('pinyin-pro'));
}
