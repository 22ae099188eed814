import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { FileProtectOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PARAM_META, type CallView, type CreateApplicationInput } from '@rdplan/domain';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthProvider';
import { LoadError } from '../../components/LoadError';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';
import { applicationsApi, type NationalApplicationRow, type NationalProjectRow } from './api';
import { refusalText } from './refusal';
import { Row, Rows, CallStateTag, TrackTag, callTitle, formatInstant, formatParam, itemText, paramsForTrack } from './shared';
import { useFieldName } from '../../hooks/useFieldName';

function NationalApplicationPicker({ onPick, busy }: { onPick: (id: string) => void; busy: boolean }) {
  const { t } = useI18n();
  const fieldName = useFieldName();
  const [selected, setSelected] = useState<string | null>(null);
  const { data, error, loading, reload } = useApi(() => applicationsApi.nationalApplications(), []);
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <div data-testid="pick-national-application">
      <Typography.Paragraph type="secondary">{t('applications.apply.pickNationalApplicationHelp')}</Typography.Paragraph>
      <Table<NationalApplicationRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        locale={{ emptyText: t('applications.apply.noNationalApplications') }}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: selected ? [selected] : [],
          onChange: (keys) => setSelected((keys[0] as string | undefined) ?? null),
          // 3.2.b: only an application the unit led (first applicant) can carry a backfill application.
          getCheckboxProps: (r) => ({ 'data-testid': `national-application-${r.id}`, disabled: r.unitRole === 'participant' }) as object,
        }}
        onRow={(r) => ({ onClick: () => r.unitRole !== 'participant' && setSelected(r.id) })}
        columns={[
          {
            title: t('applications.national.nationalId'),
            dataIndex: 'nationalId',
            render: (v: string, r) => (
              <>
                <div>{v}</div>
                {r.unitRole === 'participant' && (
                  <Typography.Text type="secondary" data-testid={`national-application-not-lead-${r.id}`}>
                    {t('applications.apply.notFirstApplicant')}
                  </Typography.Text>
                )}
              </>
            ),
          },
          { title: t('applications.national.year'), dataIndex: 'year' },
          { title: t('applications.national.title'), dataIndex: 'title' },
          { title: t('applications.national.programme'), dataIndex: 'programme' },
          { title: t('applications.national.direction'), dataIndex: 'direction' },
          { title: t('applications.national.fieldCode'), dataIndex: 'fieldCode', render: (v: string | null) => fieldName(v) },
          {
            title: t('applications.national.stage'),
            dataIndex: 'stage',
            render: (v: NationalApplicationRow['stage']) => t(`applications.national.stage.${v}`),
          },
          {
            title: t('applications.national.outcome'),
            dataIndex: 'outcome',
            render: (v: NationalApplicationRow['outcome']) => t(`applications.national.outcome.${v}`),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" disabled={!selected} loading={busy} onClick={() => selected && onPick(selected)} data-testid="pick-confirm">
          {t('applications.apply.create')}
        </Button>
      </Space>
    </div>
  );
}

function NationalProjectPicker({ onPick, busy }: { onPick: (id: string) => void; busy: boolean }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const { data, error, loading, reload } = useApi(() => applicationsApi.nationalProjects(q), [q]);
  return (
    <div data-testid="pick-national-project">
      <Typography.Paragraph type="secondary">{t('applications.apply.pickNationalProjectHelp')}</Typography.Paragraph>
      <Input.Search
        allowClear
        placeholder={t('applications.apply.searchProjects')}
        enterButton={t('common.search')}
        onSearch={(v) => setQ(v.trim())}
        style={{ marginBottom: 12 }}
        maxLength={100}
        data-testid="pick-national-project-search"
      />
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<NationalProjectRow>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data ?? []}
          pagination={false}
          locale={{ emptyText: t('applications.apply.noNationalProjects') }}
          rowSelection={{
            type: 'radio',
            selectedRowKeys: selected ? [selected] : [],
            onChange: (keys) => setSelected((keys[0] as string | undefined) ?? null),
            getCheckboxProps: (r) => ({ 'data-testid': `national-project-${r.id}` }) as object,
          }}
          onRow={(r) => ({ onClick: () => setSelected(r.id) })}
          columns={[
            { title: t('applications.national.nationalId'), dataIndex: 'nationalId' },
            { title: t('applications.national.title'), dataIndex: 'title' },
            { title: t('applications.national.programme'), dataIndex: 'programme' },
            { title: t('applications.national.leadName'), key: 'lead', render: (_, r) => r.lead.name },
            {
              title: t('applications.national.leadRegion'),
              key: 'region',
              render: (_, r) =>
                r.lead.isGuangzhou === null
                  ? (r.lead.regionCode ?? '—')
                  : `${r.lead.regionCode ?? ''} ${r.lead.isGuangzhou ? t('applications.national.inGuangzhou') : t('applications.national.outsideGuangzhou')}`,
            },
            { title: t('applications.national.acceptanceDate'), key: 'accDate', render: (_, r) => r.acceptance?.date ?? '—' },
            {
              title: t('applications.national.acceptanceResult'),
              key: 'accResult',
              render: (_, r) => (r.acceptance ? t(`applications.national.acceptance.${r.acceptance.result}`) : '—'),
            },
          ]}
        />
      )}
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" disabled={!selected} loading={busy} onClick={() => selected && onPick(selected)} data-testid="pick-confirm">
          {t('applications.apply.create')}
        </Button>
      </Space>
    </div>
  );
}

