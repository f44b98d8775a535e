/** Change one's own password; shown instead of the app when the account must change it first. */
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';

import { passwordProblems } from '@shared/password-policy.ts';
import { api } from '../api/client.ts';
import { useAuth } from '../features/auth/AuthContext.tsx';
import { errorMessage } from '../api/use-api.ts';

type TFields = { currentPassword: string; newPassword: string; repeat: string };

/** The form; `isForced` explains why it appears. */
export function ChangePasswordPage({ isForced, onDone }: { isForced: boolean; onDone?: () => void }) {
  const { me, replaceMe, logout } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const submit = async (v: TFields) => {
    setSaving(true);
    setError(null);
    try {
      replaceMe(
        await api.post('/api/auth/change-password', {
          body: {
            currentPassword: v.currentPassword,
            newPassword: v.newPassword,
          },
        }),
      );
      onDone?.();
    } catch (e) {
      setError(errorMessage(e, '修改失败，请重试'));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 48 }}>
      <Card title="修改密码" style={{ width: 420 }}>
        {isForced && (
          <Alert
            type="warning"
            showIcon
            title="首次登录或密码被重置后，请先设置您自己的密码"
            style={{ marginBottom: 16 }}
          />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            data-testid="password-error"
          />
        )}
        <Form<TFields> layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item
            name="currentPassword"
            label="当前密码"
            rules={[{ required: true, message: '请输入当前密码' }]}
          >
            <Input.Password autoComplete="current-password" data-testid="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            rules={[
              { required: true, message: '请输入新密码' },
              {
                validator: (_, value: string | undefined) => {
                  const p = passwordProblems(value ?? '', me?.username ?? '');
                  return p.length === 0 ? Promise.resolve() : Promise.reject(new Error(p.join('；')));
                },
              },
            ]}
            extra="至少 10 位，不能包含用户名，不能是常见密码"
          >
            <Input.Password autoComplete="new-password" data-testid="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label="再次输入新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="repeat-password" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={isSaving}
            data-testid="change-password-submit"
          >
            确认修改
          </Button>
          {isForced && (
            <Typography.Link
              onClick={() => void logout()}
              style={{ display: 'block', marginTop: 12, textAlign: 'center' }}
            >
              退出登录
            </Typography.Link>
          )}
        </Form>
      </Card>
    </div>
  );
}
