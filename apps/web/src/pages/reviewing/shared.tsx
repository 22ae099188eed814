import { Tag } from 'antd';
import { EyeInvisibleOutlined } from '@ant-design/icons';
import type { ExpertTaskOut } from '@rdplan/domain';
import { useI18n } from '../../i18n/I18nProvider';

type TaskState = ExpertTaskOut['state'];

const STATE_COLOR: Record<TaskState, string> = {
  declare: 'gold',
  conflict: 'default',
  scoring: 'processing',
  submitted: 'success',
};

export function TaskStateTag({ state }: { state: TaskState }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLOR[state]} data-testid="task-state" data-state={state}>
      {t(`reviewing.state.${state}`)}
    </Tag>
  );
}

/** The applicant's name, or "盲评" under blind review (the server sends null). */
export function ApplicantName({ name }: { name: string | null }) {
  const { t } = useI18n();
  if (name !== null) return <>{name}</>;
  return (
    <Tag icon={<EyeInvisibleOutlined />} data-testid="blind-tag">
      {t('reviewing.blind')}
    </Tag>
  );
}

/** A score shown with at most two decimals. */
export function fmtScore(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return String(Math.round(v * 10 ** digits) / 10 ** digits);
}
