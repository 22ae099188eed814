import { useEffect, useState } from 'react';
import { Button, DatePicker, Input, Select, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  BUDGET_CATEGORIES,
  BUDGET_CATEGORY_LABELS,
  TEAM_ROLES,
  TEAM_ROLE_LABELS,
  budgetTotals,
  formatWan,
  wanToYuan,
  yuanToWan,
  type BudgetRow,
  type KpiRow,
  type ScheduleRow,
  type TeamRow,
} from '@rdplan/domain';
import { useI18n } from '../../i18n/I18nProvider';

/** Says whether a path (e.g. form.kpis.0.target) is highlighted as an error. */
export type ErrorAt = (path: string) => boolean;

/** An amount typed in 万元 and kept as integer yuan; a value that is not exact yuan is shown as an error and not passed on. */
export function WanInput({
  value,
  onChange,
  testId,
  error,
  disabled,
  width,
  ariaLabel,
}: {
  value: number | null | undefined;
  onChange: (yuan: number | null) => void;
  testId?: string;
  /** The field's name for assistive technology where no label element names it (table cells). */
  ariaLabel?: string;
  error?: boolean;
  disabled?: boolean;
  width?: number | string;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(value === null || value === undefined ? '' : yuanToWan(value));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    // Follow outside changes, but keep what the user is typing when it means the same amount.
    setText((cur) => {
      try {
        if (cur.trim() !== '' && value !== null && value !== undefined && wanToYuan(cur) === value) return cur;
      } catch {
        /* fall through */
      }
      if ((value === null || value === undefined) && cur.trim() === '') return cur;
      return value === null || value === undefined ? '' : yuanToWan(value);
    });
  }, [value]);
  return (
    <Input
      value={text}
      disabled={disabled}
      inputMode="decimal"
      status={bad || error ? 'error' : undefined}
      suffix={<Typography.Text type="secondary">{t('applications.wan')}</Typography.Text>}
      style={{ width: width ?? '100%' }}
      title={bad ? t('applications.wanInvalid') : undefined}
      aria-label={ariaLabel}
      data-testid={testId}
      onChange={(e) => {
        const s = e.target.value;
        setText(s);
        if (s.trim() === '') {
          setBad(false);
          onChange(null);
          return;
        }
        try {
          const y = wanToYuan(s);
          setBad(false);
          onChange(y);
        } catch {
          setBad(true);
        }
      }}
    />
  );
}

function AddButton({ onClick, testId, label }: { onClick: () => void; testId: string; label: string }) {
  return (
    <Button icon={<PlusOutlined />} onClick={onClick} data-testid={testId} style={{ marginTop: 8 }}>
      {label}
    </Button>
  );
}

function RemoveButton({ onClick, testId }: { onClick: () => void; testId: string }) {
  const { t } = useI18n();
  return (
    <Button danger type="text" icon={<DeleteOutlined />} onClick={onClick} aria-label={t('applications.removeRow')} data-testid={testId} />
  );
}

const replaceAt = <T,>(rows: T[], i: number, patch: Partial<T>): T[] => rows.map((r, j) => (j === i ? { ...r, ...patch } : r));

export function KpiTable({
  rows,
  readOnly,
  onChange,
  errorAt,
}: {
  rows: KpiRow[];
  readOnly: boolean;
  onChange: (rows: KpiRow[]) => void;
  errorAt: ErrorAt;
}) {
  const { t } = useI18n();
  const titles = {
    indicator: t('applications.form.kpiIndicator'),
    target: t('applications.form.kpiTarget'),
    measure: t('applications.form.kpiMeasure'),
  };
  const cell = (i: number, key: keyof KpiRow, max: number) =>
    readOnly ? (
      rows[i]![key] || '—'
    ) : (
      <Input
        value={rows[i]![key]}
        maxLength={max}
        status={errorAt(`form.kpis.${i}.${key}`) ? 'error' : undefined}
        aria-label={`${titles[key]} ${i + 1}`}
        onChange={(e) => onChange(replaceAt(rows, i, { [key]: e.target.value }))}
        data-testid={`kpi-${i}-${key}`}
      />
    );
  return (
    <div data-testid="kpi-table">
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows.map((r, key) => ({ ...r, key }))}
        locale={{ emptyText: t('applications.form.noRows') }}
        columns={[
          { title: '#', key: 'n', width: 48, render: (_, __, i) => i + 1 },
          { title: t('applications.form.kpiIndicator'), key: 'indicator', render: (_, __, i) => cell(i, 'indicator', 200) },
          { title: t('applications.form.kpiTarget'), key: 'target', render: (_, __, i) => cell(i, 'target', 200) },
          { title: t('applications.form.kpiMeasure'), key: 'measure', render: (_, __, i) => cell(i, 'measure', 200) },
          ...(readOnly
            ? []
            : [
                {
                  title: '',
                  key: 'x',
                  width: 56,
                  render: (_: unknown, __: unknown, i: number) => (
                    <RemoveButton onClick={() => onChange(rows.filter((_r, j) => j !== i))} testId={`kpi-${i}-remove`} />
                  ),
                },
              ]),
        ]}
      />
      {!readOnly && rows.length < 50 && (
        <AddButton
          label={t('applications.form.addKpi')}
          testId="kpi-add"
          onClick={() => onChange([...rows, { indicator: '', target: '', measure: '' }])}
        />
      )}
    </div>
  );
}

