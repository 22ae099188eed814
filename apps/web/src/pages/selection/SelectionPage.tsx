import { Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

/** Placeholder until the page is built. */
export function SelectionPage() {
  const { t } = useI18n();
  return <Typography.Title level={3}>{t('selection.menu')}</Typography.Title>;
}
