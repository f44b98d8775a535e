/** The ledger table's columns: the six clarities, state, light, and the actions on each row. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { deadlineText, SIX_CLARITIES_INCOMPLETE } from '@shared/six-clarities.ts';
import { StateTag, WarningLight } from '../../components/StatusBits.tsx';
import type { TLedgerRow } from './ledger-rows.ts';
import type { TMeasureFormTarget } from './MeasureFormModal.tsx';

/** The columns; `onOpen` shows a measure's detail, `onForm` opens the create or edit form. */
export function ledgerColumns({
  canCreateMeasure,
  onOpen,
  onForm,
}: {
  canCreateMeasure: boolean;
  onOpen: (measureId: number) => void;
  onForm: (target: TMeasureFormTarget) => void;
}): ColumnsType<TLedgerRow> {
  return [
    {
      title: '序号',
      dataIndex: 'label',
      width: 110,
      render: (label: string, r) => (
        <span style={{ fontWeight: r.kind === 'measure' ? 400 : 600 }}>{label}</span>
      ),
    },
    {
      title: '问题 / 整改措施',
      render: (_, r) => {
        if (r.kind === 'category') return <Typography.Text strong>{r.title}</Typography.Text>;
        if (r.kind === 'problem') return <Typography.Text strong>关于“{r.title}”问题</Typography.Text>;
        const m = r.measure;
        return (
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: m.content }} style={{ marginBottom: 0 }}>
              {m.content}
            </Typography.Paragraph>
            {m.missing.length > 0 && <Tag color="warning">{SIX_CLARITIES_INCOMPLETE}</Tag>}
          </Space>
        );
      },
    },
    {
      title: '责任单位',
      width: 110,
      render: (_, r) => (r.kind === 'measure' ? (r.measure.departmentName ?? '—') : null),
    },
    {
      title: '责任领导',
      width: 86,
      render: (_, r) => (r.kind === 'measure' ? (r.measure.leaderName ?? '—') : null),
    },
    {
      title: '责任人',
      width: 86,
      render: (_, r) => (r.kind === 'measure' ? (r.measure.personName ?? '—') : null),
    },
    {
      title: '完成时限',
      width: 104,
      render: (_, r) =>
        r.kind === 'measure' ? (
          <span data-testid={`deadline-${r.measure.id}`}>{deadlineText(r.measure) || '—'}</span>
        ) : null,
    },
    {
      title: '超期天数',
      width: 72,
      align: 'center',
      render: (_, r) =>
        r.kind === 'measure' && r.measure.overdueDays !== null ? (
          <Typography.Text type="danger" data-testid={`overdue-${r.measure.id}`}>
            {r.measure.overdueDays}
          </Typography.Text>
        ) : null,
    },
    {
      title: '状态',
      width: 92,
      render: (_, r) => (r.kind === 'measure' ? <StateTag state={r.measure.state} /> : null),
    },
    {
      title: '预警',
      width: 56,
      align: 'center',
      render: (_, r) => (r.kind === 'measure' ? <WarningLight colour={r.measure.colour} /> : null),
    },
    {
      title: '操作',
      className: 'no-print',
      width: 120,
      render: (_, r) => {
        if (r.kind === 'problem' && canCreateMeasure) {
          return (
            <Button
              size="small"
              type="link"
              icon={<PlusOutlined />}
              onClick={() =>
                onForm({ kind: 'create', problemId: r.problem.id, problemTitle: r.problem.title })
              }
            >
              新增措施
            </Button>
          );
        }
        if (r.kind !== 'measure') return null;
        return (
          <Space size={0}>
            <Button
              size="small"
              type="link"
              onClick={() => onOpen(r.measure.id)}
              data-testid={`open-${r.measure.id}`}
            >
              详情
            </Button>
            {r.measure.allowed.includes('update') && (
              <Button
                size="small"
                type="link"
                onClick={() => onForm({ kind: 'edit', measure: r.measure })}
                data-testid={`edit-${r.measure.id}`}
              >
                编辑
              </Button>
            )}
          </Space>
        );
      },
    },
  ];
}
