import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { BOM } from './csv.js';
import { parseCsv } from './testing.js';
import { csvWriter, xlsxWriter } from './writers.js';

/** A client that takes a chunk only when the test lets it (each write waits for `release`). */
function slowClient() {
  const held: (() => void)[] = [];
  const chunks: Buffer[] = [];
  const out = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      held.push(callback);
    },
  });
  return {
    out,
    text: () => Buffer.concat(chunks).toString('utf8'),
    /** Lets every write so far through. */
    release: () => held.splice(0).forEach((callback) => callback()),
  };
}

/** Whether a promise is still pending after everything queued has run. */
async function pending(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  return !settled;
}

/** exceljs reads an ArrayBuffer. */
const arrayBufferOf = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;

const rows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => [`N-${from + i}`, '张三', i]);

describe('the CSV writer', () => {
  it('waits while the client is behind, and goes on when it has caught up', async () => {
    const client = slowClient();
    const writer = csvWriter(client.out);
    expect(await writer.start(['编号', '申请人', '数'])).toBe(true);
    const page = writer.rows(rows(200));
    expect(await pending(page)).toBe(true);
    client.release();
    await new Promise((resolve) => setImmediate(resolve));
    client.release();
    expect(await page).toBe(true);
  });

  it('says the client has gone when it goes while the writer waits', async () => {
    const client = slowClient();
    const writer = csvWriter(client.out);
    await writer.start(['编号']);
    const page = writer.rows(rows(200));
    client.out.destroy();
    expect(await page).toBe(false);
    expect(await writer.rows(rows(1))).toBe(false);
  });

  it('writes the BOM and header first, then the rows', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = csvWriter(out);
    await writer.start(['编号', '申请人', '数']);
    await writer.rows(rows(2));
    await writer.end();
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.startsWith(BOM)).toBe(true);
    expect(parseCsv(text.slice(1))).toEqual([
      ['编号', '申请人', '数'],
      ['N-0', '张三', '0'],
      ['N-1', '张三', '1'],
    ]);
  });

  it('ends a file cut short with a last line saying why', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = csvWriter(out);
    await writer.start(['编号', '申请人', '数']);
    await writer.rows(rows(2));
    await writer.fail('导出不完整：原因');
    const records = parseCsv(Buffer.concat(chunks).toString('utf8').slice(1));
    expect(records).toHaveLength(4);
    expect(records.at(-1)).toEqual(['导出不完整：原因']);
  });
});

/** Collects what a writer sends, and whether it was ended whole or cut off. */
function collector() {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const outcome = new Promise<'ended' | 'destroyed'>((resolve) => {
    out.on('end', () => resolve('ended'));
    out.on('close', () => resolve(out.readableEnded ? 'ended' : 'destroyed'));
  });
  const bytes = (): Buffer => Buffer.concat(chunks);
  return { out, bytes, outcome };
}

describe('the XLSX writer', () => {
  it('writes a workbook exceljs reads back, Chinese and numbers intact, the header bold', async () => {
    const client = collector();
    const writer = xlsxWriter(client.out, { name: '办件', widths: [20, 10, 8] }, (error) => {
      throw error;
    });
    await writer.start(['编号', '申请人', '剩余工作日']);
    await writer.rows([
      ['N-1', '张"三",李', -2],
      ['N-2', '=1+1', null],
    ]);
    await writer.rows(rows(1000, 3));
    await writer.end();
    expect(await client.outcome).toBe('ended');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBufferOf(client.bytes()));
    const sheet = workbook.getWorksheet('办件')!;
    expect(sheet.rowCount).toBe(1003);
    expect(sheet.getRow(1).values).toEqual([undefined, '编号', '申请人', '剩余工作日']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    // A cell is text or a number, never a formula: nothing to defuse in a workbook.
    expect(sheet.getRow(2).values).toEqual([undefined, 'N-1', '张"三",李', -2]);
    expect(sheet.getRow(3).values).toEqual([undefined, 'N-2', '=1+1']);
    expect(sheet.getRow(3).getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(1003).values).toEqual([undefined, 'N-1002', '张三', 999]);
  });

  it('is cut off when the export fails, so no client takes it for whole', async () => {
    const client = collector();
    const writer = xlsxWriter(client.out, { name: 'Cases', widths: [10] }, () => undefined);
    await writer.start(['编号']);
    await writer.rows(rows(10));
    await writer.fail('export incomplete');
    expect(await client.outcome).toBe('destroyed');
    await expect(new ExcelJS.Workbook().xlsx.load(arrayBufferOf(client.bytes()))).rejects.toThrow();
  });
});
