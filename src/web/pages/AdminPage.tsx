/** System administration: the unit tree with departments and people, and the accounts. */
import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Tree,
  TreeSelect,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { TAdminUnit, TAdminUser } from '@shared/api.ts';
import { ROLE_LABELS, ROLES, type TRole } from '@shared/domain.ts';
import { api, ApiError } from '../api/client.ts';

type TTreeNode = { key: number; value: number; title: string; children: TTreeNode[] };

function unitTree(units: TAdminUnit[]): TTreeNode[] {
  const nodes = new Map(
    units.map((u) => [u.id, { key: u.id, value: u.id, title: u.name, children: [] as TTreeNode[] }]),
  );
  const roots: TTreeNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id);
    if (!node) continue;
    const parent = u.parentId === null ? undefined : nodes.get(u.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

const errorText = (e: unknown) => (e instanceof ApiError ? e.message : '操作失败，请重试');

/** The page. */
export function AdminPage() {
  const { message } = App.useApp();
  const [units, setUnits] = useState<TAdminUnit[]>([]);
  const [users, setUsers] = useState<TAdminUser[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const reload = () => setReloadKey((n) => n + 1);

  useEffect(() => {
    let isCurrent = true;
    Promise.all([api<TAdminUnit[]>('GET', '/api/admin/units'), api<TAdminUser[]>('GET', '/api/admin/users')])
      .then(([u, us]) => {
        if (!isCurrent) return;
        setUnits(u);
        setUsers(us);
      })
      .catch((e: unknown) => isCurrent && setError(errorText(e)));
    return () => {
      isCurrent = false;
    };
  }, [reloadKey]);

  const tree = useMemo(() => unitTree(units), [units]);
  const unit = units.find((u) => u.id === (selected ?? units[0]?.id));
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
      reload();
      return true;
    } catch (e) {
      void message.error(errorText(e));
      return false;
    }
  };

  return (
    <Card title="系统管理">
      {error && <Alert type="error" showIcon title={error} />}
      <Tabs
        items={[
          {
            key: 'units',
            label: '单位与部室',
            children: (
              <Row gutter={16}>
                <Col span={8}>
                  {tree.length > 0 && (
                    <Tree
                      key={units.length}
                      treeData={tree}
                      defaultExpandAll
                      selectedKeys={unit ? [unit.id] : []}
                      onSelect={(keys) => setSelected(typeof keys[0] === 'number' ? keys[0] : null)}
                      data-testid="unit-tree"
                    />
                  )}
                </Col>
                <Col span={16}>
                  {unit && <UnitPanel key={`${unit.id}-${unit.version}`} unit={unit} run={run} />}
                </Col>
              </Row>
            ),
          },
          {
            key: 'users',
            label: `用户（${users.length}）`,
            children: <UsersPanel users={users} units={units} tree={tree} run={run} />,
          },
        ]}
      />
    </Card>
  );
}

type TRun = (work: () => Promise<unknown>, done: string) => Promise<boolean>;