/** The "apply" action of a call: picks the national record the track needs, then creates the draft once. */
function ApplyBox({ call }: { call: CallView }) {
  const { t, lang } = useI18n();
  const { user, hasRole } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  /** Why the chosen record was refused (a policy rule, e.g. 3.2.b), shown in the picker. */
  const [refusal, setRefusal] = useState<string | null>(null);
  /** One key per click on "apply": a retried create returns the same draft. */
  const clientKey = useRef<string>('');

  if (call.track === 'consortium') {
    return <Alert type="info" showIcon title={t('applications.apply.consortiumNote')} data-testid="call-consortium-note" />;
  }
  if (!user) {
    return (
      <Alert
        type="info"
        showIcon
        title={
          <span>
            {t('applications.apply.signInFirst')}{' '}
            <Link to={`/login?next=${encodeURIComponent(`/calls/${call.id}`)}`}>{t('nav.login')}</Link>
          </span>
        }
      />
    );
  }
  if (!hasRole('unit_admin', 'unit_member')) {
    return <Alert type="info" showIcon title={t('applications.apply.unitsOnly')} />;
  }

  async function create(extra: Pick<CreateApplicationInput, 'nationalApplicationId' | 'nationalProjectId'>) {
    setBusy(true);
    setRefusal(null);
    try {
      const view = await applicationsApi.create({ callId: call.id, clientKey: clientKey.current, ...extra });
      setPicking(false);
      void navigate(`/app/applications/${view.id}`);
    } catch (e) {
      const text = refusalText(e, lang);
      if (picking) setRefusal(text);
      else message.error(text);
    } finally {
      setBusy(false);
    }
  }

  const open = call.state === 'open';
  return (
    <>
      <Space orientation="vertical">
        <Button
          type="primary"
          size="large"
          icon={<FileProtectOutlined />}
          disabled={!open}
          loading={busy && !picking}
          data-testid="call-apply"
          onClick={() => {
            clientKey.current = crypto.randomUUID();
            if (call.track === 'recognition') void create({});
            else setPicking(true);
          }}
        >
          {t('applications.apply.button')}
        </Button>
        {!open && <Typography.Text type="secondary">{t(`applications.apply.notOpen.${call.state}`)}</Typography.Text>}
      </Space>
      <Modal
        open={picking}
        width={960}
        title={call.track === 'backfill' ? t('applications.apply.pickNationalApplication') : t('applications.apply.pickNationalProject')}
        footer={null}
        onCancel={() => {
          setPicking(false);
          setRefusal(null);
        }}
        destroyOnHidden
      >
        {refusal && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={refusal} data-testid="pick-refusal" role="alert" />}
        {call.track === 'backfill' ? (
          <NationalApplicationPicker busy={busy} onPick={(id) => void create({ nationalApplicationId: id })} />
        ) : (
          <NationalProjectPicker busy={busy} onPick={(id) => void create({ nationalProjectId: id })} />
        )}
      </Modal>
    </>
  );
}

