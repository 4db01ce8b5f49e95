import type { DatabaseProvider } from './database.js';

/**
 * Where the raw SQL of the fast paths (case pages, statistics, the headline numbers) differs
 * between SQLite and PostgreSQL: the one place. Everything else is written once for both:
 * identifiers are quoted ("submittedAt": PostgreSQL folds unquoted names to lower case), truth is
 * TRUE/FALSE, conditional counts are COUNT(*) FILTER (WHERE …), parameters are `?` (the
 * PostgreSQL reader numbers them), and instants are compared with sqlInstant text, which SQLite
 * stores and PostgreSQL reads as a UTC timestamp.
 */
export interface SqlDialect {
  readonly provider: DatabaseProvider;
  /** 'YYYY-MM' of an instant column in China Standard Time (UTC+8 all year). */
  chinaMonth(column: string): string;
  /** ISO week 'YYYY-Www' of an instant column in China Standard Time. */
  chinaWeek(column: string): string;
  /** ISO week 'YYYY-Www' of a 'YYYY-MM-DD' text column. */
  dayWeek(column: string): string;
  /** `FROM "Case" <indexedBy>`: SQLite is told which index to read (and fails loudly without it); PostgreSQL's planner picks. */
  indexedBy(index: string): string;
  /** A text expression ordered and compared by code point, as the hub merges pages (SQLite's BINARY collation). */
  byCodePoint(expression: string): string;
  /** LIKE ignoring case, as SQLite's LIKE does. */
  readonly likeIgnoringCase: string;
  /** The instant literal a sort uses for "no deadline", earliest or latest (the hub sorts the same text). */
  noDeadline(latest: boolean): string;
}

/** The text every database is given for the two "no deadline" instants (case-list.ts). */
export const NO_DEADLINE_LATEST = '9999-12-31T23:59:59.999+00:00';
export const NO_DEADLINE_EARLIEST = '0000-01-01T00:00:00.000+00:00';

export const sqliteDialect: SqlDialect = {
  provider: 'sqlite',
  chinaMonth: (column) => `strftime('%Y-%m', ${column}, '+8 hours')`,
  chinaWeek: (column) => `strftime('%G-W%V', ${column}, '+8 hours')`,
  dayWeek: (column) => `strftime('%G-W%V', ${column})`,
  indexedBy: (index) => `INDEXED BY "${index}"`,
  byCodePoint: (expression) => expression,
  likeIgnoringCase: 'LIKE',
  noDeadline: (latest) => (latest ? NO_DEADLINE_LATEST : NO_DEADLINE_EARLIEST),
};

export const postgresDialect: SqlDialect = {
  provider: 'postgresql',
  chinaMonth: (column) => `to_char(${column} + interval '8 hours', 'YYYY-MM')`,
  chinaWeek: (column) => `to_char(${column} + interval '8 hours', 'IYYY-"W"IW')`,
  dayWeek: (column) => `to_char(${column}::date, 'IYYY-"W"IW')`,
  indexedBy: () => '',
  // The database's own collation may sort by language rules ("en_US.UTF-8"); the hub compares code points.
  byCodePoint: (expression) => `${expression} COLLATE "C"`,
  likeIgnoringCase: 'ILIKE',
  // PostgreSQL has no year 0: its earliest timestamp stands in, and the cursor's text maps to it (case-list.ts).
  noDeadline: (latest) => (latest ? NO_DEADLINE_LATEST : '-infinity'),
};

export const dialectOf = (provider: DatabaseProvider): SqlDialect =>
  provider === 'postgresql' ? postgresDialect : sqliteDialect;
