// A small SYNCHRONOUS reader for the first worksheet of an .xlsx (Office Open XML) file: the zip's
// central directory, inflateRawSync, and the cell values of the sheet (shared strings, inline
// strings, numbers, cached formula results). Handlers run inside one synchronous transaction, so
// the asynchronous exceljs reader cannot be used there. Styles, dates and merged cells are ignored:
// a payroll sheet needs text and numbers only.
import { inflateRawSync } from 'node:zlib';

export class XlsxReadError extends Error {
  override name = 'XlsxReadError';
}

function unzip(buf: Buffer): Map<string, () => Buffer> {
  const entries = new Map<string, () => Buffer>();
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxReadError('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new XlsxReadError('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    entries.set(name, () => {
      if (buf.readUInt32LE(local) !== 0x04034b50) throw new XlsxReadError('bad local header');
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new XlsxReadError(`compression ${method}`);
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e]!,
  );
}

/** The concatenated <t> texts of a fragment (rich text runs included, phonetic runs excluded). */
function texts(fragment: string): string {
  const noPhonetic = fragment.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of noPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += decode(m[1] ?? '');
  return out;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A cell: a string (text) or a number; null when empty. Numbers keep the text written in the file. */
export type XlsxCell = { kind: 'text'; text: string } | { kind: 'number'; text: string } | null;

/** Rows of the first worksheet by their 1-based row number; each row indexed by column (0 = A). */
export function readFirstSheet(buf: Buffer): Map<number, XlsxCell[]> {
  const zip = unzip(buf);
  const get = (name: string): string | null => {
    const f = zip.get(name);
    return f ? f().toString('utf8') : null;
  };
  const workbook = get('xl/workbook.xml');
  if (workbook === null) throw new XlsxReadError('no workbook');
  const firstSheet = workbook.match(/<sheet\b[^>]*?\br:id="([^"]+)"/) ?? workbook.match(/<sheet\b[^>]*?\bid="([^"]+)"/);
  let sheetPath = 'xl/worksheets/sheet1.xml';
  const rels = get('xl/_rels/workbook.xml.rels');
  if (firstSheet && rels) {
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      const id = m[0].match(/\bId="([^"]+)"/)?.[1];
      const target = m[0].match(/\bTarget="([^"]+)"/)?.[1];
      if (id === firstSheet[1] && target) sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    }
  }
  const sheet = get(sheetPath);
  if (sheet === null) throw new XlsxReadError('no sheet');
  const sharedXml = get('xl/sharedStrings.xml');
  const shared = sharedXml === null ? [] : [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => texts(m[1] ?? ''));

  const rows = new Map<number, XlsxCell[]>();
  let autoRow = 0;
  for (const rm of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rAttr = rm[1]!.match(/\br="(\d+)"/);
    const rowNo = rAttr ? Number(rAttr[1]) : autoRow + 1;
    autoRow = rowNo;
    const cells: XlsxCell[] = [];
    let autoCol = -1;
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cm[1]!;
      const ref = attrs.match(/\br="([A-Z]+)\d+"/);
      const col = ref ? columnIndex(ref[1]!) : autoCol + 1;
      autoCol = col;
      const type = attrs.match(/\bt="([^"]+)"/)?.[1] ?? 'n';
      const body = cm[2] ?? '';
      const v = body.match(/<v>([\s\S]*?)<\/v>/)?.[1];
      let cell: XlsxCell = null;
      if (type === 's' && v !== undefined) cell = { kind: 'text', text: shared[Number(v)] ?? '' };
      else if (type === 'inlineStr') cell = { kind: 'text', text: texts(body) };
      else if ((type === 'str' || type === 'e') && v !== undefined) cell = { kind: 'text', text: decode(v) };
      else if (type === 'b' && v !== undefined) cell = { kind: 'text', text: v === '1' ? 'TRUE' : 'FALSE' };
      else if (v !== undefined && v.trim() !== '') cell = { kind: 'number', text: v.trim() };
      if (cell && cell.kind === 'text' && cell.text.trim() === '') cell = null;
      cells[col] = cell;
    }
    rows.set(rowNo, cells);
  }
  return rows;
}
