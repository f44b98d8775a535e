/** 消息接收设置: the user's e-mail address and, for each channel the administrator opened, how to receive messages. */
import { Alert, App, Button, Card, Form, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import {
  DELIVERY_MODE_LABELS,
  DELIVERY_MODES,
  type TChannel,
  type TDeliveryMode,
  type TMyChannels,
} from '@shared/channels.ts';
import { api } from '../api/client.ts';
import { errorMessage, useApi } from '../api/use-api.ts';

/** The page. */
export function MyChannelsPage() {
  const mine = useApi(() => api.get('/api/me/channels'), []);
  return (
    <Card title="消息接收设置" style={{ maxWidth: 640 }}>
      {mine.error && <Alert type="error" showIcon title={mine.error} />}
      {mine.data && <ChannelsForm mine={mine.data} />}
    </Card>
  );
}

/** The form, started from what is stored. */
function ChannelsForm({ mine }: { mine: TMyChannels }) {
  const { message } = App.useApp();
  const [email, setEmail] = useState(mine.email ?? '');
  const [modes, setModes] = useState<Partial<Record<TChannel, TDeliveryMode>>>(() =>
    Object.fromEntries(mine.channels.map((c) => [c.channel, c.mode])),
  );
  const [isSaving, setSaving] = useState(false);
  const save = () => {
    setSaving(true);
    api
      .put('/api/me/channels', { body: { email, modes } })
      .then(() => void message.success('已保存'))
      .catch((e: unknown) => void message.error(errorMessage(e, '保存失败')))
      .finally(() => setSaving(false));
  };
  return (
    <Form layout="vertical">
      <Form.Item label="电子邮箱" extra="接收电子邮件提醒的地址；留空则不发邮件">
        <Input value={email} onChange={(e) => setEmail(e.target.value)} data-testid="my-email" />
      </Form.Item>
      {mine.channels.map((c) => (
        <Form.Item
          key={c.channel}
          label={
            <Space>
              {c.label}
              {!c.enabled && <Tag>管理员未开启</Tag>}
            </Space>
          }
        >
          <Select<TDeliveryMode>
            style={{ width: 160 }}
            value={modes[c.channel] ?? 'immediate'}
            onChange={(v) => setModes({ ...modes, [c.channel]: v })}
            options={DELIVERY_MODES.map((m) => ({ value: m, label: DELIVERY_MODE_LABELS[m] }))}
          />
        </Form.Item>
      ))}
      <Button type="primary" loading={isSaving} onClick={save} data-testid="my-channels-save">
        保存
      </Button>
    </Form>
  );
}
