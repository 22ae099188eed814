import { useState } from 'react';
import { Card, Divider, Progress, Space, Switch, Tag, Typography } from 'antd';
import type { RuleResult, WorkplanView } from '@rdplan/domain';
import { useI18n } from '../../i18n/I18nProvider';
import { chainPlanFacts, chainPlanResults, type CandidateDraft } from './facts';
import { RuleLine, useMoney } from './shared';

const pctOf = (n: number, cap: number) => (cap <= 0 ? 100 : Math.min(100, Math.round((n / cap) * 100)));
const statusOf = (r: RuleResult | undefined) =>
  r?.outcome === 'fail' ? (r.decision ? 'normal' : 'exception') : r?.outcome === 'pass' ? 'success' : 'active';

/**
 * (f) The plan's caps and duties, checked in the browser with the domain's own rules on facts built from
 * the view, with the candidate being edited laid over; the server decides on save.
 */
export function CapsPanel({ view, draft }: { view: WorkplanView; draft: CandidateDraft | null }) {
  const { t } = useI18n();
  const money = useMoney();
  const [finalStage, setFinalStage] = useState(false);
  const draftStage = view.status === 'draft';
  const stage = draftStage && !finalStage ? 'draft' : 'final';
  const facts = chainPlanFacts(view, { stage, draft });
  const results = chainPlanResults(view, { stage, draft });
  const by = (code: string) => results.find((r) => r.code === code);
  const p = view.params;
  const total = facts.projects.reduce((s, x) => s + (x.cityFunds ?? 0), 0);
  const count = facts.projects.length;
  const group = new Set(facts.leaderGroupOrgIds);
  const led = facts.projects.filter((x) => x.leadOrgId !== null && group.has(x.leadOrgId));
  const ledFunds = led.reduce((s, x) => s + (x.cityFunds ?? 0), 0);
  const blocking = results.filter((r) => r.blocking).length;
  const r31b = by('3.1.b');
  const r31c = by('3.1.c');
  const r31h = by('3.1.h');

  return (
    <Card
      size="small"
      title={t('workplans.caps.title')}
      data-testid="caps-panel"
      data-live={draft ? 'true' : 'false'}
      data-stage={stage}
      data-blocking={blocking}
      extra={
        <Space size={4}>
          {draft && (
            <Tag color="processing" data-testid="caps-preview">
              {t('workplans.caps.preview')}
            </Tag>
          )}
          {blocking > 0 ? (
            <Tag color="error">{t('workplans.caps.failing', { n: blocking })}</Tag>
          ) : (
            <Tag color="success">{t('workplans.caps.noneFailing')}</Tag>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('workplans.caps.help')}
      </Typography.Paragraph>
      {draftStage && (
        <Space style={{ marginBottom: 8 }}>
          <Switch
            size="small"
            checked={finalStage}
            onChange={setFinalStage}
            data-testid="caps-final-stage"
            aria-label={t('workplans.caps.asFinal')}
          />
          <Typography.Text style={{ fontSize: 12 }}>{t('workplans.caps.asFinal')}</Typography.Text>
        </Space>
      )}

      {r31b && (
        <RuleLine r={r31b} testId="rule-3.1.b">
          <div data-testid="caps-total" data-total={total} data-cap={p.chainFundsCap}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('workplans.caps.total', { total: money(total), cap: money(p.chainFundsCap) })}
            </Typography.Text>
            <Progress
              percent={pctOf(total, p.chainFundsCap)}
              size="small"
              status={statusOf(r31b)}
              showInfo={false}
              aria-label={t('workplans.caps.total', { total: money(total), cap: money(p.chainFundsCap) })}
            />
          </div>
        </RuleLine>
      )}
      {r31c && (
        <RuleLine r={r31c} testId="rule-3.1.c">
          <div data-testid="caps-count" data-count={count} data-min={p.chainProjectsMin} data-max={p.chainProjectsMax}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('workplans.caps.count', { n: count, min: p.chainProjectsMin, max: p.chainProjectsMax })}
            </Typography.Text>
            <Progress
              percent={pctOf(count, p.chainProjectsMax)}
              size="small"
              status={statusOf(r31c)}
              showInfo={false}
              aria-label={t('workplans.caps.count', { n: count, min: p.chainProjectsMin, max: p.chainProjectsMax })}
            />
          </div>
        </RuleLine>
      )}
      {r31h && (
        <RuleLine r={r31h} testId="rule-3.1.h">
          <div data-testid="caps-group" data-count={led.length} data-funds={ledFunds}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('workplans.caps.groupProjects', { n: led.length, max: p.leaderGroupMaxProjects })}
              {' · '}
              {t('workplans.caps.groupFunds', { funds: money(ledFunds), max: money(p.leaderGroupMaxFunds) })}
            </Typography.Text>
            {led.length > 0 && (
              <ul style={{ margin: '4px 0', paddingInlineStart: 18, fontSize: 12 }} data-testid="caps-group-projects">
                {led.map((x) => (
                  <li key={x.id}>
                    {x.title || '—'} · {money(x.cityFunds)}
                  </li>
                ))}
              </ul>
            )}
            <div style={{ fontSize: 12 }} data-testid="caps-leader-group" data-size={view.leaderGroup.length}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('workplans.caps.group', { n: view.leaderGroup.length })}
              </Typography.Text>
              <div>
                {view.leaderGroup.map((g, i) => (
                  <Tag key={g.orgId} color={i === 0 ? 'blue' : 'purple'} style={{ marginBottom: 4 }}>
                    {g.name}
                  </Tag>
                ))}
              </div>
            </div>
          </div>
        </RuleLine>
      )}
      <Divider style={{ margin: '8px 0' }} />
      {(['4.1.a', '4.1.b', '4.1.c'] as const).map((code) => {
        const r = by(code);
        return r ? <RuleLine key={code} r={r} testId={`rule-${code}`} /> : null;
      })}
      {view.status === 'draft' && !draft && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }} data-testid="caps-server">
          {t('workplans.caps.serverNote', {
            outcomes: view.planRules.map((r) => `${r.code} ${t(`workplans.outcome.${r.outcome}`)}`).join(' · '),
          })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
