import { useRef, useState } from 'react';
import { App, Button, Card, Descriptions, Input, Popconfirm, Select, Space, Spin, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { DeleteOutlined, LockOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import {
  ACCEPTANCE_RESULTS,
  NATIONAL_OUTCOMES,
  NATIONAL_STAGES,
  ORG_TYPE_LABELS,
  formatWan,
  regionLabel,
  type ApplicationView,
  type OrgType,
} from '@rdplan/domain';
import { ApiError, errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { useI18n } from '../../i18n/I18nProvider';
import { applicationsApi } from './api';
import { itemText } from './shared';

/** What the system filled from the registry, the national records or the chain's plan: never editable (4.3.c). */
export function PrefilledPanel({ view }: { view: ApplicationView }) {
  const { t, tx, lang } = useI18n();
  const a = view.applicant;
  const source = (s: ApplicationView['locked'][number]['source']) => (
    <Tag icon={<LockOutlined />} color="default">
      {t(`applications.source.${s}`)}
    </Tag>
  );
  const value = (key: string, v: string | number | null) => {
    if (v === null || v === '') return '—';
    if (typeof v === 'string' && v in ORG_TYPE_LABELS) return tx(ORG_TYPE_LABELS[v as OrgType]);
    if ((ACCEPTANCE_RESULTS as readonly unknown[]).includes(v))
      return t(`applications.national.acceptance.${v as (typeof ACCEPTANCE_RESULTS)[number]}`);
    if (/region/i.test(key) && typeof v === 'string' && /^\d{6}$/.test(v)) return `${regionLabel(v, lang)} (${v})`;
    if ((NATIONAL_STAGES as readonly unknown[]).includes(v))
      return t(`applications.national.stage.${v as (typeof NATIONAL_STAGES)[number]}`);
    if ((NATIONAL_OUTCOMES as readonly unknown[]).includes(v))
      return t(`applications.national.outcome.${v as (typeof NATIONAL_OUTCOMES)[number]}`);
    return String(v);
  };
  return (
    <Card
      size="small"
      title={
        <Space>
          <LockOutlined />
          {t('applications.prefilled.title')}
        </Space>
      }
      data-testid="prefilled-panel"
    >
      <Typography.Paragraph type="secondary">{t('applications.prefilled.help')}</Typography.Paragraph>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: t('applications.prefilled.orgName'), children: <span data-testid="prefilled-org-name">{a.name}</span> },
          { key: 'uscc', label: t('applications.prefilled.uscc'), children: a.uscc },
          {
            key: 'type',
            label: t('applications.prefilled.type'),
            children: a.type in ORG_TYPE_LABELS ? tx(ORG_TYPE_LABELS[a.type as OrgType]) : a.type,
          },
          { key: 'region', label: t('applications.prefilled.region'), children: `${regionLabel(a.regionCode, lang)} (${a.regionCode})` },
          {
            key: 'ads',
            label: t('applications.prefilled.aboveSize'),
            children: a.aboveDesignatedSize
              ? `${t('common.yes')}${a.aboveDesignatedSizeYear ? ` (${a.aboveDesignatedSizeYear})` : ''}`
              : t('common.no'),
          },
          {
            key: 'hnte',
            label: t('applications.prefilled.hnte'),
            children: a.hnteCertNo ? `${a.hnteCertNo} (${a.hnteValidFrom ?? '?'} ~ ${a.hnteValidTo ?? '?'})` : t('common.none'),
          },
        ].map((i) => ({ ...i, children: <Space>{i.children}</Space> }))}
      />
      <div style={{ marginTop: 4 }}>{source('registry')}</div>
      {view.locked.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={view.locked}
          columns={[
            { title: t('applications.prefilled.item'), key: 'label', render: (_, l) => tx(l.label) },
            {
              title: t('applications.prefilled.value'),
              key: 'value',
              render: (_, l) => (
                <Space>
                  <LockOutlined style={{ color: '#8c8c8c' }} />
                  <span data-testid={`locked-${l.key}`}>
                    {typeof l.value === 'number' && /funds|amount|yuan/i.test(l.key) ? formatWan(l.value, lang) : value(l.key, l.value)}
                  </span>
                </Space>
              ),
            },
            { title: t('applications.prefilled.source'), key: 'source', width: 160, render: (_, l) => source(l.source) },
          ]}
        />
      )}
    </Card>
  );
}

type Enqueue = <T>(op: () => Promise<T>) => Promise<T>;

