/** The frame of every page: title bar with the user and logout. */
import {
  AlertOutlined,
  BellOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  LogoutOutlined,
  MenuOutlined,
  MessageOutlined,
  ProfileOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { Badge, Button, Dropdown, Grid, Layout, Space, Typography } from 'antd';
import { type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../features/auth/AuthContext.tsx';
import { useBadge } from './use-badge.ts';

/** Header + content. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { me, logout, logoutEverywhere } = useAuth();
  const location = useLocation();
  // Live: polled with an ETag, and looked at again on every navigation.
  const pending = useBadge(me !== null, location.pathname);
  // Below a laptop's width (992 px) the links fold into one menu; the name is shortened below 1200 px.
  const screens = Grid.useBreakpoint();
  const isNarrow = screens.lg === false;
  const pages = [
    { key: 'work', label: <Link to="/work">我的工作</Link> },
    { key: 'dashboard', label: <Link to="/dashboard">整改总览</Link> },
    { key: 'inspections', label: <Link to="/inspections">整改台账</Link> },
    { key: 'measures', label: <Link to="/measures">措施查询</Link> },
    { key: 'supervision', label: <Link to="/supervision">督办单</Link> },
    ...(me?.canReadOpinions ? [{ key: 'opinions', label: <Link to="/opinions">群众意见</Link> }] : []),
    { key: 'queue', label: <Link to="/queue">待办与消息</Link> },
  ];
  const accountItems = [
    ...(me?.canAdminister ? [{ key: 'admin', label: <Link to="/admin">系统管理</Link> }] : []),
    ...(me?.canReadAudit ? [{ key: 'audit', label: <Link to="/audit">操作日志</Link> }] : []),
    { key: 'channels', label: <Link to="/account/channels">消息接收设置</Link> },
    { key: 'password', label: <Link to="/account/password">修改密码</Link> },
    { key: 'all', label: '退出所有设备上的登录', onClick: () => void logoutEverywhere() },
    ...(isNarrow ? [{ key: 'logout', label: '退出', onClick: () => void logout() }] : []),
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          background: '#b71c1c',
          paddingInline: isNarrow ? 12 : 24,
          gap: 8,
        }}
      >
        <Link to="/" style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>
          整改台账
        </Link>
        {me && isNarrow && (
          // A phone: the user's name, the messages and one menu for the rest; nothing wider than the screen.
          <Space size="small" align="center" style={{ minWidth: 0, flexWrap: 'nowrap' }}>
            <Typography.Text
              style={{ color: '#fff', maxWidth: 110, lineHeight: '22px', display: 'block' }}
              ellipsis
              data-testid="current-user"
            >
              {me.displayName}
            </Typography.Text>
            <Link to="/queue" data-testid="go-queue">
              <Badge count={pending} size="small">
                <Button size="small" icon={<BellOutlined />} aria-label="待办与消息" />
              </Badge>
            </Link>
            <Dropdown menu={{ items: [...pages, ...accountItems] }} trigger={['click']}>
              <Button size="small" icon={<MenuOutlined />} data-testid="nav-menu">
                菜单
              </Button>
            </Dropdown>
          </Space>
        )}
        {me && !isNarrow && (
          <Space align="center">
            <Typography.Text
              style={{
                color: '#fff',
                maxWidth: screens.xl === false ? 140 : 320,
                lineHeight: '22px',
                display: 'block',
              }}
              ellipsis={{ tooltip: true }}
              data-testid="current-user"
            >
              {me.displayName} · {me.roleLabel}
              {me.unitName ? ` · ${me.unitName}` : ''}
            </Typography.Text>
            <Link to="/work" data-testid="go-work">
              <Button size="small" icon={<CheckSquareOutlined />}>
                我的工作
              </Button>
            </Link>
            <Link to="/dashboard" data-testid="go-dashboard">
              <Button size="small" icon={<DashboardOutlined />}>
                整改总览
              </Button>
            </Link>
            <Link to="/inspections" data-testid="go-inspections">
              <Button size="small" icon={<ProfileOutlined />}>
                整改台账
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
            {me.canReadOpinions && (
              <Link to="/opinions" data-testid="go-opinions">
                <Button size="small" icon={<MessageOutlined />}>
                  群众意见
                </Button>
              </Link>
            )}
            <Link to="/queue" data-testid="go-queue">
              <Badge count={pending} size="small">
                <Button size="small" icon={<BellOutlined />}>
                  待办与消息
                </Button>
              </Badge>
            </Link>
            <Dropdown menu={{ items: accountItems }}>
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
      <Layout.Content style={{ padding: isNarrow ? 8 : 16, minWidth: 0 }}>{children}</Layout.Content>
    </Layout>
  );
}
