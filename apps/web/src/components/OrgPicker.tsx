import { useEffect, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import type { OrgType } from '@rdplan/domain';
import { endpoints } from '../api/endpoints';
import { useI18n } from '../i18n/I18nProvider';

interface Option {
  value: string;
  label: string;
}

/** Multi-select of organisations with server-side search; `initial` labels the current values. */
export function OrgPicker({
  value,
  onChange,
  initial,
  testId,
  type,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  initial: Option[];
  testId?: string;
  /** Only offer organisations of this type (e.g. chain leaders must be enterprises). */
  type?: OrgType;
}) {
  const { t } = useI18n();
  const [options, setOptions] = useState<Option[]>(initial);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => setOptions(initial), [initial]);

  function search(q: string) {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(async () => {
      setLoading(true);
      try {
        const res = await endpoints.organisations({ q, type, page: 1, pageSize: 20 });
        const found = res.items.map((o) => ({ value: o.id, label: `${o.name} (${o.uscc})` }));
        const selected = options.filter((o) => value?.includes(o.value));
        const seen = new Set(found.map((o) => o.value));
        setOptions([...selected.filter((o) => !seen.has(o.value)), ...found]);
      } catch {
        /* keep what we have */
      } finally {
        setLoading(false);
      }
    }, 300);
  }

  return (
    <Select
      mode="multiple"
      value={value}
      onChange={onChange}
      options={options}
      showSearch={{ filterOption: false, onSearch: search }}
      notFoundContent={loading ? <Spin size="small" /> : t('common.empty')}
      placeholder={t('chainsAdmin.leaderHelp')}
      aria-label={t('chainsAdmin.leaderHelp')}
      data-testid={testId}
    />
  );
}
