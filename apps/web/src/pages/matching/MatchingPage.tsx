import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { ORG_TYPE_LABELS, regionLabel, type OrgType } from '@rdplan/domain';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { usePaging } from '../../hooks/usePaging';
import { useI18n } from '../../i18n/I18nProvider';
import { matchingApi, type MatchCandidateView, type MatchView } from './api';

/** The analysts' review queue: national record units whose link to the registry is uncertain (4.2). */
export function MatchingPage() {
  const { t, lang } = useI18n();
  const { page, pageSize, pagination } = usePaging();
  const { data, error, loading, reload } = useApi(() => matchingApi.matches({ status: 'review', page, pageSize }), [page, pageSize]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setNotice(null);
    try {
      await work();
    } catch {
      setNotice({ type: 'error', text: t('matching.failed') });
    } finally {
      setBusy(false);
      reload();
    }
  };
  const typeLabel = (type: string | null) => (type && type in ORG_TYPE_LABELS ? ORG_TYPE_LABELS[type as OrgType][lang] : '');

  const candidate = (m: MatchView, c: MatchCandidateView) => (
    <Space key={c.orgId} align="start" style={{ width: '100%', justifyContent: 'space-between' }}>
      <div>
        <Typography.Text strong>{c.name}</Typography.Text> <Tag>{Math.round(c.score * 100)}%</Tag>
        <div>
          <Typography.Text type="secondary">
            {[c.uscc, typeLabel(c.type), c.regionCode ? regionLabel(c.regionCode, lang) : null].filter(Boolean).join(' · ')}
          </Typography.Text>
        </div>
        {m.codeConflict && c.uscc !== m.uscc && (
          <div data-testid={`match-codes-${m.id}-${c.orgId}`}>
            <Typography.Text type="warning">
              {t('matching.recordCode')} {m.uscc} ≠ {t('matching.registryCode')} {c.uscc}
            </Typography.Text>
          </div>
        )}
        {c.formerNames.length > 0 && (
          <Typography.Text type="secondary">
            {t('matching.formerNames')}: {c.formerNames.join('、')}
          </Typography.Text>
        )}
      </div>
      <Button
        size="small"
        type="primary"
        disabled={busy}
        data-testid={`match-confirm-${m.id}-${c.orgId}`}
        onClick={() => act(() => matchingApi.confirm(m.id, c.orgId))}
      >
        {t('matching.confirm')}
      </Button>
    </Space>
  );

  return (
    <div data-testid="matching-page">
      <PageHeader
        title={t('matching.title')}
        extra={
          <Button
            disabled={busy}
            onClick={() =>
              act(async () => {
                const r = await matchingApi.run();
                setNotice({ type: 'success', text: t('matching.runDone', r) });
              })
            }
          >
            {t('matching.run')}
          </Button>
        }
      />
      {notice && <Alert type={notice.type} message={notice.text} showIcon closable style={{ marginBottom: 16 }} />}
      <Card>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<MatchView>
            rowKey="id"
            loading={loading}
            dataSource={data?.items ?? []}
            pagination={pagination(data?.total)}
            locale={{ emptyText: t('matching.empty') }}
            columns={[
              {
                title: t('matching.record'),
                key: 'record',
                width: 200,
                render: (_, m) => (
                  <>
                    <div>{m.nationalId}</div>
                    <Tag>{t(m.role === 'lead' ? 'matching.lead' : 'matching.participant')}</Tag>
                  </>
                ),
              },
              {
                title: t('matching.written'),
                key: 'name',
                render: (_, m) => (
                  <>
                    <Typography.Text strong>{m.name}</Typography.Text>
                    {m.codeConflict && (
                      <div>
                        <Tag color="warning" title={t('matching.codeConflictHelp')} data-testid={`match-conflict-${m.id}`}>
                          {t('matching.codeConflict')}
                        </Tag>
                      </div>
                    )}
                    <div>
                      <Typography.Text type="secondary">
                        {[m.uscc, typeLabel(m.orgType), m.regionCode ? regionLabel(m.regionCode, lang) : null].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </div>
                  </>
                ),
              },
              {
                title: t('matching.confidence'),
                key: 'confidence',
                width: 100,
                render: (_, m) => (m.confidence === null ? '—' : `${Math.round(m.confidence * 100)}%`),
              },
              {
                title: t('matching.candidates'),
                key: 'candidates',
                render: (_, m) => (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {m.candidates.map((c) => candidate(m, c))}
                    <Button
                      size="small"
                      danger
                      disabled={busy}
                      data-testid={`match-reject-${m.id}`}
                      onClick={() => act(() => matchingApi.reject(m.id))}
                    >
                      {t('matching.reject')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
