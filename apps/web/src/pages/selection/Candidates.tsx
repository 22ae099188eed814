import type { FieldBudgetRequest } from './FieldBudgetModal';
import type { HTMLAttributes } from 'react';
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { LockOutlined, UnlockOutlined, WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import {
  SELECTION_OBJECTIVES,
  type LeaderCapOverride,
  type ComparisonRecordOut,
  type Lang,
  type SelectionCandidateOut,
  type SelectionObjective,
  type SelectionOut,
  type SelectionPlace,
} from '@rdplan/domain';
import { useI18n } from '../../i18n/I18nProvider';
import type { PinRequest } from './Actions';
import { CapTags, SelectionStatusTag, money } from './shared';

interface Group {
  key: string;
  kind: 'chain' | 'field';
  id: string;
  rows: SelectionCandidateOut[];
}

function groupOf(c: SelectionCandidateOut, places: Map<string, SelectionPlace>): string {
  return places.get(c.applicationId)?.group ?? (c.track === 'consortium' ? `chain:${c.chainId ?? ''}` : `field:${c.fieldCode ?? ''}`);
}

/** The candidates grouped by chain (3.1) and by field (3.2.g), each with its status under every objective. */
export function CandidateGroups({
  data,
  focus,
  label,
  canPin,
  onPin,
  onAllot,
  lang,
}: {
  data: SelectionOut;
  focus: SelectionObjective;
  label: (g: string | null) => string;
  canPin: boolean;
  onPin: (r: PinRequest) => void;
  /** Officers: set a field's allotment (3.2.g). */
  onAllot: (r: FieldBudgetRequest) => void;
  lang: Lang;
}) {
  const { t } = useI18n();
  const placeMaps = Object.fromEntries(SELECTION_OBJECTIVES.map((o) => [o, new Map(data.plans[o].places.map((p) => [p.id, p]))])) as Record<
    SelectionObjective,
    Map<string, SelectionPlace>
  >;
  const groups = new Map<string, Group>();
  for (const c of data.candidates) {
    const key = groupOf(c, placeMaps[focus]);
    const [kind, ...rest] = key.split(':');
    const g = groups.get(key) ?? { key, kind: kind === 'chain' ? 'chain' : 'field', id: rest.join(':'), rows: [] };
    g.rows.push(c);
    groups.set(key, g);
  }
  const list = [...groups.values()].sort((a, b) =>
    a.kind !== b.kind ? (a.kind === 'chain' ? -1 : 1) : label(a.key).localeCompare(label(b.key), lang === 'zh' ? 'zh-CN' : 'en'),
  );
  for (const g of list) g.rows.sort((a, b) => a.rank - b.rank || a.score - b.score);
  const comparisons = new Map(data.comparisons.map((r) => [r.chainId, r]));
  const allotments = new Map(data.fieldBudgets.map((f) => [f.fieldCode, f]));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="selection-candidates">
      {list.map((g) => (
        <GroupCard
          key={g.key}
          group={g}
          title={g.kind === 'chain' ? t('selection.groupChain', { name: label(g.key) }) : t('selection.groupField', { name: label(g.key) })}
          places={placeMaps}
          focus={focus}
          canPin={canPin}
          onPin={onPin}
          comparison={g.kind === 'chain' ? (comparisons.get(g.id) ?? null) : undefined}
          leaderOverride={g.kind === 'chain' ? data.leaderOverrides?.[g.id] : undefined}
          summary={data.plans[focus].groups.find((x) => x.key === g.key)}
          allotment={g.kind === 'field' ? (allotments.get(g.id) ?? null) : undefined}
          onAllot={
            g.kind === 'field' && canPin
              ? () =>
                  onAllot({
                    fieldCode: g.id,
                    label: label(g.key),
                    budget: allotments.get(g.id)?.budget ?? null,
                    maxProjects: allotments.get(g.id)?.maxProjects ?? null,
                  })
              : undefined
          }
        />
      ))}
    </Space>
  );
}

