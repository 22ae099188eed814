import { Flex, Spin } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

export function PageSpin() {
  const { t } = useI18n();
  return (
    <Flex justify="center" align="center" style={{ minHeight: 240 }}>
      <Spin tip={t('common.loading')} size="large">
        <div style={{ width: 120, height: 80 }} />
      </Spin>
    </Flex>
  );
}
