/** 记录约谈: date, who was interviewed, by whom, and what was said. */
import { DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';

/** The dialog. */
export function InterviewModal(props: {
  isOpen: boolean;
  onClose: () => void;
  onSubmit: (body: { heldOn: string; interviewee: string; interviewers: string; summary: string }) => void;
}) {
  const [heldOn, setHeldOn] = useState<Dayjs | null>(dayjs());
  const [interviewee, setInterviewee] = useState('');
  const [interviewers, setInterviewers] = useState('');
  const [summary, setSummary] = useState('');
  const isComplete = heldOn !== null && interviewee.trim() && interviewers.trim() && summary.trim();
  return (
    <Modal
      open={props.isOpen}
      title="记录约谈"
      okText="保存"
      cancelText="取消"
      onCancel={props.onClose}
      okButtonProps={{ disabled: !isComplete }}
      onOk={() =>
        heldOn &&
        props.onSubmit({
          heldOn: heldOn.format('YYYY-MM-DD'),
          interviewee: interviewee.trim(),
          interviewers: interviewers.trim(),
          summary: summary.trim(),
        })
      }
    >
      <Form layout="vertical">
        <Form.Item label="约谈日期" required>
          <DatePicker
            value={heldOn}
            onChange={setHeldOn}
            format="YYYY-MM-DD"
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
        <Form.Item label="被约谈人" required>
          <Input value={interviewee} onChange={(e) => setInterviewee(e.target.value)} maxLength={100} />
        </Form.Item>
        <Form.Item label="约谈人" required>
          <Input value={interviewers} onChange={(e) => setInterviewers(e.target.value)} maxLength={200} />
        </Form.Item>
        <Form.Item label="约谈情况" required>
          <Input.TextArea
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={4000}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
