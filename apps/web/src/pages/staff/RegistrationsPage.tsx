import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Space, Table } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import type { RegistrationRow } from '../../api/types';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';

export function RegistrationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApi(endpoints.registrations, []);
  const [rejecting, setRejecting] = useState<RegistrationRow | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  async function review(row: RegistrationRow, decision: 'approve' | 'reject', reason?: string) {
    setBusyId(row.id);
    try {
      await endpoints.reviewRegistration(row.id, { decision, ...(reason ? { reason } : {}) });
      message.success(decision === 'approve' ? t('reg.approved') : t('reg.rejected'));
      setRejecting(null);
      form.resetFields();
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <div data-testid="registrations-page">
      <PageHeader title={t('reg.title')} extra={<Button onClick={reload}>{t('common.refresh')}</Button>} />
      <Card>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<RegistrationRow>
            rowKey="id"
            loading={loading}
            dataSource={data ?? []}
            pagination={false}
            locale={{ emptyText: <Empty description={t('reg.empty')} /> }}
            columns={[
              { title: t('org.name'), dataIndex: 'orgName' },
              { title: t('org.uscc'), dataIndex: 'uscc', render: (v: string | null) => <code>{v ?? '—'}</code> },
              { title: t('reg.applicant'), dataIndex: 'name' },
              { title: t('reg.email'), dataIndex: 'email' },
              {
                title: t('reg.submittedAt'),
                dataIndex: 'createdAt',
                render: (v?: string) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, r) => (
                  <Space>
                    <Popconfirm title={t('reg.approveConfirm')} onConfirm={() => review(r, 'approve')}>
                      <Button type="primary" size="small" loading={busyId === r.id} data-testid={`approve-${r.id}`}>
                        {t('reg.approve')}
                      </Button>
                    </Popconfirm>
                    <Button danger size="small" onClick={() => setRejecting(r)} data-testid={`reject-${r.id}`}>
                      {t('reg.reject')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Modal
        open={!!rejecting}
        title={`${t('reg.rejectTitle')}${rejecting?.orgName ? ` — ${rejecting.orgName}` : ''}`}
        okText={t('reg.reject')}
        okButtonProps={{ danger: true, loading: !!rejecting && busyId === rejecting.id, 'data-testid': 'reject-confirm' } as ButtonProps}
        cancelText={t('common.cancel')}
        onCancel={() => setRejecting(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => rejecting && review(rejecting, 'reject', v.reason.trim())}>
          <Form.Item name="reason" label={t('reg.reason')} rules={[{ required: true, whitespace: true, message: t('reg.reasonRequired') }]}>
            <Input.TextArea rows={4} maxLength={500} showCount data-testid="reject-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
