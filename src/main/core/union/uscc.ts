// 统一社会信用代码 check digit (GB 32100-2015 §4/§5): 18 characters, the last a mod-31 check character.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(code[i]!) * WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  return CHARS[check] === code[17];
}
