import { useEffect, useState } from 'react';
import { Button, CapsuleTabs, DotLoading, ErrorBlock, PullToRefresh, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import * as api from '../../services/api.js';
import type { Demand, DemandDetail } from '../../services/types.js';
import { allowedActions } from '../demands/lifecycle.js';
import { DemandCard } from './components/demand-card.js';
import { GridTasksList } from './grid-tasks.js';
import { NotePopup } from './components/note-popup.js';
import { uploadPhoto } from './offline.js';

/** 受理 at once, 办结 with a note — whichever the state table allows this role now. */
export function HandleButtons({ demand, onDone }: { demand: Demand; onDone: (d: DemandDetail) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [busy, setBusy] = useState(false);
  const [resolving, setResolving] = useState(false);
  const actions = allowedActions(demand.state, me.role, ['accept', 'resolve']);
  if (!actions.length) return null;

  const accept = async () => {
    setBusy(true);
    try {
      onDone(await api.demandAction(demand.id, 'accept'));
      Toast.show({ icon: 'success', content: t('mobile.tasks.done', { action: t('mobile.tasks.accept') }) });
    } catch (e) {
      Toast.show({ content: errorMessage(e, t('error.unknown')) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="m-handle">
      {actions.includes('accept') && (
        <Button block size="large" color="primary" loading={busy} onClick={() => void accept()}>{t('mobile.tasks.accept')}</Button>
      )}
      {actions.includes('resolve') && (
        <Button block size="large" color="success" onClick={() => setResolving(true)}>{t('mobile.tasks.resolve')}</Button>
      )}
      <NotePopup
        visible={resolving}
        title={t('mobile.tasks.resolveTitle')}
        requiredMessage={t('mobile.tasks.resolveRequired')}
        okText={t('mobile.tasks.resolve')}
        withPhotos
        onClose={() => setResolving(false)}
        onSubmit={async (note, photos) => {
          // Proof of resolution: the photos go up first, the step carries their ids.
          const attachments: number[] = [];
          for (const p of photos) attachments.push(await uploadPhoto(p));
          onDone(await api.demandAction(demand.id, 'resolve', { note, attachments: attachments.length ? attachments : undefined }));
          Toast.show({ icon: 'success', content: t('mobile.tasks.done', { action: t('mobile.tasks.resolve') }) });
        }}
      />
    </div>
  );
}

type Tab = 'mine' | 'new' | 'grid';

/** Who completes tasks pushed to grids (the server's rule): the grid worker, or community staff for them. */
const GRID_TASK_ROLES = ['grid_worker', 'community_worker', 'community_secretary'];

/** 我的任务: demands assigned to me, new ones in my grid waiting to be taken, and tasks pushed to my grid. */
export default function TasksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const gridTasks = me.permissions.includes('gridtasks.manage') && GRID_TASK_ROLES.includes(me.role);
  const [tab, setTab] = useState<Tab>('mine');
  const [items, setItems] = useState<Demand[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    api.listDemands(tab === 'mine' ? { mine: true, page: 1, pageSize: 50 } : { state: 'submitted', page: 1, pageSize: 50 }).then(
      (r) => {
        setItems(tab === 'mine' ? r.items.filter((d) => !['closed', 'merged'].includes(d.state)) : r.items);
        setError(null);
      },
      (e) => setError(errorMessage(e, t('error.unknown'))),
    );
  useEffect(() => {
    if (tab === 'grid') return;
    setItems(null);
    void load();
  }, [tab]);

  // A step moves the demand to the other tab (or off the list): refresh.
  const done = () => void load();

  return (
    <div className="m-page">
      <CapsuleTabs activeKey={tab} onChange={(k) => setTab(k as Tab)} className="m-capsules">
        <CapsuleTabs.Tab key="mine" title={t('mobile.tasks.mine')} />
        <CapsuleTabs.Tab key="new" title={t('mobile.tasks.new')} />
        {gridTasks && <CapsuleTabs.Tab key="grid" title={t('gridtasks.mobile.tab')} />}
      </CapsuleTabs>
      {tab === 'grid' ? <GridTasksList /> : (
        <PullToRefresh onRefresh={load}>
          {error && <div className="m-error" role="alert">{error}</div>}
          {!items && !error && <div className="m-center"><DotLoading color="primary" /></div>}
          {items?.length === 0 && <ErrorBlock status="empty" title={t('mobile.tasks.empty')} description="" />}
          {items?.map((d) => (
            <DemandCard key={d.id} demand={d} onClick={() => navigate(`/m/demands/${d.id}`)}>
              <HandleButtons demand={d} onDone={done} />
            </DemandCard>
          ))}
        </PullToRefresh>
      )}
    </div>
  );
}
