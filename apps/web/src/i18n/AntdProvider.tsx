import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { useI18n } from './I18nProvider';

const FONT = `-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif`;

/**
 * The theme. antd's default secondary, tertiary, placeholder and disabled greys (45 % and 25 % black) fall below
 * WCAG AA contrast (4.5:1) on white and on the page's #f5f7fa; these darker ones pass on both.
 */
const THEME = {
  token: {
    fontFamily: FONT,
    colorPrimary: '#1657c4',
    colorLink: '#1657c4',
    // antd derives a lighter hover shade (about 3:1 on white, too faint for a tab label under the pointer):
    // hovering darkens instead.
    colorPrimaryHover: '#124aa6',
    colorLinkHover: '#124aa6',
    colorInfo: '#1657c4',
    colorErrorText: '#cf1322',
    colorSuccessText: '#237804',
    colorWarningText: '#ad4e00',
    borderRadius: 6,
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    // Read-only forms (a plan an administrator views) are disabled forms: their values must stay readable.
    colorTextDisabled: 'rgba(0, 0, 0, 0.58)',
  },
};

/** antd locale and dayjs locale follow the chosen language. */
export function AntdProvider({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
