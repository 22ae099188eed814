import { Select } from 'antd';
import { REGIONS, regionLabel } from '@rdplan/domain';
import { useI18n } from '../i18n/I18nProvider';

/** Registered region picker over the GB/T 2260 table, Guangzhou districts first. */
export function RegionSelect({
  id,
  value,
  onChange,
  testId,
}: {
  /** From the Form.Item, so its label names the field. */
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  testId?: string;
}) {
  const { lang } = useI18n();
  const options = REGIONS.filter((r) => r.level !== 'province' || ['110000', '120000', '310000', '810000', '820000'].includes(r.code))
    .map((r) => ({ value: r.code, label: `${regionLabel(r.code, lang)} (${r.code})` }))
    .sort((a, b) => {
      const ga = a.value.startsWith('4401') ? 0 : 1;
      const gb = b.value.startsWith('4401') ? 0 : 1;
      return ga - gb || a.value.localeCompare(b.value);
    });
  return (
    <Select id={id} showSearch={{ optionFilterProp: 'label' }} value={value} onChange={onChange} options={options} data-testid={testId} />
  );
}
