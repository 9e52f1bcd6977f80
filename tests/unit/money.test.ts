import { describe, expect, it } from 'vitest';
import { formatWanYuan, formatYuan, parseYuan, toChineseCapital } from '../../src/main/contract/money';

describe('amounts in Chinese capitals (会计基础工作规范 第五十二条)', () => {
  it.each([
    [0, '零元整'],
    [100, '壹元整'],
    [1050, '壹拾元伍角整'], // ends at 角: 整 follows
    [10005, '壹佰元零伍分'], // has 分: no 整
    [140950, '壹仟肆佰零玖元伍角整'], // the article's own example ¥1409.50
    [600714, '陆仟零柒元壹角肆分'], // ¥6007.14
    [10700053, '壹拾万柒仟元伍角叁分'], // ¥107000.53
    [100000000, '壹佰万元整'],
    [5, '伍分'],
    [-1230, '负壹拾贰元叁角整'],
    [123456789012, '壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分'],
  ])('%i 分 → %s', (fen, words) => {
    expect(toChineseCapital(fen)).toBe(words);
  });

  it('refuses a non-integer amount', () => {
    expect(() => toChineseCapital(12.5)).toThrow(/分/);
  });
});

describe('formatting', () => {
  it('formats 元 with thousands separators and two decimals', () => {
    expect(formatYuan(123456789)).toBe('1,234,567.89');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(-100)).toBe('-1.00');
    expect(formatYuan(123456, { thousands: false, symbol: true })).toBe('¥1234.56');
  });
  it('formats 万元 to four decimals on integers', () => {
    expect(formatWanYuan(75861200)).toBe('75.8612'); // 「75.8612萬元」
    expect(formatWanYuan(17088300, 2)).toBe('17.09');
    expect(formatWanYuan(-5000, 2)).toBe('-0.01');
    expect(formatWanYuan(4999, 2)).toBe('0.00');
  });
});

describe('parsing what the user types', () => {
  it.each([
    ['1234.5', 123450],
    ['1,234.50', 123450],
    ['¥1,234.50', 123450],
    ['0.05', 5],
    ['-12', -1200],
    ['  300 ', 30000],
    ['0.1', 10],
  ])('%s → %i 分', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });
  it.each([
    ['12.345', '两位小数'],
    ['1,23.00', '不是有效的金额'],
    ['abc', '不是有效的金额'],
    ['', '不能为空'],
    ['1e5', '不是有效的金额'],
  ])('refuses %s', (text, why) => {
    expect(() => parseYuan(text, '借方金额')).toThrow(why);
  });
  it('does floating-point-free conversion (0.1 + 0.2 problem)', () => {
    expect(parseYuan('0.1') + parseYuan('0.2')).toBe(parseYuan('0.3'));
  });
});
