import { useState } from 'react';
import { App, type ButtonProps, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FOLLOWUP_KINDS, FOLLOWUP_OUTPUT_TYPES, type FollowupKind, type FollowupOutputType } from '@rdplan/domain';
import { ApiError, errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { followupApi, type FollowupEntry, type FollowupUnit } from './api';

interface Values {
  kind: FollowupKind;
  outputType?: FollowupOutputType;
  title: string;
  occurredOn: Dayjs;
  detail?: string;
  orgId?: string;
}

/** Adds or edits one follow-up entry (officers). */
export function EntryModal({
  nationalId,
  entry,
  units,
  onClose,
  onSaved,
}: {
  nationalId: string;
  entry: FollowupEntry | null;
  units: FollowupUnit[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);
  const orgs = units.filter((u) => u.orgId);

  async function save() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    const body = {
      kind: v.kind,
      outputType: v.kind === 'output' ? (v.outputType ?? null) : null,
      title: v.title.trim(),
      occurredOn: v.occurredOn.format('YYYY-MM-DD'),
      detail: (v.detail ?? '').trim(),
      orgId: v.orgId ?? null,
    };
    try {
      if (entry) await followupApi.updateEntry(nationalId, entry.id, body);
      else await followupApi.addEntry(nationalId, body);
      message.success(t('followup.saved'));
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details)) {
        const fields = (e.details as { path?: string; message?: string }[]).flatMap((d) => {
          const name = d.path?.startsWith('body.') ? d.path.slice(5) : null;
          return name && ['kind', 'outputType', 'title', 'occurredOn', 'detail', 'orgId'].includes(name)
            ? [{ name: name as keyof Values, errors: [d.message ?? ''] }]
            : [];
        });
        if (fields.length > 0) form.setFields(fields);
        else message.error(errorMessage(e));
      } else {
        message.error(errorMessage(e));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={entry ? t('followup.editEntry') : t('followup.add')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'followup-save' } as ButtonProps}
      destroyOnHidden
      data-testid="followup-entry-modal"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          entry
            ? {
                kind: entry.kind,
                outputType: entry.outputType ?? undefined,
                title: entry.title,
                occurredOn: dayjs(entry.occurredOn),
                detail: entry.detail,
                orgId: entry.orgId ?? undefined,
              }
            : { kind: 'meeting' }
        }
      >
        <Form.Item name="kind" label={t('followup.kind')} rules={[{ required: true, message: t('followup.required') }]}>
          <Select options={FOLLOWUP_KINDS.map((k) => ({ value: k, label: t(`followup.kind.${k}`) }))} data-testid="followup-kind" />
        </Form.Item>
        {kind === 'output' && (
          <Form.Item name="outputType" label={t('followup.outputType')} rules={[{ required: true, message: t('followup.required') }]}>
            <Select
              options={FOLLOWUP_OUTPUT_TYPES.map((k) => ({ value: k, label: t(`followup.outputType.${k}`) }))}
              data-testid="followup-output-type"
            />
          </Form.Item>
        )}
        <Form.Item
          name="title"
          label={t('followup.entryTitle')}
          extra={t('followup.entryTitleHint')}
          rules={[{ required: true, whitespace: true, message: t('followup.required') }, { max: 200 }]}
        >
          <Input maxLength={200} data-testid="followup-title" />
        </Form.Item>
        <Form.Item name="occurredOn" label={t('followup.entryDate')} rules={[{ required: true, message: t('followup.required') }]}>
          <DatePicker style={{ width: '100%' }} data-testid="followup-date" />
        </Form.Item>
        <Form.Item name="detail" label={t('followup.entryDetail')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="followup-detail" />
        </Form.Item>
        {orgs.length > 0 && (
          <Form.Item name="orgId" label={t('followup.entryOrg')}>
            <Select allowClear options={orgs.map((u) => ({ value: u.orgId!, label: u.orgName ?? u.name }))} data-testid="followup-org" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
