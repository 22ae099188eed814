import { Form, Input } from 'antd';
import type { PasswordIdentity } from '@rdplan/domain';
import { useI18n } from '../i18n/I18nProvider';
import { PasswordChecklist, isPasswordOk } from './PasswordChecklist';

interface Props {
  /** Form field holding the new password. */
  name?: string;
  label: string;
  confirmLabel: string;
  identity: PasswordIdentity;
  /** Fields the strength check depends on (e.g. the e-mail being typed in the same form). */
  dependencies?: string[];
  testIds: { password: string; confirm: string };
}

/** New password with the live strength checklist and a confirmation field, inside an antd Form. */
export function NewPasswordFields({ name = 'password', label, confirmLabel, identity, dependencies, testIds }: Props) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const password = (Form.useWatch(name, form) as string | undefined) ?? '';
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        {...(dependencies ? { dependencies } : {})}
        rules={[
          { required: true, message: t('common.required') },
          {
            validator: (_, v: string | undefined) =>
              !v || isPasswordOk(v, identity) ? Promise.resolve() : Promise.reject(new Error(t('register.passwordWeak'))),
          },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={testIds.password} />
      </Form.Item>
      <PasswordChecklist password={password} identity={identity} />
      <Form.Item
        name="confirm"
        label={confirmLabel}
        dependencies={[name]}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: (_, v: string | undefined) =>
              !v || v === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error(t('register.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={testIds.confirm} />
      </Form.Item>
    </>
  );
}
