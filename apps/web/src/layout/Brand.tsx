import { Link } from 'react-router-dom';
import { ExperimentOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider';

export function Brand({ to = '/' }: { to?: string }) {
  const { t } = useI18n();
  return (
    <Link to={to} className="rd-brand" data-testid="brand">
      <ExperimentOutlined style={{ fontSize: 22 }} />
      <span className="rd-brand-full">{t('app.title')}</span>
      <span className="rd-brand-short">{t('app.shortTitle')}</span>
    </Link>
  );
}
