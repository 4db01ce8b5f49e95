/** The center works in China time (UTC+8, no daylight saving); the browser may be set otherwise. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** YYYY-MM-DD of `at` in China. */
export const chinaDay = (at: Date = new Date()): string =>
  new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** YYYY-MM of `at` in China. */
export const chinaMonth = (at: Date = new Date()): string => chinaDay(at).slice(0, 7);

/** The instant a China day (YYYY-MM-DD) begins. */
export const startOfChinaDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);

/** The instant a China month (YYYY-MM) begins, `offset` months later (negative: earlier). */
export function startOfChinaMonth(month: string, offset = 0): Date {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const shifted = new Date(Date.UTC(year, number - 1 + offset, 1));
  return new Date(shifted.getTime() - CHINA_OFFSET_MS);
}

/** An instant as China time, `YYYY-MM-DD HH:mm`; '—' for none. */
export function chinaTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
