import { Alert, App, Button, Card, Descriptions, Form, Input, List, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ObjectionOut } from '@rdplan/domain';
import { errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';
import { noticesApi } from './api';
import { NoticeItemsTable, NoticePeriod, NoticeStateTag } from './shared';

function DecideModal({ objection, onClose }: { objection: ObjectionOut | null; onClose: (changed: boolean) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outcome: 'upheld' | 'dismissed'; reason: string; reply: string }>();
  const [saving, setSaving] = useState(false);
  async function submit() {
    if (!objection) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      await noticesApi.decide(objection.id, v);
      message.success(t('notices.admin.saved'));
      onClose(true);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal
      open={objection !== null}
      title={t('notices.admin.decide')}
      onCancel={() => onClose(false)}
      onOk={() => void submit()}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'objection-decide-confirm' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ outcome: 'dismissed' }}>
        <Form.Item name="outcome" label={t('notices.admin.outcome')} extra={t('notices.admin.upheldHint')}>
          <Radio.Group>
            <Radio value="upheld" data-testid="objection-outcome-upheld">
              {t('notices.outcome.upheld')}
            </Radio>
            <Radio value="dismissed" data-testid="objection-outcome-dismissed">
              {t('notices.outcome.dismissed')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reason" label={t('notices.admin.reason')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="objection-reason" />
        </Form.Item>
        <Form.Item name="reply" label={t('notices.admin.reply')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={4} maxLength={5000} data-testid="objection-reply" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NoteForm({ objection, onDone }: { objection: ObjectionOut; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  async function add() {
    setSaving(true);
    try {
      await noticesApi.note(objection.id, note);
      setNote('');
      onDone();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('notices.admin.addNote')}
        aria-label={t('notices.admin.addNote')}
        maxLength={5000}
        data-testid={`objection-note-${objection.id}`}
      />
      <Button onClick={() => void add()} disabled={note.trim().length < 2} loading={saving}>
        {t('notices.admin.addNote')}
      </Button>
    </Space.Compact>
  );
}

/** /app/notices/:id — a notice as published, its objections and their handling, corrections. */
export function NoticeAdminPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notice = useApi(() => noticesApi.notice(id), [id]);
  const objections = useApi(() => noticesApi.objections(id), [id]);
  const [deciding, setDeciding] = useState<ObjectionOut | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const [reason, setReason] = useState('');
  const isOfficer = user?.roles.includes('officer') ?? false;
  if (notice.error) return <LoadError error={notice.error} onRetry={notice.reload} />;
  if (!notice.data) return <PageSpin />;
  const n = notice.data;
  const reload = () => {
    notice.reload();
    objections.reload();
  };
  async function correct() {
    try {
      const next = await noticesApi.correct(n.id, { reason });
      setCorrecting(false);
      setReason('');
      void navigate(`/app/notices/${next.id}`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  }
  return (
    <div data-testid="notice-admin">
      <PageHeader
        title={
          <>
            {n.title} <NoticeStateTag notice={n} />
          </>
        }
        extra={
          <Space wrap>
            <Link to={`/notices/${n.id}`} target="_blank">
              {t('notices.admin.publicPage')}
            </Link>
            {isOfficer && n.current && (
              <Button onClick={() => setCorrecting(true)} data-testid="notice-correct">
                {t('notices.admin.correct')}
              </Button>
            )}
          </Space>
        }
      />
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('notices.col.period')}>
            <NoticePeriod notice={n} />
          </Descriptions.Item>
          <Descriptions.Item label={t('notices.howToObject')}>{n.howToObject}</Descriptions.Item>
          {n.correctionReason && <Descriptions.Item label={t('notices.admin.correctionReason')}>{n.correctionReason}</Descriptions.Item>}
        </Descriptions>
        <NoticeItemsTable items={n.items} />
        <Card title={t('notices.admin.objections')} size="small">
          {objections.error ? (
            <LoadError error={objections.error} onRetry={objections.reload} />
          ) : (
            <Table<ObjectionOut>
              rowKey="id"
              size="small"
              loading={objections.loading}
              dataSource={objections.data?.items ?? []}
              locale={{ emptyText: t('notices.admin.noObjections') }}
              pagination={false}
              data-testid="objections-table"
              onRow={(o) => ({ 'data-testid': `objection-row-${o.id}`, 'data-status': o.status }) as never}
              expandable={{
                expandedRowRender: (o) => (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{o.grounds}</Typography.Paragraph>
                    {o.evidence && (
                      <Space>
                        <a href={noticesApi.evidenceUrl(o.id)} download={o.evidence.filename}>
                          {t('notices.admin.evidence')}：{o.evidence.filename}
                        </a>
                        {o.evidence.activeContent.length > 0 && <Alert type="warning" showIcon title={t('notices.admin.activeContent')} />}
                      </Space>
                    )}
                    <List
                      header={t('notices.admin.notes')}
                      size="small"
                      dataSource={o.notes}
                      renderItem={(x) => (
                        <List.Item>
                          {x.note}{' '}
                          <Typography.Text type="secondary">
                            {x.by} {x.at.slice(0, 16).replace('T', ' ')}
                          </Typography.Text>
                        </List.Item>
                      )}
                    />
                    {o.status === 'open' && isOfficer && <NoteForm objection={o} onDone={objections.reload} />}
                    {o.status !== 'open' && (
                      <Typography.Text>
                        {o.decisionReason} — {o.reply}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              }}
              columns={[
                { title: t('notices.item.title'), dataIndex: 'projectTitle' },
                { title: t('notices.admin.objector'), key: 'who', render: (_, o) => `${o.name}（${o.workUnit}）` },
                { title: t('notices.admin.contact'), key: 'contact', render: (_, o) => [o.phone, o.email].filter(Boolean).join(' / ') },
                { title: t('notices.admin.received'), key: 'at', render: (_, o) => o.receivedAt.slice(0, 16).replace('T', ' ') },
                {
                  title: t('notices.admin.outcome'),
                  key: 'status',
                  render: (_, o) => (
                    <Tag color={o.status === 'upheld' ? 'red' : o.status === 'open' ? 'orange' : 'default'}>
                      {t(`notices.outcome.${o.status}`)}
                    </Tag>
                  ),
                },
                {
                  title: '',
                  key: 'act',
                  render: (_, o) =>
                    o.status === 'open' && isOfficer ? (
                      <Button size="small" onClick={() => setDeciding(o)} data-testid={`objection-decide-${o.id}`}>
                        {t('notices.admin.decide')}
                      </Button>
                    ) : null,
                },
              ]}
            />
          )}
          {(objections.data?.lateAttempts.length ?? 0) > 0 && (
            <List
              header={t('notices.admin.late')}
              size="small"
              data-testid="objections-late"
              dataSource={objections.data?.lateAttempts ?? []}
              renderItem={(a) => (
                <List.Item>
                  {a.at.slice(0, 16).replace('T', ' ')} {a.name}
                </List.Item>
              )}
            />
          )}
        </Card>
      </Space>
      <DecideModal
        objection={deciding}
        onClose={(changed) => {
          setDeciding(null);
          if (changed) reload();
        }}
      />
      <Modal
        open={correcting}
        title={t('notices.admin.correct')}
        onCancel={() => setCorrecting(false)}
        onOk={() => void correct()}
        okButtonProps={{ disabled: reason.trim().length < 2, 'data-testid': 'notice-correct-confirm' } as never}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('notices.admin.correctHint')}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label={t('notices.admin.correctionReason')}
          placeholder={t('notices.admin.correctionReason')}
          maxLength={1000}
          data-testid="notice-correct-reason"
        />
      </Modal>
    </div>
  );
}
