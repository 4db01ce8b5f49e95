/** Quotes one CSV cell (RFC 4180); a cell a spreadsheet would run as a formula is kept as text. */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A small table as CSV in UTF-8 with a BOM, so Excel shows Chinese; for long lists use the gateway's /export. */
export function csvOf(header: readonly string[], rows: readonly (readonly unknown[])[]): Blob {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
  return new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
}

/** Hands a file to the browser's downloads. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
