/** Records a progress entry on a measure, with evidence files attached to it. */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Modal, Upload, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TMeasureDetail, TMeasureView } from '@shared/api.ts';
import { api, uploadEvidence } from '../../api/client.ts';
import { errorMessage } from '../../api/use-api.ts';

type TFields = { entryDate: Dayjs; text: string };

/** The form (remounted per measure by its key); dates after today are not selectable. */
export function ProgressFormModal(props: {
  measure: TMeasureView | null;
  /** The server's date (Beijing): the default entry date and the last one allowed. */
  today: string;
  onSaved: (d: TMeasureDetail) => void;
  onCancel: () => void;
}) {
  const { measure, onSaved, onCancel, today } = props;
  const [form] = Form.useForm<TFields>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const submit = async () => {
    if (!measure) return;
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const date = v.entryDate.format('YYYY-MM-DD');
      let detail = await api.post('/api/measures/:id/progress', {
        params: { id: measure.id },
        body: {
          entryDate: date,
          text: v.text.trim(),
          version: measure.version,
        },
      });
      const entryId =
        detail.progress.find((p) => p.entryDate === date && p.text === v.text.trim())?.id ?? null;
      for (const f of files)
        if (f.originFileObj) detail = await uploadEvidence(measure.id, f.originFileObj, date, entryId);
      onSaved(detail);
    } catch (e) {
      setError(errorMessage(e, '保存失败，请重试'));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={measure !== null}
      title="记录整改进展"
      okText="保存"
      cancelText="取消"
      confirmLoading={isSaving}
      onOk={() => void submit()}
      onCancel={onCancel}
      forceRender
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="progress-error"
        />
      )}
      <Form<TFields> form={form} layout="vertical" initialValues={{ entryDate: dayjs(today), text: '' }}>
        <Form.Item name="entryDate" label="进展日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(dayjs(today), 'day')} />
        </Form.Item>
        <Form.Item
          name="text"
          label="进展情况"
          rules={[{ required: true, whitespace: true, message: '请填写进展情况' }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={5000}
            showCount
            data-testid="progress-text"
          />
        </Form.Item>
        <Form.Item label="佐证材料（图片、PDF、Word、Excel）">
          <Upload
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList)}
            multiple
            accept=".png,.jpg,.jpeg,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx"
          >
            <Button icon={<UploadOutlined />} data-testid="progress-files">
              选择文件
            </Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