function MonthPicker({
  value,
  onChange,
  testId,
  error,
  ariaLabel,
}: {
  value: string;
  onChange: (v: string) => void;
  testId: string;
  error: boolean;
  ariaLabel: string;
}) {
  return (
    <DatePicker
      picker="month"
      format="YYYY-MM"
      value={value ? dayjs(`${value}-01`) : null}
      onChange={(d) => onChange(d ? d.format('YYYY-MM') : '')}
      status={error ? 'error' : undefined}
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ width: 130 }}
    />
  );
}

export function ScheduleTable({
  rows,
  readOnly,
  onChange,
  errorAt,
}: {
  rows: ScheduleRow[];
  readOnly: boolean;
  onChange: (rows: ScheduleRow[]) => void;
  errorAt: ErrorAt;
}) {
  const { t } = useI18n();
  return (
    <div data-testid="schedule-table">
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows.map((r, key) => ({ ...r, key }))}
        locale={{ emptyText: t('applications.form.noRows') }}
        columns={[
          { title: '#', key: 'n', width: 48, render: (_, __, i) => i + 1 },
          {
            title: t('applications.form.scheduleFrom'),
            key: 'from',
            width: 150,
            render: (_, r, i) =>
              readOnly ? (
                r.from || '—'
              ) : (
                <MonthPicker
                  value={r.from}
                  onChange={(v) => onChange(replaceAt(rows, i, { from: v }))}
                  testId={`schedule-${i}-from`}
                  ariaLabel={`${t('applications.form.scheduleFrom')} ${i + 1}`}
                  error={errorAt(`form.schedule.${i}.from`)}
                />
              ),
          },
          {
            title: t('applications.form.scheduleTo'),
            key: 'to',
            width: 150,
            render: (_, r, i) =>
              readOnly ? (
                r.to || '—'
              ) : (
                <MonthPicker
                  value={r.to}
                  onChange={(v) => onChange(replaceAt(rows, i, { to: v }))}
                  testId={`schedule-${i}-to`}
                  ariaLabel={`${t('applications.form.scheduleTo')} ${i + 1}`}
                  error={errorAt(`form.schedule.${i}.to`)}
                />
              ),
          },
          {
            title: t('applications.form.scheduleTask'),
            key: 'task',
            render: (_, r, i) =>
              readOnly ? (
                r.task || '—'
              ) : (
                <Input.TextArea
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  value={r.task}
                  maxLength={500}
                  status={errorAt(`form.schedule.${i}.task`) ? 'error' : undefined}
                  aria-label={`${t('applications.form.scheduleTask')} ${i + 1}`}
                  onChange={(e) => onChange(replaceAt(rows, i, { task: e.target.value }))}
                  data-testid={`schedule-${i}-task`}
                />
              ),
          },
          ...(readOnly
            ? []
            : [
                {
                  title: '',
                  key: 'x',
                  width: 56,
                  render: (_: unknown, __: unknown, i: number) => (
                    <RemoveButton onClick={() => onChange(rows.filter((_r, j) => j !== i))} testId={`schedule-${i}-remove`} />
                  ),
                },
              ]),
        ]}
      />
      {!readOnly && rows.length < 50 && (
        <AddButton
          label={t('applications.form.addSchedule')}
          testId="schedule-add"
          onClick={() => onChange([...rows, { from: '', to: '', task: '' }])}
        />
      )}
    </div>
  );
}

