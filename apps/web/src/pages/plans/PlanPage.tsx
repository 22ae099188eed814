import { useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, SendOutlined, UndoOutlined } from '@ant-design/icons';
import {
  DEFAULT_PLAN_PARAMS,
  PARAM_META,
  PLAN_RULES,
  formatWan,
  runRules,
  type Lang,
  type PlanInput,
  type PlanParams,
  type PlanUpdate,
  type PlanView,
} from '@rdplan/domain';
import { endpoints } from '../../api/endpoints';
import type { Chain } from '../../api/types';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';
import { plansApi } from './api';
import { CallsSection } from './CallsSection';
import { ErrorAlert, PlanStatusTag, RuleCodeTag, RuleResults, parseWan, parseWanList, wanText } from './shared';

type ParamKey = keyof PlanParams;
const PARAM_KEYS = Object.keys(PARAM_META) as ParamKey[];
const BUDGET_KEYS = ['total', 'consortium', 'backfill', 'continuation'] as const;
type BudgetKey = (typeof BUDGET_KEYS)[number];

interface ChainRow {
  chainId: string;
  direction: string;
  /** 万元 text. */
  budgetWan: string;
}

interface Values {
  year: number;
  title: string;
  budgets: Record<BudgetKey, string>;
  chains: ChainRow[];
  /** yuan → 万元 text; yuan_list → "100, 200" (万元); counts, percentages, years, days → numbers. */
  params: Record<ParamKey, string | number | boolean>;
  reason?: string;
}

function paramToField(key: ParamKey, p: PlanParams): string | number | boolean {
  const unit = PARAM_META[key].unit;
  const v = p[key];
  if (unit === 'flag') return v as boolean;
  if (unit === 'yuan') return wanText(v as number);
  if (unit === 'yuan_list') return (v as number[]).map(wanText).join(', ');
  return v as number;
}

function fieldToParam(key: ParamKey, v: string | number | boolean | null | undefined): number | number[] | boolean {
  const unit = PARAM_META[key].unit;
  if (unit === 'flag') return v === true;
  if (unit === 'yuan') return parseWan(String(v ?? '')) ?? 0;
  if (unit === 'yuan_list') return parseWanList(String(v ?? '')) ?? [];
  return Number(v ?? 0);
}

function paramsOf(values: Values): PlanParams {
  const out: Record<string, number | number[] | boolean> = {};
  for (const key of PARAM_KEYS) out[key] = fieldToParam(key, values.params?.[key]);
  return out as unknown as PlanParams;
}

function formatParam(key: ParamKey, v: PlanParams[ParamKey], lang: Lang): string {
  const unit = PARAM_META[key].unit;
  if (unit === 'yuan') return formatWan(v as number, lang);
  if (unit === 'yuan_list') return (v as number[]).map((n) => formatWan(n, lang)).join(lang === 'zh' ? '、' : ', ');
  if (unit === 'pct') return `${v as number}%`;
  if (unit === 'flag') return v ? (lang === 'zh' ? '是' : 'Yes') : lang === 'zh' ? '否' : 'No';
  return String(v);
}

function initialValues(plan: PlanView | null): Values {
  const params = plan?.params ?? DEFAULT_PLAN_PARAMS;
  return {
    year: plan?.year ?? new Date().getFullYear() + 1,
    title: plan?.title ?? '',
    budgets: {
      total: wanText(plan?.budgets.total ?? 0),
      consortium: wanText(plan?.budgets.consortium ?? 0),
      backfill: wanText(plan?.budgets.backfill ?? 0),
      continuation: wanText(plan?.budgets.continuation ?? 0),
    },
    chains: (plan?.chains ?? []).map((c) => ({ chainId: c.chainId, direction: c.direction, budgetWan: wanText(c.budget) })),
    params: Object.fromEntries(PARAM_KEYS.map((k) => [k, paramToField(k, params)])) as Values['params'],
    reason: '',
  };
}

function budgetsOf(values: Values): Record<BudgetKey, number> {
  return {
    total: parseWan(values.budgets?.total) ?? 0,
    consortium: parseWan(values.budgets?.consortium) ?? 0,
    backfill: parseWan(values.budgets?.backfill) ?? 0,
    continuation: parseWan(values.budgets?.continuation) ?? 0,
  };
}

function chainsOf(values: Values) {
  return (values.chains ?? []).map((c) => ({
    chainId: c.chainId,
    direction: (c.direction ?? '').trim(),
    budget: parseWan(c.budgetWan) ?? 0,
  }));
}

