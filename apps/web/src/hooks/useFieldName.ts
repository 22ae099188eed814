import { useCallback, useEffect, useState } from 'react';
import { endpoints } from '../api/endpoints';
import type { FieldNode } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

/** The field tree, fetched once per page load and shared by every list that names fields. */
let tree: Promise<FieldNode[]> | null = null;

/**
 * Names a field or direction code in the reader's language: "F02 新一代信息技术", "F02.01 新一代信息
 *技术 / 人工智能". Until the tree has loaded (or for a code it does not hold) the code alone is shown.
 */
export function useFieldName(): (code: string | null | undefined) => string {
  const { nameOf } = useI18n();
  const [fields, setFields] = useState<FieldNode[]>([]);
  useEffect(() => {
    let live = true;
    tree ??= endpoints.fields().catch((e: unknown) => {
      tree = null;
      throw e;
    });
    tree.then((f) => live && setFields(f)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return useCallback(
    (code) => {
      if (!code) return '—';
      for (const f of fields) {
        if (f.code === code) return `${code} ${nameOf(f)}`;
        const d = f.directions.find((x) => x.code === code);
        if (d) return `${code} ${nameOf(f)} / ${nameOf(d)}`;
      }
      return code;
    },
    [fields, nameOf],
  );
}