function UnitPanel({ unit, run }: { unit: TAdminUnit; run: TRun }) {
  const [isEditing, setEditing] = useState(false);
  const [isAddingChild, setAddingChild] = useState(false);
  const [department, setDepartment] = useState('');
  const [person, setPerson] = useState<{ name: string; position: string; departmentId: number | null }>({
    name: '',
    position: '',
    departmentId: null,
  });
  const [form] = Form.useForm<{
    name: string;
    partyOrgName: string;
    phone: string;
    address: string;
    email: string;
  }>();
  const [childForm] = Form.useForm<{ name: string; partyOrgName: string }>();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={1}
        title={unit.name}
        extra={
          <Space>
            <Button onClick={() => setAddingChild(true)} icon={<PlusOutlined />}>
              新增下级单位
            </Button>
            <Button onClick={() => setEditing(true)}>编辑</Button>
          </Space>
        }
        items={[
          { key: 'p', label: '党组织名称', children: unit.partyOrgName ?? '—' },
          { key: 't', label: '公开联系电话', children: unit.phone ?? '—' },
          { key: 'a', label: '通信地址', children: unit.address ?? '—' },
          { key: 'e', label: '电子邮箱', children: unit.email ?? '—' },
        ]}
      />
      <Typography.Title level={5}>部室</Typography.Title>
      <Space wrap>
        {unit.departments.map((d) => (
          <Tag key={d.id}>{d.name}</Tag>
        ))}
        <Space.Compact>
          <Input
            placeholder="新部室名称"
            value={department}
            onChange={(e) => setDepartment(e.target.value)}
            style={{ width: 160 }}
          />
          <Button
            onClick={() =>
              void run(
                () => api('POST', `/api/admin/units/${unit.id}/departments`, { name: department }),
                '已新增部室',
              ).then((ok) => ok && setDepartment(''))
            }
          >
            新增
          </Button>
        </Space.Compact>
      </Space>
      <Typography.Title level={5}>人员（可作为责任领导、责任人）</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={unit.people}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '职务', dataIndex: 'position' },
          {
            title: '部室',
            render: (_, p) => unit.departments.find((d) => d.id === p.departmentId)?.name ?? '—',
          },
        ]}
      />
      <Space wrap>
        <Input
          placeholder="姓名"
          value={person.name}
          onChange={(e) => setPerson({ ...person, name: e.target.value })}
          style={{ width: 120 }}
        />
        <Input
          placeholder="职务"
          value={person.position}
          onChange={(e) => setPerson({ ...person, position: e.target.value })}
          style={{ width: 160 }}
        />
        <Select<number>
          allowClear
          placeholder="部室"
          style={{ width: 140 }}
          value={person.departmentId ?? undefined}
          onChange={(v) => setPerson({ ...person, departmentId: v ?? null })}
          options={unit.departments.map((d) => ({ value: d.id, label: d.name }))}
        />
        <Button
          onClick={() =>
            void run(
              () =>
                api('POST', `/api/admin/units/${unit.id}/people`, {
                  name: person.name,
                  position: person.position || null,
                  departmentId: person.departmentId,
                }),
              '已新增人员',
            ).then((ok) => ok && setPerson({ name: '', position: '', departmentId: null }))
          }
        >
          新增人员
        </Button>
      </Space>
      <Modal
        open={isEditing}
        title="编辑单位"
        okText="保存"
        cancelText="取消"
        onCancel={() => setEditing(false)}
        onOk={() =>
          void form.validateFields().then((v) =>
            run(
              () =>
                api('PATCH', `/api/admin/units/${unit.id}`, {
                  version: unit.version,
                  ...v,
                  partyOrgName: v.partyOrgName || null,
                  phone: v.phone || null,
                  address: v.address || null,
                  email: v.email || null,
                }),
              '已保存',
            ).then((ok) => ok && setEditing(false)),
          )
        }
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            name: unit.name,
            partyOrgName: unit.partyOrgName ?? '',
            phone: unit.phone ?? '',
            address: unit.address ?? '',
            email: unit.email ?? '',
          }}
        >
          <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="partyOrgName" label="党组织名称（如 中共XX党组）">
            <Input />
          </Form.Item>
          <Form.Item name="phone" label="公开联系电话（印在通报末尾）">
            <Input />
          </Form.Item>
          <Form.Item name="address" label="通信地址">
            <Input />
          </Form.Item>
          <Form.Item name="email" label="电子邮箱">
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={isAddingChild}
        title={`在“${unit.name}”下新增单位`}
        okText="新增"
        cancelText="取消"
        onCancel={() => setAddingChild(false)}
        onOk={() =>
          void childForm.validateFields().then((v) =>
            run(
              () =>
                api('POST', '/api/admin/units', {
                  parentId: unit.id,
                  name: v.name,
                  partyOrgName: v.partyOrgName || null,
                }),
              '已新增单位',
            ).then((ok) => ok && setAddingChild(false)),
          )
        }
        forceRender
      >
        <Form form={childForm} layout="vertical">
          <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="partyOrgName" label="党组织名称">
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

type TUserFields = {
  username: string;
  displayName: string;
  role: TRole;
  unitId: number | null;
  personId: number | null;
  password: string;
  isActive: boolean;
};

function UsersPanel({
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
  const people = units.find((u) => u.id === unitId)?.people ?? [];
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
              api('POST', '/api/admin/users', {
                username: v.username,
                displayName: v.displayName,
                role: v.role,
                unitId: v.unitId ?? null,
                personId: v.personId ?? null,
                password: v.password,
              }),
            '已创建用户，首次登录须修改密码',
          )
        : editing
          ? await run(
              () =>
                api('PATCH', `/api/admin/users/${editing.id}`, {
                  displayName: v.displayName,
                  role: v.role,
                  unitId: v.unitId ?? null,
                  personId: v.personId ?? null,
                  isActive: v.isActive,
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
            () => api('POST', `/api/admin/users/${resetting?.id ?? 0}/reset-password`, { password }),
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
