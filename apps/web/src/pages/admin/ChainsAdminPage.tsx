import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Switch, Table, Tag } from 'antd';
import { errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import type { Chain } from '../../api/types';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { OrgPicker } from '../../components/OrgPicker';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';

interface Values {
  nameZh: string;
  nameEn: string;
  active: boolean;
  leaderOrgIds: string[];
}

function ChainEditModal({ chain, onClose, onSaved }: { chain: Chain | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initialLeaders = useMemo(() => (chain?.leaders ?? []).map((l) => ({ value: l.orgId, label: l.name })), [chain]);

  async function onFinish(v: Values) {
    if (!chain) return;
    setBusy(true);
    setError(null);
    try {
      const patch: { nameZh?: string; nameEn?: string; active?: boolean } = {};
      if (v.nameZh.trim() !== chain.nameZh) patch.nameZh = v.nameZh.trim();
      if (v.nameEn.trim() !== chain.nameEn) patch.nameEn = v.nameEn.trim();
      if (v.active !== chain.active) patch.active = v.active;
      if (Object.keys(patch).length > 0) await endpoints.updateChain(chain.id, patch);
      const leaderIds = v.leaderOrgIds ?? [];
      const before = chain.leaders.map((l) => l.orgId);
      const leadersChanged = leaderIds.length !== before.length || leaderIds.some((id, i) => id !== before[i]);
      if (leadersChanged) await endpoints.setChainLeaders(chain.id, { orgIds: leaderIds });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={!!chain}
      title={chain ? `${t('chainsAdmin.edit')} · ${chain.code}` : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {chain && (
        <Form
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{
            nameZh: chain.nameZh,
            nameEn: chain.nameEn,
            active: chain.active,
            leaderOrgIds: chain.leaders.map((l) => l.orgId),
          }}
        >
          <Form.Item name="nameZh" label={t('common.nameZh')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input data-testid="chain-form-nameZh" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('common.nameEn')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input data-testid="chain-form-nameEn" />
          </Form.Item>
          <Form.Item name="leaderOrgIds" label={t('chainsAdmin.leaderIds')}>
            <OrgPicker initial={initialLeaders} testId="chain-form-leaders" type="enterprise" />
          </Form.Item>
          <Form.Item name="active" label={t('common.status')} valuePropName="checked">
            <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export function ChainsAdminPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApi(endpoints.chains, []);
  const [editing, setEditing] = useState<Chain | null>(null);
  return (
    <div data-testid="chains-admin-page">
      <PageHeader title={t('chainsAdmin.title')} />
      <Card>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<Chain>
            rowKey="id"
            loading={loading}
            dataSource={data ?? []}
            pagination={false}
            columns={[
              { title: t('common.code'), dataIndex: 'code', width: 90 },
              { title: t('common.nameZh'), dataIndex: 'nameZh' },
              { title: t('common.nameEn'), dataIndex: 'nameEn' },
              {
                title: t('chains.leaders'),
                dataIndex: 'leaders',
                render: (ls: Chain['leaders']) => (ls.length ? ls.map((l) => <Tag key={l.orgId}>{l.name}</Tag>) : '—'),
              },
              {
                title: t('common.status'),
                dataIndex: 'active',
                width: 90,
                render: (a: boolean) => (a ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 90,
                render: (_, c) => (
                  <Button type="link" onClick={() => setEditing(c)} data-testid={`chain-edit-${c.code}`}>
                    {t('common.edit')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <ChainEditModal
        chain={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          message.success(t('common.saved'));
          setEditing(null);
          reload();
        }}
      />
    </div>
  );
}
