import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, EditOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import {
  MEMBER_POSITION_LABELS,
  ORG_MODES,
  ORG_MODE_LABELS,
  PROJECT_KINDS,
  PROJECT_KIND_LABELS,
  wanToYuan,
  yuanToWan,
  type OrgMode,
  type ProjectKind,
  type RuleDecision,
  type WorkplanCandidateView,
  type WorkplanView,
} from '@rdplan/domain';
import { useI18n } from '../../i18n/I18nProvider';
import { workplansApi } from './api';
import { draftProjectResults, minSelfFunds, type CandidateDraft } from './facts';
import { ErrorAlert, OverrideNote, RuleLine, RuleTags, useMoney, type Actions } from './shared';

interface FormValues {
  title: string;
  summary: string;
  kind: ProjectKind | null;
  orgMode: OrgMode | null;
  leadOrgId: string | undefined;
  participantOrgIds: string[];
  cityFunds: number | undefined;
  /** In 万元. */
  selfFundsWan: number | null;
  previewInPlan: boolean;
}

function toYuan(wan: number | null | undefined): number | null {
  if (wan === null || wan === undefined || !Number.isFinite(wan) || wan < 0) return null;
  try {
    return wanToYuan(String(wan));
  } catch {
    return null;
  }
}

function valuesToDraft(applicationId: string | null, v: FormValues): CandidateDraft {
  return {
    applicationId,
    title: v.title ?? '',
    kind: v.kind ?? null,
    orgMode: v.orgMode ?? null,
    leadOrgId: v.leadOrgId ?? null,
    cityFunds: v.cityFunds ?? null,
    selfFunds: toYuan(v.selfFundsWan),
    participantOrgIds: v.participantOrgIds ?? [],
    previewInPlan: v.previewInPlan ?? false,
  };
}

