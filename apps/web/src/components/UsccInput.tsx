import { Input, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { normaliseUscc, usccProblem } from '@rdplan/domain';
import type { Translate } from '../i18n/I18nProvider';
import { useI18n } from '../i18n/I18nProvider';

/** The live message for a typed credit code, or null when it is valid or empty. */
export function usccMessage(raw: string | undefined, t: Translate): string | null {
  const code = normaliseUscc(raw ?? '');
  if (!code) return null;
  const p = usccProblem(code);
  if (p === 'length') return t('register.usccLength', { n: code.length });
  if (p === 'character') return t('register.usccCharacter');
  if (p === 'check') return t('register.usccCheck');
  return null;
}

/** Credit-code input that upper-cases as you type and shows the check-character result. */
/** `id` comes from the Form.Item, so its label names the field. */
export function UsccInput({ id, value, onChange }: { id?: string; value?: string; onChange?: (v: string) => void }) {
  const { t } = useI18n();
  const code = normaliseUscc(value ?? '');
  const valid = code.length === 18 && usccProblem(code) === null;
  return (
    <Input
      id={id}
      value={value}
      maxLength={24}
      onChange={(e) => onChange?.(normaliseUscc(e.target.value))}
      data-testid="register-uscc"
      style={{ fontFamily: 'monospace', letterSpacing: 1 }}
      suffix={
        valid ? (
          <Typography.Text type="success" data-testid="uscc-valid">
            <CheckCircleFilled /> {t('register.usccValid')}
          </Typography.Text>
        ) : (
          <span />
        )
      }
    />
  );
}
