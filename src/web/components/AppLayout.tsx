/** The frame of every page: title bar with the user and logout. */
import {
  AlertOutlined,
  BellOutlined,
  DashboardOutlined,
  LogoutOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { Badge, Button, Dropdown, Layout, Space, Typography } from 'antd';
import { type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { api } from '../api/client.ts';
import { useAuth } from '../features/auth/AuthContext.tsx';
import { useApi } from '../api/use-api.ts';

/** Header + content. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { me, logout, logoutEverywhere } = useAuth();
  const location = useLocation();
  const waiting = useApi(
    () =>
      me
        ? Promise.all([api.get('/api/close-out/queue'), api.get('/api/notifications')])
        : Promise.resolve(null),
    // The count is refreshed on every navigation, though the load does not read the path.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [me, location.pathname],
  );
  const pending = waiting.data ? waiting.data[0].length + waiting.data[1].filter((x) => !x.isRead).length : 0;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          background: '#b71c1c',
          paddingInline: 24,
        }}
      >
        <Link to="/" style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>
          整改台账
        </Link>
        {me && (
          <Space>
            <Typography.Text style={{ color: '#fff' }} data-testid="current-user">
              {me.displayName} · {me.roleLabel}
              {me.unitName ? ` · ${me.unitName}` : ''}
            </Typography.Text>
            <Link to="/dashboard" data-testid="go-dashboard">
              <Button size="small" icon={<DashboardOutlined />}>
                整改总览
              </Button>
            </Link>
            <Link to="/measures" data-testid="go-search">
              <Button size="small" icon={<SearchOutlined />}>
                措施查询
              </Button>
            </Link>
            <Link to="/supervision" data-testid="go-supervision">
              <Button size="small" icon={<AlertOutlined />}>
                督办单
              </Button>
            </Link>
            <Link to="/queue" data-testid="go-queue">
              <Badge count={pending} size="small">
                <Button size="small" icon={<BellOutlined />}>
                  待办与消息
                </Button>
              </Badge>
            </Link>
            <Dropdown
              menu={{
                items: [
                  ...(me.canAdminister ? [{ key: 'admin', label: <Link to="/admin">系统管理</Link> }] : []),
                  ...(me.canReadAudit ? [{ key: 'audit', label: <Link to="/audit">操作日志</Link> }] : []),
                  { key: 'password', label: <Link to="/account/password">修改密码</Link> },
                  { key: 'all', label: '退出所有设备上的登录', onClick: () => void logoutEverywhere() },
                ],
              }}
            >
              <Button size="small" data-testid="account-menu">
                账号
              </Button>
            </Dropdown>
            <Button size="small" icon={<LogoutOutlined />} onClick={() => void logout()}>
              退出
            </Button>
          </Space>
        )}
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>{children}</Layout.Content>
    </Layout>
  );
}
