import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Affix, Button, Card, Col, Descriptions, Grid, Row, Space, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import type { WorkplanView } from '@rdplan/domain';
import { useAuth } from '../../auth/AuthProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';
import { workplansApi } from './api';
import { CandidatesSection } from './Candidates';
import { CapsPanel } from './CapsPanel';
import { ComparisonsSection } from './Comparisons';
import { chainPlanResults, type CandidateDraft } from './facts';
import { OfficerPanel } from './OfficerPanel';
import { ExpertsSection, MembersSection, WeakPointsSection } from './Sections';
import { ErrorAlert, formatInstant, useActions } from './shared';
import { StatusTag } from './WorkplansPage';

/** The chain leader's annual S&T work plan (4.1.b): consortium, experts, weak points, candidates, comparisons, caps. */
export function WorkplanPage() {
  const { id = '' } = useParams();
  const { t, nameOf, lang } = useI18n();
  const { user, hasRole } = useAuth();
  const screens = Grid.useBreakpoint();
  const [view, setView] = useState<WorkplanView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<CandidateDraft | null>(null);

  const load = useCallback(() => {
    setLoading(true);
    workplansApi.get(id).then(
      (v) => {
        setView(v);
        setLoadError(null);
        setLoading(false);
      },
      (e: unknown) => {
        setLoadError(e);
        setLoading(false);
      },
    );
  }, [id]);
  useEffect(load, [load]);

  const apply = useCallback((v: WorkplanView) => setView(v), []);
  const actions = useActions(apply);

  const titles = useMemo(() => new Map((view?.candidates ?? []).map((c) => [c.applicationId, c.title])), [view]);

  if (loading && !view) return <PageSpin />;
  if (!view) {
    return (
      <div data-testid="workplan-page">
        <Card>
          <LoadError error={loadError} onRetry={load} />
        </Card>
      </div>
    );
  }

  const isLeader = hasRole('chain_leader') && user?.orgId === view.leader.orgId;
  const editable = isLeader && view.status === 'draft';
  const bureau = hasRole('officer', 'admin');
  const finalised = view.status === 'finalised';
  const finalCheck = chainPlanResults(view, { stage: 'final' });
  const finalBlocking = finalCheck.filter((r) => r.blocking).map((r) => r.code);
  const inPlan = view.candidates.filter((c) => c.inPlan && c.status !== 'withdrawn');

  const sectionProps = { view, editable, actions, reload: load };
  const caps = (
    <>
      <CapsPanel view={view} draft={editing ? draft : null} />
      {bureau && <OfficerPanel view={view} actions={actions} reload={load} />}
    </>
  );

  return (
    <div data-testid="workplan-page" data-status={view.status} data-version={view.version}>
      <PageHeader
        title={t('workplans.page.title', { year: view.planYear, chain: `${view.chain.code} ${nameOf(view.chain)}` })}
        extra={
          <Space wrap>
            <StatusTag status={view.status} />
            <Link to="/app/workplans">
              <Button icon={<ArrowLeftOutlined />}>{t('workplans.back')}</Button>
            </Link>
            <Button icon={<ReloadOutlined />} onClick={load} loading={loading} data-testid="workplan-reload">
              {t('workplans.reload')}
            </Button>
            {isLeader && !finalised && (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={actions.busy === 'finalise'}
                disabled={actions.busy !== null && actions.busy !== 'finalise'}
                onClick={() => void actions.run('finalise', () => workplansApi.finalise(view.id, { version: view.version }))}
                data-testid="workplan-finalise"
                data-ready={finalBlocking.length === 0 ? 'true' : 'false'}
              >
                {t('workplans.finalise')}
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('workplans.page.plan')}>
            {view.planYear} · {view.planTitle}
          </Descriptions.Item>
          <Descriptions.Item label={t('workplans.page.chain')}>
            {view.chain.code} · {nameOf(view.chain)}
          </Descriptions.Item>
          <Descriptions.Item label={t('workplans.page.leader')}>
            {lang === 'zh' ? `${view.leader.name}（${view.leader.uscc}）` : `${view.leader.name} (${view.leader.uscc})`}
          </Descriptions.Item>
          <Descriptions.Item label={t('workplans.page.version')}>{view.version}</Descriptions.Item>
          <Descriptions.Item label={t('workplans.page.updatedAt')}>{formatInstant(view.updatedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('workplans.page.finalisedAt')}>{formatInstant(view.finalisedAt)}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('workplans.page.intro')}
        </Typography.Paragraph>
      </Card>

      {isLeader && !finalised && finalBlocking.length > 0 && !actions.errors.finalise && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="finalise-precheck"
          data-codes={finalBlocking.join(' ')}
          title={t('workplans.finalisePrecheck', { codes: finalBlocking.join('、') })}
        />
      )}
      {actions.errors.finalise ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={actions.errors.finalise} testId="finalise-error" titles={titles} onReload={load} />
        </div>
      ) : null}
      {finalised && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="workplan-readonly"
          title={t('workplans.readonly.title', { at: formatInstant(view.finalisedAt) })}
          description={
            <>
              <div>{isLeader ? t('workplans.readonly.leader') : t('workplans.readonly.other')}</div>
              {inPlan.length > 0 && (
                <ul style={{ margin: '8px 0 0', paddingInlineStart: 18 }} data-testid="workplan-inplan-links">
                  {inPlan.map((c) => (
                    <li key={c.applicationId}>
                      <Link to={`/app/applications/${c.applicationId}`} data-testid={`inplan-link-${c.applicationId}`}>
                        {c.title} · {c.leadName}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </>
          }
        />
      )}
      {!isLeader && !finalised && !bureau && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('workplans.readonly.notLeader')} />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <MembersSection {...sectionProps} />
            <ExpertsSection {...sectionProps} />
            <WeakPointsSection {...sectionProps} />
            <CandidatesSection {...sectionProps} editing={editing} setEditing={setEditing} onDraft={setDraft} />
            <ComparisonsSection {...sectionProps} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          {screens.xl ? (
            <Affix offsetTop={72}>
              {
                // Scrolls on its own when taller than the window: focusable, so the keyboard can scroll it too.
                <div
                  role="region"
                  aria-label={t('workplans.caps.title')}
                  tabIndex={0}
                  style={{ maxHeight: 'calc(100vh - 90px)', overflowY: 'auto' }}
                >
                  {caps}
                </div>
              }
            </Affix>
          ) : (
            caps
          )}
        </Col>
      </Row>
    </div>
  );
}
