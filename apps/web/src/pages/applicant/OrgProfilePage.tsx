import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, Space, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthProvider';
import { LoadError } from '../../components/LoadError';
import { OrganisationDetail } from '../../components/OrganisationDetail';
import { OrganisationGroupView } from '../../components/OrganisationGroupView';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';

function AddressEditor({ value, onSave }: { value: string | null; onSave: (v: string | null) => Promise<void> }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value ?? '');
  const [busy, setBusy] = useState(false);
  if (!editing) {
    return (
      <Space>
        <span>{value || '—'}</span>
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => {
            setDraft(value ?? '');
            setEditing(true);
          }}
          data-testid="org-edit-address"
        >
          {t('org.editAddress')}
        </Button>
      </Space>
    );
  }
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input value={draft} maxLength={300} onChange={(e) => setDraft(e.target.value)} data-testid="org-address-input" />
      <Button
        type="primary"
        loading={busy}
        data-testid="org-address-save"
        onClick={async () => {
          setBusy(true);
          try {
            await onSave(draft.trim() || null);
            setEditing(false);
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('common.save')}
      </Button>
      <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
    </Space.Compact>
  );
}

export function OrgProfilePage() {
  const { t } = useI18n();
  const { user, hasRole } = useAuth();
  const { message } = App.useApp();
  const orgId = user?.orgId ?? null;
  const { data, error, loading, reload } = useApi(() => (orgId ? endpoints.organisation(orgId) : Promise.resolve(null)), [orgId]);

  if (!orgId) return <Empty description={t('org.noOrg')} />;

  async function saveAddress(address: string | null) {
    try {
      await endpoints.updateOrganisation(orgId!, { address });
      message.success(t('common.saved'));
      reload();
    } catch (e) {
      message.error(errorMessage(e));
      throw e;
    }
  }

  return (
    <div data-testid="org-profile-page">
      <PageHeader title={t('org.profileTitle')} />
      <Card>
        <Alert type="info" showIcon title={t('org.readonlyNote')} style={{ marginBottom: 16 }} />
        {loading && !data ? (
          <PageSpin />
        ) : error ? (
          <>
            <Typography.Title level={4}>{user?.orgName}</Typography.Title>
            <LoadError error={error} onRetry={reload} />
          </>
        ) : data ? (
          <>
            <OrganisationDetail
              org={data}
              addressSlot={hasRole('unit_admin') ? <AddressEditor value={data.address} onSave={saveAddress} /> : undefined}
            />
            <OrganisationGroupView id={data.id} />
          </>
        ) : null}
      </Card>
    </div>
  );
}
