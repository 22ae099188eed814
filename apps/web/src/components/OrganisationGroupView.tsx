import { Descriptions, Tag, Typography } from 'antd';
import { endpoints } from '../api/endpoints';
import type { OrgSummary } from '../api/types';
import { useApi } from '../api/useApi';
import { useI18n } from '../i18n/I18nProvider';
import { LoadError } from './LoadError';
import { PageSpin } from './PageSpin';

/** The corporate group around an organisation from GET /api/organisations/:id/group (transitive controllers and subsidiaries). */
export function OrganisationGroupView({ id }: { id: string }) {
  const { t } = useI18n();
  const { data, error, loading, reload } = useApi(() => endpoints.organisationGroup(id), [id]);
  if (loading && !data) return <PageSpin />;
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return null;
  const list = (orgs: (OrgSummary & { depth: number })[]) =>
    orgs.length > 0
      ? orgs.map((o) => (
          <Tag key={o.id}>
            {o.name} <Typography.Text type="secondary">({t('org.groupDepth', { n: o.depth })})</Typography.Text>
          </Tag>
        ))
      : t('common.none');
  return (
    <Descriptions
      bordered
      column={1}
      size="middle"
      title={t('org.group')}
      data-testid="organisation-group"
      styles={{ label: { width: 200 } }}
      style={{ marginTop: 24 }}
    >
      <Descriptions.Item label={t('org.groupAncestors')}>{list(data.ancestors)}</Descriptions.Item>
      <Descriptions.Item label={t('org.groupDescendants')}>{list(data.descendants)}</Descriptions.Item>
    </Descriptions>
  );
}
