import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

/** Page and page size of a server-paged table, and the antd pagination settings that drive them. */
export function usePaging(options: { sizeChanger?: boolean } = {}) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: total ?? 0,
    ...(options.sizeChanger ? { showSizeChanger: true } : {}),
    showTotal: (n) => t('common.total', { n }),
    onChange: (p, s) => {
      setPage(p);
      setPageSize(s);
    },
  });
  return { page, pageSize, setPage, pagination };
}
