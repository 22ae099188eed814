import { Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

/** Placeholder until the page is built. */
export function MyReviewsPage() {
  const { t } = useI18n();
  return <Typography.Title level={3}>{t('reviewing.menu')}</Typography.Title>;
}
