import { App, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { NOTICE_SOURCES, type NoticeSource, type NoticeSummaryOut } from '@rdplan/domain';
import { errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { noticesApi } from './api';
import { NoticePeriod, NoticeStateTag } from './shared';

function PublishModal({ planId, open, onClose }: { planId: string; open: boolean; onClose: (publishedId?: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ source: NoticeSource; title?: string; howToObject: string }>();
  const [saving, setSaving] = useState(false);
  async function submit() {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const n = await noticesApi.publish({ planId, source: v.source, howToObject: v.howToObject, ...(v.title ? { title: v.title } : {}) });
      message.success(t('notices.published'));
      onClose(n.id);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal
      open={open}
      title={t('notices.publish')}
      onCancel={() => onClose()}
      onOk={() => void submit()}
      okText={t('notices.publish')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'notice-publish-confirm' } as never}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ source: 'selection', howToObject: t('notices.howToObjectDefault') }}
        data-testid="notice-publish-form"
      >
        <Form.Item name="source" label={t('notices.source')} rules={[{ required: true }]}>
          <Radio.Group>
            <Space direction="vertical">
              {NOTICE_SOURCES.map((s) => (
                <Radio key={s} value={s} data-testid={`notice-source-${s}`}>
                  {t(`notices.source.${s}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="title" label={t('notices.noticeTitle')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="howToObject" label={t('notices.howToObject')} rules={[{ required: true, min: 10 }]}>
          <Input.TextArea rows={4} maxLength={2000} data-testid="notice-how-to-object-input" />
        </Form.Item>
        <Typography.Text type="secondary">{t('notices.periodNote')}</Typography.Text>
      </Form>
    </Modal>
  );
}

/** /app/notices — officers publish notices of a plan and follow their objections. */
export function NoticesPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const plans = useApi(() => noticesApi.plans(), []);
  const [planId, setPlanId] = useState<string | undefined>(undefined);
  const chosen = planId ?? plans.data?.[0]?.id;
  const list = useApi(() => (chosen ? noticesApi.list(chosen) : Promise.resolve([] as NoticeSummaryOut[])), [chosen]);
  const [publishing, setPublishing] = useState(false);
  const isOfficer = user?.roles.includes('officer') ?? false;
  if (plans.error) return <LoadError error={plans.error} onRetry={plans.reload} />;
  return (
    <div data-testid="notices-page">
      <PageHeader
        title={t('notices.title')}
        extra={
          <Space wrap>
            <Select
              style={{ minWidth: 240 }}
              placeholder={t('notices.planPlaceholder')}
              aria-label={t('notices.plan')}
              value={chosen}
              onChange={setPlanId}
              loading={plans.loading}
              options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
              data-testid="notices-plan"
            />
            {isOfficer && chosen && (
              <Button type="primary" onClick={() => setPublishing(true)} data-testid="notice-publish">
                {t('notices.publish')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <Table<NoticeSummaryOut>
            rowKey="id"
            loading={list.loading}
            dataSource={list.data ?? []}
            locale={{ emptyText: t('notices.none') }}
            pagination={false}
            data-testid="notices-table"
            columns={[
              {
                title: t('notices.col.title'),
                key: 'title',
                render: (_, n) => (
                  <Link to={`/app/notices/${n.id}`} data-testid={`notice-link-${n.source}`}>
                    {n.title}
                  </Link>
                ),
              },
              { title: t('notices.col.period'), key: 'period', render: (_, n) => <NoticePeriod notice={n} /> },
              { title: t('notices.col.items'), dataIndex: 'itemCount', width: 90 },
              { title: t('notices.col.open'), dataIndex: 'openObjections', width: 110 },
              { title: t('notices.col.state'), key: 'state', width: 100, render: (_, n) => <NoticeStateTag notice={n} /> },
            ]}
          />
        )}
      </Card>
      {chosen && (
        <PublishModal
          planId={chosen}
          open={publishing}
          onClose={() => {
            setPublishing(false);
            list.reload();
          }}
        />
      )}
    </div>
  );
}
