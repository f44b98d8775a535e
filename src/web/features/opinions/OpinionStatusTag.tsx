/** An opinion's status as a tag. */
import { Tag } from 'antd';
import { OPINION_STATUS_LABELS, type TOpinionStatus } from '@shared/opinions.ts';

const COLOUR: Record<TOpinionStatus, string> = {
  received: 'gold',
  accepted: 'processing',
  answered: 'success',
  out_of_scope: 'default',
};

/** The tag. */
export function OpinionStatusTag({ status }: { status: TOpinionStatus }) {
  return <Tag color={COLOUR[status]}>{OPINION_STATUS_LABELS[status]}</Tag>;
}
