import { Button, Result } from 'antd';
import { errorMessage } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';

/** Friendly state for a failed load: the server's message plus a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Result
      status="warning"
      title={t('common.loadFailed')}
      subTitle={
        <>
          <div>{errorMessage(error)}</div>
          <div>{t('common.loadFailedHint')}</div>
        </>
      }
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      data-testid="load-error"
    />
  );
}
