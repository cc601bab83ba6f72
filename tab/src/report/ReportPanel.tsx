import { Button, Caption1, Field, Subtitle2, Text, Textarea } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { LESSONS_MAX } from '../../../shared/api/report';
import { TABLE_NAMES } from '../../../shared/report/tables';
import { formatInstant } from '../../../shared/time/format';
import { ApiError, type ApiClient } from '../api/client';
import { LoadError } from '../common/LoadError';
import { useT } from '../i18n/locale';
import { useResource } from '../live/useResource';
import { MutationError } from '../records/MutationError';
import { allows, type PanelProps } from '../records/panel';
import { useRecordsStyles } from '../records/records.styles';
import { HandoverSection } from './HandoverSection';
import { useMutation } from '../records/useMutation';

const lessonsSchema = z.object({
  text: z.string(),
  byName: z.string().nullable(),
  at: z.string().nullable(),
});

/**
 * Fetches a report file with the tab's sign-in (a plain link would carry no token) and
 * hands it to the browser: opened in a new window, or saved under `name`.
 */
async function fetchFile(api: ApiClient, path: string): Promise<Blob> {
  const response = await fetch(path, { headers: await api.headers(), credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, 'http_error', null);
  return response.blob();
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The evaluation report: open or download it, and the lessons learned the lead writes. */
export function ReportPanel({ api, warRoomId, access, timeZone }: PanelProps) {
  const { t, locale } = useT();
  const styles = useRecordsStyles();
  const base = `/api/v1/war-rooms/${encodeURIComponent(warRoomId)}/report`;
  const load = useCallback(() => api.send('GET', `${base}/lessons`, lessonsSchema), [api, base]);
  const saved = useResource(warRoomId, load);
  const [text, setText] = useState('');
  useEffect(() => setText(saved.data?.text ?? ''), [saved.data]);
  const files = useMutation();
  const lessons = useMutation();
  const lead = allows(access, 'report.lessons');
  const query = `locale=${encodeURIComponent(locale)}`;

  const open = () =>
    files.run(
      () => fetchFile(api, `${base}?format=html&${query}`),
      (blob) => window.open(URL.createObjectURL(blob), '_blank', 'noopener'),
    );
  const download = (path: string, name: string) =>
    files.run(
      () => fetchFile(api, path),
      (blob) => save(blob, name),
    );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void lessons.run(() => api.send('PUT', `${base}/lessons`, null, { text }), saved.reload);
  };

  return (
    <div className={styles.panel} data-testid="report-panel">
      <Subtitle2 as="h3">{t('tab.report.heading')}</Subtitle2>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void open()} disabled={files.busy}>
          {t('tab.report.open')}
        </Button>
        <Button
          onClick={() => void download(`${base}?format=md&${query}`, 'evaluation-report.md')}
          disabled={files.busy}
        >
          {t('tab.report.markdown')}
        </Button>
      </div>
      <Caption1>{t('tab.report.csv')}</Caption1>
      <div className={styles.row}>
        {TABLE_NAMES.map((table) => (
          <Button
            key={table}
            size="small"
            data-testid={`report-csv-${table}`}
            disabled={files.busy}
            onClick={() => void download(`${base}/${table}.csv?${query}`, `${table}.csv`)}
          >
            {t(`report.section.${table}`)}
          </Button>
        ))}
      </div>
      <MutationError error={files.error} />

      <HandoverSection api={api} warRoomId={warRoomId} timeZone={timeZone} />

      <Subtitle2 as="h3">{t('report.section.lessons')}</Subtitle2>
      {saved.error !== null && <LoadError error={saved.error} onRetry={saved.reload} />}
      {saved.data?.at && saved.data.byName && (
        <Caption1 data-testid="lessons-saved">
          {t('tab.report.lessonsSaved', {
            name: saved.data.byName,
            at: formatInstant(saved.data.at, { timeZone, locale }),
          })}
        </Caption1>
      )}
      {lead ? (
        <form onSubmit={submit} className={styles.panel}>
          <Field label={t('report.section.lessons')}>
            <Textarea
              value={text}
              maxLength={LESSONS_MAX}
              resize="vertical"
              rows={6}
              onChange={(_, d) => setText(d.value)}
              data-testid="lessons-text"
            />
          </Field>
          <div className={styles.row}>
            <Button type="submit" appearance="primary" disabled={lessons.busy}>
              {t('tab.report.lessonsSave')}
            </Button>
          </div>
          <MutationError error={lessons.error} />
        </form>
      ) : (
        saved.data && (
          <Text data-testid="lessons-text-readonly">
            {saved.data.text || t('tab.report.noLessons')}
          </Text>
        )
      )}
    </div>
  );
}