/** Searches the registry for a unit to add; says so plainly when the search is refused or fails. */
function UnitPicker({ exclude, onPick }: { exclude: string[]; onPick: (orgId: string) => void }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  function search(q: string) {
    window.clearTimeout(timer.current);
    if (q.trim().length < 2) return;
    timer.current = window.setTimeout(async () => {
      setLoading(true);
      try {
        const res = await endpoints.organisations({ q: q.trim(), page: 1, pageSize: 20 });
        setOptions(res.items.filter((o) => !exclude.includes(o.id)).map((o) => ({ value: o.id, label: `${o.name} (${o.uscc})` })));
        setProblem(null);
      } catch (e) {
        setOptions([]);
        setProblem(e instanceof ApiError && e.status === 403 ? t('applications.units.searchForbidden') : errorMessage(e));
      } finally {
        setLoading(false);
      }
    }, 300);
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select
        value={null}
        style={{ width: '100%' }}
        placeholder={t('applications.units.searchPlaceholder')}
        aria-label={t('applications.units.searchPlaceholder')}
        options={options}
        showSearch={{ filterOption: false, onSearch: search }}
        notFoundContent={loading ? <Spin size="small" /> : (problem ?? t('common.empty'))}
        onChange={(v: string | null) => v && onPick(v)}
        data-testid="units-picker"
      />
      {problem && (
        <Typography.Text type="warning" data-testid="units-picker-problem">
          {problem}
        </Typography.Text>
      )}
    </Space>
  );
}

