import { Card, Col, Empty, Row, Tag, Typography } from 'antd';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';

/** The chains the chain leader's enterprise leads, with its fellow leaders. */
export function MyChainPage() {
  const { t, nameOf } = useI18n();
  const { user } = useAuth();
  const { data, error, loading, reload } = useApi(endpoints.chains, []);
  const mine = (data ?? []).filter((c) => c.leaders.some((l) => l.orgId === user?.orgId));
  return (
    <div data-testid="my-chain-page">
      <PageHeader title={t('myChain.title')} />
      {loading && !data ? (
        <PageSpin />
      ) : error ? (
        <Card>
          <LoadError error={error} onRetry={reload} />
        </Card>
      ) : mine.length === 0 ? (
        <Card>
          <Empty description={t('myChain.none')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {mine.map((c) => (
            <Col key={c.id} xs={24} md={12}>
              <Card title={`${c.code} · ${nameOf(c)}`} data-testid={`my-chain-${c.code}`}>
                <Typography.Text type="secondary">{t('chains.leaders')}：</Typography.Text>
                {c.leaders.map((l) => (
                  <Tag key={l.orgId} color={l.orgId === user?.orgId ? 'blue' : 'default'}>
                    {l.name}
                  </Tag>
                ))}
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
