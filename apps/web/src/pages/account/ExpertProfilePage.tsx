import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import type { Person } from '../../api/types';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';
import { reviewingApi, type ExpertProfile } from '../reviewing/api';

interface Values {
  fieldCodes: string[];
  keywords: string[];
}

/** Lets the expert change their own fields and keywords (PATCH /api/me/expert-profile). */
function ProfileEditModal({ person, open, onClose, onSaved }: { person: Person; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t, nameOf } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fields = useApi(endpoints.fields, []);
  const options = useMemo(
    () =>
      (fields.data ?? []).map((f) => ({
        label: `${f.code} ${nameOf(f)}`,
        options: [f, ...f.directions].map((d) => ({ value: d.code, label: `${d.code} ${nameOf(d)}` })),
      })),
    [fields.data, nameOf],
  );

  async function onFinish(v: Values) {
    setBusy(true);
    setError(null);
    try {
      await endpoints.updateExpertProfile({
        fieldCodes: v.fieldCodes,
        keywords: v.keywords.map((k) => k.trim()).filter((k) => k.length > 0),
      });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('expert.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ fieldCodes: person.fieldCodes, keywords: person.keywords }}
        preserve={false}
      >
        <Form.Item name="fieldCodes" label={t('people.fields')}>
          <Select
            mode="multiple"
            options={options}
            loading={fields.loading}
            placeholder={t('expert.fieldsHelp')}
            aria-label={t('expert.fieldsHelp')}
            maxCount={20}
          />
        </Form.Item>
        <Form.Item name="keywords" label={t('people.keywords')}>
          <Select mode="tags" open={false} placeholder={t('expert.keywordsHelp')} aria-label={t('expert.keywordsHelp')} maxCount={20} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Availability for reviews (PATCH available / unavailableUntil) and the officer-set load cap, read-only. */
function AvailabilityCard({ profile, onSaved }: { profile: ExpertProfile; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const supported = profile.available !== undefined;
  const today = dayjs().format('YYYY-MM-DD');
  const until = profile.unavailableUntil ?? null;
  const availableNow = profile.available !== false && !(until !== null && until >= today);

  async function patch(body: { available?: boolean; unavailableUntil?: string | null }) {
    setBusy(true);
    try {
      await reviewingApi.updateProfile(body);
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('reviewing.profile.availability')} style={{ marginTop: 16 }} data-testid="expert-availability">
      {!supported && <Alert type="info" showIcon title={t('reviewing.profile.notSupported')} style={{ marginBottom: 16 }} />}
      <Descriptions bordered column={1} styles={{ label: { width: 200 } }}>
        <Descriptions.Item label={t('reviewing.profile.available')}>
          <Space>
            <Switch
              checked={profile.available !== false}
              disabled={!supported}
              loading={busy}
              onChange={(v) => void patch({ available: v })}
              data-testid="expert-available"
              aria-label={t('reviewing.profile.available')}
            />
            <Tag
              color={availableNow ? 'green' : 'default'}
              data-testid="expert-available-now"
              data-available={availableNow ? 'true' : 'false'}
            >
              {availableNow ? t('reviewing.profile.availableNow') : t('reviewing.profile.unavailableNow')}
            </Tag>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('reviewing.profile.unavailableUntil')}>
          <Space orientation="vertical" size={4}>
            <DatePicker
              value={until ? dayjs(until) : null}
              format="YYYY-MM-DD"
              allowClear
              disabled={!supported || busy}
              onChange={(d) => void patch({ unavailableUntil: d ? d.format('YYYY-MM-DD') : null })}
              data-testid="expert-unavailable-until"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('reviewing.profile.unavailableHelp')}
            </Typography.Text>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('reviewing.profile.loadCap')}>
          <span data-testid="expert-load-cap">{profile.loadCap ?? '—'}</span>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reviewing.profile.loadCapHelp')}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The signed-in expert's own person record from GET /api/me/expert-profile. */
export function ExpertProfilePage() {
  const { t, nameOf } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApi(reviewingApi.profile, []);
  const [editing, setEditing] = useState(false);
  return (
    <div data-testid="expert-profile-page">
      <PageHeader
        title={t('expert.title')}
        extra={
          data ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="expert-profile-edit">
              {t('expert.edit')}
            </Button>
          ) : undefined
        }
      />
      <Card>
        {loading && !data ? (
          <PageSpin />
        ) : error ? (
          <LoadError error={error} onRetry={reload} />
        ) : data ? (
          <Descriptions bordered column={1} styles={{ label: { width: 200 } }}>
            <Descriptions.Item label={t('people.name')}>{data.name}</Descriptions.Item>
            <Descriptions.Item label={t('people.email')}>{data.email ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('people.title2')}>{data.titleName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('people.titleLevel')}>{t(`people.titleLevel.${data.titleLevel}`)}</Descriptions.Item>
            <Descriptions.Item label={t('people.org')}>
              {data.currentOrg ? (
                <>
                  {data.currentOrg.name}
                  {data.currentOrg.position && <Typography.Text type="secondary"> · {data.currentOrg.position}</Typography.Text>}
                </>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('people.expert')}>{data.isExpert ? t('common.yes') : t('common.no')}</Descriptions.Item>
            <Descriptions.Item label={t('people.fields')}>
              {data.fields.length > 0
                ? data.fields.map((f) => (
                    <Tag key={f.code}>
                      {f.code} {nameOf(f)}
                    </Tag>
                  ))
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('people.keywords')}>
              {data.keywords.length > 0 ? data.keywords.map((k) => <Tag key={k}>{k}</Tag>) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('people.affiliations')}>
              {data.affiliations.length > 0
                ? data.affiliations.map((a) => (
                    <div key={a.id}>
                      {a.orgName}
                      {a.position && ` · ${a.position}`}{' '}
                      <Typography.Text type="secondary">
                        {a.from} – {a.to ?? t('people.current')}
                      </Typography.Text>
                    </div>
                  ))
                : '—'}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
      </Card>
      {data && <AvailabilityCard profile={data} onSaved={reload} />}
      {data && (
        <ProfileEditModal
          person={data}
          open={editing}
          onClose={() => setEditing(false)}
          onSaved={() => {
            message.success(t('common.saved'));
            setEditing(false);
            reload();
          }}
        />
      )}
    </div>
  );
}
