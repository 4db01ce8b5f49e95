import { describe, expect, it } from 'vitest';
import { BOM, CRLF, csvField, csvLine, defuseFormula } from './csv.js';
import { parseCsv } from './testing.js';

describe('CSV', () => {
  it('starts with the UTF-8 byte order mark Excel needs to read Chinese', () => {
    expect([...Buffer.from(BOM, 'utf8')]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes a field only when RFC 4180 requires it, doubling its quotes', () => {
    expect(csvField('张三')).toBe('张三');
    expect(csvField('临江, 恒通')).toBe('"临江, 恒通"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField('第一行\r\n第二行')).toBe('"第一行\r\n第二行"');
    expect(csvField('只有\n换行')).toBe('"只有\n换行"');
    expect(csvField('')).toBe('');
  });

  it('writes null as an empty cell and numbers as numbers, a negative one included', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(0.75)).toBe('0.75');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('ends every record with CRLF', () => {
    expect(csvLine(['a', 1, null, 'b'])).toBe(`a,1,,b${CRLF}`);
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    for (const text of ['=1+1', '+86 138', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(defuseFormula(text)).toBe(`'${text}`);
    for (const text of ['张三', '1=1', 'a-b', "'=1", '']) expect(defuseFormula(text)).toBe(text);
    // Quoting comes after defusing: the apostrophe is inside the quotes.
    expect(csvField('=HYPERLINK("http://x","点我")')).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
  });

  it('reads back as the cells it was given (text defused)', () => {
    const rows = [
      ['办件编号', '申请人', '备注'],
      ['HOUSING-1', '张"三",李', '两行\r\n文字'],
      ['ENV-2', '=1+2', 7],
      ['TAX-3', null, -1],
    ] as const;
    const text = rows.map((row) => csvLine(row)).join('');
    expect(parseCsv(text)).toEqual([
      ['办件编号', '申请人', '备注'],
      ['HOUSING-1', '张"三",李', '两行\r\n文字'],
      ['ENV-2', "'=1+2", '7'],
      ['TAX-3', '', '-1'],
    ]);
  });
});
