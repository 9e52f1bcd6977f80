import dayjs from 'dayjs';

/** ISO timestamp → local time yyyy-MM-DD HH:mm:ss. */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return dayjs(iso).format('YYYY-MM-DD HH:mm:ss');
}

export function prettyJson(value: unknown): string {
  if (value === null || value === undefined) return '（无）';
  return JSON.stringify(value, null, 2);
}
