import { useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Tooltip,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { FormInstance } from 'antd';
import {
  MATERIAL_EVIDENCE,
  TRACKS,
  TRACK_LABELS,
  type CallInput,
  type CallUpdate,
  type CallView,
  type MaterialEvidence,
  type PlanView,
  type Track,
} from '@rdplan/domain';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { plansApi } from './api';
import { CallStateTag, CallStatusTag, ErrorAlert, RuleCodeTag, RuleResults, instantToPicker, pickerToInstant } from './shared';

interface Item {
  key: string;
  zh: string;
  en: string;
}
interface MaterialRow extends Item {
  required: boolean;
  maxMb: number;
  evidence: MaterialEvidence | 'none';
}
interface CriterionRow extends Item {
  weight: number;
}

interface Values {
  track: Track;
  titleZh: string;
  titleEn: string;
  opensAt: Dayjs | null;
  closesAt: Dayjs | null;
  conditions: Item[];
  materials: MaterialRow[];
  criteria: CriterionRow[];
  checklist: Item[];
  reason?: string;
}

type ListName = 'conditions' | 'materials' | 'criteria' | 'checklist';
const KEY_PREFIX: Record<ListName, string> = { conditions: 'cond', materials: 'mat', criteria: 'crit', checklist: 'check' };

/** A new call's suggested titles for its track. */
function defaultTitles(plan: PlanView, track: Track) {
  return { titleZh: `${plan.year} 年度${TRACK_LABELS[track].zh}申报指南`, titleEn: `${plan.year} call: ${TRACK_LABELS[track].en}` };
}

function initialValues(call: CallView | null, plan: PlanView, takenTracks: Track[]): Values {
  if (call) {
    return {
      track: call.track,
      titleZh: call.titleZh,
      titleEn: call.titleEn,
      opensAt: instantToPicker(call.opensAt),
      closesAt: instantToPicker(call.closesAt),
      conditions: call.conditions.map((c) => ({ key: c.key, zh: c.zh, en: c.en })),
      materials: call.materials.map((m) => ({ ...m, evidence: m.evidence ?? 'none' })),
      criteria: call.criteria.map((c) => ({ ...c })),
      checklist: call.checklist.map((c) => ({ key: c.key, zh: c.zh, en: c.en })),
    };
  }
  // A new call: the first track without a call yet, a window from tomorrow 09:00 for 30 days (Beijing time).
  const track = TRACKS.find((tr) => !takenTracks.includes(tr)) ?? 'consortium';
  const start = (instantToPicker(new Date().toISOString()) ?? dayjs()).add(1, 'day').hour(9).minute(0).second(0);
  return {
    track,
    ...defaultTitles(plan, track),
    opensAt: start,
    closesAt: start.add(30, 'day').hour(17).minute(30),
    conditions: [],
    materials: [],
    criteria: [],
    checklist: [],
  };
}

const trimItem = (i: Item) => ({ key: i.key.trim(), zh: i.zh.trim(), en: (i.en ?? '').trim() });

function bodyOf(v: Values) {
  return {
    titleZh: v.titleZh.trim(),
    titleEn: (v.titleEn ?? '').trim(),
    opensAt: pickerToInstant(v.opensAt!),
    closesAt: pickerToInstant(v.closesAt!),
    conditions: (v.conditions ?? []).map(trimItem),
    materials: (v.materials ?? []).map((m) => ({
      ...trimItem(m),
      required: !!m.required,
      maxMb: m.maxMb,
      evidence: m.evidence === 'none' ? null : m.evidence,
    })),
    criteria: (v.criteria ?? []).map((c) => ({ ...trimItem(c), weight: c.weight })),
    checklist: (v.checklist ?? []).map(trimItem),
    reason: v.reason?.trim() || undefined,
  };
}

/** The drawer that drafts, changes and publishes one call (testid call-form on its form). */
export function CallDrawer({
  plan,
  call,
  takenTracks,
  canEdit,
  onChanged,
  onClose,
}: {
  plan: PlanView;
  /** null: a new call. */
  call: CallView | null;
  takenTracks: Track[];
  canEdit: boolean;
  onChanged: (call: CallView) => void;
  onClose: () => void;
}) {
  const { t, tx } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState<CallView | null>(call);
  const [dirty, setDirty] = useState(call === null);
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [initial] = useState(() => initialValues(call, plan, takenTracks));
  const locked = !canEdit || current?.status === 'cancelled';

  async function save(v: Values): Promise<CallView> {
    const body = bodyOf(v);
    const saved = current
      ? await plansApi.updateCall(current.id, body satisfies CallUpdate)
      : await plansApi.createCall({ planId: plan.id, track: v.track, ...body } satisfies CallInput);
    setCurrent(saved);
    setDirty(false);
    onChanged(saved);
    return saved;
  }

  async function validated(): Promise<Values | null> {
    try {
      return await form.validateFields();
    } catch {
      return null;
    }
  }

  async function onSave() {
    const v = await validated();
    if (!v) return;
    setBusy('save');
    setError(null);
    try {
      await save(v);
      message.success(t('plans.calls.saved'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  async function onPublish() {
    const v = await validated();
    if (!v) return;
    setBusy('publish');
    setError(null);
    try {
      const target = !current || dirty ? await save(v) : current;
      const done = await plansApi.publishCall(target.id, v.reason?.trim() || undefined);
      setCurrent(done);
      onChanged(done);
      message.success(t('plans.calls.published'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  const footer = canEdit ? (
    <Flex justify="space-between" align="center" wrap gap={8}>
      <Typography.Text type="secondary">{t('plans.calls.publishHint')}</Typography.Text>
      <Space>
        <Button onClick={onClose} data-testid="call-close">
          {t('plans.calls.close')}
        </Button>
        <Button onClick={() => void onSave()} loading={busy === 'save'} disabled={!!busy || locked} data-testid="call-save">
          {t('plans.calls.save')}
        </Button>
        <Button
          type="primary"
          icon={<SendOutlined />}
          onClick={() => void onPublish()}
          loading={busy === 'publish'}
          disabled={!!busy || locked || current?.status === 'published'}
          data-testid="call-publish"
        >
          {t('plans.calls.publish')}
        </Button>
      </Space>
    </Flex>
  ) : null;

  return (
    <Drawer
      open
      onClose={onClose}
      size={960}
      title={current ? t('plans.calls.edit') : t('plans.calls.new')}
      footer={footer}
      data-testid="call-drawer"
      destroyOnHidden
    >
      {current && (
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }} data-testid="call-summary">
          <Descriptions.Item label={t('plans.calls.status')}>
            <CallStatusTag status={current.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('plans.calls.state')}>
            <CallStateTag state={current.state} />
          </Descriptions.Item>
        </Descriptions>
      )}
      {current?.status === 'cancelled' && (
        <Alert type="warning" showIcon title={t('plans.calls.cancelledNote')} style={{ marginBottom: 12 }} />
      )}
      <ErrorAlert error={error} testId="call-error" />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        disabled={locked}
        onValuesChange={(changed: Partial<Values>, all: Values) => {
          setDirty(true);
          // A new call: follow the track with the suggested titles unless they were edited.
          if (!current && changed.track) {
            const titles = Object.fromEntries(TRACKS.map((tr) => [defaultTitles(plan, tr).titleZh, tr]));
            if (all.titleZh in titles) form.setFieldsValue(defaultTitles(plan, changed.track));
          }
        }}
        data-testid="call-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="track" label={t('plans.calls.track')} rules={[{ required: true, message: t('common.required') }]}>
              <Select
                disabled={!!current || locked}
                options={TRACKS.map((tr) => ({ value: tr, label: `${TRACK_LABELS[tr].rule} ${tx(TRACK_LABELS[tr])}` }))}
                data-testid="call-track"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="titleZh"
              label={t('plans.calls.titleZh')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 200 }]}
            >
              <Input data-testid="call-title-zh" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="titleEn" label={t('plans.calls.titleEn')} rules={[{ max: 300 }]}>
          <Input data-testid="call-title-en" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="opensAt"
              label={t('plans.calls.opensAt')}
              extra={t('plans.calls.tzHint')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="call-opens-at" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="closesAt"
              label={t('plans.calls.closesAt')}
              dependencies={['opensAt']}
              rules={[
                { required: true, message: t('common.required') },
                {
                  validator: (_, v: Dayjs | null) => {
                    const opens = form.getFieldValue('opensAt') as Dayjs | null;
                    return v && opens && !v.isAfter(opens)
                      ? Promise.reject(new Error(t('plans.calls.closesBeforeOpens')))
                      : Promise.resolve();
                  },
                },
              ]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="call-closes-at" />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Paragraph type="secondary">
          <RuleCodeTag code="4.3.a" />
          {t('plans.calls.sectionHint4_3_a')}
        </Typography.Paragraph>

        <ItemList form={form} name="conditions" title="plans.calls.conditions" locked={locked} />
        <ItemList
          form={form}
          name="materials"
          title="plans.calls.materials"
          locked={locked}
          blank={{ required: true, maxMb: 20, evidence: 'none' }}
          extra={(i) => (
            <Row gutter={8}>
              <Col xs={8}>
                <Form.Item name={[i, 'required']} label={t('plans.calls.required')} valuePropName="checked" style={{ marginBottom: 0 }}>
                  <Switch data-testid={`call-materials-${i}-required`} />
                </Form.Item>
              </Col>
              <Col xs={8}>
                <Form.Item
                  name={[i, 'maxMb']}
                  label={t('plans.calls.maxMb')}
                  rules={[{ required: true, message: t('common.required') }]}
                  style={{ marginBottom: 0 }}
                >
                  <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} data-testid={`call-materials-${i}-maxMb`} />
                </Form.Item>
              </Col>
              <Col xs={8}>
                <Form.Item name={[i, 'evidence']} label={t('plans.calls.evidence')} style={{ marginBottom: 0 }}>
                  <Select
                    options={[
                      { value: 'none', label: t('plans.calls.evidence.none') },
                      ...MATERIAL_EVIDENCE.map((e) => ({ value: e, label: t(`plans.calls.evidence.${e}`) })),
                    ]}
                    data-testid={`call-materials-${i}-evidence`}
                  />
                </Form.Item>
              </Col>
            </Row>
          )}
        />
        <ItemList
          form={form}
          name="criteria"
          title="plans.calls.criteria"
          locked={locked}
          blank={{ weight: 10 }}
          summary={(items) =>
            t('plans.calls.weightSum', { sum: items.reduce((s, c) => s + (Number((c as CriterionRow)?.weight) || 0), 0) })
          }
          extra={(i) => (
            <Form.Item
              name={[i, 'weight']}
              label={t('plans.calls.weight')}
              rules={[{ required: true, message: t('common.required') }]}
              style={{ marginBottom: 0, maxWidth: 200 }}
            >
              <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} data-testid={`call-criteria-${i}-weight`} />
            </Form.Item>
          )}
        />
        <ItemList form={form} name="checklist" title="plans.calls.checklist" locked={locked} />

        {current && (
          <Form.Item name="reason" label={t('plans.reason')} rules={[{ max: 500 }]}>
            <Input data-testid="call-reason" />
          </Form.Item>
        )}
      </Form>

      {current && (
        <Card title={t('plans.calls.rules')} size="small">
          <RuleResults results={current.rules} testId="call-rules" />
        </Card>
      )}
    </Drawer>
  );
}

/** An editable list of keyed bilingual items (conditions, materials, criteria, checklist). */
function ItemList({
  form,
  name,
  title,
  locked,
  blank = {},
  extra,
  summary,
}: {
  form: FormInstance<Values>;
  name: ListName;
  title: MessageKey;
  locked: boolean;
  blank?: Record<string, unknown>;
  extra?: (index: number) => ReactNode;
  summary?: (items: Item[]) => string;
}) {
  const { t } = useI18n();
  const items = (Form.useWatch(name, form) ?? []) as Item[];

  function nextKey(): string {
    const taken = new Set(((form.getFieldValue(name) ?? []) as Item[]).map((i) => i?.key));
    let n = taken.size + 1;
    while (taken.has(`${KEY_PREFIX[name]}-${n}`)) n += 1;
    return `${KEY_PREFIX[name]}-${n}`;
  }

  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Card
          size="small"
          style={{ marginBottom: 16 }}
          data-testid={`call-${name}`}
          title={
            <Space>
              {t(title)}
              <Typography.Text type="secondary">({fields.length})</Typography.Text>
              {summary && (
                <Typography.Text type="secondary" data-testid={`call-${name}-summary`}>
                  · {summary(items)}
                </Typography.Text>
              )}
            </Space>
          }
          extra={
            !locked ? (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => add({ key: nextKey(), zh: '', en: '', ...blank })}
                data-testid={`call-${name}-add`}
              >
                {t('plans.calls.addItem')}
              </Button>
            ) : undefined
          }
        >
          {fields.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.calls.noItems')} />
          ) : (
            fields.map((f) => (
              <div
                key={f.key}
                data-testid={`call-${name}-${f.name}`}
                style={{ borderBottom: '1px dashed rgba(5,5,5,0.12)', paddingBottom: 8, marginBottom: 8 }}
              >
                <Row gutter={8} align="top">
                  {/* The item's key ties a unit's answers to it; the editor makes one, the officer never types it. */}
                  <Form.Item name={[f.name, 'key']} hidden>
                    <Input data-testid={`call-${name}-${f.name}-key`} />
                  </Form.Item>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={[f.name, 'zh']}
                      label={t('plans.calls.zh')}
                      style={{ marginBottom: 8 }}
                      rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 2000 }]}
                    >
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} data-testid={`call-${name}-${f.name}-zh`} />
                    </Form.Item>
                  </Col>
                  <Col xs={22} md={11}>
                    <Form.Item name={[f.name, 'en']} label={t('plans.calls.en')} style={{ marginBottom: 8 }} rules={[{ max: 2000 }]}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} data-testid={`call-${name}-${f.name}-en`} />
                    </Form.Item>
                  </Col>
                  <Col xs={2} md={1} style={{ paddingTop: 30 }}>
                    {!locked && (
                      <Tooltip title={t('plans.calls.removeItem')}>
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('plans.calls.removeItem')}
                          onClick={() => remove(f.name)}
                          data-testid={`call-${name}-${f.name}-remove`}
                        />
                      </Tooltip>
                    )}
                  </Col>
                </Row>
                {extra?.(f.name)}
              </div>
            ))
          )}
        </Card>
      )}
    </Form.List>
  );
}
