import { useState } from 'react';
import { Alert, Card, Progress, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePaged } from '../../../components/use-paged.js';
import * as partyApi from '../../../services/party-api.js';

const ratio = (n: number, of: number) => (of ? Math.round((n / of) * 100) : 0);

/** 党组织覆盖 per community, counted live by the server: grids with a branch, buildings with a group. */
export function CoveragePanel({ orgId, version }: { orgId?: number; version: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const data = usePaged<partyApi.PartyCoverage>(`${orgId}|${page}|${version}`, () => partyApi.listPartyCoverage({ orgId, page, pageSize: 10 }), t('error.unknown'));
  return (
    <Card size="small" title={t('partyUpkeep.coverage.title')} className="page-alert">
      {data.error && <Alert type="error" showIcon title={data.error} className="page-alert" />}
      <Table<partyApi.PartyCoverage>
        aria-label={t('partyUpkeep.coverage.title')}
        rowKey="communityId"
        size="small"
        loading={data.loading}
        dataSource={data.data?.items ?? []}
        pagination={{ current: page, pageSize: 10, total: data.data?.total ?? 0, hideOnSinglePage: true, onChange: setPage }}
        columns={[
          { title: t('partyUpkeep.coverage.community'), dataIndex: 'name' },
          {
            title: t('partyUpkeep.coverage.grids'),
            render: (_, r) => (
              <span>
                <span data-testid="coverage-grids">{t('partyUpkeep.coverage.of', { n: r.gridsWithBranch, of: r.grids })}</span>
                <Progress percent={ratio(r.gridsWithBranch, r.grids)} size="small" />
              </span>
            ),
          },
          {
            title: t('partyUpkeep.coverage.buildings'),
            render: (_, r) => (
              <span>
                <span data-testid="coverage-buildings">{t('partyUpkeep.coverage.of', { n: r.buildingsWithGroup, of: r.buildings })}</span>
                <Progress percent={ratio(r.buildingsWithGroup, r.buildings)} size="small" />
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}
