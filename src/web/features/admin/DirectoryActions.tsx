/**
 * Editing a unit's directory over the years: departments renamed, closed (停用) or merged into another; a person's
 * record corrected, or a duplicate record merged into the real one. Each is one audited step on the server.
 */
import { Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TAdminUnit } from '@shared/api.ts';
import { api } from '../../api/client.ts';
import type { TRun } from './admin-helpers.ts';

type TDepartment = TAdminUnit['departments'][number];
type TPerson = TAdminUnit['people'][number];

/** Chooses the record another one is merged into, with what the merge does in words. */
function MergeDialog({
  title,
  explanation,
  options,
  onMerge,
  onClose,
}: {
  title: string;
  explanation: string;
  options: Array<{ value: number; label: string }>;
  onMerge: (intoId: number) => Promise<boolean>;
  onClose: () => void;
}) {
  const [into, setInto] = useState<number | null>(null);
  return (
    <Modal
      open
      title={title}
      okText="合并"
      cancelText="取消"
      okButtonProps={{ disabled: into === null, danger: true }}
      onCancel={onClose}
      onOk={() => void onMerge(into ?? 0).then((ok) => ok && onClose())}
    >
      <Typography.Paragraph>{explanation}</Typography.Paragraph>
      <Select<number>
        placeholder="合并到"
        style={{ width: 240 }}
        value={into ?? undefined}
        onChange={setInto}
        options={options}
        data-testid="merge-into"
      />
    </Modal>
  );
}

/** The departments of the unit with their actions. */
export function DepartmentsTable({ unit, run }: { unit: TAdminUnit; run: TRun }) {
  const [renaming, setRenaming] = useState<TDepartment | null>(null);
  const [merging, setMerging] = useState<TDepartment | null>(null);
  const [name, setName] = useState('');
  const nameOf = (id: number | null) => unit.departments.find((d) => d.id === id)?.name ?? '';
  const patch = (d: TDepartment, body: { name?: string; isActive?: boolean }, done: string) =>
    run(
      () =>
        api.patch('/api/admin/departments/:id', {
          params: { id: d.id },
          body: { version: d.version, ...body },
        }),
      done,
    );
  return (
    <>
      <Table<TDepartment>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={unit.departments}
        columns={[
          { title: '部室', dataIndex: 'name' },
          {
            title: '状态',
            width: 160,
            render: (_, d) =>
              d.mergedIntoId !== null ? (
                <Tag>已并入{nameOf(d.mergedIntoId)}</Tag>
              ) : d.inactiveAt !== null ? (
                <Tag>已停用 {d.inactiveAt.slice(0, 10)}</Tag>
              ) : (
                <Tag color="green">在用</Tag>
              ),
          },
          {
            title: '',
            width: 240,
            render: (_, d) =>
              d.mergedIntoId !== null ? null : (
                <Space size="small">
                  <Button size="small" onClick={() => (setName(d.name), setRenaming(d))}>
                    改名
                  </Button>
                  {d.inactiveAt === null ? (
                    <>
                      <Popconfirm
                        title={`停用“${d.name}”？`}
                        description="停用后不能再分配新的措施和人员；已有的措施保留该部室。"
                        okText="停用"
                        cancelText="取消"
                        onConfirm={() => void patch(d, { isActive: false }, '已停用部室')}
                      >
                        <Button size="small">停用</Button>
                      </Popconfirm>
                      <Button
                        size="small"
                        onClick={() => setMerging(d)}
                        data-testid={`merge-department-${d.id}`}
                      >
                        合并到…
                      </Button>
                    </>
                  ) : (
                    <Button size="small" onClick={() => void patch(d, { isActive: true }, '已重新启用部室')}>
                      启用
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={renaming !== null}
        title="部室改名"
        okText="保存"
        cancelText="取消"
        onCancel={() => setRenaming(null)}
        onOk={() =>
          renaming && void patch(renaming, { name }, '已改名').then((ok) => ok && setRenaming(null))
        }
      >
        <Typography.Paragraph type="secondary">操作日志保留原名称。</Typography.Paragraph>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} />
      </Modal>
      {merging && (
        <MergeDialog
          title={`合并部室“${merging.name}”`}
          explanation={`“${merging.name}”未完成的整改措施和所属人员将转到所选部室，原部室停用并注明并入何处；已销号的措施和操作日志保留原部室名称。此操作不可撤销。`}
          options={unit.departments
            .filter((d) => d.id !== merging.id && d.inactiveAt === null)
            .map((d) => ({ value: d.id, label: d.name }))}
          onMerge={(intoId) =>
            run(
              () =>
                api.post('/api/admin/departments/:id/merge', {
                  params: { id: merging.id },
                  body: { version: merging.version, intoId },
                }),
              '已合并部室',
            )
          }
          onClose={() => setMerging(null)}
        />
      )}
    </>
  );
}

/** A person's 编辑 and 合并到… buttons with their dialogs. */
export function PersonActions({ person, unit, run }: { person: TPerson; unit: TAdminUnit; run: TRun }) {
  const [isEditing, setEditing] = useState(false);
  const [isMerging, setMerging] = useState(false);
  const [form] = Form.useForm<{ name: string; position: string; departmentId: number | null }>();
  return (
    <>
      <Button size="small" onClick={() => setEditing(true)}>
        编辑
      </Button>
      <Button size="small" onClick={() => setMerging(true)} data-testid={`merge-person-${person.id}`}>
        合并到…
      </Button>
      <Modal
        open={isEditing}
        title={`编辑人员：${person.name}`}
        okText="保存"
        cancelText="取消"
        onCancel={() => setEditing(false)}
        forceRender
        onOk={() =>
          void form.validateFields().then((v) =>
            run(
              () =>
                api.patch('/api/admin/people/:id', {
                  params: { id: person.id },
                  body: {
                    version: person.version,
                    name: v.name,
                    position: v.position || null,
                    departmentId: v.departmentId ?? null,
                  },
                }),
              '已保存',
            ).then((ok) => ok && setEditing(false)),
          )
        }
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            name: person.name,
            position: person.position ?? '',
            departmentId: person.departmentId,
          }}
        >
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="position" label="职务">
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="departmentId" label="部室">
            <Select<number>
              allowClear
              options={unit.departments
                .filter((d) => d.inactiveAt === null || d.id === person.departmentId)
                .map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        </Form>
      </Modal>
      {isMerging && (
        <MergeDialog
          title={`合并重复的人员记录：${person.name}`}
          explanation={`同一个人录入了两次时使用：${person.name} 未完成的整改措施、待答复的群众意见和登录账号都并入所选人员，本记录标为已合并；已销号的措施和操作日志保留原姓名。此操作不可撤销。`}
          options={unit.people
            .filter((p) => p.id !== person.id && p.leftAt === null)
            .map((p) => ({ value: p.id, label: p.position ? `${p.name}（${p.position}）` : p.name }))}
          onMerge={(intoId) =>
            run(
              () =>
                api.post('/api/admin/people/:id/merge', {
                  params: { id: person.id },
                  body: { version: person.version, intoId },
                }),
              '已合并人员记录',
            )
          }
          onClose={() => setMerging(false)}
        />
      )}
    </>
  );
}
