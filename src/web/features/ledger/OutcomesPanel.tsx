/** Outcomes of rectification (整改成果): rules made or revised, money returned or recovered, accountability. */
import { Button, Card, Col, Input, InputNumber, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';

import { api } from '../../api/client.ts';
import { errorMessage, useApi } from '../../api/use-api.ts';

/** The panel. */
export function OutcomesPanel({
  inspectionId,
  onError,
}: {
  inspectionId: number;
  onError: (t: string) => void;
}) {
  const [rule, setRule] = useState({ title: '', docNumber: '', kind: 'new' as 'new' | 'revised' });
  const [money, setMoney] = useState<{ kind: string; amountYuan: number | null; fromWhom: string }>({
    kind: '',
    amountYuan: null,
    fromWhom: '',
  });
  const [people, setPeople] = useState<{ kind: string; people: number | null }>({ kind: '', people: null });
  const loaded = useApi(
    () => api.get('/api/inspections/:id/outcomes', { params: { id: inspectionId } }),
    [inspectionId],
  );
  const view = loaded.data;
  const add = async (call: () => Promise<unknown>) => {
    try {
      await call();
      loaded.reload();
      return true;
    } catch (e) {
      onError(errorMessage(e, '登记失败'));
      return false;
    }
  };
  if (!view) return null;
  return (
    <Card size="small" title="整改成果">
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col span={6}>
          <Statistic title="新制定制度" value={view.totals.rulesNew} suffix="项" />
        </Col>
        <Col span={6}>
          <Statistic title="修订完善制度" value={view.totals.rulesRevised} suffix="项" />
        </Col>
        <Col span={6}>
          <Statistic title="退赔、追缴资金" value={view.totals.moneyYuan} precision={2} suffix="元" />
        </Col>
        <Col span={6}>
          <Statistic title="问责、处理" value={view.totals.people} suffix="人" />
        </Col>
      </Row>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={view.rules}
        locale={{ emptyText: '尚未登记制度成果' }}
        columns={[
          { title: '制度', render: (_, r) => `《${r.title}》${r.docNumber ? `（${r.docNumber}）` : ''}` },
          { title: '类型', width: 90, render: (_, r) => <Tag>{r.kind === 'new' ? '新制定' : '修订'}</Tag> },
          { title: '印发日期', dataIndex: 'issuedDate', width: 110 },
        ]}
      />
      {view.canManage && (
        <Space wrap style={{ marginTop: 8 }}>
          <Input
            placeholder="制度名称"
            value={rule.title}
            onChange={(e) => setRule({ ...rule, title: e.target.value })}
            style={{ width: 240 }}
          />
          <Input
            placeholder="文号"
            value={rule.docNumber}
            onChange={(e) => setRule({ ...rule, docNumber: e.target.value })}
            style={{ width: 160 }}
          />
          <Select
            value={rule.kind}
            onChange={(kind) => setRule({ ...rule, kind })}
            options={[
              { value: 'new', label: '新制定' },
              { value: 'revised', label: '修订' },
            ]}
          />
          <Button
            onClick={() =>
              void add(() =>
                api.post('/api/inspections/:id/outcomes/rules', {
                  params: { id: inspectionId },
                  body: {
                    title: rule.title,
                    docNumber: rule.docNumber || null,
                    kind: rule.kind,
                  },
                }),
              ).then((ok) => ok && setRule({ title: '', docNumber: '', kind: 'new' }))
            }
          >
            登记制度
          </Button>
        </Space>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        style={{ marginTop: 12 }}
        dataSource={view.money}
        locale={{ emptyText: '尚未登记资金' }}
        columns={[
          { title: '类别', dataIndex: 'kind', width: 100 },
          { title: '金额（元）', dataIndex: 'amountYuan', width: 140 },
          {
            title: '对象',
            render: (_, m) => (view.canSeeMoneySource ? (m.fromWhom ?? '—') : '（无权查看）'),
          },
        ]}
      />
      {view.canManage && (
        <Space wrap style={{ marginTop: 8 }}>
          <Input
            placeholder="类别（清退、追缴…）"
            value={money.kind}
            onChange={(e) => setMoney({ ...money, kind: e.target.value })}
            style={{ width: 160 }}
          />
          <InputNumber
            placeholder="金额（元）"
            value={money.amountYuan}
            onChange={(v) => setMoney({ ...money, amountYuan: v })}
            min={0.01}
            precision={2}
            style={{ width: 140 }}
          />
          <Input
            placeholder="退赔对象"
            value={money.fromWhom}
            onChange={(e) => setMoney({ ...money, fromWhom: e.target.value })}
            style={{ width: 140 }}
          />
          <Button
            onClick={() =>
              void add(() =>
                api.post('/api/inspections/:id/outcomes/money', {
                  params: { id: inspectionId },
                  body: {
                    kind: money.kind,
                    amountYuan: money.amountYuan ?? 0,
                    fromWhom: money.fromWhom || null,
                  },
                }),
              ).then((ok) => ok && setMoney({ kind: '', amountYuan: null, fromWhom: '' }))
            }
          >
            登记资金
          </Button>
        </Space>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        style={{ marginTop: 12 }}
        dataSource={view.accountability}
        locale={{ emptyText: '尚未登记问责' }}
        columns={[
          { title: '类别', dataIndex: 'kind' },
          { title: '人数', dataIndex: 'people', width: 100 },
        ]}
      />
      {view.canManage && (
        <Space wrap style={{ marginTop: 8 }}>
          <Input
            placeholder="类别（问责、诫勉谈话…）"
            value={people.kind}
            onChange={(e) => setPeople({ ...people, kind: e.target.value })}
            style={{ width: 180 }}
          />
          <InputNumber
            placeholder="人数"
            value={people.people}
            onChange={(v) => setPeople({ ...people, people: v })}
            min={1}
            precision={0}
          />
          <Button
            onClick={() =>
              void add(() =>
                api.post('/api/inspections/:id/outcomes/accountability', {
                  params: { id: inspectionId },
                  body: { kind: people.kind, people: people.people ?? 0 },
                }),
              ).then((ok) => ok && setPeople({ kind: '', people: null }))
            }
          >
            登记问责
          </Button>
        </Space>
      )}
    </Card>
  );
}
