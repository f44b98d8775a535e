/** Accounts: create, edit, disable, reset password. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select, Space, Switch, Table, Tag, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import type { TAdminUnit, TAdminUser } from '@shared/api.ts';
import { ROLE_LABELS, ROLES, type TRole } from '@shared/domain.ts';
import { api } from '../../api/client.ts';
import type { TRun, TTreeNode } from './admin-helpers.ts';

type TUserFields = {
  username: string;
  displayName: string;
  role: TRole;
  unitId: number | null;
  personId: number | null;
  password: string;
  isActive: boolean;
};

/** The accounts tab. */
export function UsersPanel({
  users,
  units,
  tree,
  run,
}: {
  users: TAdminUser[];
  units: TAdminUnit[];
  tree: TTreeNode[];
  run: TRun;
}) {
  const [editing, setEditing] = useState<TAdminUser | 'new' | null>(null);
  const [resetting, setResetting] = useState<TAdminUser | null>(null);
  const [password, setPassword] = useState('');
  const [form] = Form.useForm<TUserFields>();
  const unitId = Form.useWatch('unitId', form);
  const people = (units.find((u) => u.id === unitId)?.people ?? []).filter((p) => p.leftAt === null);
  const open = (u: TAdminUser | 'new') => {
    form.setFieldsValue(
      u === 'new'
        ? {
            username: '',
            displayName: '',
            role: 'responsible',
            unitId: null,
            personId: null,
            password: '',
            isActive: true,
          }
        : {
            displayName: u.displayName,
            role: u.role as TRole,
            unitId: u.unitId,
            personId: u.personId,
            isActive: u.isActive,
          },
    );
    setEditing(u);
  };
  const save = async () => {
    const v = await form.validateFields();
    const ok =
      editing === 'new'
        ? await run(
            () =>
              api.post('/api/admin/users', {
                body: {
                  username: v.username,
                  displayName: v.displayName,
                  role: v.role,
                  unitId: v.unitId ?? null,
                  personId: v.personId ?? null,
                  password: v.password,
                },
              }),
            '已创建用户，首次登录须修改密码',
          )
        : editing
          ? await run(
              () =>
                api.patch('/api/admin/users/:id', {
                  params: { id: editing.id },
                  body: {
                    displayName: v.displayName,
                    role: v.role,
                    unitId: v.unitId ?? null,
                    personId: v.personId ?? null,
                    isActive: v.isActive,
                  },
                }),
              '已保存',
            )
          : false;
    if (ok) setEditing(null);
  };
  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => open('new')}
        style={{ marginBottom: 12 }}
        data-testid="new-user"
      >
        新建用户
      </Button>
      <Table<TAdminUser>
        size="small"
        rowKey="id"
        dataSource={users}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'roleLabel' },
          { title: '范围', render: (_, u) => u.unitName ?? '全部单位' },
          {
            title: '状态',
            render: (_, u) => (
              <Space size={4}>
                {!u.isActive && <Tag>已停用</Tag>}
                {u.isLocked && <Tag color="error">已锁定</Tag>}
                {u.mustChangePassword && <Tag color="warning">待修改密码</Tag>}
                {u.isActive && !u.isLocked && !u.mustChangePassword && <Tag color="success">正常</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            render: (_, u) => (
              <Space>
                <Button size="small" type="link" onClick={() => open(u)}>
                  编辑
                </Button>
                <Button size="small" type="link" onClick={() => setResetting(u)}>
                  重置密码
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新建用户' : '编辑用户'}
        okText="保存"
        cancelText="取消"
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        forceRender
      >
        <Form form={form} layout="vertical">
          {editing === 'new' && (
            <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
              <Input autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label="角色" rules={[{ required: true }]}>
            <Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </Form.Item>
          <Form.Item name="unitId" label="单位范围（含下级单位）" extra="系统管理员可不选，表示全部单位">
            <TreeSelect treeData={tree} allowClear treeDefaultExpandAll placeholder="选择单位" />
          </Form.Item>
          <Form.Item name="personId" label="对应人员（责任领导、责任人需选择）">
            <Select
              allowClear
              options={people.map((p) => ({
                value: p.id,
                label: `${p.name}${p.position ? `（${p.position}）` : ''}`,
              }))}
            />
          </Form.Item>
          {editing === 'new' ? (
            <Form.Item
              name="password"
              label="初始密码（首次登录须修改）"
              rules={[{ required: true, message: '请设置初始密码' }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          ) : (
            <Form.Item name="isActive" label="启用" valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={resetting !== null}
        title={`重置“${resetting?.displayName ?? ''}”的密码`}
        okText="重置"
        cancelText="取消"
        onCancel={() => setResetting(null)}
        onOk={() =>
          void run(
            () =>
              api.post('/api/admin/users/:id/reset-password', {
                params: { id: resetting?.id ?? 0 },
                body: { password },
              }),
            '已重置，用户下次登录须修改密码',
          ).then((ok) => ok && (setResetting(null), setPassword('')))
        }
      >
        <Input.Password
          placeholder="临时密码（至少 10 位）"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          重置后该用户所有登录立即失效，并解除锁定。
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
