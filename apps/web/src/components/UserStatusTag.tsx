import { Tag } from 'antd';
import type { UserStatus } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

const COLORS: Record<UserStatus, string> = { pending: 'orange', active: 'green', disabled: 'default' };

export function UserStatusTag({ status }: { status: UserStatus }) {
  const { t } = useI18n();
  return <Tag color={COLORS[status]}>{t(`users.status.${status}`)}</Tag>;
}
