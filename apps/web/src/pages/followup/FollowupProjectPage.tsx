import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Popconfirm,
  Row,
  Segmented,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { FOLLOWUP_KINDS, FOLLOWUP_OUTPUT_TYPES, STAFF_ROLES, formatWan, regionLabel, type FollowupKind } from '@rdplan/domain';
import { ApiError, errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthProvider';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { OrganisationDetail } from '../../components/OrganisationDetail';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';
import { followupApi, type FollowupEntry, type FollowupProjectView, type FollowupUnit, type TimelineItem } from './api';
import { EntryModal } from './EntryModal';
import { EVENT_COLOR, EVENT_ICON, KIND_COLOR, KIND_ICON, StatusTag } from './shared';
import { useFieldName } from '../../hooks/useFieldName';

/** /app/followup/:nationalId: one national project's follow-up page (4.2.b). */
export function FollowupProjectPage() {
  const { nationalId = '' } = useParams();
  const { data, error, loading, reload } = useApi(() => followupApi.project(nationalId), [nationalId]);
  if (loading && !data) return <PageSpin />;
  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return null;
  return <ProjectView view={data} reload={reload} />;
}

function ProjectView({ view, reload }: { view: FollowupProjectView; reload: () => void }) {
  const { t } = useI18n();
  const { project } = view;
  const [editing, setEditing] = useState<FollowupEntry | 'new' | null>(null);
  return (
    <div data-testid="followup-project-page" data-national-id={project.nationalId}>
      <Link to="/app/followup">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('followup.back')}
        </Button>
      </Link>
      <PageHeader
        title={
          <Space wrap>
            {project.title}
            <StatusTag status={view.status} />
          </Space>
        }
        extra={
          view.canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="followup-add">
              {t('followup.add')}
            </Button>
          ) : undefined
        }
      />
      {!view.canEdit && <Alert type="info" showIcon title={t('followup.readOnly')} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Facts view={view} />
          <Units units={view.units} />
          <People people={project.people} />
        </Col>
        <Col xs={24} xl={14}>
          <TimelineCard view={view} onEdit={setEditing} onChanged={reload} />
        </Col>
      </Row>
      {editing && (
        <EntryModal
          nationalId={project.nationalId}
          entry={editing === 'new' ? null : editing}
          units={view.units}
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

function Facts({ view }: { view: FollowupProjectView }) {
  const { t, lang } = useI18n();
  const fieldName = useFieldName();
  const { project } = view;
  const { central, local, self } = project.budget;
  const sep = lang === 'zh' ? '：' : ': ';
  return (
    <Card title={t('followup.facts')} size="small" style={{ marginBottom: 16 }} data-testid="followup-facts">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('followup.nationalId')}>
          <Typography.Text code>{project.nationalId}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('followup.programme')}>{project.programme}</Descriptions.Item>
        {project.direction && <Descriptions.Item label={t('followup.direction')}>{project.direction}</Descriptions.Item>}
        <Descriptions.Item label={t('followup.field')}>{fieldName(project.fieldCode)}</Descriptions.Item>
        {project.applicationNationalId && (
          <Descriptions.Item label={t('followup.application')}>{project.applicationNationalId}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('followup.period')}>
          {project.startDate ?? '—'} — {project.endDate ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('followup.budget')}>
          <div data-testid="followup-budget">
            <div>
              {t('followup.budget.central')}
              {sep}
              {formatWan(central, lang)}
            </div>
            <div>
              {t('followup.budget.local')}
              {sep}
              {formatWan(local, lang)}
            </div>
            <div>
              {t('followup.budget.self')}
              {sep}
              {formatWan(self, lang)}
            </div>
            <Typography.Text strong>
              {t('followup.budget.total')}
              {sep}
              {formatWan(central + local + self, lang)}
            </Typography.Text>
          </div>
        </Descriptions.Item>
        <Descriptions.Item label={t('followup.acceptance')}>
          {project.acceptance ? (
            <Space>
              <Tag color={project.acceptance.result === 'passed' ? 'green' : 'red'}>
                {t(project.acceptance.result === 'passed' ? 'followup.event.acceptance_passed' : 'followup.event.acceptance_failed')}
              </Tag>
              {project.acceptance.date}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('followup.notAccepted')}</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('followup.outputSummary')}>
          <Space size={[4, 4]} wrap data-testid="followup-output-summary">
            {FOLLOWUP_OUTPUT_TYPES.filter((k) => view.outputsByType[k]).map((k) => (
              <Tag key={k} color="green">
                {t(`followup.outputType.${k}`)} {view.outputsByType[k]}
              </Tag>
            ))}
            {Object.keys(view.outputsByType).length === 0 && <Typography.Text type="secondary">0</Typography.Text>}
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function Units({ units }: { units: FollowupUnit[] }) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const [open, setOpen] = useState<string | null>(null);
  const isStaff = !!user && user.roles.some((r) => STAFF_ROLES.includes(r));
  const canOpen = (orgId: string) => isStaff || user?.orgId === orgId;
  return (
    <Card title={t('followup.units')} size="small" style={{ marginBottom: 16 }}>
      <Table<FollowupUnit>
        rowKey="position"
        size="small"
        pagination={false}
        dataSource={units}
        data-testid="followup-units"
        columns={[
          {
            title: t('followup.unitName'),
            key: 'name',
            render: (_, u) => (
              <>
                <div>{u.orgName ?? u.name}</div>
                {u.orgName && u.orgName !== u.name && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {u.name}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('followup.unitRole'),
            dataIndex: 'role',
            width: 80,
            render: (v: FollowupUnit['role']) => <Tag color={v === 'lead' ? 'blue' : 'default'}>{t(`followup.role.${v}`)}</Tag>,
          },
          {
            title: t('followup.region'),
            key: 'region',
            width: 130,
            render: (_, u) => (
              <>
                {u.regionCode ? regionLabel(u.regionCode, lang) : '—'}
                {u.isGuangzhou && (
                  <Tag color="blue" style={{ marginInlineStart: 4 }}>
                    {t('followup.inGuangzhou')}
                  </Tag>
                )}
              </>
            ),
          },
          {
            title: t('followup.registry'),
            key: 'registry',
            width: 110,
            render: (_, u) =>
              u.orgId && canOpen(u.orgId) ? (
                <Button size="small" type="link" onClick={() => setOpen(u.orgId)} data-testid={`followup-registry-${u.position}`}>
                  {t('followup.registryOpen')}
                </Button>
              ) : u.orgId ? (
                <Tag color="blue">{t('followup.registry')}</Tag>
              ) : (
                <Typography.Text type="secondary">{t('followup.notMatched')}</Typography.Text>
              ),
          },
        ]}
      />
      <Drawer open={!!open} onClose={() => setOpen(null)} title={t('followup.registryOpen')} size={640} destroyOnHidden>
        {open && <RegistryRecord id={open} />}
      </Drawer>
    </Card>
  );
}

function RegistryRecord({ id }: { id: string }) {
  const { data, error, loading, reload } = useApi(() => endpoints.organisation(id), [id]);
  if (loading && !data) return <PageSpin />;
  if (error) return <LoadError error={error} onRetry={reload} />;
  return data ? <OrganisationDetail org={data} /> : null;
}

function People({ people }: { people: FollowupProjectView['project']['people'] }) {
  const { t } = useI18n();
  return (
    <Card title={t('followup.people')} size="small" style={{ marginBottom: 16 }}>
      <Table
        rowKey={(p) => `${p.name}-${p.role}-${p.unit}`}
        size="small"
        pagination={false}
        dataSource={people}
        locale={{ emptyText: t('common.empty') }}
        data-testid="followup-people"
        columns={[
          { title: t('followup.personName'), dataIndex: 'name' },
          { title: t('followup.personRole'), dataIndex: 'role' },
          { title: t('followup.personUnit'), dataIndex: 'unit' },
        ]}
      />
    </Card>
  );
}

type KindFilter = FollowupKind | 'all';

function TimelineCard({
  view,
  onEdit,
  onChanged,
}: {
  view: FollowupProjectView;
  onEdit: (e: FollowupEntry) => void;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [kind, setKind] = useState<KindFilter>('all');
  const counts = useMemo(() => {
    const c: Partial<Record<FollowupKind, number>> = {};
    for (const i of view.timeline) c[i.kind] = (c[i.kind] ?? 0) + 1;
    return c;
  }, [view.timeline]);
  const shown = view.timeline.filter((i) => kind === 'all' || i.kind === kind);

  async function remove(e: FollowupEntry) {
    try {
      await followupApi.deleteEntry(view.project.nationalId, e.id);
      message.success(t('followup.deleted'));
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const item = (i: TimelineItem) => {
    const planned = i.occurredOn > view.today;
    if (i.source === 'record' && i.event) {
      return {
        key: i.key,
        color: EVENT_COLOR[i.event],
        icon: EVENT_ICON[i.event],
        title: i.occurredOn,
        content: (
          <div data-testid="followup-timeline-item" data-kind={i.kind} data-source="record">
            <Space wrap>
              <Typography.Text strong>{t(`followup.event.${i.event}`)}</Typography.Text>
              <Tag>{t('followup.fromRecord')}</Tag>
              {planned && <Tag color="gold">{t('followup.planned')}</Tag>}
            </Space>
          </div>
        ),
      };
    }
    const e = i.entry!;
    return {
      key: i.key,
      color: KIND_COLOR[i.kind],
      icon: KIND_ICON[i.kind],
      title: i.occurredOn,
      content: (
        <div data-testid="followup-timeline-item" data-kind={i.kind} data-source="entry" data-entry-id={e.id}>
          <Space wrap>
            <Tag color={KIND_COLOR[i.kind]} icon={KIND_ICON[i.kind]}>
              {t(`followup.kind.${i.kind}`)}
            </Tag>
            {e.outputType && <Tag color="green">{t(`followup.outputType.${e.outputType}`)}</Tag>}
            <Typography.Text strong>{e.title}</Typography.Text>
            {planned && <Tag color="gold">{t('followup.planned')}</Tag>}
          </Space>
          {e.detail && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{e.detail}</Typography.Paragraph>}
          <Space size={12} wrap>
            {e.orgName && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.orgName}
              </Typography.Text>
            )}
            {e.createdBy && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('followup.recordedBy', { name: e.createdBy })}
              </Typography.Text>
            )}
            {view.canEdit && (
              <>
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(e)} data-testid={`followup-edit-${e.id}`}>
                  {t('common.edit')}
                </Button>
                <Popconfirm title={t('followup.deleteConfirm')} onConfirm={() => remove(e)}>
                  <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid={`followup-delete-${e.id}`}>
                    {t('followup.delete')}
                  </Button>
                </Popconfirm>
              </>
            )}
          </Space>
        </div>
      ),
    };
  };

  return (
    <Card title={t('followup.timeline')} size="small" style={{ marginBottom: 16 }} data-testid="followup-timeline">
      <Segmented<KindFilter>
        size="small"
        style={{ marginBottom: 16, maxWidth: '100%', overflowX: 'auto' }}
        value={kind}
        onChange={setKind}
        options={[
          { value: 'all', label: `${t('followup.allKinds')} ${view.timeline.length}` },
          ...FOLLOWUP_KINDS.map((k) => ({
            value: k,
            icon: KIND_ICON[k],
            label: `${t(`followup.kind.${k}`)} ${counts[k] ?? 0}`,
          })),
        ]}
        data-testid="followup-kind-filter"
      />
      {shown.length === 0 ? (
        <Typography.Text type="secondary">{t('followup.timelineEmpty')}</Typography.Text>
      ) : (
        <Timeline mode="start" titleSpan="110px" items={shown.map(item)} />
      )}
    </Card>
  );
}
