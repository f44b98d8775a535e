/**
 * 消息渠道: the administrator turns each channel on and sets it up. Secrets are write-only: the form shows whether
 * each is set (and whether it comes from the environment); leaving a secret empty keeps the stored one.
 */
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import type {
  TChannel,
  TChannelSettingsRequest,
  TChannelTestResult,
  TChannelView,
} from '@shared/channels.ts';
import { api } from '../../api/client.ts';
import { errorMessage, useApi } from '../../api/use-api.ts';
import { FailedDeliveries } from './FailedDeliveries.tsx';

const SECRET_LABELS: Record<string, string> = {
  password: 'SMTP 密码',
  webhookUrl: '机器人 Webhook 地址（含 key / access_token）',
  signSecret: '签名（加签）密钥',
};

/** The plain settings each channel asks for. */
const FIELDS: Record<TChannel, Array<[string, string, 'text' | 'number' | 'boolean']>> = {
  email: [
    ['host', 'SMTP 服务器', 'text'],
    ['port', '端口', 'number'],
    ['secure', '使用 SSL（465 端口）', 'boolean'],
    ['user', '用户名', 'text'],
    ['from', '发件人地址', 'text'],
  ],
  wecom: [],
  dingtalk: [],
  webhook: [['url', '接收地址', 'text']],
};

function ChannelCard({ view, onSaved }: { view: TChannelView; onSaved: (next: TChannelView[]) => void }) {
  const { message } = App.useApp();
  const [enabled, setEnabled] = useState(view.enabled);
  const [values, setValues] = useState<Record<string, string | number | boolean>>({
    ...(view.channel === 'email' ? { port: 25, secure: false } : {}),
    ...view.settings,
  });
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [isSaving, setSaving] = useState(false);
  const [testTo, setTestTo] = useState('');
  const [isTesting, setTesting] = useState(false);
  const [tested, setTested] = useState<TChannelTestResult | null>(null);
  // Sends a test on the settings as saved (save first): the channel's own answer is shown.
  const sendTest = () => {
    setTesting(true);
    setTested(null);
    api
      .post('/api/admin/channels/:channel/test', {
        params: { channel: view.channel },
        body: { to: testTo.trim() },
      })
      .then(setTested)
      .catch((e: unknown) => void message.error(errorMessage(e, '测试失败')))
      .finally(() => setTesting(false));
  };
  const save = () => {
    setSaving(true);
    const sent = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== ''));
    api
      .put('/api/admin/channels/:channel', {
        params: { channel: view.channel },
        body: { channel: view.channel, enabled, ...values, ...sent } as TChannelSettingsRequest,
      })
      .then((next) => {
        void message.success(`已保存${view.label}设置`);
        setSecrets({});
        onSaved(next);
      })
      .catch((e: unknown) => void message.error(errorMessage(e, '保存失败')))
      .finally(() => setSaving(false));
  };
  return (
    <Card
      size="small"
      title={view.label}
      data-testid={`channel-${view.channel}`}
      extra={
        <Space>
          {view.pending > 0 && <Tag>待发送 {view.pending}</Tag>}
          {view.failed > 0 && <Tag color="error">发送失败 {view.failed}</Tag>}
          <Switch checked={enabled} onChange={setEnabled} checkedChildren="开启" unCheckedChildren="关闭" />
        </Space>
      }
    >
      <Form layout="vertical">
        {FIELDS[view.channel].map(([key, label, kind]) => (
          <Form.Item key={key} label={label}>
            {kind === 'boolean' ? (
              <Switch checked={values[key] === true} onChange={(v) => setValues({ ...values, [key]: v })} />
            ) : kind === 'number' ? (
              <InputNumber
                min={1}
                max={65535}
                value={Number(values[key] ?? 0)}
                onChange={(v) => setValues({ ...values, [key]: v ?? 0 })}
              />
            ) : (
              <Input
                value={String(values[key] ?? '')}
                onChange={(e) => setValues({ ...values, [key]: e.target.value })}
              />
            )}
          </Form.Item>
        ))}
        {view.secrets.map((s) => (
          <Form.Item
            key={s.name}
            label={SECRET_LABELS[s.name] ?? s.name}
            extra={
              s.fromEnvironment
                ? '由环境变量提供（优先于此处保存的值）'
                : s.isSet
                  ? '已设置；留空则保持不变'
                  : '未设置'
            }
          >
            <Input.Password
              autoComplete="new-password"
              value={secrets[s.name] ?? ''}
              onChange={(e) => setSecrets({ ...secrets, [s.name]: e.target.value })}
              placeholder={s.isSet ? '••••••（不显示）' : ''}
            />
          </Form.Item>
        ))}
        <Space wrap>
          <Button
            type="primary"
            loading={isSaving}
            onClick={save}
            data-testid={`channel-${view.channel}-save`}
          >
            保存
          </Button>
          {view.channel === 'email' && (
            <Input
              style={{ width: 220 }}
              placeholder="测试邮件收件地址"
              value={testTo}
              onChange={(e) => setTestTo(e.target.value)}
              data-testid="channel-email-test-to"
            />
          )}
          <Button loading={isTesting} onClick={sendTest} data-testid={`channel-${view.channel}-test`}>
            发送测试
          </Button>
        </Space>
        {tested && (
          <Alert
            style={{ marginTop: 12 }}
            type={tested.ok ? 'success' : 'error'}
            showIcon
            data-testid={`channel-${view.channel}-test-result`}
            title={tested.ok ? '测试消息已发出，请到接收端查看' : `发送失败：${tested.error ?? ''}`}
          />
        )}
      </Form>
    </Card>
  );
}

/** The panel. */
export function ChannelsPanel() {
  const channels = useApi(() => api.get('/api/admin/channels'), []);
  const [saved, setSaved] = useState<TChannelView[] | null>(null);
  const views = saved ?? channels.data ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">
        所有提醒都会写入站内“待办与消息”；开启的渠道会同时发送。用户可在“账号 →
        消息接收设置”中选择各渠道是否接收。 格式与密钥说明见 docs/channels.md。
      </Typography.Paragraph>
      {channels.error && <Alert type="error" showIcon title={channels.error} />}
      {views.map((v) => (
        <ChannelCard key={`${v.channel}-${String(v.enabled)}-${v.failed}`} view={v} onSaved={setSaved} />
      ))}
      <FailedDeliveries key={views.reduce((n, v) => n + v.failed, 0)} />
    </Space>
  );
}
