import { AnalyticsReport, type AnalyticsQuery, type AnalyticsTable, type ConversationFigure } from '#protocol';
import { hubCaller, type ApiResult } from './admin-api';

/**
 * The hub's analytics endpoints (FEATURES H4) for the Analytics screen: the report, and CSV downloads.
 * A download is fetched with the bearer token (a plain link could not carry it) and handed to the
 * browser as a file; the hub streams it, so a year of rows costs the hub no memory.
 */
export interface AnalyticsApi {
  report(q: AnalyticsQuery): Promise<ApiResult<AnalyticsReport>>;
  /** One table, or the conversations behind a figure; the file's name comes from the hub. */
  csv(
    what: { table: AnalyticsTable } | { figure: ConversationFigure; day?: string },
    q: AnalyticsQuery,
  ): Promise<ApiResult<{ name: string; blob: Blob }>>;
}

export function analyticsParams(q: AnalyticsQuery, more: Record<string, string | undefined> = {}): string {
  const entries = Object.entries({ ...q, ...more }).filter(
    (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
  );
  return new URLSearchParams(entries).toString();
}

export function createAnalyticsApi(hubUrl: string, token: string, fetchImpl: typeof fetch = fetch): AnalyticsApi {
  const call = hubCaller(hubUrl, token, fetchImpl);
  return {
    report: (q) =>
      call('GET', `/api/analytics/report?${analyticsParams(q)}`, undefined, (json) => AnalyticsReport.parse(json)),
    async csv(what, q) {
      const path =
        'table' in what
          ? `/api/analytics/${what.table}.csv?${analyticsParams(q)}`
          : `/api/analytics/conversations.csv?${analyticsParams(q, { figure: what.figure, day: what.day })}`;
      let response: Response;
      try {
        response = await fetchImpl(new URL(path, hubUrl).toString(), { headers: { authorization: `Bearer ${token}` } });
      } catch (error) {
        return { ok: false, status: 0, message: String((error as Error)?.message ?? error) };
      }
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        return { ok: false, status: response.status, message: body?.error?.message ?? response.statusText };
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'parley.csv';
      return { ok: true, value: { name, blob: await response.blob() } };
    },
  };
}

/** Hands a downloaded file to the browser's downloads. */
export function saveFile(file: { name: string; blob: Blob }, doc: Document = document): void {
  const url = URL.createObjectURL(file.blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.name;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
