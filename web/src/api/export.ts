import { ApiError } from './client';
import { currentToken } from './session';
import { saveFile } from './download';

/**
 * Downloads one of the gateway's exports (/export/cases.csv, /export/case-stats.xlsx, …) with the
 * signed-in person's token: the gateway streams it with the same authorization and masking as
 * the API. The file name is the one the gateway gives.
 */
export async function downloadExport(path: string, parameters: Record<string, string>): Promise<void> {
  const headers: Record<string, string> = {};
  const token = currentToken();
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${path}?${new URLSearchParams(parameters)}`, { headers });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      errors?: { message: string; extensions?: { code?: string } }[];
    } | null;
    const first = body?.errors?.[0];
    throw new ApiError(first?.message ?? `HTTP ${response.status}`, first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : (plain ?? path.split('/').pop() ?? 'export');
  saveFile(await response.blob(), name);
}
