/** An order's status as a tag, with 逾期未回复 when the reply is overdue. */
import { Space, Tag } from 'antd';
import type { TSupervisionListItem } from '@shared/api.ts';
import { SUPERVISION_STATUS_LABELS, type TSupervisionStatus } from '@shared/supervision.ts';

const STATUS_COLOURS: Record<TSupervisionStatus, string> = {
  awaiting_reply: 'orange',
  replied: 'blue',
  closed: 'green',
};

/** The status as a tag, red when the reply is overdue. */
export function SupervisionStatusTag({
  order,
}: {
  order: Pick<TSupervisionListItem, 'status' | 'isOverdue'>;
}) {
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOURS[order.status]}>{SUPERVISION_STATUS_LABELS[order.status]}</Tag>
      {order.isOverdue && <Tag color="red">逾期未回复</Tag>}
    </Space>
  );
}
