import { Typography } from 'antd';
import { ChainList } from '../../components/ChainList';
import { useI18n } from '../../i18n/I18nProvider';

export function PublicChainsPage() {
  const { t } = useI18n();
  return (
    <div className="rd-section" data-testid="public-chains">
      <Typography.Title level={1} style={{ fontSize: 30 }}>
        {t('home.chainsTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.chainsIntro')}</Typography.Paragraph>
      <ChainList />
    </div>
  );
}
