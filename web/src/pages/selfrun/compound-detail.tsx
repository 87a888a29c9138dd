import { Alert, Tabs } from 'antd';
import type { TabsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/selfrun-compounds-api.js';
import { CommitteeTab, FiveHavesTab, UnitsTab } from './compound-tabs.js';
import { VotesList } from './votes.js';
import { StepsPanel } from './steps-detail.js';
import { AccountPanel } from './account-detail.js';

/**
 * 小区详情: one compound's page. Other parts of the selfrun module add their own tab by one line
 * in `items` below (each tab takes the compound's id).
 */
export default function CompoundDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const head = useLoad(`compound|${id}`, () => api.getCompound(id), t('error.unknown'));
  const items: TabsProps['items'] = [
    { key: 'units', label: t('selfrunCompounds.tab.units'), children: <UnitsTab compoundId={id} onChange={head.reload} /> },
    { key: 'committee', label: t('selfrunCompounds.tab.committee'), children: <CommitteeTab compoundId={id} /> },
    { key: 'fiveHaves', label: t('selfrunCompounds.tab.fiveHaves'), children: <FiveHavesTab compoundId={id} onChange={head.reload} /> },
    { key: 'votes', label: t('selfrunVotes.tab'), children: <VotesList compoundId={id} /> },
    { key: 'steps', label: t('selfrunSteps.tab'), children: <StepsPanel compoundId={id} /> },
    { key: 'account', label: t('selfrunAccount.tab'), children: <AccountPanel compoundId={id} /> },
  ];
  const c = head.data;
  return (
    <div>
      <PageHeader
        title={c ? c.name : t('nav.selfrunCompounds')}
        description={c ? t('selfrunCompounds.headline', { community: c.community, mode: t(`selfrunCompounds.mode.${c.mode}`), units: c.units, owners: c.owners }) : undefined}
      />
      {head.error && <Alert type="error" showIcon message={head.error} style={{ marginBottom: 12 }} />}
      <Tabs items={items} destroyOnHidden />
    </div>
  );
}
