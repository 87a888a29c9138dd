import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../components/format.js';
import { useLoad } from '../../../components/use-load.js';
import * as partyApi from '../../../services/party-api.js';
import type { SecretaryKind } from '../../../services/types.js';

/** Who led this party org, of which kind, from when to when. */
export function SecretaryHistory({ partyOrgId, version }: { partyOrgId: number; version: number }) {
  const { t } = useTranslation();
  const { data, loading } = useLoad(`${partyOrgId}|${version}`, () => partyApi.listSecretaryAppointments(partyOrgId), t('error.unknown'));
  // A list that cannot be read shows as empty.
  const items = loading ? null : data?.items ?? [];
  return (
    <Card size="small" title={t('partyUpkeep.appointments.title')}>
      <Table<partyApi.SecretaryAppointment>
        aria-label={t('partyUpkeep.appointments.title')}
        rowKey="id"
        size="small"
        loading={!items}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: t('partyUpkeep.appointments.empty') }}
        columns={[
          { title: t('party.col.name'), dataIndex: 'name' },
          { title: t('partyUpkeep.field.secretaryKind'), dataIndex: 'secretaryKind', render: (k: SecretaryKind) => t(`secretaryKind.${k}`) },
          { title: t('partyUpkeep.appointments.from'), dataIndex: 'appointedAt', render: (d: string) => formatDate(d) },
          { title: t('partyUpkeep.appointments.to'), dataIndex: 'endedAt', render: (d: string | null) => (d ? formatDate(d) : t('partyUpkeep.appointments.current')) },
        ]}
      />
    </Card>
  );
}
