import { useEffect, useState } from 'react';
import { App, Badge, Button, Calendar, Card, DatePicker, Input, Popconfirm, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import type { CalendarDay, CalendarYear } from '../../api/types';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';

/** An editable day: names are kept as (possibly empty) strings while editing. */
type EditDay = { date: string; kind: CalendarDay['kind']; nameZh: string; nameEn: string };
type Row = EditDay & { key: string };

let rowSeq = 0;
const withKeys = (days: EditDay[]): Row[] => days.map((d) => ({ ...d, key: `r${rowSeq++}` }));

/** The server answers holidays and adjusted working days separately; the editor shows them as one list. */
function daysOf(y: CalendarYear | undefined): EditDay[] {
  if (!y) return [];
  const holidays = y.holidays.map((d) => ({ date: d.date, kind: 'holiday' as const, nameZh: d.nameZh ?? '', nameEn: d.nameEn ?? '' }));
  const workdays = y.workdays.map((d) => ({ date: d.date, kind: 'workday' as const, nameZh: d.nameZh ?? '', nameEn: d.nameEn ?? '' }));
  return [...holidays, ...workdays].sort((a, b) => a.date.localeCompare(b.date));
}

function DaysTable({ year, rows, setRows }: { year: number; rows: Row[]; setRows: (f: (rows: Row[]) => Row[]) => void }) {
  const { t } = useI18n();
  const update = (key: string, patch: Partial<EditDay>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <Table<Row>
      rowKey="key"
      dataSource={rows}
      pagination={false}
      size="small"
      data-testid="calendar-table"
      columns={[
        {
          title: t('cal.date'),
          dataIndex: 'date',
          width: 170,
          render: (v: string, r) => (
            <DatePicker
              value={v ? dayjs(v) : null}
              aria-label={t('cal.date')}
              allowClear={false}
              disabledDate={(d) => d.year() !== year}
              defaultPickerValue={dayjs(`${year}-01-01`)}
              onChange={(d: Dayjs | null) => d && update(r.key, { date: d.format('YYYY-MM-DD') })}
              status={rows.filter((x) => x.date === v).length > 1 ? 'error' : undefined}
            />
          ),
        },
        {
          title: t('cal.kind'),
          dataIndex: 'kind',
          width: 160,
          render: (v: EditDay['kind'], r) => (
            <Select
              value={v}
              aria-label={t('cal.kind')}
              style={{ width: 140 }}
              onChange={(k) => update(r.key, { kind: k })}
              options={[
                { value: 'holiday', label: t('cal.kind.holiday') },
                { value: 'workday', label: t('cal.kind.workday') },
              ]}
            />
          ),
        },
        {
          title: t('common.nameZh'),
          dataIndex: 'nameZh',
          render: (v: string, r) => (
            <Input value={v} aria-label={t('common.nameZh')} onChange={(e) => update(r.key, { nameZh: e.target.value })} />
          ),
        },
        {
          title: t('common.nameEn'),
          dataIndex: 'nameEn',
          render: (v: string, r) => (
            <Input value={v} aria-label={t('common.nameEn')} onChange={(e) => update(r.key, { nameEn: e.target.value })} />
          ),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 90,
          render: (_, r) => (
            <Popconfirm title={`${t('cal.remove')}?`} onConfirm={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
              <Button type="link" danger size="small">
                {t('cal.remove')}
              </Button>
            </Popconfirm>
          ),
        },
      ]}
    />
  );
}

function DaysCalendar({ year, rows }: { year: number; rows: Row[] }) {
  const { t, nameOf } = useI18n();
  const byDate = new Map(rows.map((r) => [r.date, r]));
  const [value, setValue] = useState<Dayjs>(dayjs(`${year}-01-01`));
  useEffect(() => setValue(dayjs(`${year}-01-01`)), [year]);
  return (
    <Calendar
      value={value}
      onPanelChange={(d) => setValue(d)}
      onSelect={(d) => setValue(d)}
      validRange={[dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)]}
      cellRender={(d, info) => {
        if (info.type !== 'date') return info.originNode;
        const r = byDate.get(d.format('YYYY-MM-DD'));
        if (!r) return null;
        return (
          <Badge
            status={r.kind === 'holiday' ? 'error' : 'processing'}
            text={`${r.kind === 'holiday' ? t('cal.kind.holiday') : t('cal.kind.workday')} ${nameOf(r) || ''}`.trim()}
          />
        );
      }}
    />
  );
}

export function CalendarPage() {
  const { t } = useI18n();
  const sourceLabel = (s: CalendarYear['source']) => (s === 'builtin' || s === 'admin' ? t(`cal.source.${s}`) : t('cal.source.none'));
  const { message } = App.useApp();
  const [year, setYear] = useState(dayjs().year());
  const [view, setView] = useState<'table' | 'calendar'>('table');
  const { data, error, loading, reload } = useApi(() => endpoints.calendar(year), [year]);
  const [rows, setRows] = useState<Row[]>([]);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setRows(withKeys(daysOf(data)));
    setDirty(false);
  }, [data]);

  const edit = (f: (rows: Row[]) => Row[]) => {
    setRows(f);
    setDirty(true);
  };

  function addDay() {
    const taken = new Set(rows.map((r) => r.date));
    let d = dayjs(`${year}-01-01`);
    while (taken.has(d.format('YYYY-MM-DD')) && d.year() === year) d = d.add(1, 'day');
    edit((rs) => [...rs, ...withKeys([{ date: d.format('YYYY-MM-DD'), kind: 'holiday', nameZh: '', nameEn: '' }])]);
  }

  async function save() {
    const dates = rows.map((r) => r.date);
    if (dates.some((d) => !d.startsWith(`${year}-`))) return message.error(t('cal.dateOutOfYear'));
    if (new Set(dates).size !== dates.length) return message.error(t('cal.duplicate'));
    setBusy(true);
    try {
      const days: CalendarDay[] = rows
        .map(({ date, kind, nameZh, nameEn }) => ({
          date,
          kind,
          ...(nameZh.trim() ? { nameZh: nameZh.trim() } : {}),
          ...(nameEn.trim() ? { nameEn: nameEn.trim() } : {}),
        }))
        .sort((a, b) => a.date.localeCompare(b.date));
      await endpoints.saveCalendar(year, days);
      message.success(t('common.saved'));
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="calendar-page">
      <PageHeader
        title={t('cal.title')}
        extra={
          <Space wrap>
            <DatePicker
              picker="year"
              allowClear={false}
              value={dayjs(`${year}-01-01`)}
              onChange={(d) => d && setYear(d.year())}
              data-testid="calendar-year"
            />
            <Segmented
              value={view}
              onChange={(v) => setView(v as 'table' | 'calendar')}
              options={[
                { value: 'table', label: t('cal.viewTable') },
                { value: 'calendar', label: t('cal.viewCalendar') },
              ]}
            />
          </Space>
        }
      />
      <Card>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : loading && !data ? (
          <PageSpin />
        ) : (
          <>
            <Space wrap style={{ marginBottom: 16 }}>
              {data?.covered ? <Tag color="green">{t('cal.covered')}</Tag> : <Tag color="orange">{t('cal.notCovered')}</Tag>}
              {data && (
                <Typography.Text type="secondary" data-testid="calendar-source">
                  {t('cal.source')}: {sourceLabel(data.source)}
                </Typography.Text>
              )}
              {data?.updatedAt && (
                <Typography.Text type="secondary">
                  {t('cal.updatedAt')}: {dayjs(data.updatedAt).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>
              )}
              {dirty && <Tag color="gold">{t('cal.unsaved')}</Tag>}
            </Space>
            {view === 'table' ? (
              <>
                <DaysTable year={year} rows={rows} setRows={edit} />
                <Space style={{ marginTop: 16 }}>
                  <Button icon={<PlusOutlined />} onClick={addDay} data-testid="calendar-add">
                    {t('cal.addDay')}
                  </Button>
                  <Button
                    type="primary"
                    icon={<SaveOutlined />}
                    loading={busy}
                    disabled={!dirty}
                    onClick={save}
                    data-testid="calendar-save"
                  >
                    {t('cal.saveYear')}
                  </Button>
                </Space>
              </>
            ) : (
              <DaysCalendar year={year} rows={rows} />
            )}
          </>
        )}
      </Card>
    </div>
  );
}
