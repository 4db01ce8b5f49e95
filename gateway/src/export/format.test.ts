import { describe, expect, it } from 'vitest';
import { chinaDate, chinaTime, contentDisposition } from './format.js';

describe('China time', () => {
  it('shows an instant as the clocks in China show it, to the minute', () => {
    expect(chinaTime('2026-11-20T06:00:00.000Z')).toBe('2026-11-20 14:00');
    expect(chinaTime('2026-11-20T14:00:59+08:00')).toBe('2026-11-20 14:00');
    // Past midnight UTC+8: the next day, and across a year's end.
    expect(chinaTime('2026-12-31T16:30:00.000Z')).toBe('2027-01-01 00:30');
    // A deadline at the end of a China day.
    expect(chinaTime('2026-12-15T15:59:59.999Z')).toBe('2026-12-15 23:59');
  });

  it('agrees with the Asia/Shanghai zone of the platform across a year', () => {
    const zone = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const shown = (at: Date) => {
      const part = Object.fromEntries(zone.formatToParts(at).map((p) => [p.type, p.value]));
      return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
    };
    for (let at = Date.UTC(2026, 0, 1, 0, 7); at < Date.UTC(2027, 0, 1); at += 7 * 3600_000 + 13 * 60_000) {
      expect(chinaTime(new Date(at).toISOString())).toBe(shown(new Date(at)));
    }
  });

  it('keeps null, and returns what is not an instant as it came', () => {
    expect(chinaTime(null)).toBeNull();
    expect(chinaTime(undefined)).toBeNull();
    expect(chinaTime('soon')).toBe('soon');
  });

  it('names the China date of an instant', () => {
    expect(chinaDate(new Date('2026-11-30T16:00:00.000Z'))).toBe('2026-12-01');
    expect(chinaDate(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-11-30');
  });
});

describe('Content-Disposition', () => {
  it('gives the file name plainly and as RFC 5987 filename*', () => {
    expect(contentDisposition('cases-2026-12-01.csv')).toBe(
      `attachment; filename="cases-2026-12-01.csv"; filename*=UTF-8''cases-2026-12-01.csv`,
    );
  });

  it('keeps a name that is not ASCII for filename* and a safe stand-in for filename', () => {
    expect(contentDisposition('办件-2026.xlsx')).toBe(
      `attachment; filename="__-2026.xlsx"; filename*=UTF-8''%E5%8A%9E%E4%BB%B6-2026.xlsx`,
    );
  });
});
