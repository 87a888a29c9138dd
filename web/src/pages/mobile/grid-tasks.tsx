import { useEffect, useState } from 'react';
import { Button, DotLoading, ErrorBlock, PullToRefresh, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import { formatDate } from '../../components/format.js';
import * as gt from '../../services/gridtasks-api.js';
import type { GridTask } from '../../services/gridtasks-api.js';
import { NotePopup } from './components/note-popup.js';

/** 网格事项 on the phone: tasks pushed to my grid from the county's admission list, completed with a note. */
export function GridTasksList() {
  const { t } = useTranslation();
  const [items, setItems] = useState<GridTask[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [completing, setCompleting] = useState<GridTask | null>(null);
  const load = () =>
    gt.listGridTasks({ status: 'open', page: 1, pageSize: 50 }).then(
      (r) => { setItems(r.items); setError(null); },
      (e) => setError(errorMessage(e, t('error.unknown'))),
    );
  useEffect(() => void load(), []);

  return (
    <PullToRefresh onRefresh={load}>
      {error && <div className="m-error" role="alert">{error}</div>}
      {!items && !error && <div className="m-center"><DotLoading color="primary" /></div>}
      {items?.length === 0 && <ErrorBlock status="empty" title={t('gridtasks.mobile.empty')} description="" />}
      {items?.map((k) => (
        <article key={k.id} className="m-card" style={{ borderLeftColor: '#1677ff' }} aria-label={k.title}>
          <div className="m-card-head">
            <span className="m-state" style={{ background: '#1677ff' }}>{k.typeName}</span>
            <span className="m-card-category">{k.gridName}</span>
            <span className="m-card-date">{formatDate(k.createdAt)}</span>
          </div>
          <p className="m-card-text"><strong>{k.title}</strong>{k.detail ? `：${k.detail}` : ''}</p>
          <div className="m-card-meta">
            {t('gridtasks.mobile.from', { who: k.fromDepartment ? `${k.assignedBy}（${k.fromDepartment}）` : k.assignedBy })}
            {k.dueOn && <span> · {t('gridtasks.mobile.due', { day: k.dueOn })}</span>}
          </div>
          <div className="m-card-actions">
            <div className="m-handle">
              <Button block size="large" color="success" onClick={() => setCompleting(k)}>{t('gridtasks.mobile.complete')}</Button>
            </div>
          </div>
        </article>
      ))}
      <NotePopup
        visible={!!completing}
        title={t('gridtasks.mobile.completeTitle')}
        requiredMessage={t('gridtasks.mobile.noteRequired')}
        okText={t('gridtasks.mobile.complete')}
        onClose={() => setCompleting(null)}
        onSubmit={async (note) => {
          await gt.completeGridTask(completing!.id, note);
          Toast.show({ icon: 'success', content: t('gridtasks.mobile.completed') });
          setCompleting(null);
          await load();
        }}
      />
    </PullToRefresh>
  );
}
