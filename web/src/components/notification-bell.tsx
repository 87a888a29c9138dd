import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Dropdown, Empty, List, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import * as api from '../services/api.js';
import type { Notification } from '../services/types.js';
import { formatDateTime } from './format.js';

const POLL_MS = 60_000;

/** The latest messages and how many are unread; a click marks one read and opens its link. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [items, setItems] = useState<Notification[]>([]);
  const [open, setOpen] = useState(false);

  const load = useCallback(() => {
    api.listNotifications(1, 20).then((r) => setItems(r.items), () => undefined);
  }, []);

  useEffect(() => {
    load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  const unread = items.filter((n) => !n.read).length;

  const openOne = (n: Notification) => {
    setOpen(false);
    if (!n.read) {
      setItems((xs) => xs.map((x) => (x.id === n.id ? { ...x, read: true } : x)));
      api.markNotificationRead(n.id).catch(() => undefined);
    }
    if (n.link) navigate(n.link);
  };

  return (
    <Dropdown
      trigger={['click']}
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) load();
      }}
      popupRender={() => (
        <div className="bell-panel" role="dialog" aria-label={t('header.notifications')}>
          {items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('header.notificationsEmpty')} />
          ) : (
            <List
              size="small"
              dataSource={items}
              renderItem={(n) => (
                <List.Item className={`bell-item${n.read ? '' : ' unread'}`} onClick={() => openOne(n)}>
                  <div>
                    <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
                    {n.body && <div className="bell-body">{n.body}</div>}
                    <Typography.Text type="secondary" className="small-text">{formatDateTime(n.createdAt)}</Typography.Text>
                  </div>
                </List.Item>
              )}
            />
          )}
        </div>
      )}
    >
      <Button type="text" aria-label={t('header.notificationsLabel', { count: unread })}>
        <Badge count={unread} size="small" overflowCount={19}>
          <BellOutlined className="bell-icon" />
        </Badge>
      </Button>
    </Dropdown>
  );
}
