import type { ReactNode } from 'react';
import { Tag } from 'antd';
import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  CustomerServiceOutlined,
  FlagOutlined,
  SyncOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { FollowupKind, NationalProjectStatus } from '@rdplan/domain';
import { useI18n } from '../../i18n/I18nProvider';
import type { RecordEvent } from './api';

export const STATUS_COLOR: Record<NationalProjectStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  ended: 'warning',
  accepted: 'success',
  failed: 'error',
};

export function StatusTag({ status }: { status: NationalProjectStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="followup-status" data-status={status}>
      {t(`followup.status.${status}`)}
    </Tag>
  );
}

export const KIND_ICON: Record<FollowupKind, ReactNode> = {
  status: <SyncOutlined />,
  milestone: <FlagOutlined />,
  output: <TrophyOutlined />,
  meeting: <TeamOutlined />,
  service: <CustomerServiceOutlined />,
};

export const KIND_COLOR: Record<FollowupKind, string> = {
  status: 'gray',
  milestone: 'blue',
  output: 'green',
  meeting: 'purple',
  service: 'orange',
};

export const EVENT_ICON: Record<RecordEvent, ReactNode> = {
  start: <FlagOutlined />,
  end: <FlagOutlined />,
  acceptance_passed: <CheckCircleOutlined />,
  acceptance_failed: <CloseCircleOutlined />,
};

export const EVENT_COLOR: Record<RecordEvent, string> = {
  start: 'gray',
  end: 'gray',
  acceptance_passed: 'green',
  acceptance_failed: 'red',
};
