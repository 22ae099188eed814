import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Row, Space, Switch, Tag, Tree } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { TreeDataNode as DataNode } from 'antd';
import { errorMessage } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import type { Field, FieldNode } from '../../api/types';
import { useApi } from '../../api/useApi';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';

interface Values {
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
}

type Editing = { mode: 'create'; parent: Field | null } | { mode: 'edit'; node: Field };

/** Fields by id, each with its parent field (directions) or null (top-level fields). */
function index(nodes: FieldNode[]) {
  const out = new Map<string, { node: Field; parent: Field | null }>();
  for (const n of nodes) {
    out.set(n.id, { node: n, parent: null });
    for (const d of n.directions) out.set(d.id, { node: d, parent: n });
  }
  return out;
}

function FieldModal({ editing, onClose, onSaved }: { editing: Editing | null; onClose: () => void; onSaved: () => void }) {
  const { t, nameOf } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initial =
    editing?.mode === 'edit'
      ? { code: editing.node.code, nameZh: editing.node.nameZh, nameEn: editing.node.nameEn, active: editing.node.active }
      : { code: editing?.parent ? `${editing.parent.code}.` : '', nameZh: '', nameEn: '', active: true };

  async function onFinish(v: Values) {
    if (!editing) return;
    setBusy(true);
    setError(null);
    const body = { code: v.code.trim(), nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim(), active: v.active };
    try {
      if (editing.mode === 'edit') {
        const n = editing.node;
        const patch: { code?: string; nameZh?: string; nameEn?: string; active?: boolean } = {};
        if (body.code !== n.code) patch.code = body.code;
        if (body.nameZh !== n.nameZh) patch.nameZh = body.nameZh;
        if (body.nameEn !== n.nameEn) patch.nameEn = body.nameEn;
        if (body.active !== n.active) patch.active = body.active;
        if (Object.keys(patch).length > 0) await endpoints.updateField(n.id, patch);
      } else {
        await endpoints.createField({ ...body, parentCode: editing.parent?.code ?? null });
      }
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const title = !editing
    ? ''
    : editing.mode === 'edit'
      ? t('fields.edit')
      : editing.parent
        ? `${t('fields.addChild')} · ${nameOf(editing.parent)}`
        : t('fields.addRoot');

  return (
    <Modal
      open={!!editing}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initial} preserve={false}>
        <Form.Item name="code" label={t('common.code')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input data-testid="field-form-code" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('common.nameZh')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input data-testid="field-form-nameZh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('common.nameEn')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input data-testid="field-form-nameEn" />
        </Form.Item>
        <Form.Item name="active" label={t('common.status')} valuePropName="checked">
          <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} data-testid="field-form-active" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function FieldsPage() {
  const { t, nameOf } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApi(endpoints.fields, []);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const byId = useMemo(() => index(data ?? []), [data]);
  const selected = selectedId ? byId.get(selectedId) : undefined;

  const treeData = useMemo(() => {
    const title = (n: Field) => `${n.code}  ${nameOf(n)}${n.active ? '' : ` (${t('common.inactive')})`}`;
    return (data ?? []).map((n): DataNode => ({
      key: n.id,
      title: title(n),
      children: n.directions.map((d) => ({ key: d.id, title: title(d), isLeaf: true })),
    }));
  }, [data, nameOf, t]);

  return (
    <div data-testid="fields-page">
      <PageHeader
        title={t('fields.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ mode: 'create', parent: null })}
            data-testid="fields-add-root"
          >
            {t('fields.addRoot')}
          </Button>
        }
      />
      {error ? (
        <Card>
          <LoadError error={error} onRetry={reload} />
        </Card>
      ) : loading && !data ? (
        <PageSpin />
      ) : (
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Card>
              {treeData.length === 0 ? (
                <Empty description={t('common.empty')} />
              ) : (
                <Tree
                  treeData={treeData}
                  defaultExpandAll
                  showLine
                  selectedKeys={selectedId ? [selectedId] : []}
                  onSelect={(keys) => setSelectedId((keys[0] as string | undefined) ?? null)}
                  data-testid="fields-tree"
                />
              )}
            </Card>
          </Col>
          <Col xs={24} md={10}>
            <Card>
              {selected ? (
                <>
                  <Descriptions column={1} bordered size="small">
                    <Descriptions.Item label={t('common.code')}>{selected.node.code}</Descriptions.Item>
                    <Descriptions.Item label={t('common.nameZh')}>{selected.node.nameZh}</Descriptions.Item>
                    <Descriptions.Item label={t('common.nameEn')}>{selected.node.nameEn}</Descriptions.Item>
                    <Descriptions.Item label={t('fields.parent')}>
                      {selected.parent ? `${selected.parent.code} ${nameOf(selected.parent)}` : '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('common.status')}>
                      {selected.node.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>}
                    </Descriptions.Item>
                  </Descriptions>
                  <Space style={{ marginTop: 16 }}>
                    <Button onClick={() => setEditing({ mode: 'edit', node: selected.node })} data-testid="field-edit">
                      {t('fields.edit')}
                    </Button>
                    {!selected.parent && (
                      <Button
                        icon={<PlusOutlined />}
                        onClick={() => setEditing({ mode: 'create', parent: selected.node })}
                        data-testid="field-add-child"
                      >
                        {t('fields.addChild')}
                      </Button>
                    )}
                  </Space>
                </>
              ) : (
                <Empty description={t('fields.select')} />
              )}
            </Card>
          </Col>
        </Row>
      )}
      <FieldModal
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          message.success(t('common.saved'));
          setEditing(null);
          reload();
        }}
      />
    </div>
  );
}
