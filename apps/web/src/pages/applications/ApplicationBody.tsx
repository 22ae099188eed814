import type { ReactNode } from 'react';
import { Card, Checkbox, DatePicker, Form, Input, Space, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { formatWan, type ApplicationForm, type ApplicationView } from '@rdplan/domain';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/I18nProvider';
import { BudgetTable, KpiTable, ScheduleTable, TeamTable, WanInput, type ErrorAt } from './FormTables';
import { itemText } from './shared';

export type Update = (patch: Partial<ApplicationForm>) => void;

function Shown({ value, multiline }: { value: ReactNode; multiline?: boolean }) {
  return (
    <Typography.Paragraph style={{ margin: 0, whiteSpace: multiline ? 'pre-wrap' : undefined }}>
      {value === undefined || value === null || value === '' ? <Typography.Text type="secondary">—</Typography.Text> : value}
    </Typography.Paragraph>
  );
}

/** The form of every track, editable for the applicant and read-only for everyone else. */
export function ApplicationBody({
  view,
  form,
  readOnly,
  update,
  errorAt,
}: {
  view: ApplicationView;
  form: ApplicationForm;
  readOnly: boolean;
  update: Update;
  errorAt: ErrorAt;
}) {
  const { t, lang, nameOf } = useI18n();
  const fields = useApi(() => endpoints.fields(), []);
  const fieldName = (code: string | null | undefined) => {
    if (!code) return null;
    for (const f of fields.data ?? []) {
      if (f.code === code) return `${code} ${nameOf(f)}`;
      const d = f.directions.find((x) => x.code === code);
      if (d) return `${code} ${nameOf(f)} / ${nameOf(d)}`;
    }
    return code;
  };
  /** The id that ties a field's label to its input (form.title → app-form-title). */
  const inputId = (path: string) => `app-${path.replace(/\./g, '-')}`;
  const item = (path: string, label: string, input: ReactNode, shown: ReactNode, help?: string) => (
    <Form.Item
      label={label}
      htmlFor={readOnly ? undefined : inputId(path)}
      required={!readOnly && ['form.title', 'form.fieldCode', 'form.direction', 'form.objectives', 'form.content'].includes(path)}
      validateStatus={!readOnly && errorAt(path) ? 'error' : undefined}
      help={!readOnly && help ? help : undefined}
    >
      {readOnly ? shown : input}
    </Form.Item>
  );
  const text = (key: 'title' | 'summary' | 'direction', max: number) => (
    <Input
      id={inputId(`form.${key}`)}
      value={form[key] ?? ''}
      maxLength={max}
      onChange={(e) => update({ [key]: e.target.value })}
      data-testid={`field-${key}`}
      status={errorAt(`form.${key}`) ? 'error' : undefined}
    />
  );
  const area = (key: 'objectives' | 'content' | 'implementationPlan', max: number, rows = 4) => (
    <Input.TextArea
      id={inputId(`form.${key}`)}
      value={form[key] ?? ''}
      maxLength={max}
      showCount
      autoSize={{ minRows: rows, maxRows: 16 }}
      onChange={(e) => update({ [key]: e.target.value })}
      data-testid={`field-${key}`}
      status={errorAt(`form.${key}`) ? 'error' : undefined}
    />
  );
  const affirmed = form.conditionsAffirmed ?? [];
  return (
    <Form layout="vertical" component="div" data-testid="application-form" data-readonly={readOnly ? 'true' : 'false'}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small" title={t('applications.section.basics')} data-testid="section-basics">
          {item('form.title', t('applications.form.title'), text('title', 200), <Shown value={form.title} />)}
          {item('form.summary', t('applications.form.summary'), text('summary', 1000), <Shown value={form.summary} />)}
          {item(
            'form.fieldCode',
            t('applications.form.fieldCode'),
            <TreeSelect
              value={form.fieldCode ?? undefined}
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              loading={fields.loading}
              placeholder={t('applications.form.fieldPlaceholder')}
              aria-label={t('applications.form.fieldPlaceholder')}
              treeDefaultExpandAll
              treeData={(fields.data ?? []).map((f) => ({
                value: f.code,
                title: `${f.code} ${nameOf(f)}`,
                children: f.directions.map((d) => ({ value: d.code, title: `${d.code} ${nameOf(d)}` })),
              }))}
              onChange={(v) => update({ fieldCode: (v as string | undefined) ?? null })}
              status={errorAt('form.fieldCode') ? 'error' : undefined}
              data-testid="field-fieldCode"
              style={{ width: '100%' }}
            />,
            <Shown value={fieldName(form.fieldCode)} />,
            view.track === 'backfill' ? t('applications.form.fieldHelpBackfill') : undefined,
          )}
          {item('form.direction', t('applications.form.direction'), text('direction', 200), <Shown value={form.direction} />)}
        </Card>
        <Card size="small" title={t('applications.section.objectives')} data-testid="section-objectives">
          {item(
            'form.objectives',
            t('applications.form.objectives'),
            area('objectives', 5000),
            <Shown value={form.objectives} multiline />,
          )}
        </Card>
        <Card size="small" title={t('applications.section.content')} data-testid="section-content">
          {item('form.content', t('applications.form.content'), area('content', 20000, 6), <Shown value={form.content} multiline />)}
        </Card>
        <Card size="small" title={t('applications.section.kpis')} data-testid="section-kpis">
          <Form.Item validateStatus={!readOnly && errorAt('form.kpis') ? 'error' : undefined}>
            <KpiTable rows={form.kpis ?? []} readOnly={readOnly} onChange={(kpis) => update({ kpis })} errorAt={errorAt} />
          </Form.Item>
        </Card>
        <Card size="small" title={t('applications.section.schedule')} data-testid="section-schedule">
          <ScheduleTable rows={form.schedule ?? []} readOnly={readOnly} onChange={(schedule) => update({ schedule })} errorAt={errorAt} />
        </Card>
        <Card size="small" title={t('applications.section.team')} data-testid="section-team">
          <TeamTable rows={form.team ?? []} readOnly={readOnly} onChange={(team) => update({ team })} errorAt={errorAt} />
          {!readOnly && errorAt('form.team') && <Typography.Text type="danger">{t('applications.form.teamLeaderHint')}</Typography.Text>}
        </Card>
        <Card size="small" title={t('applications.section.budget')} data-testid="section-budget">
          {view.track === 'consortium' && (view.formContext.lockedCityFunds !== null || view.formContext.lockedSelfFunds !== null) && (
            <Typography.Paragraph type="secondary">
              {t('applications.budget.lockedNote', {
                city: view.formContext.lockedCityFunds === null ? '—' : formatWan(view.formContext.lockedCityFunds, lang),
                self: view.formContext.lockedSelfFunds === null ? '—' : formatWan(view.formContext.lockedSelfFunds, lang),
              })}
            </Typography.Paragraph>
          )}
          {view.track === 'backfill' && (
            <Typography.Paragraph type="secondary">
              {t('applications.budget.backfillNote', { amount: formatWan(view.params.backfillAmount, lang) })}
            </Typography.Paragraph>
          )}
          {view.track === 'recognition' && (
            <Typography.Paragraph type="secondary">{t('applications.budget.recognitionNote')}</Typography.Paragraph>
          )}
          {view.track === 'continuation' && (
            <Typography.Paragraph type="secondary" data-testid="budget-continuation-note">
              {t('applications.budget.continuationNote')}
            </Typography.Paragraph>
          )}
          <BudgetTable
            rows={form.budget ?? []}
            readOnly={readOnly}
            onChange={(budget) => update({ budget })}
            error={!readOnly && errorAt('form.budget')}
          />
        </Card>
        {view.track === 'continuation' && (
          <Card size="small" title={t('applications.section.continuation')} data-testid="section-continuation">
            {item(
              'form.implementationPlan',
              t('applications.form.implementationPlan'),
              area('implementationPlan', 5000),
              <Shown value={form.implementationPlan} multiline />,
            )}
            {item(
              'form.plannedInvestment',
              t('applications.form.plannedInvestment'),
              <WanInput
                value={form.plannedInvestment}
                onChange={(v) => update({ plannedInvestment: v })}
                testId="field-plannedInvestment"
                ariaLabel={t('applications.form.plannedInvestment')}
                width={260}
              />,
              <Shown
                value={
                  form.plannedInvestment === null || form.plannedInvestment === undefined ? null : formatWan(form.plannedInvestment, lang)
                }
              />,
            )}
          </Card>
        )}
        {view.track === 'recognition' && (
          <Card size="small" title={t('applications.section.recognition')} data-testid="section-recognition">
            {item(
              'form.socialCapital',
              t('applications.form.socialCapital'),
              <WanInput
                value={form.socialCapital}
                onChange={(v) => update({ socialCapital: v })}
                testId="field-socialCapital"
                ariaLabel={t('applications.form.socialCapital')}
                error={errorAt('form.socialCapital')}
                width={260}
              />,
              <Shown
                value={form.socialCapital === null || form.socialCapital === undefined ? null : formatWan(form.socialCapital, lang)}
              />,
            )}
            {item(
              'form.completedOn',
              t('applications.form.completedOn'),
              <DatePicker
                value={form.completedOn ? dayjs(form.completedOn) : null}
                format="YYYY-MM-DD"
                onChange={(d) => update({ completedOn: d ? d.format('YYYY-MM-DD') : null })}
                status={errorAt('form.completedOn') ? 'error' : undefined}
                aria-label={t('applications.form.completedOn')}
                data-testid="field-completedOn"
              />,
              <Shown value={form.completedOn} />,
            )}
            <Form.Item label={t('applications.form.conditions')} help={!readOnly ? t('applications.form.conditionsHelp') : undefined}>
              <Space orientation="vertical">
                {view.call.conditions.length === 0 && <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
                {view.call.conditions.map((c) => (
                  <Checkbox
                    key={c.key}
                    checked={affirmed.includes(c.key)}
                    disabled={readOnly}
                    onChange={(e) =>
                      update({
                        conditionsAffirmed: e.target.checked
                          ? [...affirmed.filter((k) => k !== c.key), c.key]
                          : affirmed.filter((k) => k !== c.key),
                      })
                    }
                    data-testid={`condition-${c.key}`}
                  >
                    {itemText(c, lang)}
                  </Checkbox>
                ))}
              </Space>
            </Form.Item>
          </Card>
        )}
      </Space>
    </Form>
  );
}
