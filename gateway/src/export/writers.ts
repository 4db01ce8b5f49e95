/**
 * The file an export writes, row by row as the pages come: CSV, or XLSX through exceljs's
 * streaming workbook writer. Each writer waits while the client is behind (a write that returned
 * false waits for 'drain'), so a slow client holds back the next page instead of piling it up in
 * memory, and each says when the client has gone.
 */
import { EventEmitter } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { BOM, csvLine, type Cell } from './csv.js';

export interface SheetWriter {
  /** Writes the header row. False when the client has gone. */
  start(headers: readonly string[]): Promise<boolean>;
  /** Writes rows and waits until the client has taken enough of them to write more. False when it has gone. */
  rows(rows: readonly (readonly Cell[])[]): Promise<boolean>;
  /** Ends the file whole. */
  end(): Promise<void>;
  /**
   * Ends an export that cannot go on. A CSV ends with a last line that says why; an XLSX, whose
   * last part (the zip's directory) can never come, is cut off, so no client takes it for whole.
   */
  fail(message: string): Promise<void>;
  /** Stops at once: the client has gone. */
  abort(): void;
}

/** Resolves when `out` can take more (true) or has gone (false). */
export function drained(out: Writable): Promise<boolean> {
  if (out.destroyed) return Promise.resolve(false);
  if (!out.writableNeedDrain) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    out.once('drain', onDrain);
    out.once('close', onClose);
    out.once('error', onClose);
  });
}

/** Writes a chunk and, when `out` says it is full, waits for it to drain. False when it has gone. */
export async function writeChunk(out: Writable, chunk: string | Buffer): Promise<boolean> {
  if (out.destroyed || out.writableEnded) return false;
  if (out.write(chunk)) return true;
  return drained(out);
}

/** Ends `out` and waits until it has sent everything (or has gone). */
async function endOf(out: Writable): Promise<void> {
  if (!out.writableEnded) out.end();
  await finished(out).catch(() => undefined);
}

/** CSV (csv.ts): the BOM and header first, then each page of rows as one chunk. */
export function csvWriter(out: Writable): SheetWriter {
  return {
    start: (headers) => writeChunk(out, BOM + csvLine(headers)),
    rows: (rows) => (rows.length ? writeChunk(out, rows.map(csvLine).join('')) : drained(out)),
    end: () => endOf(out),
    fail: async (message) => {
      await writeChunk(out, csvLine([message]));
      await endOf(out);
    },
    abort: () => out.destroy(),
  };
}

export interface XlsxSheet {
  /** The worksheet's name (31 characters at most). */
  name: string;
  /** Each column's width, in characters. */
  widths: readonly number[];
}

/** exceljs's streaming writer keeps its zip (archiver) as `zip`; its errors must not go unheard. */
const hasZip = (writer: object): writer is { zip: EventEmitter } =>
  'zip' in writer && writer.zip instanceof EventEmitter;

/**
 * XLSX through exceljs's streaming WorkbookWriter: one worksheet, inline strings (no shared-strings
 * table held in memory), a bold header row frozen at the top. Each committed row leaves memory for
 * the zip; the zip goes to `out` through a stream of its own, so that a failure can destroy it.
 */
export function xlsxWriter(out: Writable, sheet: XlsxSheet, onError: (error: Error) => void): SheetWriter {
  const zipped = new PassThrough();
  let cutOff = false;
  const piped = pipeline(zipped, out).catch((error: Error) => {
    // Cut off on purpose (fail, abort), or the client went away: the handler knows of both.
    if (!cutOff && error.name !== 'AbortError' && (error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE')
      onError(error);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: zipped,
    useStyles: true,
    useSharedStrings: false,
  });
  if (hasZip(workbook)) workbook.zip.on('error', (error: Error) => zipped.destroy(error));
  const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = sheet.widths.map((width) => ({ width }));
  /** Waits while the client (or the zip on its way to it) is behind. */
  const paced = async () => (await drained(zipped)) && (await drained(out));
  return {
    start: async (headers) => {
      const row = worksheet.addRow([...headers]);
      row.font = { bold: true };
      row.commit();
      return paced();
    },
    rows: async (rows) => {
      for (const cells of rows) worksheet.addRow([...cells]).commit();
      return paced();
    },
    end: async () => {
      worksheet.commit();
      // The workbook's last parts; a client gone meanwhile ends the pipe, and with it the wait.
      const committed = workbook.commit().catch((error: Error) => {
        if (!out.destroyed) onError(error);
      });
      await Promise.race([committed, piped]);
      await piped;
      await endOf(out);
    },
    fail: async (message) => {
      cutOff = true;
      zipped.destroy(new Error(message));
      await piped;
      out.destroy();
    },
    abort: () => {
      cutOff = true;
      zipped.destroy();
      out.destroy();
    },
  };
}
