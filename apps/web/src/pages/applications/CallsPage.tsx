import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Alert, Card, Segmented, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { TRACKS, type CallView, type Track } from '@rdplan/domain';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { useI18n } from '../../i18n/I18nProvider';
import { applicationsApi } from './api';
import { CallStateTag, TrackTag, callTitle, formatInstant } from './shared';

/** Public list of published calls (4.3.a): anyone may read the conditions before applying. */
export function CallsPage() {
  const { t, lang } = useI18n();
  const [track, setTrack] = useState<Track | 'all'>('all');
  const { data, error, loading, reload } = useApi(() => applicationsApi.calls(), []);
  const rows = (data ?? []).filter((c) => track === 'all' || c.track === track);
  return (
    <div className="rd-section" data-testid="calls-page">
      <Typography.Title level={1} style={{ fontSize: 30 }}>
        {t('applications.calls.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('applications.calls.intro')}</Typography.Paragraph>
      <Alert type="info" showIcon title={t('applications.calls.consortiumNote')} style={{ marginBottom: 16 }} />
      <Card>
        <Segmented
          style={{ marginBottom: 16 }}
          value={track}
          onChange={(v) => setTrack(v as Track | 'all')}
          options={[
            { value: 'all', label: t('common.all') },
            ...TRACKS.map((tr) => ({ value: tr, label: t(`applications.trackShort.${tr}`) })),
          ]}
          data-testid="calls-track-filter"
        />
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<CallView>
            rowKey="id"
            loading={loading}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('applications.calls.empty') }}
            onRow={(r) => ({ 'data-testid': `call-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('applications.track'), key: 'track', render: (_, r) => <TrackTag track={r.track} /> },
              {
                title: t('applications.calls.callTitle'),
                key: 'title',
                render: (_, r) => (
                  <Link to={`/calls/${r.id}`} data-testid={`call-link-${r.id}`}>
                    {callTitle(r, lang)}
                  </Link>
                ),
              },
              { title: t('applications.calls.year'), dataIndex: 'year' },
              { title: t('common.status'), key: 'state', render: (_, r) => <CallStateTag state={r.state} /> },
              { title: t('applications.calls.opensAt'), key: 'opensAt', render: (_, r) => formatInstant(r.opensAt) },
              { title: t('applications.calls.closesAt'), key: 'closesAt', render: (_, r) => formatInstant(r.closesAt) },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('applications.calls.timezone')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
