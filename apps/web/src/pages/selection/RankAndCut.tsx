import { Card, Descriptions, Divider, Tag, Typography } from 'antd';
import type { SelectionObjective, SelectionOut } from '@rdplan/domain';
import { useI18n } from '../../i18n/I18nProvider';
import { BreachLine, money } from './shared';

/** The plain rank-and-cut list beside the optimiser's plan, with the caps it breaks. */
export function RankAndCutCard({
  data,
  focus,
  label,
}: {
  data: SelectionOut;
  focus: SelectionObjective;
  label: (g: string | null) => string;
}) {
  const { t, lang } = useI18n();
  const rc = data.plans[focus].rankAndCut;
  const byId = new Map(data.candidates.map((c) => [c.applicationId, c]));
  const optimal = new Set(data.plans[focus].funded);
  const cut = rc.cutAt ? byId.get(rc.cutAt) : undefined;
  return (
    <Card
      size="small"
      title={t('selection.rankAndCut')}
      data-testid="rank-and-cut"
      data-funded={rc.funded.length}
      data-violations={rc.violations.length}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 0 }}>
        {t('selection.rankAndCutHelp')}
      </Typography.Paragraph>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('selection.fundedCount')}>{rc.count}</Descriptions.Item>
        <Descriptions.Item label={t('selection.totalAmount')}>{money(rc.amount, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('selection.merit')}>{Math.round(rc.merit * 100)}</Descriptions.Item>
      </Descriptions>
      <ol style={{ paddingInlineStart: 22, margin: '8px 0' }}>
        {rc.funded.map((id) => {
          const c = byId.get(id);
          return (
            <li key={id} data-testid={`rc-${id}`} data-in-plan={optimal.has(id) ? 'true' : 'false'}>
              <Typography.Text delete={!optimal.has(id)}>{c?.title ?? id}</Typography.Text>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                #{c?.rank ?? '—'} · {money(c?.amount, lang)}
              </Typography.Text>
            </li>
          );
        })}
      </ol>
      {cut && (
        <Typography.Paragraph style={{ fontSize: 12 }} data-testid="rc-cut">
          <Tag>{t('selection.cutAt')}</Tag>
          {cut.title} (#{cut.rank})
        </Typography.Paragraph>
      )}
      <Divider style={{ margin: '8px 0' }} />
      <Typography.Text strong>{t('selection.violations')}</Typography.Text>
      <div data-testid="rc-violations" style={{ marginTop: 6 }}>
        {rc.violations.length === 0 ? (
          <Typography.Text type="success">{t('selection.noViolations')}</Typography.Text>
        ) : (
          rc.violations.map((b, i) => <BreachLine key={i} b={b} label={label} />)
        )}
      </div>
    </Card>
  );
}
