import { useState } from 'react';
import { Avatar, Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import { DownOutlined, EnvironmentOutlined, KeyOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from './auth-provider.js';
import { ChangePasswordModal } from './change-password-modal.js';
import { LanguageSwitch } from './language-switch.js';
import { NAV_GROUPS, allowedNavItems, selectedNavItem } from './nav-items.js';
import { NotificationBell } from './notification-bell.js';
import { orgKindLabel } from './labels.js';
import { chooseView } from '../view-choice.js';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);

  const items = allowedNavItems(me);
  const selected = selectedNavItem(items, location.pathname)?.path;

  const onLogout = () => void signOut().catch(() => undefined);

  return (
    <Layout className="app-shell">
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} trigger={null} width={208} breakpoint="lg">
        <div className="app-brand" aria-label={t('app.name')}>
          <span className="app-brand-mark">{t('app.mark')}</span>
          {!collapsed && <span className="app-brand-name">{t('app.name')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          aria-label={t('nav.label')}
          selectedKeys={selected ? [selected] : []}
          items={NAV_GROUPS.map((g) => ({ g, entries: items.filter((i) => i.group === g) }))
            .filter(({ entries }) => entries.length > 0)
            .map(({ g, entries }) => ({
              type: 'group' as const,
              key: `group-${g}`,
              // A folded menu shows icons only; the headings would be cut to a letter.
              label: collapsed ? null : t(`navGroup.${g}`),
              children: entries.map((i) => ({ key: i.path, icon: i.icon, label: t(`nav.${i.label}`) })),
            }))}
          onClick={(e) => navigate(e.key)}
        />
      </Sider>
      <Layout>
        <Header className="app-header">
          <Button
            type="text"
            aria-label={collapsed ? t('header.expandMenu') : t('header.collapseMenu')}
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!collapsed)}
          />
          <Typography.Text className="app-header-title">{t('app.subtitle')}</Typography.Text>
          <Space size="middle" className="app-header-right">
            <Tag icon={<EnvironmentOutlined />} color="red" className="app-scope" title={t('header.scope')}>
              {t('header.scopeValue', { name: me.scope.name, kind: orgKindLabel(t, me.scope.kind) })}
            </Tag>
            <NotificationBell />
            <LanguageSwitch />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  // Grid workers work on the phone pages; the console is their choice (电脑版), and this undoes it.
                  ...(me.role === 'grid_worker' ? [{ key: 'phone', icon: <MobileOutlined />, label: t('header.phoneVersion') }] : []),
                  { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
                ],
                onClick: ({ key }) => {
                  if (key === 'phone') {
                    chooseView('phone');
                    navigate('/m/tasks');
                  } else if (key === 'password') setPasswordOpen(true);
                  else onLogout();
                },
              }}
            >
              <Button type="text" className="app-user" aria-label={t('header.accountMenu', { name: me.displayName })}>
                <Avatar size="small" icon={<UserOutlined />} />
                <span className="app-user-name">{me.displayName}</span>
                <Tag className="app-user-role">{t(`role.${me.role}`)}</Tag>
                <DownOutlined />
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content className="app-content">
          <Outlet />
        </Content>
      </Layout>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
