import { Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { PASSWORD_RULES, passwordProblems, type PasswordIdentity } from '@rdplan/domain';
import { useI18n } from '../i18n/I18nProvider';

/** Live password-strength checklist: every rule, ticked when the typed password passes it. */
export function PasswordChecklist({ password, identity }: { password: string; identity?: PasswordIdentity }) {
  const { t, tx } = useI18n();
  const failing = new Set(passwordProblems(password, identity ?? {}).map((p) => p.code));
  return (
    <div data-testid="password-checklist" style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary">{t('password.rulesTitle')}</Typography.Text>
      <Space orientation="vertical" size={2} style={{ display: 'flex', marginTop: 4 }}>
        {PASSWORD_RULES.map((rule) => {
          const ok = password.length > 0 && !failing.has(rule.code);
          return (
            <Typography.Text
              key={rule.code}
              type={ok ? 'success' : password.length > 0 ? 'danger' : 'secondary'}
              data-testid={`password-rule-${rule.code}`}
              data-ok={ok ? 'true' : 'false'}
            >
              {ok ? <CheckCircleFilled /> : <CloseCircleOutlined />} {tx(rule.message)}
            </Typography.Text>
          );
        })}
      </Space>
    </div>
  );
}

export function isPasswordOk(password: string, identity?: PasswordIdentity): boolean {
  return passwordProblems(password, identity ?? {}).length === 0;
}
