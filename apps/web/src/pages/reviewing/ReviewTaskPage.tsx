import { Alert, Button, Col, Row, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import type { ExpertTaskOut } from '@rdplan/domain';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';
import { reviewingApi } from './api';
import { ApplicationReadable } from './ApplicationReadable';
import { DeclarationCard } from './Declaration';
import { OthersScores, ScoringPanel } from './ScoringPanel';
import { TaskStateTag } from './shared';

function Back() {
  const { t } = useI18n();
  return (
    <Link to="/app/reviewing">
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t('reviewing.back')}
      </Button>
    </Link>
  );
}

/**
 * /app/reviewing/:assignmentId: the declaration first (state `declare`), then the application beside the
 * scoring panel.
 */
export function ReviewTaskPage() {
  const { assignmentId = '' } = useParams();
  const { t } = useI18n();
  const tasks = useApi(() => reviewingApi.tasks(), [assignmentId]);
  if (tasks.loading && !tasks.data) return <PageSpin />;
  if (tasks.error) return <LoadError error={tasks.error} onRetry={tasks.reload} />;
  const task = tasks.data?.items.find((x) => x.assignmentId === assignmentId);
  if (!task)
    return (
      <div data-testid="review-task-page">
        <Back />
        <Alert type="warning" showIcon title={t('reviewing.notFound')} data-testid="review-task-missing" />
      </div>
    );
  return (
    <div data-testid="review-task-page" data-state={task.state}>
      <Back />
      {task.state === 'declare' ? (
        <DeclarationCard task={task} onDone={tasks.reload} />
      ) : task.state === 'conflict' ? (
        <Alert
          type="info"
          showIcon
          title={t('reviewing.declared.conflictTitle')}
          description={t('reviewing.declared.conflictBody')}
          data-testid="declared-conflict"
        />
      ) : (
        <Workspace task={task} onTaskChanged={tasks.reload} />
      )}
    </div>
  );
}

function Workspace({ task, onTaskChanged }: { task: ExpertTaskOut; onTaskChanged: () => void }) {
  const { lang } = useI18n();
  const { data, error, loading, reload } = useApi(() => reviewingApi.task(task.assignmentId), [task.assignmentId]);
  if (loading && !data) return <PageSpin />;
  if (error && error instanceof ApiError && error.status === 403 && !data) {
    // The declaration is missing after all (e.g. another tab): back to the task list state.
    return <LoadError error={error} onRetry={onTaskChanged} />;
  }
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return null;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <TaskStateTag state={data.state} />
        <Typography.Title level={1} style={{ fontSize: 18, margin: 0 }}>
          {lang === 'zh' ? task.callTitleZh : task.callTitleEn}
        </Typography.Title>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <ApplicationReadable review={data} />
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <ScoringPanel
              key={`${data.mine.version}-${data.mine.submittedAt ?? ''}-${data.state}`}
              review={data}
              onReload={() => {
                reload();
                onTaskChanged();
              }}
            />
            <OthersScores review={data} />
          </Space>
        </Col>
      </Row>
    </>
  );
}
