// The create form validates with the contract's own createReportRunSchema before sending, shows the
// server's field errors inline on a 422, and never clears the input on a failure.
import { useId, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createReportRunSchema,
  MAX_REPORT_PERIOD_DAYS,
  reportFormats,
  reportTypes,
  type CreateReportRun,
  type FieldError,
  type ReportFormat,
  type ReportType,
} from '@repo/contract';
import { ErrorState } from '../../../shared/errors/error-state.tsx';
import { useCreateReportRun } from '../hooks/use-create-report-run.ts';

export interface CreateFormValues {
  type: ReportType;
  format: ReportFormat;
  from: string;
  to: string;
}

type FieldName = keyof CreateFormValues;
type FieldMessages = Partial<Record<FieldName, string>>;

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Last full calendar month: the most common report period. */
export function defaultValues(today: Date = new Date()): CreateFormValues {
  const firstOfThisMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  const lastOfPrevious = new Date(firstOfThisMonth.getTime() - 86_400_000);
  const firstOfPrevious = new Date(
    Date.UTC(lastOfPrevious.getUTCFullYear(), lastOfPrevious.getUTCMonth(), 1),
  );
  return { type: 'appointments', format: 'csv', from: isoDate(firstOfPrevious), to: isoDate(lastOfPrevious) };
}

export function toCreateBody(values: CreateFormValues): CreateReportRun {
  if (values.type === 'patients') {
    return {
      type: 'patients',
      format: values.format,
      parameters: {
        ...(values.from ? { createdFrom: values.from } : {}),
        ...(values.to ? { createdTo: values.to } : {}),
      },
    };
  }
  return { type: values.type, format: values.format, parameters: { from: values.from, to: values.to } };
}

const FIELD_OF_PATH: Record<string, FieldName> = {
  type: 'type',
  format: 'format',
  'parameters.from': 'from',
  'parameters.createdFrom': 'from',
  'parameters.to': 'to',
  'parameters.createdTo': 'to',
};

export function CreateReportForm() {
  const { t } = useTranslation();
  const create = useCreateReportRun();
  const [values, setValues] = useState<CreateFormValues>(() => defaultValues());
  const [clientErrors, setClientErrors] = useState<FieldError[]>([]);
  const formId = useId();
  const refs = useRef<Partial<Record<FieldName, HTMLElement | null>>>({});

  const message = (error: FieldError): string => {
    if (error.code === 'invalid_format') return t('reports.create.errors.invalidDate');
    if (error.code === 'custom' && error.message.includes('at most')) {
      return t('reports.create.errors.periodTooLong', { days: MAX_REPORT_PERIOD_DAYS });
    }
    if (error.code === 'custom') return t('reports.create.errors.periodOrder');
    return error.message || t('reports.create.errors.invalid');
  };

  const serverErrors = create.error?.kind === 'validation' ? create.error.fieldErrors : [];
  const fieldErrors = clientErrors.length > 0 ? clientErrors : serverErrors;
  const byField: FieldMessages = {};
  const unplaced: string[] = [];
  for (const error of fieldErrors) {
    const field = FIELD_OF_PATH[error.field];
    if (field) byField[field] ??= message(error);
    else unplaced.push(`${error.field}: ${message(error)}`);
  }

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const body = toCreateBody(values);
    const parsed = createReportRunSchema.safeParse(body);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((issue) => ({
        field: issue.path.join('.'),
        message: issue.message,
        code: issue.code,
      }));
      setClientErrors(errors);
      const first = errors.map((e) => FIELD_OF_PATH[e.field]).find(Boolean);
      if (first) refs.current[first]?.focus();
      return;
    }
    setClientErrors([]);
    create.mutate(parsed.data);
  };

  const set = <K extends FieldName>(field: K, value: CreateFormValues[K]): void => {
    setValues((current) => ({ ...current, [field]: value }));
  };

  const field = (name: FieldName) => {
    const id = `${formId}-${name}`;
    const error = byField[name];
    return {
      id,
      name,
      ref: (element: HTMLElement | null) => {
        refs.current[name] = element;
      },
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${id}-error` : undefined,
      error: error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null,
    };
  };
  const { error: typeError, ...typeProps } = field('type');
  const { error: formatError, ...formatProps } = field('format');
  const { error: fromError, ...fromProps } = field('from');
  const { error: toError, ...toProps } = field('to');
  const patients = values.type === 'patients';
  const showBanner = create.error && create.error.kind !== 'validation';

  return (
    <section aria-labelledby={`${formId}-title`} className="create-form">
      <h2 id={`${formId}-title`}>{t('reports.create.title')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="fields">
          <div className="field">
            <label htmlFor={typeProps.id}>{t('reports.create.type')}</label>
            <select
              {...typeProps}
              value={values.type}
              onChange={(e) => set('type', e.target.value as ReportType)}
            >
              {reportTypes.map((type) => (
                <option key={type} value={type}>
                  {t(`reports.types.${type}`)}
                </option>
              ))}
            </select>
            {typeError}
          </div>
          <div className="field">
            <label htmlFor={formatProps.id}>{t('reports.create.format')}</label>
            <select
              {...formatProps}
              value={values.format}
              onChange={(e) => set('format', e.target.value as ReportFormat)}
            >
              {reportFormats.map((format) => (
                <option key={format} value={format}>
                  {format.toUpperCase()}
                </option>
              ))}
            </select>
            {formatError}
          </div>
          <div className="field">
            <label htmlFor={fromProps.id}>
              {patients ? t('reports.create.createdFrom') : t('reports.create.from')}
            </label>
            <input
              {...fromProps}
              type="date"
              value={values.from}
              onChange={(e) => set('from', e.target.value)}
            />
            {fromError}
          </div>
          <div className="field">
            <label htmlFor={toProps.id}>
              {patients ? t('reports.create.createdTo') : t('reports.create.to')}
            </label>
            <input {...toProps} type="date" value={values.to} onChange={(e) => set('to', e.target.value)} />
            {toError}
          </div>
        </div>
        {fieldErrors.length > 0 && (
          <div role="alert" className="form-errors">
            <p>{t('reports.create.invalid')}</p>
            {unplaced.length > 0 && (
              <ul>
                {unplaced.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? t('reports.create.submitting') : t('reports.create.submit')}
        </button>
      </form>
      {create.isSuccess && (
        <p role="status" className="notice">
          {t('reports.create.created')}
        </p>
      )}
      {showBanner && (
        <div className="form-failure">
          <ErrorState error={create.error} onRetry={() => create.mutate(toCreateBody(values))} />
          <p>{t('reports.create.keptInput')}</p>
        </div>
      )}
    </section>
  );
}
