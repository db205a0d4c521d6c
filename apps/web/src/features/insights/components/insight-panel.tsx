// One insight: its question, the designed loading/error/empty states, a CSV download of the same rows,
// and a note when groups were hidden by the k-anonymity rule.
import type { ReactNode } from 'react';
import type { InsightQuery } from '@repo/api-client';
import type { InsightsMeta } from '@repo/contract';
import type { z } from 'zod';
import { ErrorState } from '../../../shared/errors/error-state.tsx';
import { Loading } from '../../../shared/ui/loading.tsx';
import { useDownloadInsightCsv, useInsight } from '../api/use-insight.ts';
import { useInsightsMessages } from '../messages.ts';

interface Response {
  data: unknown[];
  meta: InsightsMeta;
}

export function InsightPanel<S extends z.ZodType<Response>>(props: {
  name: string;
  query: InsightQuery;
  schema: S;
  title: string;
  question: string;
  children: (rows: z.infer<S>['data'], meta: InsightsMeta) => ReactNode;
}) {
  const { m, fill } = useInsightsMessages();
  const result = useInsight(props.name, props.query, props.schema);
  const download = useDownloadInsightCsv(props.name, props.query);
  const headingId = `insight-${props.name}`;
  let body: ReactNode;
  if (result.isPending) body = <Loading label={m.loading} />;
  else if (result.isError) body = <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
  else {
    const { data, meta } = result.data;
    body =
      data.length === 0 ? (
        <p className="empty-state">{m.empty}</p>
      ) : (
        <>
          {meta.suppressedRows > 0 && (
            <p className="suppressed-note" role="note">
              {fill(m.suppressedNote, { count: meta.suppressedRows, k: meta.minPatientsPerGroup })}
            </p>
          )}
          {props.children(data, meta)}
        </>
      );
  }
  return (
    <section aria-labelledby={headingId} className="insight-panel">
      <h2 id={headingId}>{props.title}</h2>
      <p className="insight-question">{props.question}</p>
      <button type="button" onClick={() => download.mutate()} disabled={download.isPending}>
        {m.download}
      </button>
      {download.isError && <ErrorState error={download.error} />}
      {body}
    </section>
  );
}

export function Suppressed({ k }: { k: number }) {
  const { m, fill } = useInsightsMessages();
  return <span className="suppressed">{fill(m.suppressed, { k })}</span>;
}

export function percent(value: number | null, locale: string): string {
  return value === null
    ? '–'
    : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

export function decimal(value: number | null, locale: string, digits = 2): string {
  return value === null
    ? '–'
    : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}
