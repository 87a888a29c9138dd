import { useEffect, useState, type ReactNode } from 'react';
import { Button, Input, Space, type TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { OrgTreeSelect } from './org-tree-select.js';
import { PAGE_SIZES, readInt, useUrlState } from './use-paged.js';

/** Lists whose toolbar filters by place and words; their labels are `<list>.filter.*`. */
export type ToolbarList = 'merchants' | 'households' | 'residents';

/** A list's place, words and page, kept in the URL so links and back/forward work. */
export function useListFilters() {
  const { params, update, reset } = useUrlState();
  return {
    params,
    update,
    reset,
    orgId: readInt(params, 'orgId', 0) || undefined,
    q: params.get('q') ?? '',
    page: readInt(params, 'page', 1),
    pageSize: readInt(params, 'pageSize', 20),
  };
}

type ListFilters = ReturnType<typeof useListFilters>;

/** The table's pager over the URL's page and pageSize (the defaults are left out of the URL). */
/** `exact` false: more than `total` match (the server stopped counting there), shown as "10000+". */
export function useUrlPaging({ page, pageSize, update }: ListFilters, total: number | undefined, exact = true) {
  const { t } = useTranslation();
  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total: total ?? 0,
    pageSizeOptions: PAGE_SIZES,
    showSizeChanger: true,
    showTotal: (n) => (exact ? t('common.total', { count: n }) : t('common.totalAtLeast', { count: n })),
  };
  const onChange = (p: TablePaginationConfig) =>
    update({ page: p.current === 1 ? undefined : p.current, pageSize: p.pageSize === 20 ? undefined : p.pageSize });
  return { pagination, onChange };
}

/**
 * Place and search filters over a list, with a reset button once any filter is set; `children`
 * go between the search box and reset (extra filters shown as tags).
 */
export function ListToolbar({ list, filters, orgWidth = 280, searchWidth = 300, filtered, children }: {
  list: ToolbarList;
  filters: ListFilters;
  orgWidth?: number;
  searchWidth?: number;
  /** Filters besides place and words that are set (they make reset show too). */
  filtered?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { orgId, q, update, reset } = filters;
  const [draft, setDraft] = useState(q);
  // Back/forward or a link changes the words in the URL: the box follows.
  useEffect(() => setDraft(q), [q]);
  return (
    <Space wrap className="toolbar">
      <OrgTreeSelect
        aria-label={t(`${list}.filter.org`)}
        placeholder={t(`${list}.filter.orgPlaceholder`)}
        style={{ width: orgWidth }}
        value={orgId}
        onChange={(id) => update({ orgId: id, page: undefined })}
      />
      <Input.Search
        aria-label={t(`${list}.filter.q`)}
        placeholder={t(`${list}.filter.qPlaceholder`)}
        allowClear
        enterButton={t('common.search')}
        style={{ width: searchWidth }}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onSearch={(v) => update({ q: v.trim(), page: undefined })}
      />
      {children}
      {(orgId || q || filtered) && (
        <Button
          onClick={() => {
            setDraft('');
            reset();
          }}
        >
          {t('common.reset')}
        </Button>
      )}
    </Space>
  );
}