/** The form of one candidate (3.1.d–g, 4.1.e): only consortium members, only the allowed amounts, live rule results. */
function CandidateForm({
  view,
  candidate,
  actions,
  onDraft,
  onClose,
  reload,
}: {
  view: WorkplanView;
  candidate: WorkplanCandidateView | null;
  actions: Actions;
  onDraft: (d: CandidateDraft | null) => void;
  onClose: () => void;
  reload: () => void;
}) {
  const { t, tx, lang } = useI18n();
  const money = useMoney();
  const [form] = Form.useForm<FormValues>();
  const appId = candidate?.applicationId ?? null;
  const initial: FormValues = useMemo(
    () => ({
      title: candidate?.title ?? '',
      summary: candidate?.summary ?? '',
      kind: candidate?.kind ?? null,
      orgMode: candidate?.orgMode ?? null,
      leadOrgId: candidate?.leadOrgId,
      participantOrgIds: candidate?.participants.map((p) => p.orgId) ?? [],
      cityFunds: candidate?.cityFunds ?? undefined,
      selfFundsWan: candidate?.selfFunds === null || candidate?.selfFunds === undefined ? null : Number(yuanToWan(candidate.selfFunds)),
      previewInPlan: true,
    }),
    [candidate],
  );
  const [draft, setDraft] = useState<CandidateDraft>(() => valuesToDraft(appId, initial));
  const results = draftProjectResults(view, draft);
  const pct = view.params.minMatchingRatioPct;
  const minSelf = minSelfFunds(draft.cityFunds, pct);
  const memberOptions = view.members.map((m) => ({
    value: m.orgId,
    label:
      lang === 'zh' ? `${m.name}（${tx(MEMBER_POSITION_LABELS[m.position])}）` : `${m.name} (${tx(MEMBER_POSITION_LABELS[m.position])})`,
  }));
  const errorKey = appId ? `candidate-${appId}` : 'candidate-new';

  function changed(_: Partial<FormValues>, all: FormValues) {
    const next = valuesToDraft(appId, all);
    // A participant cannot also be the lead.
    if (next.leadOrgId && next.participantOrgIds.includes(next.leadOrgId)) {
      const rest = next.participantOrgIds.filter((id) => id !== next.leadOrgId);
      form.setFieldValue('participantOrgIds', rest);
      next.participantOrgIds = rest;
    }
    setDraft(next);
    onDraft(next);
  }

  async function save(v: FormValues) {
    const cityFunds = v.cityFunds!;
    const selfFunds = toYuan(v.selfFundsWan)!;
    const old = new Map((candidate?.participants ?? []).map((p) => [p.orgId, p.role]));
    const participants = (v.participantOrgIds ?? [])
      .filter((id) => id !== v.leadOrgId)
      .map((orgId) => ({ orgId, role: old.get(orgId) ?? '' }));
    const body = {
      title: v.title.trim(),
      summary: (v.summary ?? '').trim(),
      kind: v.kind ?? null,
      orgMode: v.orgMode ?? null,
      leadOrgId: v.leadOrgId!,
      cityFunds,
      selfFunds,
      participants,
    };
    const ok = await actions.run(errorKey, () =>
      candidate
        ? workplansApi.updateCandidate(view.id, candidate.applicationId, { ...body, version: candidate.version })
        : workplansApi.addCandidate(view.id, body),
    );
    if (ok) onClose();
  }

  return (
    <Card
      size="small"
      type="inner"
      title={candidate ? t('workplans.candidates.editTitle', { title: candidate.title }) : t('workplans.candidates.newTitle')}
      style={{ marginBottom: 16, borderColor: '#1677ff' }}
      data-testid="candidate-form"
      data-application-id={appId ?? ''}
    >
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onValuesChange={changed} onFinish={(v) => void save(v)}>
        <Form.Item
          name="title"
          label={t('workplans.candidates.titleLabel')}
          rules={[{ required: true, whitespace: true, message: t('workplans.required') }]}
        >
          <Input maxLength={200} data-testid="candidate-title" />
        </Form.Item>
        <Form.Item name="summary" label={t('workplans.candidates.summary')}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="candidate-summary" />
        </Form.Item>
        <Form.Item name="kind" label={t('workplans.candidates.kind')} extra={t('workplans.candidates.kindHelp')}>
          <Radio.Group data-testid="candidate-kind">
            {PROJECT_KINDS.map((k) => (
              <Radio key={k} value={k} data-testid={`candidate-kind-${k}`}>
                {tx(PROJECT_KIND_LABELS[k])}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="orgMode" label={t('workplans.candidates.orgMode')} extra={t('workplans.candidates.orgModeHelp')}>
          <Radio.Group data-testid="candidate-org-mode">
            {ORG_MODES.map((m) => (
              <Radio key={m} value={m} data-testid={`candidate-org-mode-${m}`}>
                {tx(ORG_MODE_LABELS[m])}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="leadOrgId"
          label={t('workplans.candidates.lead')}
          extra={t('workplans.candidates.membersOnly')}
          rules={[{ required: true, message: t('workplans.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={memberOptions}
            placeholder={t('workplans.candidates.leadPlaceholder')}
            data-testid="candidate-lead"
            aria-label={t('workplans.candidates.lead')}
          />
        </Form.Item>
        <Form.Item name="participantOrgIds" label={t('workplans.candidates.participants')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={memberOptions.filter((o) => o.value !== draft.leadOrgId)}
            placeholder={t('workplans.candidates.participantsPlaceholder')}
            data-testid="candidate-participants"
            aria-label={t('workplans.candidates.participants')}
          />
        </Form.Item>
        <Form.Item
          name="cityFunds"
          label={t('workplans.candidates.cityFunds')}
          extra={t('workplans.candidates.cityFundsHelp', { amounts: view.params.chainProjectAmounts.map((a) => money(a)).join(' / ') })}
          rules={[{ required: true, message: t('workplans.candidates.cityFundsRequired') }]}
        >
          <Radio.Group data-testid="candidate-city-funds" optionType="button" buttonStyle="solid">
            {view.params.chainProjectAmounts.map((a) => (
              <Radio.Button key={a} value={a} data-testid={`candidate-city-funds-${a}`}>
                {money(a)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          label={t('workplans.candidates.selfFunds')}
          required
          extra={
            <span data-testid="candidate-self-min" data-min={minSelf}>
              {t('workplans.candidates.selfFundsMin', { min: money(minSelf), pct })}
            </span>
          }
        >
          <Space.Compact>
            <Form.Item name="selfFundsWan" noStyle rules={[{ required: true, message: t('workplans.required') }]}>
              <InputNumber<number> min={0} precision={4} step={10} style={{ width: 200 }} data-testid="candidate-self-funds" />
            </Form.Item>
            <Space.Addon>{t('workplans.unit.wan')}</Space.Addon>
          </Space.Compact>
        </Form.Item>
        {!(candidate?.inPlan ?? false) && (
          <Form.Item name="previewInPlan" valuePropName="checked" extra={t('workplans.candidates.previewHelp')}>
            <Checkbox data-testid="candidate-preview-in-plan">{t('workplans.candidates.preview')}</Checkbox>
          </Form.Item>
        )}
        <Card size="small" title={t('workplans.candidates.liveRules')} data-testid="candidate-form-rules" style={{ marginBottom: 12 }}>
          {results.map((r) => (
            <RuleLine key={r.code} r={r} testId={`candidate-form-rule-${r.code}`} />
          ))}
        </Card>
        {actions.errors[errorKey] ? (
          <div style={{ marginBottom: 12 }}>
            <ErrorAlert error={actions.errors[errorKey]} testId="candidate-form-error" onReload={reload} />
          </div>
        ) : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={actions.busy === errorKey} data-testid="candidate-save">
            {t('workplans.save')}
          </Button>
          <Button onClick={onClose} data-testid="candidate-cancel">
            {t('workplans.cancel')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

function CandidateRow({
  view,
  c,
  editable,
  actions,
  onEdit,
  override31h,
}: {
  view: WorkplanView;
  c: WorkplanCandidateView;
  editable: boolean;
  actions: Actions;
  onEdit: () => void;
  override31h: RuleDecision | null;
}) {
  const { t, tx } = useI18n();
  const money = useMoney();
  const withdrawn = c.status === 'withdrawn';
  const finalised = view.status === 'finalised';
  const key = `row-${c.applicationId}`;
  const toggle = (on: boolean) =>
    actions.run(key, () =>
      on
        ? workplansApi.include(view.id, c.applicationId, { version: view.version })
        : workplansApi.exclude(view.id, c.applicationId, { version: view.version }),
    );
  const titles = new Map([[c.applicationId, c.title]]);
  return (
    <Card
      size="small"
      style={{ marginBottom: 12, opacity: withdrawn ? 0.6 : 1, borderColor: c.inPlan && !withdrawn ? '#52c41a' : undefined }}
      data-testid={`candidate-${c.applicationId}`}
      data-in-plan={c.inPlan ? 'true' : 'false'}
      data-status={c.status}
      title={
        <Space wrap size={6}>
          <Typography.Text strong>{c.title || '—'}</Typography.Text>
          {c.inPlan && !withdrawn && <Tag color="green">{t('workplans.candidates.inPlanTag')}</Tag>}
          {withdrawn && <Tag>{t('workplans.candidates.withdrawn')}</Tag>}
          {c.verdict && (
            <Tag color={c.verdict === 'selected' ? 'cyan' : 'orange'} data-testid={`candidate-verdict-${c.applicationId}`}>
              {t(`workplans.verdict.${c.verdict}`)}
            </Tag>
          )}
          {!c.compared && <Tag color="default">{t('workplans.candidates.notCompared')}</Tag>}
        </Space>
      }
      extra={
        <Space>
          <Typography.Text type="secondary">{t('workplans.candidates.inPlanToggle')}</Typography.Text>
          <Switch
            checked={c.inPlan && !withdrawn}
            disabled={!editable || withdrawn || (actions.busy !== null && actions.busy !== key)}
            loading={actions.busy === key}
            onChange={(on) => void toggle(on)}
            data-testid={`include-${c.applicationId}`}
            aria-label={t('workplans.candidates.inPlanToggle')}
          />
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('workplans.candidates.kind')}>{c.kind ? tx(PROJECT_KIND_LABELS[c.kind]) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('workplans.candidates.orgMode')}>{c.orgMode ? tx(ORG_MODE_LABELS[c.orgMode]) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('workplans.candidates.lead')}>
          <Space wrap size={4}>
            <span>{c.leadName}</span>
            {c.leadInLeaderGroup && (
              <Tag color="purple" data-testid={`candidate-group-${c.applicationId}`}>
                {t('workplans.candidates.leaderGroupLead')}
              </Tag>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('workplans.candidates.participants')}>
          {c.participants.length === 0 ? (
            '—'
          ) : (
            // Long unit names wrap inside their chip, and the chips wrap inside the cell, instead of overflowing it.
            <Space wrap size={[4, 4]} style={{ maxWidth: '100%' }}>
              {c.participants.map((p) => (
                <Tag
                  key={p.orgId}
                  color={p.confirmed ? 'green' : 'default'}
                  style={{ whiteSpace: 'normal', maxWidth: '100%', marginInlineEnd: 0 }}
                >
                  {p.name}
                  {p.role ? ` · ${p.role}` : ''}
                </Tag>
              ))}
            </Space>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('workplans.candidates.cityFunds')}>
          <span data-testid={`candidate-city-${c.applicationId}`}>{money(c.cityFunds)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('workplans.candidates.selfFunds')}>{money(c.selfFunds)}</Descriptions.Item>
      </Descriptions>
      {c.summary && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} style={{ marginBottom: 8 }}>
          {c.summary}
        </Typography.Paragraph>
      )}
      <RuleTags results={c.rules} testPrefix={`candidate-rule-${c.applicationId}`} />
      {c.leadInLeaderGroup && c.inPlan && override31h && (
        <div>
          <OverrideNote decision={override31h} testId={`candidate-override-${c.applicationId}`} />
        </div>
      )}
      {actions.errors[key] ? (
        <div style={{ marginTop: 8 }}>
          <ErrorAlert error={actions.errors[key]} testId={`candidate-error-${c.applicationId}`} titles={titles} />
        </div>
      ) : null}
      <Space style={{ marginTop: 8 }} wrap>
        {editable && !withdrawn && (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={onEdit}
            disabled={actions.busy !== null}
            data-testid={`candidate-edit-${c.applicationId}`}
          >
            {t('workplans.edit')}
          </Button>
        )}
        {editable && !c.inPlan && !withdrawn && (
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            disabled={actions.busy !== null}
            onClick={() => void actions.run(key, () => workplansApi.deleteCandidate(view.id, c.applicationId))}
            data-testid={`candidate-delete-${c.applicationId}`}
          >
            {t('workplans.remove')}
          </Button>
        )}
        {finalised && c.inPlan && !withdrawn && (
          <Link to={`/app/applications/${c.applicationId}`} data-testid={`candidate-link-${c.applicationId}`}>
            <Button size="small" type="primary" ghost icon={<LinkOutlined />}>
              {t('workplans.candidates.openApplication')}
            </Button>
          </Link>
        )}
      </Space>
    </Card>
  );
}

/** (d) the candidate projects, each with its rule results and the in-plan toggle. */
export function CandidatesSection({
  view,
  editable,
  actions,
  reload,
  editing,
  setEditing,
  onDraft,
}: {
  view: WorkplanView;
  editable: boolean;
  actions: Actions;
  reload: () => void;
  /** The candidate open in the form: an application id, 'new', or null. */
  editing: string | null;
  setEditing: (v: string | null) => void;
  onDraft: (d: CandidateDraft | null) => void;
}) {
  const { t } = useI18n();
  const money = useMoney();
  const r31h = view.planRules.find((r) => r.code === '3.1.h');
  const override31h = r31h?.decision?.kind === 'override' ? r31h.decision : null;
  const editingCandidate = editing && editing !== 'new' ? (view.candidates.find((c) => c.applicationId === editing) ?? null) : null;
  const close = () => {
    setEditing(null);
    onDraft(null);
  };
  const sorted = [...view.candidates].sort(
    (a, b) => Number(b.inPlan) - Number(a.inPlan) || Number(a.status === 'withdrawn') - Number(b.status === 'withdrawn'),
  );

  return (
    <Card
      id="wp-candidates"
      title={
        <Space wrap>
          <span>{t('workplans.candidates.title')}</span>
          <Tag>3.1.d–g</Tag>
          <Tag>4.1.e</Tag>
        </Space>
      }
      size="small"
      data-testid="candidates-section"
      data-count={view.candidates.length}
      extra={
        editable && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!view.callId || editing !== null}
            onClick={() => {
              setEditing('new');
              actions.clear('candidate-new');
            }}
            data-testid="candidate-add"
          >
            {t('workplans.candidates.add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {t('workplans.candidates.totals', {
          n: view.totals.candidates,
          inPlan: view.totals.inPlan,
          city: money(view.totals.cityFunds),
          self: money(view.totals.selfFunds),
        })}
      </Typography.Paragraph>
      {editable && !view.callId && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('workplans.candidates.noCall')}
          data-testid="candidate-no-call"
        />
      )}
      {editable && view.members.length < 2 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('workplans.candidates.needMembers')} />
      )}
      {editing === 'new' && (
        <CandidateForm key="new" view={view} candidate={null} actions={actions} onDraft={onDraft} onClose={close} reload={reload} />
      )}
      {sorted.length === 0 && editing !== 'new' ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workplans.candidates.empty')} />
      ) : (
        sorted.map((c) =>
          editingCandidate?.applicationId === c.applicationId ? (
            <CandidateForm
              key={c.applicationId}
              view={view}
              candidate={c}
              actions={actions}
              onDraft={onDraft}
              onClose={close}
              reload={reload}
            />
          ) : (
            <CandidateRow
              key={c.applicationId}
              view={view}
              c={c}
              editable={editable}
              actions={actions}
              override31h={override31h}
              onEdit={() => {
                setEditing(c.applicationId);
                actions.clear(`candidate-${c.applicationId}`);
              }}
            />
          ),
        )
      )}
    </Card>
  );
}
