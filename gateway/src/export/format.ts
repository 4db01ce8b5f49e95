/** China time (Asia/Shanghai) is UTC+8 all year: China has kept no daylight saving time since 1991. */
const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * An instant as China's clocks show it, `YYYY-MM-DD HH:mm`; null stays null. The API's DateTime is
 * an ISO 8601 string; a value that is not one is returned as it came, never silently changed.
 */
export function chinaTime(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The China date of an instant, `YYYY-MM-DD` (the export's file name). */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The Content-Disposition of a download: the plain `filename` every client reads, and the RFC 5987
 * `filename*` (UTF-8, percent-encoded) that clients prefer when they know it.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
