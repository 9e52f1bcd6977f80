// Password-protected backup files (.ulbak) for carrying a copy outside the office.
// Format: "ULBAK1\n" magic (7 bytes), 1 byte header version, 16-byte scrypt salt, 12-byte GCM IV,
// 16-byte GCM tag, then the AES-256-GCM ciphertext of the whole SQLite file. The key comes from
// scrypt (N=2^15, r=8, p=1) over the password; GCM's tag makes a wrong password or a damaged file
// fail cleanly instead of producing garbage.
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import fs from 'node:fs';
import { CoreError } from '../errors';

export const ENCRYPTED_EXT = '.ulbak';
const MAGIC = Buffer.from('ULBAK1\n', 'ascii');
const VERSION = 1;
const SALT = 16;
const IV = 12;
const TAG = 16;
const HEADER = MAGIC.length + 1 + SALT + IV + TAG;
const SCRYPT: ScryptOptions = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function deriveKey(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, 32, SCRYPT, (e, key) => (e ? reject(e) : resolve(key))));
}

export const MIN_BACKUP_PASSWORD = 8;

export function isEncryptedBackup(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(MAGIC.length);
      fs.readSync(fd, head, 0, MAGIC.length, 0);
      return head.equals(MAGIC);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** Encrypts `plainFile` into `outFile` (written whole, then renamed into place). */
export async function encryptFile(plainFile: string, outFile: string, password: string): Promise<void> {
  if (password.length < MIN_BACKUP_PASSWORD) throw new CoreError('VALIDATION', `备份密码至少 ${MIN_BACKUP_PASSWORD} 位。`, { field: 'password' });
  const salt = randomBytes(SALT);
  const iv = randomBytes(IV);
  const key = await deriveKey(password, salt);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(fs.readFileSync(plainFile)), cipher.final()]);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), salt, iv, cipher.getAuthTag()]);
  const partial = `${outFile}.enc-partial`;
  fs.writeFileSync(partial, Buffer.concat([header, body]));
  fs.renameSync(partial, outFile);
}

/** Decrypts an .ulbak into `outFile`. A wrong password and a damaged file are told apart where possible. */
export async function decryptFile(encFile: string, outFile: string, password: string | null | undefined): Promise<void> {
  const data = fs.readFileSync(encFile);
  if (data.length < HEADER || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new CoreError('VALIDATION', `文件 ${encFile} 不是加密的账簿备份（.ulbak）。`, { field: 'file' });
  }
  if (data[MAGIC.length] !== VERSION) throw new CoreError('CONFLICT', '该加密备份由更新版本的程序生成，请升级软件后再恢复。');
  if (!password) throw new CoreError('VALIDATION', '这是加密备份，请输入备份密码。', { field: 'password' });
  let at = MAGIC.length + 1;
  const salt = data.subarray(at, (at += SALT));
  const iv = data.subarray(at, (at += IV));
  const tag = data.subarray(at, (at += TAG));
  const key = await deriveKey(password, salt);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(data.subarray(HEADER)), decipher.final()]);
  } catch {
    throw new CoreError('VALIDATION', '备份密码不正确（或加密备份文件已损坏），无法解密，账簿未做任何修改。', { field: 'password' });
  }
  fs.writeFileSync(outFile, plain);
}
