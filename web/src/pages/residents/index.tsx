import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { EyeOutlined, FlagFilled, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../components/auth-provider.js';
import { ListToolbar, useListFilters, useUrlPaging } from '../../components/list-toolbar.js';
import { PageHeader } from '../../components/page-header.js';
import { readInt, usePaged } from '../../components/use-paged.js';
import * as api from '../../services/api.js';
import type { PiiField, Relation, Resident } from '../../services/types.js';
import { AddResidentModal } from './components/add-resident-modal.js';
import { RevealModal } from './components/reveal-modal.js';

export default function ResidentsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const filters = useListFilters();
  const { params, update, orgId, q, page, pageSize } = filters;
  const householdId = readInt(params, 'householdId', 0) || undefined;
  const householdLabel = params.get('household') ?? (householdId ? `#${householdId}` : '');
  const [reveal, setReveal] = useState<{ resident: Resident; field: PiiField } | null>(null);
  const [adding, setAdding] = useState(false);
  const canReveal = can('pii.reveal');


  const { data, loading, error, reload } = usePaged(
    `${orgId}|${householdId}|${q}|${page}|${pageSize}`,
    () => api.listResidents({ orgId, householdId, q: q || undefined, page, pageSize }),
    t('error.unknown'),
  );
  const paging = useUrlPaging(filters, data?.total, data?.totalExact ?? true);

  const masked = (r: Resident, field: PiiField) => {
    const v = field === 'idNumber' ? r.idNumber : r.phone;
    if (!v) return <Typography.Text type="secondary">{t('residents.noPhone')}</Typography.Text>;
    return (
      <Space size={4}>
        <span className="mono">{v}</span>
        {canReveal && (
          <Tooltip title={t('residents.reveal.tooltip')}>
            <Button
              size="small"
              type="link"
              icon={<EyeOutlined />}
              aria-label={t('residents.reveal.buttonLabel', { field: t(`residents.pii.${field}`), name: r.name })}
              onClick={() => setReveal({ resident: r, field })}
            >
              {t('residents.reveal.button')}
            </Button>
          </Tooltip>
        )}
      </Space>
    );
  };

  return (
    <div>
      <PageHeader
        title={t('nav.residents')}
        description={t('residents.description')}
        extra={
          can('people.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('residents.add.button')}
            </Button>
          )
        }
      />
      <Card>
        <ListToolbar list="residents" filters={filters} orgWidth={260} searchWidth={380} filtered={!!householdId}>
            {householdId && (
              <Tag closable color="blue" onClose={() => update({ householdId: undefined, household: undefined, page: undefined })}>
                {t('residents.filter.household', { address: householdLabel })}
              </Tag>
            )}
        </ListToolbar>
        {error && <Alert type="error" showIcon title={error} className="page-alert" />}
        <Table<Resident>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          scroll={{ x: 1100 }}
          locale={{ emptyText: q || orgId || householdId ? t('residents.emptyFiltered') : t('residents.empty') }}
          {...paging}
          columns={[
            {
              title: t('residents.col.name'),
              dataIndex: 'name',
              width: 130,
              fixed: 'left',
              render: (name: string, r) => (
                <Space size={4}>
                  {name}
                  {r.isPartyMember && (
                    <Tooltip title={t('residents.partyMember')}>
                      <FlagFilled className="party-flag" aria-label={t('residents.partyMember')} />
                    </Tooltip>
                  )}
                </Space>
              ),
            },
            { title: t('residents.col.gender'), dataIndex: 'gender', width: 90, render: (g: 'male' | 'female') => t(`gender.${g}`) },
            { title: t('residents.col.age'), dataIndex: 'age', width: 70, align: 'right' },
            { title: t('residents.col.relation'), dataIndex: 'relation', width: 130, render: (v: Relation) => t(`relation.${v}`) },
            { title: t('residents.col.idNumber'), key: 'idNumber', width: 270, render: (_, r) => masked(r, 'idNumber') },
            { title: t('residents.col.phone'), key: 'phone', width: 200, render: (_, r) => masked(r, 'phone') },
            { title: t('residents.col.address'), dataIndex: 'address', ellipsis: true, render: (v: string | null) => v ?? '-' },
          ]}
        />
      </Card>
      {reveal && <RevealModal resident={reveal.resident} field={reveal.field} onClose={() => setReveal(null)} />}
      <AddResidentModal
        open={adding}
        onClose={() => setAdding(false)}
        onDone={reload}
        household={householdId ? { id: householdId, label: householdLabel } : undefined}
      />
    </div>
  );
}
