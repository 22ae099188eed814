import { Descriptions, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Organisation, OrgSummaryWithShare } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

/** Registry record of an organisation, read-only, with the labels applicants know from the guide. */
export function OrganisationDetail({ org, addressSlot }: { org: Organisation; addressSlot?: ReactNode }) {
  const { t } = useI18n();
  const yesNo = (b: boolean) => (b ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>);
  const { hnte } = org;
  const related = (list: OrgSummaryWithShare[]) =>
    list.length > 0
      ? list.map((o) => (
          <Tag key={o.id}>
            {o.name}
            {o.sharePct !== null && ` · ${t('org.share', { pct: o.sharePct })}`}
          </Tag>
        ))
      : t('common.none');
  return (
    <Descriptions bordered column={1} size="middle" data-testid="organisation-detail" styles={{ label: { width: 200 } }}>
      <Descriptions.Item label={t('org.name')}>
        <Typography.Text strong>{org.name}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('org.uscc')}>
        <Typography.Text copyable code>
          {org.uscc}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('org.type')}>{org.typeLabel}</Descriptions.Item>
      <Descriptions.Item label={t('org.region')}>
        {org.regionLabel} <Typography.Text type="secondary">({org.regionCode})</Typography.Text>{' '}
        {org.isGuangzhou && <Tag color="blue">{t('org.inGuangzhou')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('org.address')}>{addressSlot ?? (org.address || '—')}</Descriptions.Item>
      <Descriptions.Item label={t('org.aboveSize')}>
        {yesNo(org.aboveDesignatedSize)}
        {org.aboveDesignatedSize && org.aboveDesignatedSizeYear ? t('org.aboveSizeYear', { year: org.aboveDesignatedSizeYear }) : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('org.hnte')}>
        {hnte ? (
          <>
            <Typography.Text code>{hnte.certNo}</Typography.Text>{' '}
            {hnte.validFrom && hnte.validTo && t('org.hnteValid', { from: hnte.validFrom, to: hnte.validTo })}{' '}
            {org.hnteValidToday ? <Tag color="green">{t('org.hnteValidToday')}</Tag> : <Tag color="orange">{t('org.hnteExpired')}</Tag>}
          </>
        ) : (
          t('common.none')
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('org.techSme')}>
        {yesNo(org.techSme)}
        {org.techSme && org.techSmeYear ? t('org.aboveSizeYear', { year: org.techSmeYear }) : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('org.formerNames')}>
        {org.formerNames.length > 0
          ? org.formerNames.map((f) => (
              <div key={f.name + f.until}>
                {f.name} <Typography.Text type="secondary">{t('org.formerUntil', { date: f.until })}</Typography.Text>
              </div>
            ))
          : t('common.none')}
      </Descriptions.Item>
      {org.parents !== undefined && (
        <Descriptions.Item label={t('org.parent')}>
          <span data-testid="organisation-parents">{related(org.parents)}</span>
        </Descriptions.Item>
      )}
      {org.subsidiaries !== undefined && (
        <Descriptions.Item label={t('org.subsidiaries')}>
          <span data-testid="organisation-subsidiaries">{related(org.subsidiaries)}</span>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