/** Participating units: the applicant adds them; each must confirm from its own account. */
export function UnitsPanel({
  view,
  editable,
  onUnits,
  errorAt,
}: {
  view: ApplicationView;
  editable: boolean;
  onUnits?: (units: { orgId: string; role: string }[]) => void;
  errorAt?: (path: string) => boolean;
}) {
  const { t } = useI18n();
  const [roles, setRoles] = useState<Record<string, string>>({});
  const units = view.units.map((u) => ({ orgId: u.orgId, role: u.role }));
  const statusOf = (u: ApplicationView['units'][number]) =>
    u.confirmedAt ? (
      <Tag color="success">{t('applications.units.confirmed')}</Tag>
    ) : u.declinedAt ? (
      <Tooltip title={u.declineReason ?? ''}>
        <Tag color="error">{t('applications.units.declined')}</Tag>
      </Tooltip>
    ) : (
      <Tag color="warning">{t('applications.units.pending')}</Tag>
    );
  return (
    <Card size="small" title={t('applications.units.title')} data-testid="units-panel">
      {editable && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary">{t('applications.units.help')}</Typography.Paragraph>
          <UnitPicker
            exclude={[view.applicant.orgId, ...units.map((u) => u.orgId)]}
            onPick={(orgId) => onUnits?.([...units, { orgId, role: '' }])}
          />
        </div>
      )}
      <Table
        size="small"
        pagination={false}
        rowKey="orgId"
        dataSource={view.units}
        locale={{ emptyText: t('applications.units.none') }}
        columns={[
          { title: t('applications.units.name'), dataIndex: 'name' },
          { title: t('applications.prefilled.uscc'), dataIndex: 'uscc' },
          {
            title: t('applications.units.role'),
            key: 'role',
            render: (_, u) =>
              editable ? (
                <Input
                  value={roles[u.orgId] ?? u.role}
                  aria-label={`${u.name} · ${t('applications.units.role')}`}
                  maxLength={100}
                  onChange={(e) => setRoles({ ...roles, [u.orgId]: e.target.value })}
                  onBlur={() => {
                    const r = roles[u.orgId];
                    if (r !== undefined && r !== u.role) onUnits?.(units.map((x) => (x.orgId === u.orgId ? { ...x, role: r } : x)));
                  }}
                  data-testid={`unit-role-${u.orgId}`}
                />
              ) : (
                u.role || '—'
              ),
          },
          {
            title: t('common.status'),
            key: 'status',
            render: (_, u) => (
              <span
                data-testid={`unit-status-${u.orgId}`}
                style={errorAt?.(`units.${u.orgId}`) ? { outline: '1px solid #ff4d4f' } : undefined}
              >
                {statusOf(u)}
              </span>
            ),
          },
          ...(editable
            ? [
                {
                  title: '',
                  key: 'remove',
                  width: 56,
                  render: (_: unknown, u: ApplicationView['units'][number]) => (
                    <Popconfirm
                      title={t('applications.units.confirmRemove')}
                      okText={t('common.yes')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => onUnits?.(units.filter((x) => x.orgId !== u.orgId))}
                    >
                      <Button
                        size="small"
                        danger
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={t('applications.units.remove')}
                        data-testid={`unit-remove-${u.orgId}`}
                      />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function shortSha(s: string) {
  return s.length > 16 ? `${s.slice(0, 12)}…` : s;
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** The call's materials with the PDFs attached to each; upload and delete while editing. */
export function AttachmentsPanel({
  view,
  editable,
  enqueue,
  onView,
  errorAt,
}: {
  view: ApplicationView;
  editable: boolean;
  enqueue?: Enqueue;
  onView?: (v: ApplicationView) => void;
  errorAt?: (path: string) => boolean;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState<string | null>(null);
  const run = enqueue ?? (<T,>(op: () => Promise<T>) => op());

  async function upload(materialKey: string, file: File) {
    setUploading(materialKey);
    try {
      // The view (and its version) is applied inside the queued step, before the next save reads the version.
      await run(async () => {
        const v = await applicationsApi.uploadAttachment(view.id, materialKey, file);
        onView?.(v);
      });
      message.success(t('applications.attachments.uploaded', { name: file.name }));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setUploading(null);
    }
  }
  async function remove(attachmentId: string) {
    try {
      await run(async () => {
        const v = await applicationsApi.deleteAttachment(view.id, attachmentId);
        onView?.(v);
      });
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  return (
    <Card size="small" title={t('applications.attachments.title')} data-testid="attachments-panel">
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={view.call.materials}
        locale={{ emptyText: t('applications.attachments.noMaterials') }}
        columns={[
          {
            title: t('applications.calls.material'),
            key: 'name',
            width: '30%',
            render: (_, m) => (
              <Space
                orientation="vertical"
                size={0}
                style={errorAt?.(`attachments.${m.key}`) ? { outline: '1px solid #ff4d4f', padding: 2 } : undefined}
              >
                <span>
                  {itemText(m, lang)}{' '}
                  {m.required ? (
                    <Tag color="red">{t('applications.calls.requiredYes')}</Tag>
                  ) : (
                    <Tag>{t('applications.calls.optional')}</Tag>
                  )}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('applications.calls.pdfUpTo', { mb: m.maxMb })}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('applications.attachments.files'),
            key: 'files',
            render: (_, m) => {
              const files = view.attachments.filter((a) => a.materialKey === m.key);
              return (
                <Space orientation="vertical" style={{ width: '100%' }} data-testid={`attachments-${m.key}`}>
                  {files.length === 0 && <Typography.Text type="secondary">{t('applications.attachments.none')}</Typography.Text>}
                  {files.map((f) => (
                    <Space key={f.id} wrap data-testid={`attachment-${f.id}`}>
                      <a href={applicationsApi.attachmentUrl(view.id, f.id)} target="_blank" rel="noreferrer">
                        {f.filename}
                      </a>
                      <Typography.Text type="secondary">{formatSize(f.size)}</Typography.Text>
                      {f.activeContent && f.activeContent.length > 0 && (
                        <Tooltip title={t('applications.attachments.activeContentDetail', { kinds: f.activeContent.join(', ') })}>
                          <Tag color="error" icon={<WarningOutlined />} data-testid={`attachment-active-${f.id}`}>
                            {t('applications.attachments.activeContent')}
                          </Tag>
                        </Tooltip>
                      )}
                      <Tooltip title={`SHA-256 ${f.sha256}`}>
                        <Typography.Text type="secondary" code copyable={{ text: f.sha256 }}>
                          {shortSha(f.sha256)}
                        </Typography.Text>
                      </Tooltip>
                      {editable && (
                        <Popconfirm
                          title={t('applications.attachments.confirmDelete')}
                          okText={t('common.yes')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => remove(f.id)}
                        >
                          <Button
                            size="small"
                            danger
                            type="text"
                            icon={<DeleteOutlined />}
                            data-testid={`attachment-delete-${f.id}`}
                            aria-label={t('applications.attachments.delete')}
                          />
                        </Popconfirm>
                      )}
                    </Space>
                  ))}
                  {editable && (
                    <div data-testid={`upload-${m.key}`}>
                      <Upload
                        accept="application/pdf,.pdf"
                        showUploadList={false}
                        beforeUpload={(file) => {
                          const isPdf = file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf');
                          if (!isPdf) {
                            message.error(t('applications.attachments.pdfOnly'));
                            return Upload.LIST_IGNORE;
                          }
                          if (file.size > m.maxMb * 1024 * 1024) {
                            message.error(t('applications.attachments.tooLarge', { mb: m.maxMb }));
                            return Upload.LIST_IGNORE;
                          }
                          void upload(m.key, file);
                          return false;
                        }}
                      >
                        <Button size="small" icon={<UploadOutlined />} loading={uploading === m.key} data-testid={`upload-${m.key}-button`}>
                          {t('applications.attachments.upload')}
                        </Button>
                      </Upload>
                    </div>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
    </Card>
  );
}
