/**
 * Test support: reading an exported CSV back as a spreadsheet would, written apart from the writer
 * (csv.ts) so that a test of one checks the other.
 */

/** Parses RFC 4180 CSV (CRLF records, quoted fields with doubled quotes) into records of fields. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i += 1;
      } else {
        field += char;
        i += 1;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (char === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (char === '\n' || char === '\r' || char === '"') {
      throw new Error(`Not RFC 4180 CSV: a bare ${JSON.stringify(char)} at offset ${i}`);
    } else {
      field += char;
      i += 1;
    }
  }
  if (quoted) throw new Error('Not RFC 4180 CSV: a quoted field is not closed');
  if (field !== '' || record.length) throw new Error('Not RFC 4180 CSV: the last record has no CRLF');
  return records;
}
