import { Descriptions, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ORG_TYPE_LABELS, isGuangzhouRegion, regionLabel } from '@rdplan/domain';
import type { Organisation } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

/** Registry record of an organisation, read-only, with the labels applicants know from the guide. */
export function OrganisationDetail({ org, addressSlot }: { org: Organisation; addressSlot?: ReactNode }) {
  const { t, tx, lang } = useI18n();
  const inGz = org.isGuangzhou ?? isGuangzhouRegion(org.regionCode);
  const yesNo = (b: boolean) => (b ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>);
  const hnteToday =
    org.hnteValidToday ??
    (!!org.hnteValidFrom &&
      !!org.hnteValidTo &&
      new Date().toISOString().slice(0, 10) >= org.hnteValidFrom &&
      new Date().toISOString().slice(0, 10) <= org.hnteValidTo);
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
      <Descriptions.Item label={t('org.type')}>{ORG_TYPE_LABELS[org.type] ? tx(ORG_TYPE_LABELS[org.type]) : org.type}</Descriptions.Item>
      <Descriptions.Item label={t('org.region')}>
        {regionLabel(org.regionCode, lang)} <Typography.Text type="secondary">({org.regionCode})</Typography.Text>{' '}
        {inGz && <Tag color="blue">{t('org.inGuangzhou')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('org.address')}>{addressSlot ?? (org.address || '—')}</Descriptions.Item>
      <Descriptions.Item label={t('org.aboveSize')}>
        {yesNo(org.aboveDesignatedSize)}
        {org.aboveDesignatedSize && org.aboveDesignatedSizeYear ? t('org.aboveSizeYear', { year: org.aboveDesignatedSizeYear }) : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('org.hnte')}>
        {org.hnteCertNo ? (
          <>
            <Typography.Text code>{org.hnteCertNo}</Typography.Text>{' '}
            {org.hnteValidFrom && org.hnteValidTo && t('org.hnteValid', { from: org.hnteValidFrom, to: org.hnteValidTo })}{' '}
            {hnteToday ? <Tag color="green">{t('org.hnteValidToday')}</Tag> : <Tag color="orange">{t('org.hnteExpired')}</Tag>}
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
        {org.formerNames && org.formerNames.length > 0
          ? org.formerNames.map((f) => (
              <div key={f.name + f.until}>
                {f.name} <Typography.Text type="secondary">{t('org.formerUntil', { date: f.until })}</Typography.Text>
              </div>
            ))
          : t('common.none')}
      </Descriptions.Item>
      {org.parent !== undefined && (
        <Descriptions.Item label={t('org.parent')}>{org.parent ? org.parent.name : t('common.none')}</Descriptions.Item>
      )}
      {org.subsidiaries !== undefined && (
        <Descriptions.Item label={t('org.subsidiaries')}>
          {org.subsidiaries.length > 0 ? org.subsidiaries.map((s) => <Tag key={s.id}>{s.name}</Tag>) : t('common.none')}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