/** One published call: what an applicant must know before starting (4.3.a). */
export function CallDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { data: call, error, loading, reload } = useApi(() => applicationsApi.call(id), [id]);
  if (loading && !call) return <PageSpin />;
  if (error || !call)
    return (
      <div className="rd-section" data-testid="call-detail-page">
        <LoadError error={error} onRetry={reload} />
      </div>
    );
  const params = paramsForTrack(call.track);
  return (
    <div className="rd-section" data-testid="call-detail-page">
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <div>
          <Link to="/calls">← {t('applications.calls.back')}</Link>
          <Typography.Title level={1} style={{ fontSize: 30, marginTop: 8 }} data-testid="call-title">
            {callTitle(call, lang)}
          </Typography.Title>
          <Space wrap>
            <TrackTag track={call.track} />
            <CallStateTag state={call.state} />
          </Space>
        </div>
        <Card>
          <Descriptions
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'year', label: t('applications.calls.year'), children: call.year },
              { key: 'opens', label: t('applications.calls.opensAt'), children: formatInstant(call.opensAt) },
              { key: 'closes', label: t('applications.calls.closesAt'), children: formatInstant(call.closesAt) },
            ]}
          />
          <Typography.Text type="secondary">{t('applications.calls.timezone')}</Typography.Text>
          <div style={{ marginTop: 16 }}>
            <ApplyBox call={call} />
          </div>
        </Card>
        <Card title={t('applications.calls.conditions')} data-testid="call-conditions">
          {call.conditions.length === 0 ? (
            <Empty description={t('common.none')} />
          ) : (
            <Rows
              items={call.conditions}
              render={(c, i) => (
                <Row key={c.key} data-testid={`call-condition-${c.key}`}>
                  {i + 1}. {itemText(c, lang)}
                </Row>
              )}
            />
          )}
        </Card>
        <Card title={t('applications.calls.materials')} data-testid="call-materials">
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={call.materials}
            locale={{ emptyText: t('common.none') }}
            columns={[
              { title: t('applications.calls.material'), key: 'name', render: (_, m) => itemText(m, lang) },
              {
                title: t('applications.calls.required'),
                key: 'required',
                render: (_, m) =>
                  m.required ? <Tag color="red">{t('applications.calls.requiredYes')}</Tag> : <Tag>{t('applications.calls.optional')}</Tag>,
              },
              { title: t('applications.calls.format'), key: 'format', render: (_, m) => t('applications.calls.pdfUpTo', { mb: m.maxMb }) },
              {
                title: t('applications.calls.evidence'),
                key: 'evidence',
                render: (_, m) => (m.evidence ? t(`applications.calls.evidence.${m.evidence}`) : '—'),
              },
            ]}
          />
        </Card>
        <Card title={t('applications.calls.criteria')} data-testid="call-criteria">
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={call.criteria}
            locale={{ emptyText: t('common.none') }}
            columns={[
              { title: t('applications.calls.criterion'), key: 'name', render: (_, c) => itemText(c, lang) },
              { title: t('applications.calls.weight'), key: 'weight', render: (_, c) => `${c.weight}%`, width: 120 },
            ]}
          />
        </Card>
        <Card title={t('applications.calls.params')} data-testid="call-params">
          <Typography.Paragraph type="secondary">{t('applications.calls.paramsHelp')}</Typography.Paragraph>
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={params.map((k) => ({ key: k }))}
            columns={[
              { title: t('applications.rule'), key: 'rule', width: 100, render: (_, r) => <Tag>{PARAM_META[r.key].rule}</Tag> },
              { title: t('applications.calls.param'), key: 'label', render: (_, r) => PARAM_META[r.key].label[lang] },
              {
                title: t('applications.calls.value'),
                key: 'value',
                render: (_, r) => <span data-testid={`call-param-${r.key}`}>{formatParam(r.key, call.params, lang)}</span>,
              },
            ]}
          />
        </Card>
      </Space>
    </div>
  );
}
