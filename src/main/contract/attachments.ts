// Attachments (原始凭证 on vouchers, evidence on expense requests): which kinds of file are
// accepted, and how large. The core checks the bytes themselves (src/main/core/files/attachments.ts),
// never only the name or the declared type: web pages, SVG, scripts and programs are refused, and
// a file is served back only with the type its content was recognised as.

/** MIME type → what the user calls it and the file name endings that go with it. */
export const ATTACHMENT_TYPES = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'image/jpeg': { label: 'JPG 图片', extensions: ['jpg', 'jpeg', 'jfif'] },
  'image/png': { label: 'PNG 图片', extensions: ['png'] },
  'image/webp': { label: 'WebP 图片', extensions: ['webp'] },
  'image/tiff': { label: 'TIFF 图片', extensions: ['tif', 'tiff'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel 表格（.xlsx）', extensions: ['xlsx'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word 文档（.docx）', extensions: ['docx'] },
  // 电子发票 and other 版式文档 (GB/T 33190-2016): a zip with OFD.xml at its root.
  'application/ofd': { label: 'OFD 版式文件（电子发票）', extensions: ['ofd'] },
} as const;

export type AttachmentMimeType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_MIME_TYPES = Object.keys(ATTACHMENT_TYPES) as [AttachmentMimeType, ...AttachmentMimeType[]];
export const ATTACHMENT_TYPES_TEXT = 'PDF、JPG、PNG、WebP、TIFF 图片、Excel（.xlsx）、Word（.docx）或 OFD 文件';

/** One attachment at most (the base64 of it is a third larger). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENT_BASE64 = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4;

/** The attachment type a file name ends in (the core still checks the bytes), or null. */
export function attachmentTypeOfName(filename: string): AttachmentMimeType | null {
  const ending = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  for (const [mime, t] of Object.entries(ATTACHMENT_TYPES)) if ((t.extensions as readonly string[]).includes(ending)) return mime as AttachmentMimeType;
  return null;
}

/** For <input type="file" accept=…>. */
export const ATTACHMENT_ACCEPT = Object.values(ATTACHMENT_TYPES)
  .flatMap((t) => t.extensions.map((e) => `.${e}`))
  .join(',');
