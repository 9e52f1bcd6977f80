// Checking an uploaded attachment (issue 7, "Attachments: size and type limits, stored by hash, never
// executed or rendered as HTML"). The type comes from the bytes (file-type's magic numbers; an OFD
// is a zip with OFD.xml), never from the name or what the browser declared: a web page, an SVG
// image (it can carry script), JavaScript or a program is refused in Chinese, whatever it is called.
// The declared type and the file name's ending must agree with the content. Files are stored once
// per SHA-256 (attachment_blobs) and served back with the recognised type only.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_TYPES, ATTACHMENT_TYPES_TEXT, MAX_ATTACHMENT_BYTES, type AttachmentMimeType } from '../../contract/attachments';
import { CoreError } from '../errors';

export interface CheckedAttachment {
  data: Buffer;
  sha256: string;
  mimeType: AttachmentMimeType;
}

const DANGEROUS_ENDINGS = ['html', 'htm', 'xhtml', 'shtml', 'mht', 'mhtml', 'svg', 'svgz', 'xml', 'xsl', 'js', 'mjs', 'cjs', 'vbs', 'wsf', 'hta', 'exe', 'dll', 'msi', 'bat', 'cmd', 'com', 'scr', 'ps1', 'sh', 'jar', 'lnk', 'swf', 'xlsm', 'docm', 'pptm'];

/** A zip whose central directory names OFD.xml at its root (GB/T 33190-2016 §7.1). */
function isOfd(data: Buffer): boolean {
  const name = Buffer.from('OFD.xml');
  for (let i = data.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0 && i + 46 <= data.length; i = data.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) {
    const len = data.readUInt16LE(i + 28);
    if (len === name.length && data.subarray(i + 46, i + 46 + len).equals(name)) return true;
  }
  return false;
}

/** Text that a browser would run or render as a page: refused with what it is. */
function activeText(data: Buffer): string | null {
  const head = data.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/^<svg|<svg[\s>]/.test(head)) return 'SVG 图像（可能包含脚本）';
  if (/^<!doctype html|^<html|<script[\s>]|<iframe[\s>]|<body[\s>]|<head[\s>]/.test(head)) return '网页（HTML）';
  if (/^<\?xml/.test(head)) return 'XML 文件';
  if (/^#!|^(function|var|let|const|import|export)\s|^\(function|=>\s*\{/.test(head)) return '脚本';
  return null;
}

export async function checkAttachment(filename: string, declared: string, base64: string): Promise<CheckedAttachment> {
  const data = Buffer.from(base64, 'base64');
  const name = `文件“${filename}”`;
  if (data.length === 0) throw new CoreError('VALIDATION', `${name}为空。`, { field: 'base64' });
  if (data.length > MAX_ATTACHMENT_BYTES) {
    throw new CoreError('VALIDATION', `${name}有 ${(data.length / 1024 / 1024).toFixed(1)} MB，超过单个附件 20 MB 的上限；请压缩或拆分后再上传。`, { field: 'base64' });
  }
  const ending = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  if (DANGEROUS_ENDINGS.includes(ending)) {
    throw new CoreError('VALIDATION', `${name}是 .${ending} 文件，不能作为附件（网页、脚本和程序文件可能被执行）。只接受${ATTACHMENT_TYPES_TEXT}。`, { field: 'filename' });
  }
  const detected = await fileTypeFromBuffer(data);
  let mime: string | null = detected?.mime ?? null;
  if (mime === 'application/zip' && isOfd(data)) mime = 'application/ofd';
  if (mime === null || !(mime in ATTACHMENT_TYPES)) {
    const what = mime === null || detected?.ext === 'xml' ? activeText(data) : null;
    const actual = what ?? (detected ? ` .${detected.ext} 文件（${detected.mime}）` : '无法识别类型的文件');
    throw new CoreError('VALIDATION', `${name}的内容是${actual}，不能作为附件。只接受${ATTACHMENT_TYPES_TEXT}。`, { field: 'mimeType' });
  }
  const type = mime as AttachmentMimeType;
  if (declared !== type) {
    throw new CoreError('VALIDATION', `${name}的内容是${ATTACHMENT_TYPES[type].label}，与声明的类型（${declared}）不符，已拒绝。`, { field: 'mimeType' });
  }
  if (ending && !(ATTACHMENT_TYPES[type].extensions as readonly string[]).includes(ending)) {
    throw new CoreError('VALIDATION', `${name}的内容是${ATTACHMENT_TYPES[type].label}，但扩展名是 .${ending}；请改为 .${ATTACHMENT_TYPES[type].extensions[0]} 后再上传。`, { field: 'filename' });
  }
  return { data, sha256: createHash('sha256').update(data).digest('hex'), mimeType: type };
}

/** The type an attachment is served with: the recognised one, or a download when an old row holds anything else. */
export function servedType(stored: string): string {
  return stored in ATTACHMENT_TYPES ? stored : 'application/octet-stream';
}
