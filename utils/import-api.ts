import { ImportProgressLine, type ImportKind, type ImportLine, type ImportMode, type ImportReport } from '#protocol';
import { refusalOf, type ApiResult } from './admin-api';

/**
 * The console's CSV import endpoint (issue 20): the mapped rows go to the hub in one request (NDJSON),
 * so all-or-nothing covers the whole file; the hub answers NDJSON as it works — progress after each
 * batch, then the report — read here as it arrives.
 */
export type ImportSender = (
  kind: ImportKind,
  mode: ImportMode,
  rows: ImportLine[],
  onProgress: (done: number, total: number) => void,
) => Promise<ApiResult<ImportReport>>;

export function createImportApi(
  hubUrl: string,
  token: string,
  fetchImpl: typeof fetch = fetch,
): { send: ImportSender } {
  async function send(...[kind, mode, rows, onProgress]: Parameters<ImportSender>): Promise<ApiResult<ImportReport>> {
    let response: Response;
    try {
      response = await fetchImpl(new URL(`/api/admin/imports/${kind}?mode=${mode}`, hubUrl).toString(), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        body: rows.map((r) => JSON.stringify(r)).join('\n'),
      });
    } catch (error) {
      return { ok: false, status: 0, message: String((error as Error)?.message ?? error) };
    }
    if (!response.ok || !response.body) return refusalOf(response);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let pending = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      pending += value;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const text of lines.filter(Boolean)) {
        const line = ImportProgressLine.safeParse(JSON.parse(text));
        if (!line.success) return { ok: false, status: 200, message: 'the hub answered with an unexpected body' };
        if ('report' in line.data) return { ok: true, value: line.data.report };
        if ('error' in line.data) return { ok: false, status: 500, message: line.data.error.message };
        onProgress(line.data.done, line.data.total);
      }
    }
    return { ok: false, status: 0, message: 'the connection closed before the import finished' };
  }
  return { send };
}
