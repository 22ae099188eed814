import { useMemo, useState, type HTMLAttributes } from 'react';
import { App, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, EditOutlined, MinusCircleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { ExpertCurate, ExpertOut } from '@rdplan/domain';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { usePaging } from '../../hooks/usePaging';
import { useI18n } from '../../i18n/I18nProvider';
import { reviewApi } from './api';
import { RefusalAlert, fieldErrorsOf, useCanEdit } from './shared';
import { useFieldName } from '../../hooks/useFieldName';

const FIELD_RE = /^F\d{2}(\.\d{2})?$/;

/** /app/reviews/experts: the expert pool, searchable, curated by officers. */
export function ExpertPoolPage() {
  const { t } = useI18n();
  const fieldName = useFieldName();
  const canEdit = useCanEdit();
  const [q, setQ] = useState('');
  const [field, setField] = useState<string | undefined>(undefined);
  const [available, setAvailable] = useState<'true' | 'false' | undefined>(undefined);
  const [editing, setEditing] = useState<ExpertOut | null>(null);
  const { page, pageSize, setPage, pagination } = usePaging({ sizeChanger: true });
  const fieldOptions = useFieldOptions();
  const { data, error, loading, reload } = useApi(
    () => reviewApi.experts({ page, pageSize, q: q || undefined, field, available }),
    [page, pageSize, q, field, available],
  );

  return (
    <div data-testid="expert-pool-page">
      <PageHeader title={t('review.experts.title')} />
      <Typography.Paragraph type="secondary">{t('review.experts.intro')}</Typography.Paragraph>
      {/* The filters sit above the table, where they wrap, not in the card's head, which clips them. */}
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }} data-testid="expert-filters">
          <Select<'true' | 'false'>
            allowClear
            placeholder={t('review.experts.available')}
            aria-label={t('review.experts.available')}
            value={available}
            onChange={(v) => {
              setAvailable(v);
              setPage(1);
            }}
            options={[
              { value: 'true', label: t('review.experts.availableYes') },
              { value: 'false', label: t('review.experts.availableNo') },
            ]}
            style={{ width: 140 }}
            data-testid="expert-filter-available"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('review.experts.field')}
            aria-label={t('review.experts.field')}
            value={field}
            onChange={(v: string | undefined) => {
              setField(v);
              setPage(1);
            }}
            options={fieldOptions}
            style={{ width: 240 }}
            data-testid="expert-filter-field"
          />
          <Input.Search
            allowClear
            placeholder={t('review.experts.q')}
            enterButton={t('common.search')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            style={{ width: 280 }}
            data-testid="expert-search"
          />
        </Space>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<ExpertOut>
            rowKey="personId"
            size="small"
            loading={loading}
            dataSource={data?.items ?? []}
            pagination={pagination(data?.total)}
            locale={{ emptyText: t('review.experts.empty') }}
            scroll={{ x: 1300 }}
            data-testid="expert-pool"
            onRow={(r) => ({ 'data-testid': `expert-row-${r.personId}` }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('review.experts.name'),
                key: 'name',
                width: 130,
                render: (_, r) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text strong>{r.name}</Typography.Text>
                    {!r.isExpert && <Tag>{t('review.experts.notExpert')}</Tag>}
                  </Space>
                ),
              },
              { title: t('review.experts.titleLevel'), key: 'title', width: 120, render: (_, r) => r.titleName ?? r.titleLevel },
              { title: t('review.experts.unit'), dataIndex: 'orgName', width: 200, render: (v: string | null) => v ?? '—' },
              {
                title: t('review.experts.fields'),
                dataIndex: 'fieldCodes',
                width: 240,
                render: (v: string[]) => (
                  <Space wrap size={[2, 2]}>
                    {v.map((f) => (
                      <Tag key={f} color="blue" style={{ whiteSpace: 'normal' }}>
                        {fieldName(f)}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
              {
                title: t('review.experts.keywords'),
                dataIndex: 'keywords',
                render: (v: string[]) => (
                  <Space wrap size={[2, 2]}>
                    {v.map((k) => (
                      <Tag key={k}>{k}</Tag>
                    ))}
                  </Space>
                ),
              },
              {
                title: t('review.experts.load'),
                key: 'load',
                width: 100,
                align: 'right',
                render: (_, r) => (
                  <Typography.Text type={r.currentLoad >= r.loadCap ? 'danger' : undefined} data-testid="expert-load">
                    {r.currentLoad} / {r.loadCap}
                  </Typography.Text>
                ),
              },
              {
                title: t('review.experts.available'),
                key: 'available',
                width: 130,
                render: (_, r) => (
                  <Space orientation="vertical" size={0}>
                    <Tag color={r.available ? 'success' : 'default'} data-testid="expert-available" data-available={String(r.available)}>
                      {r.available ? t('review.experts.availableYes') : t('review.experts.availableNo')}
                    </Tag>
                    {r.unavailableUntil && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('review.experts.until', { d: r.unavailableUntil })}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('review.experts.account'),
                dataIndex: 'hasAccount',
                width: 80,
                align: 'center',
                render: (v: boolean) =>
                  v ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <MinusCircleOutlined style={{ color: '#bbb' }} />,
              },
              ...(canEdit
                ? [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      width: 90,
                      fixed: 'right' as const,
                      render: (_: unknown, r: ExpertOut) => (
                        <Button
                          size="small"
                          type="link"
                          icon={<EditOutlined />}
                          onClick={() => setEditing(r)}
                          data-testid={`expert-edit-${r.personId}`}
                        >
                          {t('review.experts.edit')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {editing && (
        <CurateDrawer
          expert={editing}
          fieldOptions={fieldOptions}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </div>
  );
}

type FieldOption = { label: string; options: { value: string; label: string }[] };

function useFieldOptions(): FieldOption[] {
  const { nameOf } = useI18n();
  const fields = useApi(endpoints.fields, []);
  return useMemo(
    () =>
      (fields.data ?? []).map((f) => ({
        label: `${f.code} ${nameOf(f)}`,
        options: [f, ...f.directions].map((d) => ({ value: d.code, label: `${d.code} ${nameOf(d)}` })),
      })),
    [fields.data, nameOf],
  );
}

interface Values {
  isExpert: boolean;
  fieldCodes: string[];
  keywords: string[];
  loadCap: number;
  available: boolean;
  unavailableUntil: Dayjs | null;
  note: string;
  reason?: string;
}

function CurateDrawer({
  expert,
  fieldOptions,
  onClose,
  onSaved,
}: {
  expert: ExpertOut;
  fieldOptions: FieldOption[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body: ExpertCurate = {
      isExpert: v.isExpert,
      fieldCodes: v.fieldCodes.map((f) => f.trim().toUpperCase()),
      keywords: v.keywords.map((k) => k.trim()).filter((k) => k.length > 0),
      loadCap: v.loadCap,
      available: v.available,
      unavailableUntil: v.unavailableUntil ? v.unavailableUntil.format('YYYY-MM-DD') : null,
      note: (v.note ?? '').trim(),
      ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      await reviewApi.curate(expert.personId, body);
      message.success(t('review.experts.saved'));
      onSaved();
    } catch (e) {
      const fe = fieldErrorsOf(e).map((f) => ({ ...f, name: f.name.slice(0, 1) }));
      if (fe.length > 0) form.setFields(fe as Parameters<typeof form.setFields>[0]);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      open
      size={560}
      title={t('review.experts.drawerTitle', { name: expert.name })}
      onClose={onClose}
      destroyOnHidden
      data-testid="expert-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="expert-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <RefusalAlert error={error} testId="expert-error" />
      <Typography.Paragraph type="secondary">
        {expert.orgName ?? '—'} · {expert.titleName ?? expert.titleLevel}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          isExpert: expert.isExpert,
          fieldCodes: expert.fieldCodes,
          keywords: expert.keywords,
          loadCap: expert.loadCap,
          available: expert.available,
          unavailableUntil: expert.unavailableUntil ? dayjs(expert.unavailableUntil) : null,
          note: expert.note,
          reason: '',
        }}
      >
        <Form.Item name="isExpert" label={t('review.experts.isExpert')} valuePropName="checked">
          <Switch data-testid="expert-is-expert" />
        </Form.Item>
        <Form.Item
          name="fieldCodes"
          label={t('review.experts.fields')}
          extra={t('review.experts.fieldsHint')}
          rules={[
            {
              validator: (_, v: string[] | undefined) =>
                (v ?? []).every((f) => FIELD_RE.test(f.trim().toUpperCase()))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('review.experts.badField'))),
            },
          ]}
        >
          <Select mode="tags" options={fieldOptions} maxCount={10} tokenSeparators={[',', '，', ' ']} data-testid="expert-fields" />
        </Form.Item>
        <Form.Item name="keywords" label={t('review.experts.keywords')} extra={t('review.experts.keywordsHint')}>
          <Select mode="tags" open={false} maxCount={20} tokenSeparators={[',', '，', '；', ';']} data-testid="expert-keywords" />
        </Form.Item>
        <Form.Item name="loadCap" label={t('review.experts.loadCap')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={0} max={500} precision={0} data-testid="expert-load-cap" />
        </Form.Item>
        <Form.Item name="available" label={t('review.experts.available')} valuePropName="checked">
          <Switch
            checkedChildren={t('review.experts.availableYes')}
            unCheckedChildren={t('review.experts.availableNo')}
            data-testid="expert-available-switch"
          />
        </Form.Item>
        <Form.Item name="unavailableUntil" label={t('review.experts.unavailableUntil')}>
          <DatePicker allowClear data-testid="expert-unavailable-until" />
        </Form.Item>
        <Form.Item name="note" label={t('review.experts.note')}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="expert-note" />
        </Form.Item>
        <Form.Item name="reason" label={t('review.reason')}>
          <Input maxLength={500} data-testid="expert-reason" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