/** /app/plans/new, /app/plans/:id and /app/plans/:id/calls. */
export function PlanPage({ focusCalls = false }: { focusCalls?: boolean }) {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useApi(() => (isNew ? Promise.resolve(null) : plansApi.plan(id)), [id, isNew]);
  const chains = useApi(endpoints.chains, []);

  return (
    <div data-testid="plans-page">
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate('/app/plans')}
        style={{ paddingInline: 0 }}
        data-testid="plan-back"
      >
        {t('plans.back')}
      </Button>
      {error ? (
        <Card>
          <LoadError error={error} onRetry={reload} />
        </Card>
      ) : (loading && !data && !isNew) || (chains.loading && !chains.data) ? (
        <PageSpin />
      ) : (
        <PlanEditor
          key={data ? `${data.id}:${data.updatedAt}` : 'new'}
          plan={data ?? null}
          chains={chains.data ?? []}
          focusCalls={focusCalls}
          onSaved={(p, created) => {
            if (created) void navigate(`/app/plans/${p.id}`, { replace: true });
            else reload();
          }}
        />
      )}
    </div>
  );
}

function PlanEditor({
  plan,
  chains,
  focusCalls,
  onSaved,
}: {
  plan: PlanView | null;
  chains: Chain[];
  focusCalls: boolean;
  onSaved: (plan: PlanView, created: boolean) => void;
}) {
  const { t, tx, lang, nameOf } = useI18n();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const canEdit = hasRole('officer');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const initial = useMemo(() => initialValues(plan), [plan]);
  const published = plan?.status === 'published';
  const callsRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusCalls && plan) callsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [focusCalls, plan]);

  const watchedChains = (Form.useWatch('chains', { form, preserve: true }) ?? initial.chains) as ChainRow[];
  const watchedBudgets = (Form.useWatch('budgets', form) ?? initial.budgets) as Values['budgets'];
  const maxRaw = Form.useWatch(['params', 'maxChainsPerYear'], form) as number | null | undefined;
  const capRaw = Form.useWatch(['params', 'chainFundsCap'], form) as string | undefined;
  const max = typeof maxRaw === 'number' ? maxRaw : DEFAULT_PLAN_PARAMS.maxChainsPerYear;
  const cap = parseWan(capRaw) ?? DEFAULT_PLAN_PARAMS.chainFundsCap;

  const chainById = useMemo(() => new Map(chains.map((c) => [c.id, c])), [chains]);
  const selectedIds = watchedChains.map((c) => c?.chainId).filter(Boolean);

  // 3.1.a, live in the browser with the domain's own rule (the server checks again on save).
  const live = useMemo(() => {
    const codes = selectedIds.map((cid) => chainById.get(cid)?.code ?? cid);
    return runRules(PLAN_RULES, { selectedChainCodes: codes }, { ...DEFAULT_PLAN_PARAMS, maxChainsPerYear: max })[0]!;
  }, [selectedIds, chainById, max]);

  const budgets = budgetsOf({ budgets: watchedBudgets } as Values);
  const tracksSum = budgets.consortium + budgets.backfill + budgets.continuation;
  const chainsSum = watchedChains.reduce((s, c) => s + (parseWan(c?.budgetWan) ?? 0), 0);

  function onPickChains(ids: string[]) {
    const current = (form.getFieldValue('chains') ?? []) as ChainRow[];
    const next = ids.map((cid) => current.find((c) => c.chainId === cid) ?? { chainId: cid, direction: '', budgetWan: '0' });
    form.setFieldValue('chains', next);
  }

  async function save(values: Values): Promise<PlanView> {
    const body = {
      title: values.title.trim(),
      budgets: budgetsOf(values),
      chains: chainsOf(values),
      reason: values.reason?.trim() || undefined,
    };
    if (!plan) {
      const input: PlanInput = { year: values.year, params: paramsOf(values), ...body };
      return plansApi.createPlan(input);
    }
    const update: PlanUpdate = published ? body : { ...body, params: paramsOf(values) };
    return plansApi.updatePlan(plan.id, update);
  }

  async function onSave() {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy('save');
    setError(null);
    try {
      const saved = await save(values);
      message.success(plan ? t('common.saved') : t('plans.created'));
      onSaved(saved, !plan);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  async function onPublish() {
    if (!plan) return;
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy('publish');
    setError(null);
    try {
      if (form.isFieldsTouched()) await save(values);
      const done = await plansApi.publishPlan(plan.id, values.reason?.trim() || undefined);
      message.success(t('plans.published'));
      onSaved(done, false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  const wanRule = {
    validator: (_: unknown, v: string) => (parseWan(v) === null ? Promise.reject(new Error(t('plans.wanInvalid'))) : Promise.resolve()),
  };

  return (
    <>
      <PageHeader
        title={
          <Space>
            {plan ? t('plans.editTitle', { year: plan.year }) : t('plans.newTitle')}
            {plan && <PlanStatusTag status={plan.status} />}
          </Space>
        }
        extra={
          canEdit ? (
            <Space wrap>
              <Button type="primary" onClick={() => void onSave()} loading={busy === 'save'} disabled={!!busy} data-testid="plan-save">
                {t('plans.save')}
              </Button>
              {plan && !published && (
                <Tooltip title={t('plans.publishHint')}>
                  <Button
                    icon={<SendOutlined />}
                    onClick={() => void onPublish()}
                    loading={busy === 'publish'}
                    disabled={!!busy}
                    data-testid="plan-publish"
                  >
                    {t('plans.publish')}
                  </Button>
                </Tooltip>
              )}
            </Space>
          ) : undefined
        }
      />
      {!canEdit && <Alert type="info" showIcon title={t('plans.readOnly')} style={{ marginBottom: 16 }} />}
      <ErrorAlert error={error} testId="plan-error" />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        disabled={!canEdit}
        data-testid="plan-form"
        onFinish={() => void onSave()}
      >
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card title={t('plans.section.basic')} size="small" style={{ marginBottom: 16 }}>
              <Form.Item name="year" label={t('plans.year')} rules={[{ required: true, message: t('common.required') }]}>
                <InputNumber
                  min={2000}
                  max={2100}
                  precision={0}
                  disabled={!!plan || !canEdit}
                  style={{ width: 160 }}
                  data-testid="plan-year"
                />
              </Form.Item>
              <Form.Item
                name="title"
                label={t('plans.planTitle')}
                rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 200 }]}
              >
                <Input data-testid="plan-title" />
              </Form.Item>
              {plan && (
                <Form.Item name="reason" label={t('plans.reason')} rules={[{ max: 500 }]}>
                  <Input data-testid="plan-reason" />
                </Form.Item>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('plans.section.budgets')} size="small" style={{ marginBottom: 16 }}>
              <Row gutter={12}>
                {BUDGET_KEYS.map((k) => (
                  <Col xs={24} sm={12} key={k}>
                    <Form.Item name={['budgets', k]} label={t(`plans.budget.${k}`)} rules={[wanRule]}>
                      <Input suffix={t('plans.wan')} inputMode="decimal" data-testid={`plan-budget-${k}`} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
              <Space direction="vertical" size={2}>
                <Typography.Text type={tracksSum > budgets.total ? 'danger' : 'secondary'} data-testid="plan-budget-tracks-sum">
                  {t('plans.budget.tracksSum', { sum: formatWan(tracksSum, lang) })}
                  {tracksSum > budgets.total ? ` · ${t('plans.budget.tracksOver')}` : ''}
                </Typography.Text>
                <Typography.Text type={chainsSum > budgets.consortium ? 'danger' : 'secondary'} data-testid="plan-budget-chains-sum">
                  {t('plans.budget.chainsSum', { sum: formatWan(chainsSum, lang) })}
                  {chainsSum > budgets.consortium ? ` · ${t('plans.budget.chainsOver')}` : ''}
                </Typography.Text>
              </Space>
            </Card>
          </Col>
        </Row>

        <Card
          title={
            <Space wrap>
              {t('plans.section.chains')}
              <RuleCodeTag code="3.1.a" />
            </Space>
          }
          size="small"
          style={{ marginBottom: 16 }}
          extra={
            <Tag color={live.blocking ? 'error' : 'success'} data-testid="plan-chain-count" data-count={selectedIds.length} data-max={max}>
              3.1.a · {t('plans.chains.count', { n: selectedIds.length, max })}
            </Tag>
          }
        >
          <Form.Item label={t('plans.chains.pick')} extra={t('plans.chains.pickHint')}>
            <Select
              mode="multiple"
              allowClear
              value={selectedIds}
              onChange={onPickChains}
              aria-label={t('plans.chains.pick')}
              optionFilterProp="label"
              options={chains
                .filter((c) => c.active || selectedIds.includes(c.id))
                .map((c) => ({ value: c.id, label: `${c.code} ${nameOf(c)}` }))}
              data-testid="plan-chains"
            />
          </Form.Item>
          <Alert
            type={live.blocking ? 'error' : 'success'}
            showIcon
            title={tx(live.message)}
            data-testid="plan-chain-rule"
            data-outcome={live.outcome}
            style={{ marginBottom: 12 }}
          />
          <Form.List name="chains">
            {(fields, { remove }) => (
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={fields}
                data-testid="plan-chains-table"
                locale={{ emptyText: t('plans.chains.none') }}
                onRow={(_, i) => ({ 'data-testid': `plan-chain-row-${i}` }) as HTMLAttributes<HTMLElement>}
                columns={[
                  {
                    title: t('plans.chains.chain'),
                    key: 'chain',
                    width: '26%',
                    render: (_, f) => {
                      const c = chainById.get(watchedChains[f.name]?.chainId ?? '');
                      return (
                        <>
                          <Form.Item name={[f.name, 'chainId']} hidden>
                            <Input />
                          </Form.Item>
                          {c ? (
                            <>
                              <Typography.Text type="secondary">{c.code}</Typography.Text> {nameOf(c)}
                              <div>
                                {c.leaders.map((l) => (
                                  <Tag key={l.orgId} style={{ marginTop: 4 }}>
                                    {l.name}
                                  </Tag>
                                ))}
                              </div>
                            </>
                          ) : (
                            (watchedChains[f.name]?.chainId ?? '')
                          )}
                        </>
                      );
                    },
                  },
                  {
                    title: t('plans.chains.direction'),
                    key: 'direction',
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'direction']} rules={[{ max: 500 }]} style={{ margin: 0 }}>
                        <Input.TextArea
                          autoSize={{ minRows: 1, maxRows: 4 }}
                          placeholder={t('plans.chains.directionPlaceholder')}
                          data-testid={`plan-chain-${f.name}-direction`}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    title: `${t('plans.chains.budget')}（3.1.b）`,
                    key: 'budget',
                    width: 200,
                    render: (_, f) => (
                      <Form.Item
                        name={[f.name, 'budgetWan']}
                        style={{ margin: 0 }}
                        rules={[
                          wanRule,
                          {
                            validator: (_r, v: string) => {
                              const y = parseWan(v);
                              return y !== null && y > cap
                                ? Promise.reject(new Error(t('plans.chains.budgetOverCap', { cap: formatWan(cap, lang) })))
                                : Promise.resolve();
                            },
                          },
                        ]}
                      >
                        <Input
                          suffix={t('plans.wan')}
                          inputMode="decimal"
                          aria-label={`${t('plans.chains.budget')} ${f.name + 1}`}
                          data-testid={`plan-chain-${f.name}-budget`}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '',
                    key: 'remove',
                    width: 56,
                    render: (_, f) => (
                      <Tooltip title={t('plans.chains.remove')}>
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('plans.chains.remove')}
                          onClick={() => remove(f.name)}
                          data-testid={`plan-chain-${f.name}-remove`}
                        />
                      </Tooltip>
                    ),
                  },
                ]}
              />
            )}
          </Form.List>
        </Card>

        <ParamsCard form={form} published={published} canEdit={canEdit} />
      </Form>

      <Card title={t('plans.section.rules')} size="small" style={{ marginBottom: 16 }}>
        {plan ? (
          <RuleResults results={plan.rules} testId="plan-rules" />
        ) : (
          <Typography.Text type="secondary">{t('plans.rules.none')}</Typography.Text>
        )}
      </Card>

      <div ref={callsRef}>
        {plan ? (
          <CallsSection plan={plan} />
        ) : (
          <Card title={t('plans.calls.title')} size="small">
            <Typography.Text type="secondary">{t('plans.saveFirst')}</Typography.Text>
          </Card>
        )}
      </div>
    </>
  );
}

function ParamsCard({
  form,
  published,
  canEdit,
}: {
  form: ReturnType<typeof Form.useForm<Values>>[0];
  published: boolean;
  canEdit: boolean;
}) {
  const { t, tx, lang } = useI18n();
  const watched = (Form.useWatch('params', form) ?? {}) as Partial<Values['params']>;
  const locked = published || !canEdit;

  function isDefault(key: ParamKey): boolean {
    const v = watched[key];
    if (v === undefined) return true;
    const parsed = fieldToParam(key, v);
    return JSON.stringify(parsed) === JSON.stringify(DEFAULT_PLAN_PARAMS[key]);
  }

  function input(key: ParamKey) {
    const unit = PARAM_META[key].unit;
    const testId = `plan-param-${key}`;
    const label = tx(PARAM_META[key].label);
    if (unit === 'yuan')
      return <Input suffix={t('plans.wan')} inputMode="decimal" disabled={locked} data-testid={testId} aria-label={label} />;
    if (unit === 'yuan_list') return <Input suffix={t('plans.wan')} disabled={locked} data-testid={testId} aria-label={label} />;
    if (unit === 'flag') return <Switch disabled={locked} aria-label={label} data-testid={testId} />;
    const max = key === 'continuationSharePct' ? 100 : unit === 'pct' ? 10_000 : 1000;
    return (
      <InputNumber min={0} max={max} precision={0} disabled={locked} style={{ width: '100%' }} data-testid={testId} aria-label={label} />
    );
  }

  function rules(key: ParamKey) {
    const unit = PARAM_META[key].unit;
    if (unit === 'flag') return [];
    if (unit === 'yuan') {
      return [
        {
          validator: (_: unknown, v: string) =>
            parseWan(v) === null ? Promise.reject(new Error(t('plans.wanInvalid'))) : Promise.resolve(),
        },
      ];
    }
    if (unit === 'yuan_list') {
      return [
        {
          validator: (_: unknown, v: string) => {
            const list = parseWanList(v);
            if (!list || list.length > 10) return Promise.reject(new Error(t('plans.wanListInvalid')));
            if (new Set(list).size !== list.length) return Promise.reject(new Error(t('plans.wanListDistinct')));
            return Promise.resolve();
          },
        },
      ];
    }
    const base = [{ required: true, message: t('common.required') }];
    if (key === 'chainProjectsMin') {
      return [
        ...base,
        {
          validator: (_: unknown, v: number) => {
            const maxV = form.getFieldValue(['params', 'chainProjectsMax']) as number | undefined;
            return typeof maxV === 'number' && typeof v === 'number' && v > maxV
              ? Promise.reject(new Error(t('plans.params.minOverMax')))
              : Promise.resolve();
          },
        },
      ];
    }
    return base;
  }

  return (
    <Card
      title={t('plans.section.params')}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="plan-params"
      extra={
        !locked ? (
          <Button
            size="small"
            icon={<UndoOutlined />}
            onClick={() =>
              form.setFieldsValue({
                params: Object.fromEntries(PARAM_KEYS.map((k) => [k, paramToField(k, DEFAULT_PLAN_PARAMS)])) as Values['params'],
              })
            }
            data-testid="plan-params-reset"
          >
            {t('plans.params.reset')}
          </Button>
        ) : undefined
      }
    >
      <Alert
        type={published ? 'warning' : 'info'}
        showIcon
        title={published ? t('plans.params.locked') : t('plans.params.intro')}
        style={{ marginBottom: 12 }}
      />
      <Table
        size="small"
        rowKey={(k) => k}
        pagination={false}
        dataSource={PARAM_KEYS}
        onRow={(k) => ({ 'data-testid': `plan-param-row-${k}`, 'data-rule': PARAM_META[k].rule }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('plans.params.rule'), key: 'rule', width: 90, render: (_, k) => <RuleCodeTag code={PARAM_META[k].rule} /> },
          {
            title: t('plans.params.name'),
            key: 'label',
            render: (_, k) => (
              <Space size={4} wrap>
                {tx(PARAM_META[k].label)}
                {!isDefault(k) && <Tag color="orange">{t('plans.params.changed')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('plans.params.value'),
            key: 'value',
            width: 220,
            render: (_, k) => (
              <Form.Item
                name={['params', k]}
                rules={rules(k)}
                valuePropName={PARAM_META[k].unit === 'flag' ? 'checked' : 'value'}
                style={{ margin: 0 }}
                dependencies={k === 'chainProjectsMin' ? [['params', 'chainProjectsMax']] : undefined}
              >
                {input(k)}
              </Form.Item>
            ),
          },
          { title: t('plans.params.unit'), key: 'unit', width: 130, render: (_, k) => t(`plans.unit.${PARAM_META[k].unit}`) },
          {
            title: t('plans.params.default'),
            key: 'default',
            width: 180,
            render: (_, k) => <Typography.Text type="secondary">{formatParam(k, DEFAULT_PLAN_PARAMS[k], lang)}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}
