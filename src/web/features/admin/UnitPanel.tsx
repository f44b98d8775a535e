/** One unit: its names and contact, departments and people. */
import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { TAdminUnit } from '@shared/api.ts';

import { api } from '../../api/client.ts';
import type { TRun } from './admin-helpers.ts';
import { DepartmentsTable, PersonActions } from './DirectoryActions.tsx';
import { HandOverButton } from './HandOverButton.tsx';

/** The panel of the selected unit. */
export function UnitPanel({ unit, run }: { unit: TAdminUnit; run: TRun }) {
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
          {
            key: 'pub',
            label: '通报公开',
            children: (
              <Space wrap>
                <Switch
                  checked={unit.isPublic}
                  checkedChildren="公开"
                  unCheckedChildren="不公开"
                  data-testid="unit-public"
                  onChange={(isPublic) =>
                    void run(
                      () =>
                        api.patch('/api/admin/units/:id', {
                          params: { id: unit.id },
                          body: { version: unit.version, isPublic },
                        }),
                      isPublic ? '本单位已发布的通报已公开' : '本单位的通报已不再公开',
                    )
                  }
                />
                {unit.isPublic && (
                  <a href={`/public/units/${unit.id}`} target="_blank" rel="noreferrer">
                    查看公开页面
                  </a>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Title level={5}>部室</Typography.Title>
      <DepartmentsTable unit={unit} run={run} />
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
              () =>
                api.post('/api/admin/units/:id/departments', {
                  params: { id: unit.id },
                  body: { name: department },
                }),
              '已新增部室',
            ).then((ok) => ok && setDepartment(''))
          }
        >
          新增部室
        </Button>
      </Space.Compact>
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
          {
            title: '',
            width: 260,
            render: (_, p) =>
              p.mergedIntoId !== null ? (
                <Tag>已并入{unit.people.find((q) => q.id === p.mergedIntoId)?.name ?? ''}</Tag>
              ) : p.leftAt !== null ? (
                <Tag>已离任 {p.leftAt.slice(0, 10)}</Tag>
              ) : (
                <Space size="small">
                  <PersonActions person={p} unit={unit} run={run} />
                  <HandOverButton person={p} unit={unit} run={run} />
                </Space>
              ),
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
          options={unit.departments
            .filter((d) => d.inactiveAt === null)
            .map((d) => ({ value: d.id, label: d.name }))}
        />
        <Button
          onClick={() =>
            void run(
              () =>
                api.post('/api/admin/units/:id/people', {
                  params: { id: unit.id },
                  body: {
                    name: person.name,
                    position: person.position || null,
                    departmentId: person.departmentId,
                  },
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
                api.patch('/api/admin/units/:id', {
                  params: { id: unit.id },
                  body: {
                    version: unit.version,
                    ...v,
                    partyOrgName: v.partyOrgName || null,
                    phone: v.phone || null,
                    address: v.address || null,
                    email: v.email || null,
                  },
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
                api.post('/api/admin/units', {
                  body: {
                    parentId: unit.id,
                    name: v.name,
                    partyOrgName: v.partyOrgName || null,
                  },
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
