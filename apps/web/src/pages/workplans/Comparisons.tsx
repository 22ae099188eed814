import { useState } from 'react';
import { AutoComplete, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { ComparisonVerdict, WorkplanComparisonView, WorkplanView } from '@rdplan/domain';
import { useI18n } from '../../i18n/I18nProvider';
import { workplansApi } from './api';
import { ErrorAlert, formatInstant, type Actions } from './shared';

type Choice = ComparisonVerdict | 'none';

interface FormValues {
  topic: string;
  heldOn: Dayjs | null;
  method: string;
  participants: string;
  conclusion: string;
  verdicts: Record<string, Choice>;
  notes: Record<string, string>;
}

function ComparisonForm({
  view,
  actions,
  onClose,
  reload,
}: {
  view: WorkplanView;
  actions: Actions;
  onClose: () => void;
  reload: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const [noneChosen, setNoneChosen] = useState(false);
  const candidates = view.candidates.filter((c) => c.status !== 'withdrawn');
  const methods = [
    'workplans.comparisons.methodExperts',
    'workplans.comparisons.methodSelection',
    'workplans.comparisons.methodLetters',
  ] as const;

  async function save(v: FormValues) {
    const chosen = candidates
      .map((c) => ({
        applicationId: c.applicationId,
        verdict: v.verdicts?.[c.applicationId] ?? 'none',
        note: (v.notes?.[c.applicationId] ?? '').trim(),
      }))
      .filter((x): x is { applicationId: string; verdict: ComparisonVerdict; note: string } => x.verdict !== 'none');
    if (chosen.length === 0) {
      setNoneChosen(true);
      return;
    }
    setNoneChosen(false);
    const ok = await actions.run('comparison', () =>
      workplansApi.addComparison(view.id, {
        topic: v.topic.trim(),
        heldOn: v.heldOn!.format('YYYY-MM-DD'),
        method: v.method.trim(),
        participants: (v.participants ?? '').trim(),
        conclusion: v.conclusion.trim(),
        candidates: chosen,
      }),
    );
    if (ok) onClose();
  }

  return (
    <Card
      size="small"
      type="inner"
      title={t('workplans.comparisons.newTitle')}
      style={{ marginBottom: 16, borderColor: '#1677ff' }}
      data-testid="comparison-form"
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ verdicts: Object.fromEntries(candidates.map((c) => [c.applicationId, 'none'])), notes: {} }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item
          name="topic"
          label={t('workplans.comparisons.topic')}
          rules={[{ required: true, whitespace: true, message: t('workplans.required') }]}
        >
          <Input maxLength={200} data-testid="comparison-topic" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="heldOn" label={t('workplans.comparisons.heldOn')} rules={[{ required: true, message: t('workplans.required') }]}>
            <DatePicker format="YYYY-MM-DD" data-testid="comparison-date" />
          </Form.Item>
          <Form.Item
            name="method"
            label={t('workplans.comparisons.method')}
            rules={[{ required: true, whitespace: true, message: t('workplans.required') }]}
          >
            <AutoComplete
              style={{ width: 240 }}
              options={methods.map((k) => ({ value: t(k) }))}
              data-testid="comparison-method"
              placeholder={t('workplans.comparisons.methodPlaceholder')}
              aria-label={t('workplans.comparisons.methodPlaceholder')}
            />
          </Form.Item>
        </Space>
        <Form.Item name="participants" label={t('workplans.comparisons.participants')}>
          <Input.TextArea
            rows={2}
            maxLength={2000}
            data-testid="comparison-participants"
            placeholder={t('workplans.comparisons.participantsPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="conclusion"
          label={t('workplans.comparisons.conclusion')}
          rules={[{ required: true, whitespace: true, message: t('workplans.required') }]}
        >
          <Input.TextArea rows={3} maxLength={5000} data-testid="comparison-conclusion" />
        </Form.Item>
        <Typography.Text strong>{t('workplans.comparisons.verdicts')}</Typography.Text>
        <Table
          rowKey="applicationId"
          size="small"
          pagination={false}
          dataSource={candidates}
          style={{ marginTop: 8, marginBottom: 12 }}
          locale={{ emptyText: t('workplans.candidates.empty') }}
          columns={[
            { title: t('workplans.candidates.titleLabel'), dataIndex: 'title' },
            {
              title: t('workplans.comparisons.verdict'),
              key: 'verdict',
              render: (_, c) => (
                <Form.Item name={['verdicts', c.applicationId]} noStyle>
                  <Radio.Group size="small" data-testid={`comparison-verdict-${c.applicationId}`}>
                    <Radio value="selected" data-testid={`comparison-verdict-${c.applicationId}-selected`}>
                      {t('workplans.verdict.selected')}
                    </Radio>
                    <Radio value="not_selected" data-testid={`comparison-verdict-${c.applicationId}-not_selected`}>
                      {t('workplans.verdict.not_selected')}
                    </Radio>
                    <Radio value="none" data-testid={`comparison-verdict-${c.applicationId}-none`}>
                      {t('workplans.comparisons.notDiscussed')}
                    </Radio>
                  </Radio.Group>
                </Form.Item>
              ),
            },
            {
              title: t('workplans.comparisons.note'),
              key: 'note',
              render: (_, c) => (
                <Form.Item name={['notes', c.applicationId]} noStyle>
                  <Input size="small" maxLength={1000} data-testid={`comparison-note-${c.applicationId}`} />
                </Form.Item>
              ),
            },
          ]}
        />
        {noneChosen && (
          <div style={{ marginBottom: 12 }}>
            <Typography.Text type="danger" data-testid="comparison-none-chosen">
              {t('workplans.comparisons.noneChosen')}
            </Typography.Text>
          </div>
        )}
        {actions.errors.comparison ? (
          <div style={{ marginBottom: 12 }}>
            <ErrorAlert error={actions.errors.comparison} testId="comparison-error" onReload={reload} />
          </div>
        ) : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={actions.busy === 'comparison'} data-testid="comparison-submit">
            {t('workplans.save')}
          </Button>
          <Button onClick={onClose} data-testid="comparison-cancel">
            {t('workplans.cancel')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

function ComparisonRecord({ c }: { c: WorkplanComparisonView }) {
  const { t } = useI18n();
  return (
    <Card size="small" style={{ marginBottom: 12 }} title={c.topic} extra={<Tag>{c.heldOn}</Tag>} data-testid={`comparison-${c.id}`}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('workplans.comparisons.method')}>{c.method}</Descriptions.Item>
        <Descriptions.Item label={t('workplans.comparisons.recordedAt')}>{formatInstant(c.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('workplans.comparisons.participants')} span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{c.participants || '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('workplans.comparisons.conclusion')} span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{c.conclusion}</span>
        </Descriptions.Item>
      </Descriptions>
      <Space orientation="vertical" size={2}>
        {c.candidates.map((x) => (
          <div key={x.applicationId} data-testid={`comparison-${c.id}-${x.applicationId}`} data-verdict={x.verdict}>
            <Tag color={x.verdict === 'selected' ? 'cyan' : 'orange'}>{t(`workplans.verdict.${x.verdict}`)}</Tag>
            <Typography.Text>{x.title ?? '—'}</Typography.Text>
            {x.note && <Typography.Text type="secondary"> · {x.note}</Typography.Text>}
          </div>
        ))}
      </Space>
    </Card>
  );
}

/** (e) 4.1.c: argument-and-comparison records (论证比选) and their verdict on each candidate. */
export function ComparisonsSection({
  view,
  editable,
  actions,
  reload,
}: {
  view: WorkplanView;
  editable: boolean;
  actions: Actions;
  reload: () => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Card
      id="wp-comparisons"
      title={
        <Space>
          <span>{t('workplans.comparisons.title')}</span>
          <Tag>4.1.c</Tag>
        </Space>
      }
      size="small"
      data-testid="comparisons-section"
      data-count={view.comparisons.length}
      extra={
        editable && (
          <Button
            icon={<PlusOutlined />}
            disabled={open || view.candidates.filter((c) => c.status !== 'withdrawn').length === 0}
            onClick={() => {
              setOpen(true);
              actions.clear('comparison');
            }}
            data-testid="comparison-add"
          >
            {t('workplans.comparisons.add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('workplans.comparisons.help')}</Typography.Paragraph>
      {open && <ComparisonForm view={view} actions={actions} onClose={() => setOpen(false)} reload={reload} />}
      {view.comparisons.length === 0 && !open ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workplans.comparisons.empty')} />
      ) : (
        [...view.comparisons].reverse().map((c) => <ComparisonRecord key={c.id} c={c} />)
      )}
    </Card>
  );
}
