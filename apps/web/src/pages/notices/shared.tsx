import { formatWan, TRACK_LABELS, type NoticeItemOut, type NoticeSummaryOut } from '@rdplan/domain';
import { Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

export function NoticeStateTag({ notice }: { notice: Pick<NoticeSummaryOut, 'running' | 'current'> }) {
  const { t } = useI18n();
  const state = !notice.current ? 'superseded' : notice.running ? 'running' : 'ended';
  return (
    <Tag color={state === 'running' ? 'green' : 'default'} data-testid="notice-state" data-state={state}>
      {t(`notices.state.${state}`)}
    </Tag>
  );
}

export function NoticePeriod({ notice }: { notice: NoticeSummaryOut }) {
  const { t } = useI18n();
  return (
    <span data-testid="notice-period" data-ends-on={notice.endsOn}>
      {t('notices.period', { from: notice.startsOn, to: notice.endsOn })}
      <Typography.Text type="secondary">
        {' '}
        （
        {t('notices.workingDays', {
          n: notice.workingDays,
          first: t(notice.firstDayCounts ? 'notices.firstDayCounts' : 'notices.firstDayNotCounted'),
        })}
        ）
      </Typography.Text>
    </span>
  );
}

/** The published list: unit, title, track, field or chain, amount in 万元; a removed project shows why. */
export function NoticeItemsTable({ items }: { items: NoticeItemOut[] }) {
  const { t, tx, lang } = useI18n();
  return (
    <Table<NoticeItemOut>
      rowKey="applicationId"
      size="small"
      pagination={false}
      dataSource={items}
      data-testid="notice-items"
      scroll={{ x: true }}
      onRow={(r) => ({ 'data-testid': `notice-item-${r.applicationId}`, 'data-removed': r.removed ? 'true' : 'false' }) as never}
      columns={[
        { title: t('notices.item.no'), dataIndex: 'position', width: 60 },
        { title: t('notices.item.unit'), dataIndex: 'unit' },
        {
          title: t('notices.item.title'),
          key: 'title',
          render: (_, r) =>
            r.removed ? (
              <>
                <Typography.Text delete>{r.title}</Typography.Text>
                <div>
                  <Typography.Text type="danger" data-testid="notice-item-removed">
                    {t('notices.item.removed', { reason: r.removed.reason })}
                  </Typography.Text>
                </div>
              </>
            ) : (
              r.title
            ),
        },
        { title: t('notices.item.track'), key: 'track', render: (_, r) => `${TRACK_LABELS[r.track].rule} ${tx(TRACK_LABELS[r.track])}` },
        { title: t('notices.item.fieldOrChain'), dataIndex: 'fieldOrChain' },
        {
          title: t('notices.item.amount'),
          key: 'amount',
          align: 'right',
          render: (_, r) => (r.amount === null ? t('notices.item.noFunds') : formatWan(r.amount, lang)),
        },
      ]}
    />
  );
}
