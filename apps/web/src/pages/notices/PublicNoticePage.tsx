import { Alert, App, Button, Card, Descriptions, Form, Input, List, Select, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { NoticeOut } from '@rdplan/domain';
import { ApiError, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';
import { noticesApi } from './api';
import { NoticeItemsTable, NoticePeriod, NoticeStateTag } from './shared';

interface ObjectionValues {
  name?: string;
  workUnit?: string;
  phone?: string;
  email?: string;
  applicationId?: string;
  grounds?: string;
}

/** The reader's half of a server message written "English / 中文". */
function inLang(message: string, lang: 'zh' | 'en'): string {
  const at = message.lastIndexOf(' / ');
  if (at < 0) return message;
  return lang === 'zh' ? message.slice(at + 3) : message.slice(0, at);
}

/** Field errors of a refused objection, by form field (the server names body.<field>). */
function fieldErrors(e: unknown, lang: 'zh' | 'en'): { name: string; errors: string[] }[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return [];
  return (e.details as { path?: string; message?: string }[]).flatMap((d) =>
    typeof d.path === 'string' && d.path.startsWith('body.') ? [{ name: d.path.slice(5), errors: [inLang(d.message ?? '', lang)] }] : [],
  );
}

function ObjectionForm({ notice, onDone }: { notice: NoticeOut; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ObjectionValues>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<string | null>(null);

  async function submit(values: ObjectionValues) {
    setRefusal(null);
    if (!file) {
      setFileError(t('notices.object.needFile'));
      return;
    }
    setSending(true);
    try {
      const fields = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v : ''])) as Record<
        string,
        string
      >;
      const r = await noticesApi.object(notice.id, fields, file);
      setReceipt(r.message);
      message.success(t('notices.object.received'));
      form.resetFields();
      setFile(null);
      onDone();
    } catch (e) {
      const errs = fieldErrors(e, lang);
      const fileErr = errs.find((x) => x.name === 'file');
      if (fileErr) setFileError(fileErr.errors[0] ?? null);
      const known = errs.filter(
        (x) => x.name !== 'file' && ['name', 'workUnit', 'phone', 'email', 'applicationId', 'grounds'].includes(x.name),
      );
      if (known.length) form.setFields(known as never);
      const details = e instanceof ApiError ? (e.details as { message?: string } | null) : null;
      setRefusal(
        known.length || fileErr
          ? errorMessage(e)
          : `${errorMessage(e)}${details && typeof details === 'object' && 'message' in details && details.message ? `：${details.message}` : ''}`,
      );
    } finally {
      setSending(false);
    }
  }

  const items = notice.items.filter((i) => !i.removed);
  return (
    <Card title={t('notices.object.title')} data-testid="objection-card">
      <Typography.Paragraph>{t('notices.object.rules')}</Typography.Paragraph>
      {receipt && <Alert type="success" showIcon title={receipt} style={{ marginBottom: 12 }} data-testid="objection-receipt" />}
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="objection-refusal" role="alert" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="objection-form">
        <Form.Item name="name" label={t('notices.object.name')}>
          <Input autoComplete="name" maxLength={50} data-testid="objection-name" />
        </Form.Item>
        <Form.Item name="workUnit" label={t('notices.object.workUnit')}>
          <Input autoComplete="organization" maxLength={200} data-testid="objection-unit" />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="phone" label={t('notices.object.phone')}>
            <Input autoComplete="tel" maxLength={30} data-testid="objection-phone" />
          </Form.Item>
          <Form.Item name="email" label={t('notices.object.email')}>
            <Input autoComplete="email" maxLength={254} data-testid="objection-email" />
          </Form.Item>
        </Space>
        <Form.Item name="applicationId" label={t('notices.object.project')}>
          <Select
            data-testid="objection-project"
            options={items.map((i) => ({ value: i.applicationId, label: `${i.position}. ${i.title}（${i.unit}）` }))}
          />
        </Form.Item>
        <Form.Item name="grounds" label={t('notices.object.grounds')}>
          <Input.TextArea rows={5} maxLength={5000} data-testid="objection-grounds" />
        </Form.Item>
        <Form.Item label={t('notices.object.evidence')} validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
          <Upload
            accept="application/pdf,.pdf"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setFileError(null);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'evidence', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />} data-testid="objection-file">
              {t('notices.object.chooseFile')}
            </Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={sending} data-testid="objection-submit">
          {t('notices.object.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** /notices/:id — a notice for everyone, no login: what, from when to when, how to object, outcomes. */
export function PublicNoticePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data, error, loading, reload } = useApi(() => noticesApi.publicNotice(id), [id]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading && !data) return <PageSpin />;
  if (!data) return null;
  const current = data.versions[data.versions.length - 1];
  return (
    <div className="rd-section" data-testid="public-notice">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <div>
          <Typography.Title level={2} data-testid="public-notice-title">
            {data.title} <NoticeStateTag notice={data} />
          </Typography.Title>
          {!data.current && current && (
            <Alert
              type="warning"
              showIcon
              title={t('notices.supersededAlert')}
              action={<Link to={`/notices/${current.id}`}>{t('notices.viewCurrent')}</Link>}
            />
          )}
        </div>
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('notices.col.period')}>
            <NoticePeriod notice={data} />
            <div>
              <Typography.Text type="secondary">{t('notices.periodNote')}</Typography.Text>
            </div>
          </Descriptions.Item>
          <Descriptions.Item label={t('notices.howToObject')}>
            <span data-testid="notice-how-to-object">{data.howToObject}</span>
          </Descriptions.Item>
        </Descriptions>
        <NoticeItemsTable items={data.items} />
        {data.versions.length > 1 && (
          <Card title={t('notices.versions')} size="small" data-testid="notice-versions">
            <List
              dataSource={data.versions}
              renderItem={(v) => (
                <List.Item>
                  <Space wrap>
                    {v.id === data.id ? (
                      <Tag color="blue">{t('notices.version', { n: v.version })}</Tag>
                    ) : (
                      <Link to={`/notices/${v.id}`}>{t('notices.version', { n: v.version })}</Link>
                    )}
                    <span>{v.publishedAt.slice(0, 10)}</span>
                    <span data-testid={`notice-version-${v.version}-reason`}>
                      {v.correctionReason ? t('notices.correctionReason', { reason: v.correctionReason }) : t('notices.versionOriginal')}
                    </span>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        )}
        <Card title={t('notices.outcomes')} size="small" data-testid="notice-outcomes">
          <List
            dataSource={data.outcomes}
            locale={{ emptyText: t('notices.outcomesNone') }}
            renderItem={(o) => (
              <List.Item data-testid={`notice-outcome-${o.applicationId}`}>
                <Space wrap>
                  <Tag color={o.outcome === 'upheld' ? 'red' : 'default'}>{t(`notices.outcome.${o.outcome}`)}</Tag>
                  <strong>{o.projectTitle}</strong>
                  <span>{o.reason}</span>
                  <Typography.Text type="secondary">{o.decidedOn}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
          {data.pendingObjections > 0 && (
            <Typography.Text type="secondary">{t('notices.pending', { n: data.pendingObjections })}</Typography.Text>
          )}
        </Card>
        {data.running && data.items.some((i) => !i.removed) ? (
          <ObjectionForm notice={data} onDone={reload} />
        ) : (
          !data.running && data.current && <Alert type="info" showIcon title={t('notices.object.ended')} data-testid="objection-closed" />
        )}
      </Space>
    </div>
  );
}
