import { Alert, Card, Descriptions, Empty, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { PageHeader } from '../../components/page-header.js';
import { formatDateTime } from '../../components/format.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/newgroups-register-api.js';
import { CloseWithReason } from './close-with-reason.js';
import { Workers } from './register.js';

const P = 'newgroupsRegister';

/** One station: its place, workers (party members, applicants), the party organisations covering it and their instructors. */
export default function StationDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const st = useLoad(`st|${id}`, () => api.getStation(id), t('error.unknown'));
  const s = st.data;
  return (
    <div>
      <PageHeader title={s?.name ?? t(`${P}.station`)} extra={s && !s.closed && can('newgroups.manage') && (
        <CloseWithReason label={t(`${P}.closeStation`)} title={t(`${P}.closeStationTitle`, { name: s.name })} note={t(`${P}.closeStationNote`)}
          act={(reason) => api.closeStation(id, reason)} onDone={st.reload} />
      )} />
      {st.error && <Alert type="error" showIcon message={st.error} />}
      {s?.closedAt && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }}
          title={t(`${P}.stationClosedAt`, { at: formatDateTime(s.closedAt), reason: s.closeReason ?? '' })} />
      )}
      {s && (
        <>
          <Descriptions bordered size="small" column={3} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t(`${P}.platform`)}>{s.platformName}</Descriptions.Item>
            <Descriptions.Item label={t(`${P}.unit`)}>{s.unitName}</Descriptions.Item>
            <Descriptions.Item label={t(`${P}.address`)}>{s.address}</Descriptions.Item>
            <Descriptions.Item label={t(`${P}.manager`)}>{s.managerName}</Descriptions.Item>
            <Descriptions.Item label={t(`${P}.workers`)}>{s.workers}</Descriptions.Item>
            <Descriptions.Item label={t(`${P}.membersApplicants`)}>{s.members} / {s.applicants}</Descriptions.Item>
            <Descriptions.Item label={t(`${P}.covered`)}>{s.covered ? <Tag color="red">{t(`${P}.yes`)}</Tag> : <Tag>{t(`${P}.no`)}</Tag>}</Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t(`${P}.tab.orgs`)} style={{ marginBottom: 16 }}>
            {s.partyOrgs.length ? (
              <List dataSource={s.partyOrgs} renderItem={(o) => (
                <List.Item>
                  {o.name} <Tag>{t(`${P}.partyOrgKind.${o.kind}`)}</Tag>
                  {o.instructors.map((i) => <Tag key={i.name} color="blue">{t(`${P}.instructorName`)}：{i.name}（{i.sentBy}）</Tag>)}
                </List.Item>
              )} />
            ) : <Empty description={t(`${P}.noOrg`)} />}
          </Card>
          <Card size="small" title={t(`${P}.tab.workers`)}>
            <Workers canManage={can('newgroups.manage') && !s.closed} stationId={id} />
          </Card>
        </>
      )}
    </div>
  );
}
