import { useEffect, useState } from 'react';
import { DotLoading, ErrorBlock, PullToRefresh } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import * as api from '../../services/api.js';
import type { Notification } from '../../services/types.js';

/** Console links (/demands/7) open the phone page of the same demand. */
const phoneLink = (link: string) => link.replace(/^\/demands\/(\d+)$/, '/m/demands/$1');

/** 消息: tap one to mark it read and open what it is about. */
export default function MessagesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [items, setItems] = useState<Notification[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () => api.listNotifications(1, 50).then((r) => setItems(r.items), (e) => setError(errorMessage(e, t('error.unknown'))));
  useEffect(() => void load(), []);

  const open = (n: Notification) => {
    if (!n.read) {
      setItems((xs) => xs?.map((x) => (x.id === n.id ? { ...x, read: true } : x)) ?? null);
      api.markNotificationRead(n.id).catch(() => undefined);
    }
    if (n.link) navigate(phoneLink(n.link));
  };

  return (
    <PullToRefresh onRefresh={load}>
      <div className="m-page">
        {error && <div className="m-error" role="alert">{error}</div>}
        {!items && !error && <div className="m-center"><DotLoading color="primary" /></div>}
        {items?.length === 0 && <ErrorBlock status="empty" title={t('mobile.messages.empty')} description="" />}
        {items?.map((n) => (
          <button key={n.id} type="button" className={`m-message${n.read ? '' : ' unread'}`} onClick={() => open(n)}>
            <span className="m-message-title">{!n.read && <i className="m-dot" aria-hidden />}{n.title}</span>
            {n.body && <span className="m-message-body">{n.body}</span>}
            <span className="m-message-time">{formatDateTime(n.createdAt)}</span>
          </button>
        ))}
      </div>
    </PullToRefresh>
  );
}
