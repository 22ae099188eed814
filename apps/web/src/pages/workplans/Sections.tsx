import { useEffect, useRef, useState } from 'react';
import { Button, Card, Checkbox, Empty, Input, List, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CONSORTIUM_POSITIONS,
  MEMBER_POSITION_LABELS,
  type ConsortiumPosition,
  type SetMembersInput,
  type WorkplanExpertView,
  type WorkplanMemberView,
  type WorkplanView,
} from '@rdplan/domain';
import { ApiError, errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { OrgPicker } from '../../components/OrgPicker';
import { useI18n } from '../../i18n/I18nProvider';
import { workplansApi } from './api';
import { ErrorAlert, type Actions } from './shared';

export interface SectionProps {
  view: WorkplanView;
  /** The leader may change the plan (its own, still a draft). */
  editable: boolean;
  actions: Actions;
  reload: () => void;
}

const TITLE_LEVELS = ['senior', 'associate_senior', 'intermediate', 'junior', 'none'] as const;

const NO_OPTIONS: { value: string; label: string }[] = [];

/** (a) 3.1.f: the consortium's members and their place on the chain. */
export function MembersSection({ view, editable, actions, reload }: SectionProps) {
  const { t, tx } = useI18n();
  const [orgIds, setOrgIds] = useState<string[]>([]);
  const [position, setPosition] = useState<ConsortiumPosition | undefined>(undefined);
  const [note, setNote] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const group = new Set(view.leaderGroup.map((g) => g.orgId));
  const current = (): SetMembersInput['members'] =>
    view.members
      .filter((m) => m.position !== 'leader')
      .map((m) => ({ orgId: m.orgId, position: m.position as ConsortiumPosition, note: m.note }));
  const positionOptions = CONSORTIUM_POSITIONS.map((p) => ({ value: p, label: tx(MEMBER_POSITION_LABELS[p]) }));

  async function save(members: SetMembersInput['members']) {
    return actions.run('members', () => workplansApi.setMembers(view.id, { version: view.version, members }));
  }

  async function add() {
    setFormError(null);
    if (orgIds.length === 0) return setFormError(t('workplans.members.pickOrg'));
    if (!position) return setFormError(t('workplans.members.pickPosition'));
    const known = new Set(view.members.map((m) => m.orgId));
    const fresh = orgIds.filter((id) => !known.has(id));
    if (fresh.length === 0) return setFormError(t('workplans.members.already'));
    const ok = await save([...current(), ...fresh.map((orgId) => ({ orgId, position, note: note.trim() }))]);
    if (ok) {
      setOrgIds([]);
      setNote('');
    }
  }

  return (
    <Card
      id="wp-members"
      title={
        <Space>
          <span>{t('workplans.members.title')}</span>
          <Tag>3.1.f</Tag>
          <Tag>4.1.a</Tag>
        </Space>
      }
      size="small"
      data-testid="members-section"
      data-count={view.members.length}
    >
      <Typography.Paragraph type="secondary">{t('workplans.members.help')}</Typography.Paragraph>
      <Table<WorkplanMemberView>
        rowKey="orgId"
        size="small"
        pagination={false}
        dataSource={view.members}
        scroll={{ x: 640 }}
        onRow={(m) => ({ 'data-testid': `member-${m.orgId}`, 'data-position': m.position }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('workplans.members.name'),
            key: 'name',
            render: (_, m) => (
              <Space orientation="vertical" size={0}>
                <span>
                  {m.name}{' '}
                  {group.has(m.orgId) && (
                    <Tag color="purple" data-testid={`member-group-${m.orgId}`}>
                      {t('workplans.members.inGroup')}
                    </Tag>
                  )}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.uscc}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('workplans.members.position'),
            key: 'position',
            width: 200,
            render: (_, m) =>
              m.position === 'leader' || !editable ? (
                <Tag color={m.position === 'leader' ? 'blue' : 'default'}>{tx(MEMBER_POSITION_LABELS[m.position])}</Tag>
              ) : (
                <Select
                  size="small"
                  style={{ width: 170 }}
                  value={m.position}
                  options={positionOptions}
                  disabled={actions.busy !== null}
                  onChange={(p: ConsortiumPosition) => void save(current().map((x) => (x.orgId === m.orgId ? { ...x, position: p } : x)))}
                  data-testid={`member-position-${m.orgId}`}
                  aria-label={t('workplans.members.position')}
                />
              ),
          },
          { title: t('workplans.members.note'), dataIndex: 'note', render: (v: string) => v || '—' },
          ...(editable
            ? [
                {
                  title: t('workplans.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, m: WorkplanMemberView) =>
                    m.position === 'leader' ? null : (
                      <Button
                        size="small"
                        danger
                        type="text"
                        icon={<DeleteOutlined />}
                        disabled={actions.busy !== null}
                        onClick={() => void save(current().filter((x) => x.orgId !== m.orgId))}
                        data-testid={`member-remove-${m.orgId}`}
                        aria-label={t('workplans.remove')}
                      />
                    ),
                },
              ]
            : []),
        ]}
      />
      {editable && (
        <div style={{ marginTop: 12 }} data-testid="member-form">
          <Space wrap align="start" style={{ width: '100%' }}>
            <div style={{ display: 'grid', width: 360 }}>
              <OrgPicker value={orgIds} onChange={setOrgIds} initial={NO_OPTIONS} testId="member-org" />
            </div>
            <Select
              style={{ width: 170 }}
              placeholder={t('workplans.members.position')}
              value={position}
              onChange={setPosition}
              options={positionOptions}
              data-testid="member-position"
              aria-label={t('workplans.members.position')}
            />
            <Input
              style={{ width: 200 }}
              placeholder={t('workplans.members.notePlaceholder')}
              value={note}
              maxLength={500}
              onChange={(e) => setNote(e.target.value)}
              data-testid="member-note"
            />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              loading={actions.busy === 'members'}
              onClick={() => void add()}
              data-testid="member-add"
            >
              {t('workplans.members.add')}
            </Button>
          </Space>
          {formError && (
            <Typography.Text type="danger" data-testid="member-form-error">
              {formError}
            </Typography.Text>
          )}
        </div>
      )}
      {actions.errors.members ? (
        <div style={{ marginTop: 8 }}>
          <ErrorAlert error={actions.errors.members} testId="members-error" onReload={reload} />
        </div>
      ) : null}
    </Card>
  );
}

interface PersonOption {
  value: string;
  label: string;
}

/** (b) 4.1.a: the core technical expert team, chosen from the people records. */
export function ExpertsSection({ view, editable, actions, reload }: SectionProps) {
  const { t } = useI18n();
  const [personId, setPersonId] = useState<string | undefined>(undefined);
  const [role, setRole] = useState('');
  const [expertOnly, setExpertOnly] = useState(true);
  const [options, setOptions] = useState<PersonOption[]>([]);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const min = view.params.minExpertTeam;
  const titleLevel = (level: string) =>
    TITLE_LEVELS.includes(level as (typeof TITLE_LEVELS)[number])
      ? t(`workplans.titleLevel.${level as (typeof TITLE_LEVELS)[number]}`)
      : level;

  function search(q: string) {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(async () => {
      setSearching(true);
      try {
        const res = await endpoints.people({ q, expert: expertOnly ? 'true' : undefined, page: 1, pageSize: 20 });
        setSearchError(null);
        setOptions(
          res.items.map((p) => ({
            value: p.id,
            label:
              [p.name, p.titleName, p.currentOrg?.name].filter(Boolean).join(' · ') +
              (p.isExpert ? ` (${t('workplans.experts.expertTag')})` : ''),
          })),
        );
      } catch (e) {
        setSearchError(e instanceof ApiError && e.status === 403 ? t('workplans.experts.searchForbidden') : errorMessage(e));
      } finally {
        setSearching(false);
      }
    }, 300);
  }

  const current = () => view.experts.map((e) => ({ personId: e.personId, role: e.role }));

  async function add() {
    if (!personId) return;
    if (view.experts.some((e) => e.personId === personId)) {
      setSearchError(t('workplans.experts.already'));
      return;
    }
    const ok = await actions.run('experts', () =>
      workplansApi.setExperts(view.id, { version: view.version, experts: [...current(), { personId, role: role.trim() }] }),
    );
    if (ok) {
      setPersonId(undefined);
      setRole('');
    }
  }

  return (
    <Card
      id="wp-experts"
      title={
        <Space>
          <span>{t('workplans.experts.title')}</span>
          <Tag>4.1.a</Tag>
        </Space>
      }
      size="small"
      data-testid="experts-section"
      data-count={view.experts.length}
      extra={
        <Tag color={view.experts.length >= min ? 'success' : 'warning'} data-testid="experts-count">
          {t('workplans.experts.count', { n: view.experts.length, min })}
        </Tag>
      }
    >
      <Typography.Paragraph type="secondary">{t('workplans.experts.help', { min })}</Typography.Paragraph>
      <Table<WorkplanExpertView>
        rowKey="personId"
        size="small"
        pagination={false}
        dataSource={view.experts}
        scroll={{ x: 600 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workplans.experts.empty')} /> }}
        onRow={(e) => ({ 'data-testid': `expert-${e.personId}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('workplans.experts.name'),
            key: 'name',
            render: (_, e) => (
              <span>
                {e.name} {e.isExpert && <Tag color="gold">{t('workplans.experts.expertTag')}</Tag>}
              </span>
            ),
          },
          { title: t('workplans.experts.titleName'), key: 'title', render: (_, e) => e.titleName ?? titleLevel(e.titleLevel) },
          { title: t('workplans.experts.org'), key: 'org', render: (_, e) => e.orgName ?? '—' },
          { title: t('workplans.experts.role'), dataIndex: 'role', render: (v: string) => v || '—' },
          ...(editable
            ? [
                {
                  title: t('workplans.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, e: WorkplanExpertView) => (
                    <Button
                      size="small"
                      danger
                      type="text"
                      icon={<DeleteOutlined />}
                      disabled={actions.busy !== null}
                      onClick={() =>
                        void actions.run('experts', () =>
                          workplansApi.setExperts(view.id, {
                            version: view.version,
                            experts: current().filter((x) => x.personId !== e.personId),
                          }),
                        )
                      }
                      data-testid={`expert-remove-${e.personId}`}
                      aria-label={t('workplans.remove')}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable && (
        <div style={{ marginTop: 12 }} data-testid="expert-form">
          <Space wrap align="center">
            <Select
              showSearch={{ filterOption: false, onSearch: search }}
              style={{ width: 340 }}
              placeholder={t('workplans.experts.searchPlaceholder')}
              value={personId}
              onChange={setPersonId}
              onFocus={() => options.length === 0 && search('')}
              options={options}
              notFoundContent={searching ? <Spin size="small" /> : t('workplans.empty')}
              data-testid="expert-search"
              aria-label={t('workplans.experts.searchPlaceholder')}
            />
            <Checkbox checked={expertOnly} onChange={(e) => setExpertOnly(e.target.checked)} data-testid="expert-only">
              {t('workplans.experts.expertsOnly')}
            </Checkbox>
            <Input
              style={{ width: 200 }}
              placeholder={t('workplans.experts.rolePlaceholder')}
              value={role}
              maxLength={200}
              onChange={(e) => setRole(e.target.value)}
              data-testid="expert-role"
            />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!personId}
              loading={actions.busy === 'experts'}
              onClick={() => void add()}
              data-testid="expert-add"
            >
              {t('workplans.experts.add')}
            </Button>
          </Space>
          {searchError && (
            <div>
              <Typography.Text type="danger" data-testid="expert-search-error">
                {searchError}
              </Typography.Text>
            </div>
          )}
        </div>
      )}
      {actions.errors.experts ? (
        <div style={{ marginTop: 8 }}>
          <ErrorAlert error={actions.errors.experts} testId="experts-error" onReload={reload} />
        </div>
      ) : null}
    </Card>
  );
}

/** (c) 4.1.b: the chain's weak points and the plan's summary. */
export function WeakPointsSection({ view, editable, actions, reload }: SectionProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [summary, setSummary] = useState(view.summary);
  const [summaryDirty, setSummaryDirty] = useState(false);
  useEffect(() => {
    if (!summaryDirty) setSummary(view.summary);
  }, [view.summary, summaryDirty]);

  const patchPoints = (weakPoints: { text: string }[]) =>
    actions.run('weakPoints', () => workplansApi.update(view.id, { version: view.version, weakPoints }));

  async function add() {
    const v = text.trim();
    if (!v) return;
    if (await patchPoints([...view.weakPoints, { text: v }])) setText('');
  }

  async function saveSummary() {
    const ok = await actions.run('summary', () => workplansApi.update(view.id, { version: view.version, summary }));
    if (ok) setSummaryDirty(false);
  }

  return (
    <Card
      id="wp-weak-points"
      title={
        <Space>
          <span>{t('workplans.weak.title')}</span>
          <Tag>4.1.b</Tag>
        </Space>
      }
      size="small"
      data-testid="weak-points-section"
      data-count={view.weakPoints.length}
    >
      <Typography.Paragraph type="secondary">{t('workplans.weak.help')}</Typography.Paragraph>
      <List
        size="small"
        bordered
        dataSource={view.weakPoints.map((w, i) => ({ ...w, i }))}
        locale={{ emptyText: t('workplans.weak.empty') }}
        renderItem={(w) => (
          <List.Item
            data-testid={`weak-point-${w.i}`}
            actions={
              editable
                ? [
                    <Button
                      key="rm"
                      size="small"
                      danger
                      type="text"
                      icon={<DeleteOutlined />}
                      disabled={actions.busy !== null}
                      onClick={() => void patchPoints(view.weakPoints.filter((_, j) => j !== w.i))}
                      data-testid={`weak-point-remove-${w.i}`}
                      aria-label={t('workplans.remove')}
                    />,
                  ]
                : []
            }
          >
            <Typography.Text>
              {w.i + 1}. {w.text}
            </Typography.Text>
          </List.Item>
        )}
      />
      {editable && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input
            placeholder={t('workplans.weak.placeholder')}
            value={text}
            maxLength={1000}
            onChange={(e) => setText(e.target.value)}
            onPressEnter={() => void add()}
            data-testid="weak-point-input"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!text.trim()}
            loading={actions.busy === 'weakPoints'}
            onClick={() => void add()}
            data-testid="weak-point-add"
          >
            {t('workplans.weak.add')}
          </Button>
        </Space.Compact>
      )}
      {actions.errors.weakPoints ? (
        <div style={{ marginTop: 8 }}>
          <ErrorAlert error={actions.errors.weakPoints} testId="weak-points-error" onReload={reload} />
        </div>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('workplans.weak.summary')}
      </Typography.Title>
      {editable ? (
        <>
          <Input.TextArea
            rows={4}
            maxLength={10000}
            value={summary}
            placeholder={t('workplans.weak.summaryPlaceholder')}
            onChange={(e) => {
              setSummary(e.target.value);
              setSummaryDirty(true);
            }}
            data-testid="workplan-summary"
          />
          <Button
            style={{ marginTop: 8 }}
            loading={actions.busy === 'summary'}
            onClick={() => void saveSummary()}
            data-testid="workplan-summary-save"
          >
            {t('workplans.save')}
          </Button>
        </>
      ) : (
        <Typography.Paragraph data-testid="workplan-summary-text" style={{ whiteSpace: 'pre-wrap' }}>
          {view.summary || '—'}
        </Typography.Paragraph>
      )}
      {actions.errors.summary ? (
        <div style={{ marginTop: 8 }}>
          <ErrorAlert error={actions.errors.summary} testId="summary-error" onReload={reload} />
        </div>
      ) : null}
    </Card>
  );
}
