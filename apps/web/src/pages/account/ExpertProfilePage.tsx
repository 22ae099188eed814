import type { ReactNode } from 'react';
import { Card, Descriptions, Empty, Tag } from 'antd';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';

function show(v: unknown, yes: string, no: string): ReactNode {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? yes : no;
  if (Array.isArray(v)) {
    if (v.length === 0) return '—';
    return v.map((x, i) => (
      <Tag key={i}>
        {typeof x === 'object' && x !== null
          ? Object.values(x as Record<string, unknown>)
              .filter((y) => typeof y === 'string' || typeof y === 'number')
              .join(' · ')
          : String(x)}
      </Tag>
    ));
  }
  if (typeof v === 'object') {
    return Object.values(v as Record<string, unknown>)
      .filter((y) => typeof y === 'string' || typeof y === 'number')
      .join(' · ');
  }
  return String(v);
}

/** Person-record fields shown to the expert, with their labels; unknown fields are not shown. */
const FIELDS: [string, MessageKey][] = [
  ['name', 'people.name'],
  ['email', 'people.email'],
  ['phone', 'people.phone'],
  ['title', 'people.title2'],
  ['titleLevel', 'people.titleLevel'],
  ['orgName', 'people.org'],
  ['isExpert', 'people.expert'],
  ['expert', 'people.expert'],
  ['fields', 'people.fields'],
  ['expertFields', 'people.fields'],
  ['affiliations', 'people.affiliations'],
];

/** The expert's own person record from GET /api/people/:personId. */
export function ExpertProfilePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const personId = user?.personId ?? null;
  const { data, error, loading, reload } = useApi(() => (personId ? endpoints.person(personId) : Promise.resolve(null)), [personId]);
  if (!personId) return <Empty description={t('expert.noPerson')} />;
  return (
    <div data-testid="expert-profile-page">
      <PageHeader title={t('expert.title')} />
      <Card>
        {loading && !data ? (
          <PageSpin />
        ) : error ? (
          <LoadError error={error} onRetry={reload} />
        ) : data ? (
          <Descriptions bordered column={1} styles={{ label: { width: 200 } }}>
            {FIELDS.filter(([k]) => k in data).map(([k, label]) => (
              <Descriptions.Item key={k} label={t(label)}>
                {show(data[k], t('common.yes'), t('common.no'))}
              </Descriptions.Item>
            ))}
          </Descriptions>
        ) : null}
      </Card>
    </div>
  );
}