function GroupCard({
  group,
  title,
  places,
  focus,
  canPin,
  onPin,
  comparison,
  summary,
  allotment,
  onAllot,
  leaderOverride,
}: {
  group: Group;
  title: string;
  places: Record<SelectionObjective, Map<string, SelectionPlace>>;
  focus: SelectionObjective;
  canPin: boolean;
  onPin: (r: PinRequest) => void;
  /** Chains: the leader's comparison record, or null when there is none; fields: undefined. */
  comparison: ComparisonRecordOut | null | undefined;
  summary: { count: number; amount: number } | undefined;
  /** Fields: the officers' allotment (3.2.g), null when none; chains: undefined. */
  allotment?: { budget: number | null; maxProjects: number | null; reason: string } | null;
  onAllot?: (() => void) | undefined;
  /** Chains: the officer's 3.1.h override carried from the work plan. */
  leaderOverride?: LeaderCapOverride | undefined;
}) {
  const { t, tx, lang } = useI18n();
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          {title}
          <Tag color={group.kind === 'chain' ? 'blue' : 'cyan'}>{group.kind === 'chain' ? '3.1' : '3.2.g'}</Tag>
          {leaderOverride && (
            <Tooltip title={t('selection.leaderOverrideHelp', { by: leaderOverride.by, reason: leaderOverride.reason })}>
              <Tag color="orange" data-testid={`leader-override-${group.id}`}>
                {t('selection.leaderOverride', { n: String(leaderOverride.maxProjects), amount: money(leaderOverride.maxFunds, lang) })}
              </Tag>
            </Tooltip>
          )}
          {allotment && (
            <Tooltip title={allotment.reason}>
              <Tag color="purple" data-testid={`allotment-${group.id}`}>
                {t('selection.allot.tag', {
                  budget: allotment.budget === null ? '—' : money(allotment.budget, lang),
                  count: allotment.maxProjects === null ? '—' : String(allotment.maxProjects),
                })}
              </Tag>
            </Tooltip>
          )}
        </Space>
      }
      extra={
        <Space>
          {summary && (
            <Typography.Text type="secondary">
              {t('selection.groupFunded', { n: summary.count, amount: money(summary.amount, lang) })}
            </Typography.Text>
          )}
          {onAllot && (
            <Button size="small" onClick={onAllot} data-testid={`allot-${group.id}`}>
              {t('selection.allot.button')}
            </Button>
          )}
        </Space>
      }
      data-testid={`group-${group.key}`}
    >
      <Table<SelectionCandidateOut>
        rowKey="applicationId"
        size="small"
        pagination={false}
        scroll={{ x: 900 }}
        dataSource={group.rows}
        onRow={(c) => {
          const attrs: Record<string, string> = { 'data-testid': `candidate-${c.applicationId}` };
          for (const o of SELECTION_OBJECTIVES) attrs[`data-status-${o}`] = places[o].get(c.applicationId)?.status ?? '';
          return attrs as HTMLAttributes<HTMLElement>;
        }}
        columns={[
          {
            title: t('selection.col.rank'),
            dataIndex: 'rank',
            width: 56,
            render: (v: number) => <b>{v}</b>,
          },
          {
            title: t('selection.col.title'),
            key: 'title',
            width: 230,
            render: (_, c) => (
              <>
                <Link to={`/app/applications/${c.applicationId}`}>{c.title}</Link>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.orgName}
                  </Typography.Text>
                </div>
                <Space size={[2, 2]} wrap>
                  {c.leaderGroup && (
                    <Tooltip title={t('selection.leaderGroupHelp')}>
                      <Tag color="purple" data-testid="leader-group">
                        {t('selection.leaderGroup')}
                      </Tag>
                    </Tooltip>
                  )}
                  {c.overlapFlags > 0 && (
                    <Tooltip title={t('selection.overlapHelp')}>
                      <Tag color="red" icon={<WarningOutlined />} data-testid="overlap-flag">
                        {t('selection.overlap', { n: c.overlapFlags })}
                      </Tag>
                    </Tooltip>
                  )}
                  {c.pin && (
                    <Tooltip title={c.pinReason ?? ''}>
                      <Tag
                        color={c.pin === 'in' ? 'green' : 'magenta'}
                        icon={<LockOutlined />}
                        data-testid={`pin-${c.applicationId}`}
                        data-pin={c.pin}
                      >
                        {c.pin === 'in' ? t('selection.pin.pinnedIn') : t('selection.pin.pinnedOut')}
                      </Tag>
                    </Tooltip>
                  )}
                </Space>
              </>
            ),
          },
          { title: t('selection.col.score'), dataIndex: 'score', width: 64, render: (v: number) => Math.round(v * 100) / 100 },
          { title: t('selection.col.amount'), dataIndex: 'amount', width: 96, render: (v: number) => money(v, lang) },
          {
            title: t('selection.col.status'),
            key: 'status',
            width: 190,
            render: (_, c) => (
              <Space orientation="vertical" size={2}>
                {SELECTION_OBJECTIVES.map((o) => {
                  const p = places[o].get(c.applicationId);
                  return (
                    <div key={o} data-testid={`status-${o}-${c.applicationId}`} style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                      <Typography.Text type={o === focus ? undefined : 'secondary'} strong={o === focus} style={{ fontSize: 12 }}>
                        {t(`selection.objectiveShort.${o}`)}
                      </Typography.Text>{' '}
                      {p ? <SelectionStatusTag status={p.status} /> : '—'}
                      {p && <CapTags codes={p.blockedBy} />}
                    </div>
                  );
                })}
              </Space>
            ),
          },
          {
            title: t('selection.col.explain'),
            key: 'explain',
            width: 220,
            render: (_, c) => {
              const p = places[focus].get(c.applicationId);
              if (!p) return '—';
              return (
                <div data-testid={`explain-${c.applicationId}`} style={{ fontSize: 12 }}>
                  <div>{tx(p.message)}</div>
                  {p.status === 'not_funded' && p.blockedBy.length > 0 && (
                    <Space size={4} wrap>
                      <Typography.Text type="secondary">{t('selection.blockedBy')}</Typography.Text>
                      <CapTags codes={p.blockedBy} testId={`blocked-${c.applicationId}`} />
                    </Space>
                  )}
                  {p.status === 'not_funded' && p.wouldBreak.length > 0 && (
                    <Space size={4} wrap>
                      <Typography.Text type="secondary">{t('selection.wouldBreak')}</Typography.Text>
                      <CapTags codes={p.wouldBreak} />
                    </Space>
                  )}
                  {p.belowLine && (
                    <div data-testid={`below-line-${c.applicationId}`}>
                      <Typography.Text type="secondary">
                        {t('selection.belowLine', {
                          rank: p.belowLine.rankGap,
                          score: Math.round(p.belowLine.scoreGap * 100) / 100,
                        })}
                      </Typography.Text>
                    </div>
                  )}
                  {p.status === 'not_funded' && p.lowerRankedFunded > 0 && (
                    <div>
                      <Typography.Text type="warning">{t('selection.jumped', { n: p.lowerRankedFunded })}</Typography.Text>
                    </div>
                  )}
                  {p.inRankAndCut && <Tag style={{ marginTop: 2 }}>{t('selection.inRankAndCut')}</Tag>}
                </div>
              );
            },
          },
          ...(canPin
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, c: SelectionCandidateOut) => (
                    <Space orientation="vertical" size={0}>
                      {c.pin !== 'in' && (
                        <Button
                          size="small"
                          type="link"
                          icon={<LockOutlined />}
                          onClick={() => onPin({ candidate: c, pin: 'in' })}
                          data-testid={`pin-in-${c.applicationId}`}
                        >
                          {t('selection.pin.in')}
                        </Button>
                      )}
                      {c.pin !== 'out' && (
                        <Button
                          size="small"
                          type="link"
                          danger
                          icon={<LockOutlined />}
                          onClick={() => onPin({ candidate: c, pin: 'out' })}
                          data-testid={`pin-out-${c.applicationId}`}
                        >
                          {t('selection.pin.out')}
                        </Button>
                      )}
                      {c.pin && (
                        <Button
                          size="small"
                          type="link"
                          icon={<UnlockOutlined />}
                          onClick={() => onPin({ candidate: c, pin: null })}
                          data-testid={`pin-clear-${c.applicationId}`}
                        >
                          {t('selection.pin.clear')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {comparison !== undefined && <Comparisons chainId={group.id} record={comparison} />}
    </Card>
  );
}

/** The chain leader's comparison record (4.1.c), beside the chain's candidates. */
function Comparisons({ chainId, record }: { chainId: string; record: ComparisonRecordOut | null }) {
  const { t } = useI18n();
  return (
    <div data-testid={`comparisons-${chainId}`} style={{ marginTop: 12 }}>
      <Typography.Text strong>{t('selection.comparisons')}</Typography.Text>
      {!record || record.items.length === 0 ? (
        <div>
          <Typography.Text type="secondary">{t('selection.comparisons.none')}</Typography.Text>
        </div>
      ) : (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
          {record.items.map((i, k) => (
            <li key={`${i.title}-${k}`} data-testid="comparison-item" data-selected={i.selected ? 'true' : 'false'}>
              <Space size={4} wrap>
                <Tag color={i.selected ? 'green' : 'default'}>
                  {i.selected ? t('selection.comparisons.selected') : t('selection.comparisons.notSelected')}
                </Tag>
                {i.applicationId ? <Link to={`/app/applications/${i.applicationId}`}>{i.title}</Link> : i.title}
                {i.reason && <Typography.Text type="secondary">— {i.reason}</Typography.Text>}
              </Space>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