export function TeamTable({
  rows,
  readOnly,
  onChange,
  errorAt,
}: {
  rows: TeamRow[];
  readOnly: boolean;
  onChange: (rows: TeamRow[]) => void;
  errorAt: ErrorAt;
}) {
  const { t, tx } = useI18n();
  const titles = {
    name: t('applications.form.teamName'),
    title: t('applications.form.teamTitle'),
    orgName: t('applications.form.teamOrg'),
    duty: t('applications.form.teamDuty'),
  };
  const text = (i: number, key: 'name' | 'title' | 'orgName' | 'duty', max: number) =>
    readOnly ? (
      rows[i]![key] || '—'
    ) : (
      <Input
        value={rows[i]![key]}
        maxLength={max}
        status={errorAt(`form.team.${i}.${key}`) ? 'error' : undefined}
        aria-label={`${titles[key]} ${i + 1}`}
        onChange={(e) => onChange(replaceAt(rows, i, { [key]: e.target.value }))}
        data-testid={`team-${i}-${key}`}
      />
    );
  return (
    <div data-testid="team-table">
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows.map((r, key) => ({ ...r, key }))}
        locale={{ emptyText: t('applications.form.noRows') }}
        columns={[
          { title: '#', key: 'n', width: 48, render: (_, __, i) => i + 1 },
          { title: t('applications.form.teamName'), key: 'name', render: (_, __, i) => text(i, 'name', 50) },
          {
            title: t('applications.form.teamRole'),
            key: 'role',
            width: 150,
            render: (_, r, i) =>
              readOnly ? (
                tx(TEAM_ROLE_LABELS[r.role])
              ) : (
                <Select
                  value={r.role}
                  style={{ width: '100%' }}
                  options={TEAM_ROLES.map((role) => ({ value: role, label: tx(TEAM_ROLE_LABELS[role]) }))}
                  onChange={(v) => onChange(replaceAt(rows, i, { role: v }))}
                  aria-label={`${t('applications.form.teamRole')} ${i + 1}`}
                  data-testid={`team-${i}-role`}
                />
              ),
          },
          { title: t('applications.form.teamTitle'), key: 'title', render: (_, __, i) => text(i, 'title', 50) },
          { title: t('applications.form.teamOrg'), key: 'orgName', render: (_, __, i) => text(i, 'orgName', 200) },
          { title: t('applications.form.teamDuty'), key: 'duty', render: (_, __, i) => text(i, 'duty', 200) },
          ...(readOnly
            ? []
            : [
                {
                  title: '',
                  key: 'x',
                  width: 56,
                  render: (_: unknown, __: unknown, i: number) => (
                    <RemoveButton onClick={() => onChange(rows.filter((_r, j) => j !== i))} testId={`team-${i}-remove`} />
                  ),
                },
              ]),
        ]}
      />
      {!readOnly && rows.length < 100 && (
        <AddButton
          label={t('applications.form.addMember')}
          testId="team-add"
          onClick={() =>
            onChange([
              ...rows,
              { name: '', role: rows.some((r) => r.role === 'leader') ? 'core' : 'leader', title: '', orgName: '', duty: '' },
            ])
          }
        />
      )}
    </div>
  );
}

type Source = 'city' | 'self' | 'other';
const SOURCES: Source[] = ['city', 'self', 'other'];

/** Categories × city / self-raised / other, typed in 万元, kept in yuan; every category is stored once any is typed. */
export function BudgetTable({
  rows,
  readOnly,
  onChange,
  error,
}: {
  rows: BudgetRow[];
  readOnly: boolean;
  onChange: (rows: BudgetRow[]) => void;
  error: boolean;
}) {
  const { t, tx, lang } = useI18n();
  const byCat = new Map(rows.map((r) => [r.category, r]));
  const totals = budgetTotals({ budget: rows });
  const full = (): BudgetRow[] => BUDGET_CATEGORIES.map((c) => byCat.get(c) ?? { category: c, city: 0, self: 0, other: 0 });
  const data = [
    ...BUDGET_CATEGORIES.map((c) => ({ key: c, category: c as (typeof BUDGET_CATEGORIES)[number] | 'total' })),
    { key: 'total', category: 'total' as const },
  ];
  const column = (src: Source) => ({
    title: t(`applications.budget.${src}`),
    key: src,
    // Read-only amounts are short: the table fits its card without scrolling, so 小计 stays in view.
    width: readOnly ? undefined : 170,
    render: (_: unknown, r: (typeof data)[number]) => {
      if (r.category === 'total')
        return (
          <Typography.Text strong data-testid={`budget-total-${src}`}>
            {formatWan(totals[src], lang)}
          </Typography.Text>
        );
      const row = byCat.get(r.category);
      const v = row ? row[src] : 0;
      if (readOnly) return row ? formatWan(v, lang) : '—';
      const cat = r.category;
      return (
        <WanInput
          value={row ? v : null}
          testId={`budget-${cat}-${src}`}
          ariaLabel={`${tx(BUDGET_CATEGORY_LABELS[cat])} · ${t(`applications.budget.${src}`)}`}
          onChange={(y) => onChange(full().map((b) => (b.category === cat ? { ...b, [src]: y ?? 0 } : b)))}
        />
      );
    },
  });
  return (
    <div data-testid="budget-table" style={error ? { outline: '1px solid #ff4d4f', borderRadius: 6 } : undefined}>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        scroll={readOnly ? undefined : { x: 820 }}
        dataSource={data}
        columns={[
          {
            title: t('applications.budget.category'),
            key: 'category',
            width: 180,
            render: (_, r) =>
              r.category === 'total' ? (
                <Typography.Text strong>{t('applications.budget.total')}</Typography.Text>
              ) : (
                tx(BUDGET_CATEGORY_LABELS[r.category])
              ),
          },
          ...SOURCES.map(column),
          {
            title: t('applications.budget.rowTotal'),
            key: 'rowTotal',
            width: readOnly ? undefined : 130,
            render: (_, r) => {
              if (r.category === 'total')
                return <Typography.Text strong>{formatWan(totals.city + totals.self + totals.other, lang)}</Typography.Text>;
              const row = byCat.get(r.category);
              return row ? formatWan(row.city + row.self + row.other, lang) : '—';
            },
          },
        ]}
      />
      {!readOnly && <Typography.Text type="secondary">{t('applications.budget.unitNote')}</Typography.Text>}
    </div>
  );
}
