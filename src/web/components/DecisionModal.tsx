/** A decision confirmed in a dialog with a text: an opinion (optional) or a reason (required). */
import { Input, Modal, Typography } from 'antd';
import { useState } from 'react';

/** What the dialog asks. */
export type TDecisionAsk = { title: string; label: string; isRequired: boolean; okText?: string };

/** The dialog; `ask` null hides it. `onSubmit` receives the trimmed text. */
export function DecisionModal(props: {
  ask: TDecisionAsk | null;
  onCancel: () => void;
  onSubmit: (text: string) => void;
  testId: string;
}) {
  const { ask, onCancel, onSubmit, testId } = props;
  const [text, setText] = useState('');
  // A new question starts empty; a failed submission keeps what was typed (state adjusted during render).
  // Compared by title: callers may build the question anew on every render.
  const [shown, setShown] = useState<string | null>(null);
  const current = ask?.title ?? null;
  if (current !== shown) {
    setShown(current);
    if (current !== null) setText('');
  }
  return (
    <Modal
      open={ask !== null}
      title={ask?.title ?? ''}
      okText={ask?.okText ?? '提交'}
      cancelText="取消"
      onCancel={onCancel}
      onOk={() => onSubmit(text.trim())}
      okButtonProps={{ disabled: ask?.isRequired === true && text.trim() === '' }}
    >
      <Typography.Text>{ask?.label ?? ''}</Typography.Text>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={1000}
        data-testid={testId}
      />
    </Modal>
  );
}
