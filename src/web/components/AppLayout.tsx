/** The frame of every page: title bar with the user and logout. */
import { LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../features/auth/AuthContext.tsx';

/** Header + content. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { me, logout } = useAuth();
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
