// `union-ledger dues run --month YYYY-MM --user U`, in-process with captured output.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/main/cli/main';
import { addUser, initLedger, openTestLedger, type TestLedger } from '../helpers/core';
import { addMember } from '../helpers/dues';

let l: TestLedger;
afterEach(() => fs.rmSync(l.dir, { recursive: true, force: true }));

async function cli(argv: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { LANG: 'C.UTF-8', ...env }, pid: 4343, promptSecret: null };
  return { code: await main(argv, io), stdout, stderr };
}

describe('union-ledger dues run', () => {
  it('computes the month and prints the counts, the total due and the members without a base', async () => {
    l = await openTestLedger();
    await initLedger(l);
    const kuaiji = await addUser(l, 'kuaiji', ['accountant']);
    const a = addMember(l, { no: 'A', name: '甲' });
    addMember(l, { no: 'B', name: '乙' });
    addMember(l, { no: 'D', name: '丁', status: 'retired', since: '2020-01-01' });
    await l.call(kuaiji, 'dues.wages.save', { month: '2026-03', rows: [{ memberId: a, baseFen: 456789 }] });
    l.core.close();
    const res = await cli(['dues', 'run', '--month', '2026-03', '--user', 'kuaiji', '--db', l.file], { UNION_LEDGER_PASSWORD: 'Passw0rd!' });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('2026年3月会费已计算');
    expect(res.stdout).toMatch(/计算会员\s+2 人/);
    expect(res.stdout).toMatch(/应缴合计\s+22\.80 元/);
    expect(res.stdout).toContain('缺少2026年3月的会费基数（工资）');
    const bad = await cli(['dues', 'run', '--month', '2026-13', '--user', 'kuaiji', '--db', l.file], { UNION_LEDGER_PASSWORD: 'Passw0rd!' });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('月份应为 YYYY-MM');
    const json = await cli(['dues', 'run', '--month', '2026-03', '--user', 'kuaiji', '--db', l.file, '--json'], { UNION_LEDGER_PASSWORD: 'Passw0rd!' });
    expect(JSON.parse(json.stdout)).toMatchObject({ month: '2026-03', totalDueFen: 2280, assessed: 2 });
  });
});
