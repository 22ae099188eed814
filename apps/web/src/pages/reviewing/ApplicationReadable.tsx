import type { ReactNode } from 'react';
import { Card, Descriptions, List, Space, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { formatWan, type ApplicationForm, type ExpertReviewOut, type Track } from '@rdplan/domain';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { BudgetTable, KpiTable, ScheduleTable, TeamTable } from '../applications/FormTables';
import { TrackTag } from '../applications/shared';
import { ApplicantName } from './shared';
import { useFieldName } from '../../hooks/useFieldName';

const noop = () => undefined;
const noErrors = () => false;

/** Keys of the form rendered in their own section; anything else is listed under "other content". */
const KNOWN = new Set([
  'title',
  'summary',
  'fieldCode',
  'direction',
  'objectives',
  'content',
  'kpis',
  'schedule',
  'team',
  'budget',
  'implementationPlan',
  'plannedInvestment',
  'socialCapital',
  'completedOn',
  'conditionsAffirmed',
]);

function Para({ text }: { text: string | null | undefined }) {
  if (!text || !text.trim()) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{text}</Typography.Paragraph>;
}

/** Any JSON value, readably: text as paragraphs, lists as bullets, objects as key–value rows. */
function Value({ value }: { value: unknown }): ReactNode {
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof value === 'string') return <Para text={value} />;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return (
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {value.map((v, i) => (
          <li key={i}>
            <Value value={v} />
          </li>
        ))}
      </ul>
    );
  return (
    <Descriptions size="small" column={1} bordered>
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <Descriptions.Item key={k} label={k}>
          <Value value={v} />
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** The application as an assigned expert reads it: the form rendered section by section, read-only. */
export function ApplicationReadable({ review }: { review: ExpertReviewOut }) {
  const { t, lang } = useI18n();
  const fieldName = useFieldName();
  const app = review.application;
  const form = app.form as ApplicationForm & Record<string, unknown>;
  const other = Object.entries(form).filter(([k, v]) => !KNOWN.has(k) && v !== null && v !== undefined && v !== '');
  const section = (key: MessageKey, testId: string, body: ReactNode) => (
    <Card size="small" title={t(key)} data-testid={testId}>
      {body}
    </Card>
  );
  const money = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatWan(v, lang));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="review-application">
      <Card size="small" title={t('reviewing.app.title')}>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="review-app-title">
          {app.title}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('reviewing.app.applicant')}>
            <span data-testid="review-app-applicant">
              <ApplicantName name={review.blind ? null : app.applicantName} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('reviewing.app.track')}>
            <TrackTag track={app.track as Track} />
          </Descriptions.Item>
          <Descriptions.Item label={t('reviewing.app.field')}>{fieldName(app.fieldCode ?? form.fieldCode)}</Descriptions.Item>
          <Descriptions.Item label={t('reviewing.app.direction')}>{app.direction ?? form.direction ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('reviewing.app.cityFunds')}>{money(app.cityFunds)}</Descriptions.Item>
        </Descriptions>
        {review.blind && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {t('reviewing.app.blindApplicant')}
          </Typography.Paragraph>
        )}
        {form.summary && (
          <div style={{ marginTop: 12 }}>
            <Typography.Text strong>{t('applications.form.summary')}</Typography.Text>
            <Para text={form.summary} />
          </div>
        )}
      </Card>
      {section('applications.section.objectives', 'review-objectives', <Para text={form.objectives} />)}
      {section('applications.section.content', 'review-content', <Para text={form.content} />)}
      {section('applications.section.kpis', 'review-kpis', <KpiTable rows={form.kpis ?? []} readOnly onChange={noop} errorAt={noErrors} />)}
      {section(
        'applications.section.schedule',
        'review-schedule',
        <ScheduleTable rows={form.schedule ?? []} readOnly onChange={noop} errorAt={noErrors} />,
      )}
      {!review.blind &&
        (form.team?.length ?? 0) > 0 &&
        section(
          'applications.section.team',
          'review-team',
          <TeamTable rows={form.team ?? []} readOnly onChange={noop} errorAt={noErrors} />,
        )}
      {section(
        'applications.section.budget',
        'review-budget',
        <BudgetTable rows={form.budget ?? []} readOnly onChange={noop} error={false} />,
      )}
      {(form.implementationPlan || form.plannedInvestment !== undefined) &&
        section(
          'applications.section.continuation',
          'review-continuation',
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('applications.form.implementationPlan')}>
              <Para text={form.implementationPlan} />
            </Descriptions.Item>
            <Descriptions.Item label={t('applications.form.plannedInvestment')}>{money(form.plannedInvestment)}</Descriptions.Item>
          </Descriptions>,
        )}
      {(form.socialCapital !== undefined || form.completedOn) &&
        section(
          'applications.section.recognition',
          'review-recognition',
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('applications.form.socialCapital')}>{money(form.socialCapital)}</Descriptions.Item>
            <Descriptions.Item label={t('applications.form.completedOn')}>{form.completedOn ?? '—'}</Descriptions.Item>
          </Descriptions>,
        )}
      {other.length > 0 &&
        section(
          'reviewing.app.other',
          'review-other',
          <Descriptions size="small" column={1} bordered>
            {other.map(([k, v]) => (
              <Descriptions.Item key={k} label={k}>
                <Value value={v} />
              </Descriptions.Item>
            ))}
          </Descriptions>,
        )}
      {section(
        'reviewing.app.attachments',
        'review-attachments',
        <List
          size="small"
          dataSource={app.attachments}
          locale={{ emptyText: t('reviewing.app.noAttachments') }}
          renderItem={(a) => (
            <List.Item data-testid={`review-attachment-${a.id}`}>
              <Space>
                <PaperClipOutlined />
                <span>{a.filename}</span>
                <Typography.Text type="secondary">{(a.size / 1024).toFixed(0)} KB</Typography.Text>
              </Space>
            </List.Item>
          )}
        />,
      )}
    </Space>
  );
}
